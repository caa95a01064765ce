"""Check the published file as strictly as DfE's data screener, then type and reshape it.

Every column is read as text; each check is one vectorised Polars expression over the whole table
and is recorded in the validation log. The first breach of a blocking check stops the run with
one line naming the file, the line in the raw file, the column and the value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
import polars.selectors as cs

from . import paths, published
from .contract import enforce, load_contract
from .errors import InputError, SencoError
from .fileio import sha256_bytes
from .validation import FAIL, INFO, PASS, WARN, ValidationLog

LINE = "_line"  # physical line of each record in the raw file (the header is line 1)
# ASCII digits only: in Polars' regex \d also matches other scripts' digits, which cast() rejects.
COUNT_PATTERN = r"^[0-9]{1,18}$"  # a whole number that fits in Int64
# No LA has anywhere near a million early years settings or practitioners (England has about
# 60,000 settings): a larger count is a corrupt file. Bounded so, sums over every row of a
# release stay far inside Int64, which Polars would otherwise let wrap round silently.
MAX_COUNT = 1_000_000
YEAR_PATTERN = r"^[0-9]{4}$"
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
IDENTITY = ("period", "time_period", "time_identifier", "new_la_code", "old_la_code", "la_name")

# Ordered pairs (smaller, larger) that must hold wherever both counts are numbers.
CONSISTENCY_RULES: tuple[tuple[str, str], ...] = (
    ("settings_completed", "settings_registered"),
    ("settings_registered", "settings_total"),
    ("practitioners_completed", "practitioners_registered"),
)


class ValidationFailed(SencoError):
    """A blocking check failed; carries the validation log up to and including that check."""

    def __init__(self, error: InputError, log: ValidationLog) -> None:
        super().__init__(str(error))
        self.error = error
        self.log = log


@dataclass(frozen=True)
class CleanResult:
    table: pl.DataFrame
    log: ValidationLog


def symbol_reason(symbol: str) -> str:
    return f"{published.SYMBOLS[symbol]} ({symbol})"


# --- reading -------------------------------------------------------------------------------


def decode(data: bytes, source: str, log: ValidationLog) -> str:
    """UTF-8 text with any BOM removed and line endings made LF (both tolerated, and noted)."""
    description = "File is UTF-8 text (a byte-order mark and CRLF line endings are tolerated)"
    try:
        text = data.decode("utf-8")
        if "\x00" in text:
            # UTF-16 without a byte-order mark decodes as UTF-8 full of NULs.
            position = text.index("\x00")
            raise UnicodeDecodeError("utf-8", data, position, position + 1, "NUL byte")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        error = InputError(
            source, f"not valid UTF-8 text ({problem.reason} at byte {problem.start})", line=line
        )
        log.record("encoding", description, checked=1, failed=1, details=[str(error)])
        raise error from None
    notes = []
    if text.startswith("\ufeff"):
        text = text[1:]
        notes.append("UTF-8 byte-order mark removed")
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
        notes.append("CRLF line endings read as LF")
    if "\r" in text:
        text = text.replace("\r", "\n")
        notes.append("CR line endings read as LF")
    log.record("encoding", description, checked=1, details=notes)
    return text


def check_unchanged_since_acquired(data: bytes, provenance: dict, source: str) -> None:
    """The raw file is the one its provenance describes: if it was edited after `acquire`, every
    output would carry a checksum (and a source) that is not its input's, so stop instead."""
    actual = sha256_bytes(data)
    if actual != provenance["sha256"]:
        raise InputError(
            source,
            f"changed since it was acquired (sha256 {actual[:12]}..., provenance.json records "
            f"{provenance['sha256'][:12]}...); acquire it again: snakemake --forcerun acquire",
        )


def read_records(text: str, source: str, log: ValidationLog) -> pl.DataFrame:
    """Parse the CSV strictly into a frame of text columns, with each record's line in the file.

    One parser (Python's csv module in strict mode) both checks the structure and builds the
    frame, so the two can never disagree. Each record must sit on one line and have the header's
    number of fields; blank lines at the end are ignored, elsewhere they are an error. That makes
    record i line i + 2 of the raw file, so line numbers in errors are exact.
    """
    description = "Every record has the header's number of fields, one record per line"
    body = text.rstrip("\n") + "\n"
    reader = csv.reader(io.StringIO(body, newline=""), strict=True)
    records: list[list[str]] = []

    def stop(problem: str, line: int) -> None:
        error = InputError(source, problem, line=line)
        log.record("structure", description, checked=len(records), failed=1, details=[str(error)])
        raise error

    try:
        header = next(reader, None)
        if not header or not any(field.strip() for field in header):
            stop("the file has no header line", 1)
        for fields in reader:
            line = len(records) + 2
            if reader.line_num != line:
                stop("a quoted value spans several lines", line)
            if not fields:
                stop("blank line", line)
            if len(fields) != len(header):
                stop(f"{len(fields)} fields where the header has {len(header)}", line)
            records.append(fields)
    except csv.Error as problem:
        reason = (
            "a quoted value never closes (a stray quote?)"
            if "field larger than field limit" in str(problem)
            else f"malformed CSV ({problem})"
        )
        stop(reason, len(records) + 2)  # where the bad record starts
    log.record("structure", description, checked=len(records))
    names = [name.strip() for name in header]
    check_columns(names, source, log)
    frame = pl.DataFrame(records, schema=dict.fromkeys(names, pl.String), orient="row")
    return frame.with_columns(pl.int_range(2, len(records) + 2, dtype=pl.Int64).alias(LINE))


# --- checks ----------------------------------------------------------------------------------


class Checker:
    """Runs checks on tables from one file, records each in the log, stops at a blocking breach."""

    def __init__(self, source: str, log: ValidationLog) -> None:
        self.source = source
        self.log = log

    def require(
        self,
        frame: pl.DataFrame,
        name: str,
        description: str,
        bad: pl.Expr,
        column: str,
        message: str | Callable[[dict], str],
        *,
        blocking: bool = True,
    ) -> int:
        """Record the check; if any row is `bad`, stop (or warn) naming the first such row."""
        breaches = frame.filter(bad)
        if breaches.height == 0:
            self.log.record(name, description, checked=frame.height)
            return 0
        first = breaches.row(0, named=True)
        text = message(first) if callable(message) else message
        value = first.get(column)
        error = InputError(
            self.source, text, line=first[LINE], column=column, value="" if value is None else value
        )
        more = breaches.height - 1
        details = [str(error) + (f"; and {more} more row(s)" if more else "")]
        self.log.record(
            name,
            description,
            checked=frame.height,
            failed=breaches.height,
            outcome=FAIL if blocking else WARN,
            details=details,
        )
        if blocking:
            raise error
        return breaches.height


def check_columns(present: list[str], source: str, log: ValidationLog) -> None:
    description = "Column names are exactly the published ones"
    missing = [name for name in published.PUBLISHED_COLUMNS if name not in present]
    unexpected = [name for name in present if name not in published.PUBLISHED_COLUMNS]
    duplicated = sorted({name for name in present if present.count(name) > 1})
    problems = []
    if missing:
        problems.append(f"missing column(s) {', '.join(map(repr, missing))}")
    if unexpected:
        problems.append(f"unexpected column(s) {', '.join(map(repr, unexpected))}")
    if duplicated:
        problems.append(f"repeated column(s) {', '.join(map(repr, duplicated))}")
    if problems:
        error = InputError(source, "; ".join(problems), line=1)
        log.record("columns", description, checked=len(present), failed=1, details=[str(error)])
        raise error
    order_note = []
    outcome = PASS
    if tuple(present) != published.PUBLISHED_COLUMNS:
        outcome = WARN
        order_note = [f"columns are in a different order from the published file: {present}"]
    log.record("columns", description, checked=len(present), outcome=outcome, details=order_note)


def strip_whitespace(frame: pl.DataFrame, log: ValidationLog) -> pl.DataFrame:
    value_columns = [name for name in frame.columns if name != LINE]
    padded = frame.select(
        pl.sum_horizontal(
            (pl.col(name) != pl.col(name).str.strip_chars()).fill_null(False)
            for name in value_columns
        )
    ).to_series()
    trimmed = int(padded.sum())
    log.record(
        "whitespace",
        "Spaces around values are removed (tolerated)",
        checked=frame.height * len(value_columns),
        outcome=INFO if trimmed else PASS,
        details=[f"{trimmed} value(s) had surrounding spaces removed"] if trimmed else [],
    )
    return frame.with_columns(pl.col(value_columns).str.strip_chars())


def check_values(frame: pl.DataFrame, checker: Checker, reference: pl.DataFrame) -> None:
    """The file has rows, and level, country, time, status and LA identity are as published."""
    frame_has_rows = frame.height > 0
    checker.log.record(
        "not_empty",
        "The file has at least one data row",
        checked=frame.height,
        failed=0 if frame_has_rows else 1,
    )
    if not frame_has_rows:
        raise InputError(checker.source, "the file has a header but no data rows", line=2)
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
    check_la_identity(frame, checker, reference)


def check_la_identity(frame: pl.DataFrame, checker: Checker, reference: pl.DataFrame) -> None:
    expected = reference.select(
        "new_la_code",
        pl.col("old_la_code").alias("_expected_old_la_code"),
        pl.col("la_name").alias("_expected_la_name"),
    )
    joined = frame.join(expected, on="new_la_code", how="left", maintain_order="left")
    checker.require(
        joined,
        "la_code_known",
        "new_la_code is a current LA in the DfE lookup",
        pl.col("_expected_la_name").is_null(),
        "new_la_code",
        "unknown local authority code",
    )
    checker.require(
        joined,
        "la_old_code_matches",
        "old_la_code matches new_la_code in the DfE lookup",
        pl.col("old_la_code").ne_missing(pl.col("_expected_old_la_code")),
        "old_la_code",
        lambda row: (
            f"does not match {row['new_la_code']} (expected '{row['_expected_old_la_code']}')"
        ),
    )
    checker.require(
        joined,
        "la_name_matches",
        "la_name matches new_la_code in the DfE lookup",
        pl.col("la_name").ne_missing(pl.col("_expected_la_name")),
        "la_name",
        lambda row: f"does not match {row['new_la_code']} (expected '{row['_expected_la_name']}')",
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


def check_coverage(frame: pl.DataFrame, reference: pl.DataFrame, log: ValidationLog) -> None:
    """Note any reference LA absent from a period (not an error: a release may omit an LA)."""
    details = []
    for (time_period, month), rows in frame.group_by(
        "time_period", "time_identifier", maintain_order=True
    ):
        absent = reference.filter(~pl.col("new_la_code").is_in(rows["new_la_code"].implode()))
        if absent.height:
            names = ", ".join(absent["la_name"].head(10).to_list())
            details.append(f"{month} {time_period}: {absent.height} LA(s) absent: {names}")
    log.record(
        "la_coverage",
        f"Every one of the {reference.height} current LAs appears in each period",
        checked=frame.select("time_period", "time_identifier").n_unique(),
        failed=len(details),
        outcome=WARN if details else PASS,
        details=details,
    )


# --- reshaping -------------------------------------------------------------------------------


def to_wide(frame: pl.DataFrame, reference: pl.DataFrame) -> pl.DataFrame:
    """One row per LA and period with a column per count, plus region from the lookup."""
    month_numbers = {month: f"{index:02d}" for index, month in enumerate(published.MONTHS, 1)}
    long = frame.with_columns(
        period=pl.concat_str(
            pl.col("time_period"),
            pl.lit("-"),
            pl.col("time_identifier").replace_strict(month_numbers),
        ),
        time_period=pl.col("time_period").cast(pl.Int32),
    )
    wide = long.filter(pl.col("status") == published.STATUS_TOTAL).select(IDENTITY)
    for name, status, column in COUNT_FIELDS:
        part = long.filter(pl.col("status") == status).select(
            *IDENTITY,
            pl.col(f"{column}_n").alias(name),
            pl.col(f"{column}_reason").alias(f"{name}_reason"),
            pl.col(LINE).alias(f"{name}{LINE}"),
        )
        wide = wide.join(part, on=list(IDENTITY), how="inner")
    regions = reference.select("new_la_code", "region_code", "region_name")
    return wide.join(regions, on="new_la_code", how="left").sort("period", "new_la_code")


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


# --- the whole step -------------------------------------------------------------------------


def clean_release(
    data: bytes,
    source: str,
    reference: pl.DataFrame,
    *,
    synthetic: bool,
    on_breach: str = BREACH_ERROR,
) -> CleanResult:
    """Validate the published file's bytes and return the clean table with its validation log.

    `source` names the file in messages; `synthetic` (from provenance) labels every row.
    Raises `ValidationFailed` (with the log so far) on the first blocking breach.
    """
    if on_breach not in (BREACH_ERROR, BREACH_WARN):
        raise SencoError(f"config key consistency_breach: {on_breach!r} is not 'error' or 'warn'")
    log = ValidationLog(input_file=source, input_sha256=sha256_bytes(data), synthetic=synthetic)
    try:
        text = decode(data, source, log)
        frame = read_records(text, source, log)
        frame = strip_whitespace(frame, log)
        checker = Checker(source, log)
        check_values(frame, checker, reference)
        frame = check_counts(frame, checker)
        check_keys(frame, checker)
        check_coverage(frame, reference, log)
        wide = to_wide(frame, reference)
        check_consistency(wide, checker, on_breach)
    except InputError as error:
        raise ValidationFailed(error, log) from None
    table = wide.drop(cs.ends_with(LINE)).with_columns(
        data_status=pl.lit(published.data_status(synthetic))
    )
    table = enforce(table, load_contract(paths.CLEAN_TABLE_SCHEMA))
    return CleanResult(table=table, log=log)
