"""Fuzzing the clean step with mutated releases, and hostile ZIP archives.

Every mutated input must end either in a valid clean table or in one line naming the file and
the line (and the column where there is one): never a traceback, never a crash of another kind.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samples import make_zip, synthetic_release
from senco import paths, published
from senco.acquire.sources import extract_csv_from_zip
from senco.clean.checks import ValidationFailed
from senco.clean.release import clean_release
from senco.core.errors import AcquireError
from senco.core.reference import load_lookup

REFERENCE = load_lookup(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
RELEASE = synthetic_release()
LINES = RELEASE.decode("utf-8").splitlines(keepends=True)

cell_values = st.one_of(
    st.sampled_from(["", " ", "x", "z", "c", "low", "u", "k", "~", ":", "n/a", "-3", "1.5",
                     "１３", "9" * 20, "Barnet", "2024", "June", "\"", "a,b", "'", "\t"]),
    st.text(max_size=12),
    st.integers(-5, 10**6).map(str),
)  # fmt: skip


@st.composite
def mutated_release(draw) -> bytes:
    lines = list(LINES)
    kind = draw(st.sampled_from(["cell", "drop", "repeat", "rename", "bytes", "encoding", "swap"]))
    row = draw(st.integers(1, len(lines) - 1))
    if kind == "cell":
        fields = lines[row].rstrip("\n").split(",")
        column = draw(st.integers(0, len(fields) - 1))
        fields[column] = draw(cell_values)
        lines[row] = ",".join(fields) + "\n"
    elif kind == "drop":
        del lines[row]
    elif kind == "repeat":
        lines.insert(row, lines[row])
    elif kind == "rename":
        header = lines[0].rstrip("\n").split(",")
        header[draw(st.integers(0, len(header) - 1))] = draw(st.text(max_size=15))
        lines[0] = ",".join(header) + "\n"
    elif kind == "swap":
        other = draw(st.integers(1, len(lines) - 1))
        lines[row], lines[other] = lines[other], lines[row]
    data = "".join(lines).encode("utf-8")
    if kind == "bytes":
        position = draw(st.integers(0, len(data)))
        data = data[:position] + draw(st.binary(min_size=1, max_size=8)) + data[position:]
    elif kind == "encoding":
        data = "".join(lines).encode(draw(st.sampled_from(["utf-16", "utf-16-le", "latin-1",
                                                             "cp1252", "utf-8-sig"])))  # fmt: skip
    return data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mutated_release())
def test_a_mutated_release_is_either_clean_or_one_line_naming_file_and_line(data):
    try:
        result = clean_release(data, "raw.csv", REFERENCE, synthetic=True)
    except ValidationFailed as failure:
        # One line per failed check, each naming the file and the line, or (an LA missing from
        # a period) the period and the LAs.
        assert str(failure) == "\n".join(failure.lines)
        for line, error in zip(failure.lines, failure.errors, strict=True):
            assert "\n" not in line and line.startswith(str(error))
            assert re.match(r"raw\.csv(, line \d+|: \w+ \d{4}: \d+ LA\(s\) missing)", line), line
        assert failure.log.outcome == "fail"
        return
    # A mutation the checks accept must still give a table that keeps every promise.
    table = result.table
    assert table.height > 0
    assert table.select(pl.struct("period", "new_la_code").is_unique().all()).item()
    assert set(table["data_status"]) == {published.DATA_STATUS_SYNTHETIC}
    for smaller, larger in (("settings_completed", "settings_registered"),
                            ("settings_registered", "settings_total"),
                            ("practitioners_completed", "practitioners_registered")):  # fmt: skip
        assert not (table[smaller] > table[larger]).any()


@pytest.mark.parametrize(
    ("members", "pattern", "message"),
    [
        ({"../../etc/passwd.csv": RELEASE}, "*.csv", "unsafe path"),
        ({"/abs/data.csv": RELEASE}, "*.csv", "unsafe path"),
        ({"data\\\\evil.csv": RELEASE}, "*.csv", "unsafe path"),
        ({"data/inner.csv": make_zip({"data/x.csv": RELEASE})}, "data/*.csv", "itself an archive"),
        ({"data/huge.csv": b"0" * 5_000_000}, "data/*.csv", "would unpack to 5000000 bytes"),
    ],
)
def test_hostile_zip_members_are_refused(members, pattern, message):
    with pytest.raises(AcquireError, match=message) as caught:
        extract_csv_from_zip(make_zip(members), pattern, "release.zip", max_bytes=1_000_000)
    assert "\n" not in str(caught.value)


def test_a_zip_whose_header_understates_a_member_is_refused():
    """A member that inflates past the size its header declares (a zip bomb's trick)."""
    archive = bytearray(make_zip({"data/senco.csv": RELEASE}))
    declared = len(RELEASE).to_bytes(4, "little")
    small = (100).to_bytes(4, "little")
    archive = archive.replace(declared, small)  # both the local and the central header
    with pytest.raises(AcquireError, match="not a readable ZIP"):
        extract_csv_from_zip(bytes(archive), "data/*.csv", "release.zip", max_bytes=1_000_000)


def test_an_echoed_value_is_one_printable_line_of_bounded_length():
    from senco.core.errors import InputError, shown, shown_list

    assert shown("a\nb\x00c") == "'a\\nb\\x00c'"
    long = shown("y" * 11_000_000)
    assert len(long) < 120 and long.endswith("... (11,000,000 characters)")
    assert shown_list(list(range(12)), most=3) == "'0', '1', '2' and 9 more"
    error = InputError("raw.csv", "bad", line=3, column="c", value="v\r\n" + "z" * 500)
    assert "\n" not in str(error) and "\r" not in str(error) and len(str(error)) < 200


class FakeSnakemake:
    def __init__(self, tmp_path):
        self.log = [str(tmp_path / "logs" / "rule.log")]
        self.output = [str(tmp_path / "out" / "a.parquet"), str(tmp_path / "out" / "b.csv")]


@pytest.mark.parametrize("kind", ["os", "named", "library"])
def test_a_full_disk_is_one_line_naming_the_file(tmp_path, capsys, kind):
    """A real ENOSPC (writing /dev/full), one naming its file, and a library's own error text
    for it (Polars' Parquet writer says 'os error 28') all end in one line, not a traceback."""
    import errno

    from senco.core.adapter import run_rule

    def step(_):
        if kind == "os":
            Path("/dev/full").write_bytes(b"x" * 10)
        if kind == "named":
            raise OSError(errno.ENOSPC, "No space left on device", "results/figures/hex_map.png")
        raise RuntimeError("parquet: failed to write thrift: No space left on device (os error 28)")

    with pytest.raises(SystemExit) as stopped:
        run_rule(FakeSnakemake(tmp_path), step)
    assert stopped.value.code == 1
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and error.startswith("error: the disk is full: could not write ")
    expected = {"named": "'results/figures/hex_map.png';"}.get(
        kind, "a.parquet' (or another of its 2 outputs)"
    )
    assert expected in error


def test_other_unexpected_errors_are_not_hidden(tmp_path):
    from senco.core.adapter import run_rule

    def step(_):
        raise KeyError("a bug")

    with pytest.raises(KeyError):
        run_rule(FakeSnakemake(tmp_path), step)


def test_a_stray_quote_in_a_large_file_is_one_line_naming_where_it_starts(tmp_path):
    """A quote that never closes makes Python's csv module read on to its 128 KB field limit
    ('field larger than field limit'): both acquire and clean say where the value starts."""
    from senco.acquire.sources import DownloadSettings, acquire

    lines = [line for line in synthetic_release().decode("utf-8").splitlines() if '"' not in line]
    body = lines[:4] + [lines[4].replace(",", ',"', 1)] + lines[5:] * 3  # over 200 KB, no quote
    data = ("\n".join(body) + "\n").encode("utf-8")
    assert len(data) > 200_000
    path = tmp_path / "release.csv"
    path.write_bytes(data)
    with pytest.raises(AcquireError, match=r"release\.csv, line 5: a quoted value never closes"):
        acquire(str(path), out_csv=tmp_path / "out.csv", out_provenance=tmp_path / "p.json",
                snapshot_manifest=paths.SNAPSHOT_MANIFEST, download_url="", zip_member_pattern="*",
                expected_sha256=None,
                settings=DownloadSettings(1, 0, 0, 0, 10_000_000))  # fmt: skip
    assert not (tmp_path / "out.csv").exists()
    with pytest.raises(ValidationFailed) as failed:
        clean_release(data, "raw.csv", REFERENCE, synthetic=True)
    assert str(failed.value.error).startswith("raw.csv, line 5: a quoted value never closes")


def test_a_table_csv_that_disagrees_with_its_parquet_is_found(tmp_path):
    from senco.core.fileio import write_table
    from senco.tools.qa import table_difference

    frame = pl.DataFrame({"code": ["a", "b"], "n": [1, 2], "rate": [0.1234567891, None]})
    write_table(frame, tmp_path / "t.parquet", tmp_path / "t.csv")
    assert table_difference(tmp_path / "t.parquet", tmp_path / "t.csv") is None
    (tmp_path / "t.csv").write_text((tmp_path / "t.csv").read_text().replace("b,2", "b,3"))
    assert table_difference(tmp_path / "t.parquet", tmp_path / "t.csv") == (
        "column 'n', data row 2: 3 where the Parquet has 2"
    )


@pytest.mark.parametrize(
    ("values", "unknown", "agree"),
    [
        ([10, 10, 10], False, True),
        ([10, 9, 10], False, False),
        ([None, 9, 9], True, True),  # an LA missing or suppressed: England not given
        ([None, 9, 8], True, False),
        ([10, 9, 9], True, False),  # England given over fewer LAs would understate it
        ([None, 10, 10], False, False),  # nothing unknown, yet no England total
    ],
)
def test_qa_reconciles_england_only_where_it_is_given(values, unknown, agree):
    from senco.tools.qa import totals_agree

    assert totals_agree(values, unknown) is agree


def test_qa_of_an_incomplete_build_is_one_line(tmp_path, capsys):
    from senco.tools.qa import main

    (tmp_path / "results" / "logs").mkdir(parents=True)
    assert main([str(tmp_path / "results")]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith(
        f"error: {tmp_path / 'results'} holds an incomplete build (no results/raw/provenance.json"
    )


def test_a_value_too_long_for_a_field_is_named_as_such_not_as_a_stray_quote(tmp_path):
    """A 1 MB unquoted value trips the same csv limit as a quote that never closes."""
    from senco.acquire.sources import DownloadSettings, acquire

    lines = synthetic_release().decode("utf-8").splitlines()
    name = lines[4].split(",")[7]
    lines[4] = lines[4].replace(name, "x" * 1_000_000, 1)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path = tmp_path / "release.csv"
    path.write_bytes(data)
    expected = r"line 5: a value is 1,000,000 characters long, more than the 131,072 a field may"
    with pytest.raises(AcquireError, match=r"release\.csv, " + expected):
        acquire(str(path), out_csv=tmp_path / "out.csv", out_provenance=tmp_path / "p.json",
                snapshot_manifest=paths.SNAPSHOT_MANIFEST, download_url="", zip_member_pattern="*",
                expected_sha256=None,
                settings=DownloadSettings(1, 0, 0, 0, 10_000_000))  # fmt: skip
    with pytest.raises(ValidationFailed, match=r"raw\.csv, " + expected):
        clean_release(data, "raw.csv", REFERENCE, synthetic=True)
