"""The checks DfE's data screener makes, as strictly, on the text read from the published file.

Each check is one vectorised Polars expression over the whole table, recorded in the validation
log with its count and first rows, as the EES data screener reports. A `Checker` keeps every
blocking breach and raises them together once every check that can run has.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import polars.selectors as cs

from .. import published
from ..core.errors import CONTROL_CHARACTERS, InputError, SencoError, control_character, shown_list
from ..core.reference import valid_dates
from .read import LINE
from .validation import FAIL, INFO, WARN, ValidationLog

# ASCII digits only: in Polars' regex \d also matches other scripts' digits, which cast() rejects.
COUNT_PATTERN = r"^[0-9]{1,18}$"  # a whole number that fits in Int64
# No LA has anywhere near a million early years settings or practitioners (England has about
# 60,000 settings): a larger count is a corrupt file. Bounded so, sums over every row of a
# release stay far inside Int64, which Polars would otherwise let wrap round silently.
MAX_COUNT = 1_000_000
YEAR_PATTERN = r"^[0-9]{4}$"
# The rows of a failed check the validation log lists (the rest are counted), as the screener does.
SHOWN_BREACHES = 10
BREACH_ERROR = "error"
BREACH_WARN = "warn"

# The clean table's counts: (name, published status, published count column).
COUNT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("settings_registered", published.STATUS_REGISTERED, "no_of_settings"),
    ("settings_completed", published.STATUS_COMPLETED, "no_of_settings"),
    ("settings_total", published.STATUS_TOTAL, "no_of_settings"),
    ("practitioners_registered", published.STATUS_REGISTERED, "no_of_practitioners"),
    ("practitioners_completed", published.STATUS_COMPLETED, "no_of_practitioners"),
)
IDENTITY = ("period", "time_period", "time_identifier", "new_la_code", "old_la_code", "la_name",
            "la_code_as_published", "region_code", "region_name")  # fmt: skip

# Ordered pairs (smaller, larger) that must hold wherever both counts are numbers.
CONSISTENCY_RULES: tuple[tuple[str, str], ...] = (
    ("settings_completed", "settings_registered"),
    ("settings_registered", "settings_total"),
    ("practitioners_completed", "practitioners_registered"),
)


class ValidationFailed(SencoError):
    """Blocking checks failed: one line per failed check, and the log of every check run."""

    def __init__(self, errors: list[InputError], lines: list[str], log: ValidationLog) -> None:
        super().__init__("\n".join(lines))
        self.errors = errors
        self.error = errors[0]  # the first breach of the first failed check
        self.lines = lines
        self.log = log


def symbol_reason(symbol: str) -> str:
    return f"{published.SYMBOLS[symbol]} ({symbol})"


class Checker:
    """Runs checks on tables from one file and records each in the log; a blocking breach is
    kept, and `stop_if_failed` raises them all together once every check that can run has."""

    def __init__(self, source: str, log: ValidationLog) -> None:
        self.source = source
        self.log = log
        self.errors: list[InputError] = []
        self.lines: list[str] = []

    def require(
        self,
        frame: pl.DataFrame,
        name: str,
        description: str,
        bad: pl.Expr,
        column: str | Callable[[dict], str] | None,
        message: str | Callable[[dict], str],
        *,
        blocking: bool = True,
    ) -> int:
        """Record the check with its count and first breaching rows (each a one-line error).
        `column` names the column at fault, or picks it from the breaching row."""
        breaches = frame.filter(bad)
        if breaches.height == 0:
            self.log.record(name, description, checked=frame.height)
            return 0

        def error(row: dict) -> InputError:
            at = column(row) if callable(column) else column
            return InputError(
                self.source,
                message(row) if callable(message) else message,
                line=row[LINE],
                column=at,
                value=None if at is None else (row.get(at) or ""),
            )

        errors = [error(row) for row in breaches.head(SHOWN_BREACHES).iter_rows(named=True)]
        more = breaches.height - len(errors)
        self.log.record(
            name,
            description,
            checked=frame.height,
            failed=breaches.height,
            outcome=FAIL if blocking else WARN,
            details=[str(error) for error in errors] + ([f"and {more} more"] if more else []),
        )
        if blocking:
            lines = breaches[LINE].head(6).to_list()
            self.fail(errors[0], breaches.height, lines[1:])
        return breaches.height

    def fail(self, error: InputError, count: int = 1, other_lines: list[int] = ()) -> None:
        """Keep a blocking breach: its first error and how many more rows broke the check."""
        self.errors.append(error)
        line = str(error)
        if count > 1:
            listed = ", ".join(map(str, other_lines[:5]))
            rest = count - 1 - len(other_lines[:5])
            line += f"; and {count - 1} more row(s), at line(s) {listed}"
            line += f" and {rest} more" if rest > 0 else ""
        self.lines.append(line)

    def stop_if_failed(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors, self.lines, self.log)


def check_not_empty(frame: pl.DataFrame, checker: Checker) -> bool:
    has_rows = frame.height > 0
    checker.log.record("not_empty", "The file has at least one data row", checked=frame.height,
                       failed=0 if has_rows else 1)  # fmt: skip
    if not has_rows:
        checker.fail(InputError(checker.source, "the file has a header but no data rows", line=2))
    return has_rows


def check_printable(frame: pl.DataFrame, checker: Checker) -> None:
    """Every value is printable text, as the EES screener requires: a control character would
    survive into every output (and break a PDF's text, or a terminal showing an error)."""
    columns = [c for c, kind in frame.schema.items() if c != LINE and kind == pl.String]

    def has_control(column: str) -> pl.Expr:
        return pl.col(column).str.contains(CONTROL_CHARACTERS).fill_null(False)

    def at_fault(row: dict) -> str:
        return next(c for c in columns if control_character(row[c] or ""))

    def message(row: dict) -> str:
        return (
            f"holds the control character {control_character(row[at_fault(row)])}, which no "
            "published value has"
        )

    checker.require(
        frame,
        "printable",
        "Values hold no control characters",
        pl.any_horizontal(*(has_control(c) for c in columns)) if columns else pl.lit(False),
        at_fault,
        message,
    )


def check_values(frame: pl.DataFrame, checker: Checker) -> None:
    """Values are printable; level, country, time and status are as published."""
    check_printable(frame, checker)
    checker.require(
        frame,
        "geographic_level",
        f"geographic_level is '{published.GEOGRAPHIC_LEVEL}'",
        pl.col("geographic_level").ne_missing(published.GEOGRAPHIC_LEVEL),
        "geographic_level",
        f"expected '{published.GEOGRAPHIC_LEVEL}'",
    )
    for column, expected in (
        ("country_code", published.COUNTRY_CODE),
        ("country_name", published.COUNTRY_NAME),
    ):
        checker.require(
            frame,
            column,
            f"{column} is {expected}",
            pl.col(column).ne_missing(expected),
            column,
            f"expected '{expected}'",
        )
    checker.require(
        frame,
        "time_period",
        "time_period is a four-digit year",
        pl.col("time_period").str.contains(YEAR_PATTERN).fill_null(False).not_(),
        "time_period",
        "not a four-digit year",
    )
    first, last = published.PROGRAMME_START_YEAR, published.LATEST_PLAUSIBLE_YEAR
    year = pl.col("time_period").cast(pl.Int32, strict=False)
    checker.require(
        frame,
        "time_period_range",
        f"time_period is a year of the programme ({first} to {last})",
        ((year < first) | (year > last)).fill_null(False),
        "time_period",
        f"not a year of the programme, which began in October {first}",
    )
    checker.require(
        frame,
        "time_identifier",
        "time_identifier is a month name",
        pl.col("time_identifier").is_in(published.MONTHS).fill_null(False).not_(),
        "time_identifier",
        "not a month name (January to December)",
    )
    checker.require(
        frame,
        "status",
        f"status is one of: {', '.join(published.STATUSES)}",
        pl.col("status").is_in(published.STATUSES).fill_null(False).not_(),
        "status",
        f"not one of the published statuses ({', '.join(published.STATUSES)})",
    )


def period_bounds(frame: pl.DataFrame) -> pl.DataFrame:
    """Each row's first and last day of its month (null where the year or month is not valid)."""
    month_numbers = {month: index for index, month in enumerate(published.MONTHS, 1)}
    year = pl.col("time_period").cast(pl.Int32, strict=False)
    # Only the years the range check accepts: any other would be out of a date's range.
    first, last = published.PROGRAMME_START_YEAR, published.LATEST_PLAUSIBLE_YEAR
    year = pl.when(year.is_between(first, last)).then(year)
    month = pl.col("time_identifier").replace_strict(month_numbers, default=None,
                                                    return_dtype=pl.Int8)  # fmt: skip
    start = pl.date(year, month, 1)
    return frame.with_columns(_period_start=start, _period_end=start.dt.month_end())


def period_key() -> pl.Expr:
    """The clean table's `period`, ISO year-month (2024-06), from `period_bounds`."""
    return pl.col("_period_start").dt.strftime("%Y-%m")


def check_la_identity(frame: pl.DataFrame, checker: Checker, lookup: pl.DataFrame) -> pl.DataFrame:
    """Each code is in the lookup with its number and name, was in use in the row's period, and
    belongs to a live LA; returns the rows with that LA's live code, name and region.

    A recoded LA (Barnsley E08000016, from 1 May 2025 E08000038) is followed by its DfE number:
    rows under either code belong to one LA, which the outputs show under its live code."""
    expected = lookup.select(
        "new_la_code",
        pl.col("old_la_code").alias("_expected_old_la_code"),
        pl.col("la_name").alias("_expected_la_name"),
        pl.col("valid_from").alias("_valid_from"),
        pl.col("valid_to").alias("_valid_to"),
        pl.col("current_la_code").alias("_current_la_code"),
        pl.col("current_la_name").alias("_current_la_name"),
        pl.col("region_code").alias("_region_code"),
        pl.col("region_name").alias("_region_name"),
    )
    joined = period_bounds(frame).join(expected, on="new_la_code", how="left",
                                       maintain_order="left")  # fmt: skip
    known = pl.col("_expected_la_name").is_not_null()
    checker.require(
        joined,
        "la_code_known",
        "new_la_code is an LA code in the DfE lookup",
        known.not_(),
        "new_la_code",
        "unknown local authority code",
    )
    checker.require(
        joined,
        "la_old_code_matches",
        "old_la_code matches new_la_code in the DfE lookup",
        known & pl.col("old_la_code").ne_missing(pl.col("_expected_old_la_code")),
        "old_la_code",
        lambda row: (
            f"does not match {row['new_la_code']} (expected '{row['_expected_old_la_code']}')"
        ),
    )
    checker.require(
        joined,
        "la_name_matches",
        "la_name matches new_la_code in the DfE lookup",
        known & pl.col("la_name").ne_missing(pl.col("_expected_la_name")),
        "la_name",
        lambda row: f"does not match {row['new_la_code']} (expected '{row['_expected_la_name']}')",
    )
    checker.require(
        joined,
        "la_code_in_use",
        "new_la_code was in use in the row's period, by the lookup's dates",
        known & in_use_during("_valid_from", "_valid_to").not_().fill_null(False),
        "new_la_code",
        lambda row: (
            f"not in use in {row['time_identifier']} {row['time_period']}: the lookup gives "
            f"{row['new_la_code']} {valid_dates(row['_valid_from'], row['_valid_to'])}"
        ),
    )
    checker.require(
        joined,
        "la_code_live",
        "new_la_code belongs to a live LA (one with a live code of the same DfE number)",
        known & pl.col("_current_la_code").is_null(),
        "new_la_code",
        lambda row: (
            f"{row['la_name']} is no longer a local authority: no live code in the lookup has "
            f"its DfE number {row['old_la_code']!r}"
        ),
    )
    return joined.with_columns(
        la_code_as_published=pl.col("new_la_code"),
        new_la_code=pl.coalesce("_current_la_code", "new_la_code"),
        la_name=pl.coalesce("_current_la_name", "la_name"),
        region_code=pl.col("_region_code"),
        region_name=pl.col("_region_name"),
    ).drop(cs.starts_with("_expected_", "_current_", "_region_", "_valid_"))


def in_use_during(valid_from: str, valid_to: str) -> pl.Expr:
    """A code (in use from `valid_from` to `valid_to`, null: still in use) was in use on some
    day of the row's month (`period_bounds`)."""
    return (pl.col(valid_from) <= pl.col("_period_end")) & (
        pl.col(valid_to).is_null() | (pl.col(valid_to) >= pl.col("_period_start"))
    )


def check_counts(frame: pl.DataFrame, checker: Checker) -> pl.DataFrame:
    """Counts are whole numbers or published symbols; type them, symbols becoming null + reason."""
    symbols = list(published.SYMBOLS)
    allowed = ", ".join(symbols)
    for column in published.COUNT_COLUMNS:
        value = pl.col(column)
        checker.require(
            frame,
            f"{column}_values",
            f"{column} is a non-negative whole number or a published symbol ({allowed})",
            (value.str.contains(COUNT_PATTERN) | value.is_in(symbols)).fill_null(False).not_(),
            column,
            f"not a non-negative whole number or a published symbol ({allowed})",
        )
        checker.require(
            frame,
            f"{column}_plausible",
            f"{column} is at most {MAX_COUNT:,} (no LA has more)",
            (
                value.str.contains(COUNT_PATTERN) & (value.cast(pl.Int64, strict=False) > MAX_COUNT)
            ).fill_null(False),
            column,
            f"larger than {MAX_COUNT:,}, more than any local authority could have",
        )
    symbol_counts = (
        frame.unpivot(index="status", on=list(published.COUNT_COLUMNS))
        .filter(pl.col("value").is_in(symbols))
        .group_by("variable", "status", "value")
        .len()
        .sort("variable", "status", "value")
    )
    checker.log.record(
        "symbols",
        "Published symbols become null counts with a reason, never zero",
        checked=frame.height * len(published.COUNT_COLUMNS),
        outcome=INFO,
        details=[
            f"{row['variable']} on {row['status']} rows: '{row['value']}' "
            f"({published.SYMBOLS[row['value']]}) x {row['len']}"
            for row in symbol_counts.iter_rows(named=True)
        ],
    )
    reasons = {symbol: symbol_reason(symbol) for symbol in symbols}
    typed = []
    for column in published.COUNT_COLUMNS:
        value = pl.col(column)
        typed += [
            pl.when(value.str.contains(COUNT_PATTERN))
            .then(value.cast(pl.Int64))
            .alias(f"{column}_n"),
            pl.when(value.is_in(symbols))
            .then(value.replace_strict(reasons, default=None))
            .alias(f"{column}_reason"),
        ]
    return frame.with_columns(typed)


def check_keys(frame: pl.DataFrame, checker: Checker) -> None:
    key = ["time_period", "time_identifier", "new_la_code", "status"]
    checker.require(
        frame,
        "unique_key",
        "No two rows share a period, LA and status",
        pl.struct(key).is_first_distinct().not_(),
        "status",
        lambda row: (
            f"repeats the row for {row['new_la_code']} in "
            f"{row['time_identifier']} {row['time_period']}"
        ),
    )
    period_la = ["time_period", "time_identifier", "new_la_code"]
    checker.require(
        frame,
        "complete_statuses",
        "Every LA present in a period has all three statuses",
        pl.col("status").n_unique().over(period_la) < len(published.STATUSES),
        "status",
        lambda row: (
            f"{row['new_la_code']} in {row['time_identifier']} {row['time_period']} "
            f"lacks a status (each LA needs: {', '.join(published.STATUSES)})"
        ),
    )
    checker.require(
        frame,
        "total_row_practitioners",
        "no_of_practitioners on total rows is 'x' as published (no practitioner denominator)",
        (pl.col("status") == published.STATUS_TOTAL)
        & (pl.col("no_of_practitioners") != published.SYMBOL_NOT_AVAILABLE),
        "no_of_practitioners",
        "DfE publishes no practitioner count on total rows; this value is not used",
        blocking=False,
    )


MISSING_COLUMNS = ("period", "period_label", "new_la_code", "old_la_code", "la_name",
                   "region_code", "region_name")  # fmt: skip


def missing_las(frame: pl.DataFrame, lookup: pl.DataFrame) -> pl.DataFrame:
    """For each period in the file, the live LAs the lookup says were in use and have no rows,
    under their live code and name (`MISSING_COLUMNS`)."""
    periods = frame.select("time_period", "time_identifier", "_period_start", "_period_end")
    periods = periods.unique(maintain_order=True).drop_nulls()
    in_use = periods.join(lookup.filter(pl.col("current_la_code").is_not_null()), how="cross")
    in_use = in_use.filter(in_use_during("valid_from", "valid_to")).select(
        "time_period", "time_identifier", "_period_start",
        pl.col("current_la_code").alias("new_la_code"), pl.col("current_la_name").alias("la_name"),
        "old_la_code", "region_code", "region_name",
    ).unique(maintain_order=True)  # fmt: skip
    present = frame.select("time_period", "time_identifier", "new_la_code").unique()
    return (
        in_use.join(present, on=["time_period", "time_identifier", "new_la_code"], how="anti")
        .with_columns(
            period=period_key(),
            period_label=pl.concat_str("time_identifier", pl.lit(" "), "time_period"),
        )
        .sort("_period_start", "new_la_code")
        .select(MISSING_COLUMNS)
    )


def check_coverage(
    frame: pl.DataFrame, lookup: pl.DataFrame, checker: Checker, allow_missing: bool
) -> pl.DataFrame:
    """Every LA in use in a period has rows in it: an error by default (a release cut short at an
    LA boundary would otherwise give England's figures from the LAs that arrived), or with
    `allow_missing_las` a warning, and the outputs say which LAs are missing."""
    missing = missing_las(frame, lookup)
    details = [
        f"{label}: {rows.height} LA(s) missing: "
        + shown_list(
            [f"{code} {name}" for code, name in rows.select("new_la_code", "la_name").rows()]
        )
        for (label,), rows in missing.group_by("period_label", maintain_order=True)
    ]
    description = "Every LA the lookup gives for a period has rows in it"
    checked = frame.select("time_period", "time_identifier").n_unique()
    if not details:
        checker.log.record("la_coverage", description, checked=checked)
        return missing
    outcome = WARN if allow_missing else FAIL
    checker.log.record("la_coverage", description, checked=checked, failed=len(details),
                       outcome=outcome, details=details)  # fmt: skip
    if not allow_missing:
        for detail in details:
            checker.fail(InputError(checker.source, f"{detail}; to build without them, set "
                                    "allow_missing_las: true"))  # fmt: skip
    return missing


def check_consistency(wide: pl.DataFrame, checker: Checker, on_breach: str) -> None:
    """completed <= registered <= total (settings) and completed <= registered (practitioners).

    A breach is reported on the smaller count's row, naming its published column and value.
    """
    for smaller, larger in CONSISTENCY_RULES:
        column = next(column for name, _, column in COUNT_FIELDS if name == smaller)
        rows = wide.with_columns(
            pl.col(f"{smaller}{LINE}").alias(LINE), pl.col(smaller).cast(pl.String).alias(column)
        )
        checker.require(
            rows,
            f"{smaller}_le_{larger}",
            f"{smaller} is at most {larger}",
            (pl.col(smaller) > pl.col(larger)).fill_null(False),
            column,
            lambda row, smaller=smaller, larger=larger: (
                f"{smaller} exceeds {larger} {row[larger]} (line {row[f'{larger}{LINE}']}) "
                f"for {row['new_la_code']} in {row['period']}"
            ),
            blocking=on_breach == BREACH_ERROR,
        )
