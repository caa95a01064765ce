"""The clean step: every check on the published file, its errors, and the typed, reshaped table."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from samples import bundled_snapshot
from senco import paths, published
from senco.clean.checks import BREACH_WARN, ValidationFailed
from senco.clean.release import clean_release
from senco.core.reference import load_lookup
from senco.tools.synthetic import REAL_ROWS

HEADER = ",".join(published.PUBLISHED_COLUMNS)


@pytest.fixture(scope="module")
def reference() -> pl.DataFrame:
    return load_lookup(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)


def to_csv(rows, header=published.PUBLISHED_COLUMNS, line_ending="\n") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=line_ending)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def la_rows(
    code="E09000002",
    old="301",
    name="Barking and Dagenham",
    month="June",
    counts=(("13", "14"), ("3", "3"), ("169", "x")),
):
    """The three published rows of one LA and month; defaults are the real June 2024 rows."""
    identity = ("2024", month, "Local authority", "E92000001", "England", old, code, name)
    return [
        [*identity, status, settings, practitioners]
        for status, (settings, practitioners) in zip(published.STATUSES, counts, strict=True)
    ]


def valid_rows():
    """Barking and Dagenham and Barnet for June and November 2024 (Barnet's total made up)."""
    barnet = {"code": "E09000003", "old": "302", "name": "Barnet"}
    return [
        *la_rows(),
        *la_rows(**barnet, counts=(("34", "35"), ("13", "13"), ("310", "x"))),
        *la_rows(month="November", counts=(("13", "14"), ("6", "7"), ("169", "x"))),
        *la_rows(**barnet, month="November", counts=(("34", "35"), ("20", "21"), ("310", "x"))),
    ]


def clean(data: bytes, reference, **options):
    """Clean a few LAs' rows: the other LAs are missing, which these tests allow."""
    options.setdefault("synthetic", False)
    options.setdefault("allow_missing_las", True)
    return clean_release(data, "raw.csv", reference, **options)


def failure(data: bytes, reference, *, knock_on: bool = False, **options) -> ValidationFailed:
    """The failure of a file with one breach: one line, naming it. With `knock_on`, the breach
    may break other checks too (a row moved to another month leaves its LA without a status)."""
    with pytest.raises(ValidationFailed) as caught:
        clean(data, reference, **options)
    lines = caught.value.lines
    assert all("\n" not in line for line in lines) and str(caught.value) == "\n".join(lines)
    if not knock_on:
        assert len(lines) == 1
    assert lines[0].startswith(str(caught.value.error))
    return caught.value


# --- the real rows ---------------------------------------------------------------------------


def test_the_five_real_rows_parse_exactly(reference):
    """The rows on the data set page, read by the same checks and typing as the full file."""
    rows = [list(row) for row in REAL_ROWS]
    # The page shows no total row for Barnet; every LA needs all three statuses, so add one.
    rows.append(la_rows(code="E09000003", old="302", name="Barnet")[2][:9] + ["400", "x"])
    table = clean(to_csv(rows), reference).table
    barking = table.filter(pl.col("new_la_code") == "E09000002").row(0, named=True)
    assert barking == {
        "period": "2024-06",
        "time_period": 2024,
        "time_identifier": "June",
        "new_la_code": "E09000002",
        "old_la_code": "301",
        "la_name": "Barking and Dagenham",
        "la_code_as_published": "E09000002",
        "region_code": "E12000007",
        "region_name": "London",
        "settings_registered": 13,
        "settings_completed": 3,
        "settings_total": 169,
        "practitioners_registered": 14,
        "practitioners_completed": 3,
        "settings_registered_reason": None,
        "settings_completed_reason": None,
        "settings_total_reason": None,
        "practitioners_registered_reason": None,
        "practitioners_completed_reason": None,
        "data_status": published.DATA_STATUS_PUBLISHED,
    }
    barnet = table.filter(pl.col("new_la_code") == "E09000003").row(0, named=True)
    assert (barnet["settings_registered"], barnet["practitioners_registered"]) == (34, 35)
    assert (barnet["settings_completed"], barnet["practitioners_completed"]) == (13, 13)


def test_the_real_rows_without_barnets_total_row_stop_the_run(reference):
    error = failure(to_csv([list(row) for row in REAL_ROWS]), reference)
    assert "E09000003 in June 2024 lacks a status" in str(error)
    assert error.error.line == 5 and error.error.column == "status"


def test_synthetic_input_labels_every_row(reference):
    result = clean(to_csv(valid_rows()), reference, synthetic=True)
    assert result.table["data_status"].unique().to_list() == [published.DATA_STATUS_SYNTHETIC]
    assert result.log.as_dict()["input"]["synthetic"] is True


def test_one_row_per_la_and_period_sorted(reference):
    table = clean(to_csv(valid_rows()), reference).table
    assert table.select("period", "new_la_code").rows() == [
        ("2024-06", "E09000002"),
        ("2024-06", "E09000003"),
        ("2024-11", "E09000002"),
        ("2024-11", "E09000003"),
    ]
    assert table.filter(pl.col("period") == "2024-11")["settings_completed"].to_list() == [6, 20]


# --- tolerated quirks ------------------------------------------------------------------------


def test_bom_crlf_and_surrounding_spaces_are_tolerated(reference):
    plain = clean(to_csv(valid_rows()), reference)
    padded_rows = [[f" {value} " for value in row] for row in valid_rows()]
    header = [f" {name}" for name in published.PUBLISHED_COLUMNS]
    quirky = b"\xef\xbb\xbf" + to_csv(padded_rows, header=header, line_ending="\r\n") + b"\r\n\r\n"
    result = clean(quirky, reference)
    assert result.table.equals(plain.table)
    checks = {check.name: check for check in result.log.checks}
    assert any("byte-order mark" in note for note in checks["encoding"].details)
    assert any("CRLF" in note for note in checks["encoding"].details)
    assert checks["whitespace"].details == [
        f"{len(padded_rows) * 11} value(s) had surrounding spaces removed"
    ]


def test_columns_in_another_order_are_a_warning(reference):
    order = list(reversed(published.PUBLISHED_COLUMNS))
    rows = [list(reversed(row)) for row in valid_rows()]
    result = clean(to_csv(rows, header=order), reference)
    assert result.log.outcome == "warn"
    assert result.table.equals(clean(to_csv(valid_rows()), reference).table)


# --- errors: one line, naming file, line, column and value -----------------------------------


def replace_cell(rows, row_index, column, value):
    rows = [list(row) for row in rows]
    rows[row_index][published.PUBLISHED_COLUMNS.index(column)] = value
    return rows


@pytest.mark.parametrize("value", ["~", ":", "n/a", "", "-3", "1.5", "1,000", "X", "12 3"])
def test_a_count_that_is_not_a_number_or_symbol_stops_the_run(reference, value):
    rows = replace_cell(valid_rows(), 4, "no_of_settings", value)
    error = failure(to_csv(rows), reference)
    assert error.error.line == 6  # header is line 1, so row index 4 is line 6
    assert error.error.column == "no_of_settings"
    assert error.error.value == value.strip()
    assert str(error).startswith("raw.csv, line 6, column 'no_of_settings': not a non-negative")
    check = next(c for c in error.log.checks if c.name == "no_of_settings_values")
    assert (check.outcome, check.failed) == ("fail", 1)


@pytest.mark.parametrize("year", ["0000", "2021", "2100"])
def test_a_year_outside_the_programme_stops_the_run(reference, year):
    rows = replace_cell(valid_rows(), 4, "time_period", year)
    error = failure(to_csv(rows), reference, knock_on=True)
    assert (error.error.line, error.error.column, error.error.value) == (6, "time_period", year)
    assert "not a year of the programme, which began in October 2022" in str(error)


@pytest.mark.parametrize("value", ["123456789012345678", "1000001"])
def test_an_implausibly_large_count_stops_the_run_before_any_sum_can_wrap(reference, value):
    """18 digits fit Int64, but England's total of such counts would wrap round (it printed
    8,572,791,484,033,138,688): counts are bounded at a plausible maximum."""
    rows = replace_cell(valid_rows(), 4, "no_of_settings", value)
    error = failure(to_csv(rows), reference)
    assert (error.error.line, error.error.column, error.error.value) == (6, "no_of_settings", value)
    assert "larger than 1,000,000" in str(error)
    check = next(c for c in error.log.checks if c.name == "no_of_settings_plausible")
    assert (check.outcome, check.failed) == ("fail", 1)


def test_the_largest_plausible_count_is_accepted(reference):
    rows = replace_cell(valid_rows(), 4, "no_of_settings", "1000000")
    assert clean(to_csv(rows), reference, on_breach="warn").table.height > 0


@pytest.mark.parametrize("symbol", sorted(published.SYMBOLS))
def test_a_symbol_becomes_null_with_its_reason_never_zero(reference, symbol):
    rows = replace_cell(valid_rows(), 1, "no_of_practitioners", symbol)  # Barking June completed
    table = clean(to_csv(rows), reference).table
    barking_june = table.row(0, named=True)
    assert barking_june["practitioners_completed"] is None
    assert barking_june["practitioners_completed_reason"] == (
        f"{published.SYMBOLS[symbol]} ({symbol})"
    )
    assert barking_june["settings_completed"] == 3


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("geographic_level", "Regional", "expected 'Local authority'"),
        ("country_code", "E92000002", "expected 'E92000001'"),
        ("country_name", "Wales", "expected 'England'"),
        ("time_period", "24", "not a four-digit year"),
        ("time_period", "202425", "not a four-digit year"),
        ("time_identifier", "Jun", "not a month name"),
        ("status", "Enrolled", "not one of the published statuses"),
        ("new_la_code", "E09999999", "unknown local authority code"),
        ("old_la_code", "999", "does not match E09000002 (expected '301')"),
        (
            "la_name",
            "Barking & Dagenham",
            "does not match E09000002 (expected 'Barking and Dagenham')",
        ),
    ],
)
def test_identity_errors_name_the_row(reference, column, value, message):
    rows = replace_cell(valid_rows(), 7, column, value)
    error = failure(
        to_csv(rows),
        reference,
        knock_on=column in ("time_period", "time_identifier", "new_la_code"),
    )
    assert (error.error.line, error.error.column, error.error.value) == (9, column, value)
    assert message in str(error)


def test_missing_and_unexpected_columns_are_named(reference):
    header = [name for name in published.PUBLISHED_COLUMNS if name != "status"] + ["notes"]
    rows = [row[:8] + row[9:] + ["-"] for row in valid_rows()]
    error = failure(to_csv(rows, header=header), reference)
    assert str(error) == "raw.csv, line 1: missing column(s) 'status'; unexpected column(s) 'notes'"
    assert error.error.line == 1


@pytest.mark.parametrize(
    ("column", "value"),
    [("no_of_settings", "１３"), ("no_of_settings", "١٣"), ("no_of_practitioners", "+5")],
)
def test_digits_other_than_ascii_are_not_numbers(reference, column, value):
    rows = replace_cell(valid_rows(), 0, column, value)
    error = failure(to_csv(rows), reference)
    assert (error.error.line, error.error.column, error.error.value) == (2, column, value)


def test_a_year_in_other_digits_is_not_a_year(reference):
    rows = replace_cell(valid_rows(), 0, "time_period", "２０２４")
    assert "not a four-digit year" in str(failure(to_csv(rows), reference, knock_on=True))


@pytest.mark.parametrize(
    ("damage", "line", "message"),
    [
        ((b",Barking and Dagenham,", b',"Barking" and Dagenham,'), 2, "malformed CSV"),
        ((b",13,14\n", b',1"3,14\n'), 2, "column 'no_of_settings': not a non-negative"),
        ((b"2024,June,", b'"2024" ,June,'), 2, "malformed CSV"),
        ((b"Dagenham,Completed", b'Dagenham,"Comp\nleted"'), 3, "spans several lines"),
        ((b"Dagenham,Completed", b'Dagenham,"Completed'), 3, "malformed CSV (unexpected end"),
    ],
)
def test_malformed_quoting_is_named_not_a_crash(reference, damage, line, message):
    data = to_csv(valid_rows()).replace(*damage, 1)
    error = failure(data, reference)
    assert error.error.line == line and message in str(error)


def test_cr_only_line_endings_are_tolerated(reference):
    plain = clean(to_csv(valid_rows()), reference).table
    assert clean(to_csv(valid_rows(), line_ending="\r"), reference).table.equals(plain)


def test_utf16_is_named_as_not_utf8(reference):
    error = failure(to_csv(valid_rows()).decode().encode("utf-16-le"), reference)
    assert "not valid UTF-8 text (NUL byte" in str(error) and error.error.line == 1


def test_a_trailing_comma_on_every_line_names_the_blank_column(reference):
    data = to_csv(valid_rows()).replace(b"\n", b",\n")
    assert "unexpected column(s) ''" in str(failure(data, reference))


def test_a_ragged_line_is_named(reference):
    data = to_csv(valid_rows()).replace(b",169,x\n", b",169\n", 1)
    error = failure(data, reference)
    assert "line 4" in str(error) and "10 fields where the header has 11" in str(error)


def test_a_blank_line_inside_the_file_is_an_error(reference):
    lines = to_csv(valid_rows()).split(b"\n")
    data = b"\n".join(lines[:3] + [b""] + lines[3:])
    assert "line 4: blank line" in str(failure(data, reference))


def test_invalid_utf8_names_the_line(reference):
    data = to_csv(valid_rows()).replace(b"Barnet", b"Barn\xe9t", 1)
    error = failure(data, reference)
    assert "line 5" in str(error) and "not valid UTF-8" in str(error)


def test_header_only_is_an_error(reference):
    assert "no data rows" in str(failure(to_csv([]), reference))


def test_duplicate_key_names_the_repeat(reference):
    rows = valid_rows()
    rows.insert(5, list(rows[1]))
    error = failure(to_csv(rows), reference)
    assert error.error.line == 7
    assert "repeats the row for E09000002 in June 2024" in str(error)


def test_missing_status_names_the_la(reference):
    rows = [row for index, row in enumerate(valid_rows()) if index != 5]  # Barnet June total
    error = failure(to_csv(rows), reference)
    assert "E09000003 in June 2024 lacks a status" in str(error)
    assert error.error.line == 5  # Barnet's first June row


@pytest.mark.parametrize(
    ("row_index", "column", "value", "expected"),
    [
        (
            1,
            "no_of_settings",
            "14",
            "line 3, column 'no_of_settings': settings_completed exceeds "
            "settings_registered 13 (line 2) for E09000002 in 2024-06 (value '14')",
        ),
        (
            2,
            "no_of_settings",
            "12",
            "line 2, column 'no_of_settings': settings_registered exceeds "
            "settings_total 12 (line 4) for E09000002 in 2024-06 (value '13')",
        ),
        (
            1,
            "no_of_practitioners",
            "15",
            "line 3, column 'no_of_practitioners': "
            "practitioners_completed exceeds practitioners_registered 14 (line 2) for E09000002 "
            "in 2024-06 (value '15')",
        ),
    ],
)
def test_inconsistent_counts_stop_the_run_by_default(reference, row_index, column, value, expected):
    rows = replace_cell(valid_rows(), row_index, column, value)
    assert str(failure(to_csv(rows), reference)) == f"raw.csv, {expected}"


def test_inconsistent_counts_can_be_a_warning(reference):
    rows = replace_cell(valid_rows(), 1, "no_of_settings", "14")
    result = clean(to_csv(rows), reference, on_breach=BREACH_WARN)
    check = next(c for c in result.log.checks if c.name.startswith("settings_completed_le"))
    assert (check.outcome, check.failed) == ("warn", 1)
    assert result.log.outcome == "warn"
    assert result.table.row(0, named=True)["settings_completed"] == 14


def test_a_number_on_a_total_row_practitioners_is_a_warning(reference):
    rows = replace_cell(valid_rows(), 2, "no_of_practitioners", "170")
    result = clean(to_csv(rows), reference)
    check = next(c for c in result.log.checks if c.name == "total_row_practitioners")
    assert check.outcome == "warn" and "line 4" in check.details[0]


def test_an_la_missing_from_a_period_stops_the_run_by_default(reference):
    """A release cut short at an LA boundary must not give England's figures from the LAs that
    arrived: each period with missing LAs is one line, naming them."""
    error = failure(to_csv(valid_rows()), reference, allow_missing_las=False, knock_on=True)
    assert error.lines == [
        f"raw.csv: {month} 2024: 151 LA(s) missing: 'E06000001 Hartlepool', "
        "'E06000002 Middlesbrough', 'E06000003 Redcar and Cleveland', 'E06000004 "
        "Stockton-on-Tees', 'E06000005 Darlington', 'E06000006 Halton', 'E06000007 Warrington', "
        "'E06000008 Blackburn with Darwen', 'E06000009 Blackpool', 'E06000010 Kingston upon Hull, "
        "City of' and 141 more; to build without them, set allow_missing_las: true"
        for month in ("June", "November")
    ]


def test_missing_las_can_be_allowed_and_are_listed(reference):
    result = clean(to_csv(valid_rows()), reference, allow_missing_las=True)
    coverage = next(c for c in result.log.checks if c.name == "la_coverage")
    assert coverage.outcome == "warn"
    assert coverage.details[0].startswith("June 2024: 151 LA(s) missing: 'E06000001 Hartlepool'")
    assert result.missing.height == 2 * 151
    assert "E09000002" not in result.missing["new_la_code"].to_list()
    assert result.missing["period_label"].unique(maintain_order=True).to_list() == [
        "June 2024",
        "November 2024",
    ]


def test_the_bundled_snapshot_passes_every_check(reference):
    data, manifest = bundled_snapshot()
    result = clean(data, reference, synthetic=manifest["synthetic"])
    assert result.log.outcome == "pass"
    assert result.table.height == 306
    assert {c.outcome for c in result.log.checks} <= {"pass", "info"}


def test_a_raw_file_edited_after_acquire_is_refused_so_provenance_cannot_lie():
    from senco.clean.read import check_unchanged_since_acquired
    from senco.core.errors import InputError
    from senco.core.fileio import sha256_bytes

    data = b"time_period\n2024\n"
    provenance = {"sha256": sha256_bytes(data)}
    check_unchanged_since_acquired(data, provenance, "results/raw/senco_la.csv")
    with pytest.raises(InputError, match=r"^results/raw/senco_la\.csv: changed since it was "
                       r"acquired .*--forcerun acquire$"):  # fmt: skip
        check_unchanged_since_acquired(data + b"2025\n", provenance, "results/raw/senco_la.csv")


# --- every breach in one pass ----------------------------------------------------------------


def test_every_failed_check_is_reported_in_one_pass(reference):
    """Like the EES screener: each check runs, and each failed one is a line with its count and
    first rows, so one run shows everything to fix."""
    rows = replace_cell(valid_rows(), 0, "country_name", "Wales")
    rows = replace_cell(rows, 4, "no_of_settings", "1.5")
    rows = replace_cell(rows, 10, "no_of_settings", "n/a")
    rows = replace_cell(rows, 7, "la_name", "Barking")
    error = failure(to_csv(rows), reference, knock_on=True)
    assert error.lines == [
        "raw.csv, line 2, column 'country_name': expected 'England' (value 'Wales')",
        "raw.csv, line 9, column 'la_name': does not match E09000002 (expected 'Barking and "
        "Dagenham') (value 'Barking')",
        "raw.csv, line 6, column 'no_of_settings': not a non-negative whole number or a "
        "published symbol (x, z, c, low, u, k) (value '1.5'); and 1 more row(s), at line(s) 12",
    ]
    failed = {check.name: check.failed for check in error.log.checks if check.outcome == "fail"}
    assert failed == {"country_name": 1, "la_name_matches": 1, "no_of_settings_values": 2}
    # The checks after the failed ones still ran.
    assert {"unique_key", "complete_statuses", "la_coverage"} <= {c.name for c in error.log.checks}


def test_a_check_lists_its_first_rows_and_counts_the_rest(reference):
    from senco.clean.checks import SHOWN_BREACHES

    rows = [[*row[:2], "Regional", *row[3:]] for row in valid_rows()]
    error = failure(to_csv(rows), reference)
    check = next(c for c in error.log.checks if c.name == "geographic_level")
    assert check.failed == len(rows) == 12
    assert len(check.details) == SHOWN_BREACHES + 1
    assert check.details[0].startswith("raw.csv, line 2, column 'geographic_level'")
    assert check.details[-1] == f"and {len(rows) - SHOWN_BREACHES} more"
    assert error.lines[0].endswith("; and 11 more row(s), at line(s) 3, 4, 5, 6, 7 and 6 more")


def test_errors_name_the_file_the_user_gave():
    from senco.clean.read import source_label

    raw = "results/raw/senco_la.csv"
    assert source_label(raw, {"path": "/home/me/senco.csv", "url": None}) == (
        f"{raw} (copy of '/home/me/senco.csv')"
    )
    assert source_label(raw, {"url": "https://e.x/a.zip", "zip_member": "data/s.csv"}) == (
        f"{raw} (copy of 'data/s.csv' in 'https://e.x/a.zip')"
    )
    assert source_label(raw, {"path": raw}) == raw


# --- LAs recoded after boundary changes -------------------------------------------------------


def barnsley(year, month, code):
    return [[year, *row[1:]] for row in la_rows(code=code, old="370", name="Barnsley", month=month)]


def test_a_recoded_la_is_followed_across_periods_under_its_live_code(reference):
    """Barnsley was E08000016 until 30 April 2025 and E08000038 from 1 May 2025 (DfE number 370
    throughout): a release with both is one LA, shown under its live code."""
    rows = [*barnsley("2024", "June", "E08000016"), *barnsley("2025", "June", "E08000038")]
    table = clean(to_csv(rows), reference).table
    assert table.select(
        "period", "new_la_code", "la_code_as_published", "old_la_code", "region_name"
    ).rows() == [  # fmt: skip
        ("2024-06", "E08000038", "E08000016", "370", "Yorkshire and The Humber"),
        ("2025-06", "E08000038", "E08000038", "370", "Yorkshire and The Humber"),
    ]


@pytest.mark.parametrize(
    ("year", "code", "dates"),
    [
        ("2024", "E08000038", "from 01/05/2025"),
        ("2025", "E08000016", "from 01/01/2009 to 30/04/2025"),
    ],
)
def test_a_code_not_in_use_in_its_period_names_the_lookups_dates(reference, year, code, dates):
    error = failure(to_csv(barnsley(year, "June", code)), reference)
    assert str(error) == (
        f"raw.csv, line 2, column 'new_la_code': not in use in June {year}: the lookup gives "
        f"{code} {dates} (value '{code}'); and 2 more row(s), at line(s) 3, 4"
    )


def test_a_code_of_an_abolished_la_is_named(reference):
    rows = [[*row[:5], "909", "E10000006", "Cumbria", *row[8:]] for row in la_rows()]
    rows = [["2022", "November", *row[2:]] for row in rows]
    error = failure(to_csv(rows), reference)
    assert "Cumbria is no longer a local authority: no live code in the lookup has its DfE " \
           "number '909'" in str(error)  # fmt: skip
