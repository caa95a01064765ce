"""The end of a run: stale outputs removed after a failure, errors last, warnings on success."""

from __future__ import annotations

import json
import os

from senco import layout
from senco.outcome import (
    FAILURE_REPORT,
    PRINTED_BY_CALLER,
    error_lines,
    on_error,
    stale_outputs,
    warning_lines,
)


def touch(root, relative, text="x", when_ns=None):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if when_ns is not None:
        os.utime(path, ns=(when_ns, when_ns))
    return path


def test_outputs_older_than_the_raw_file_are_stale_and_logs_are_kept(tmp_path):
    old, new = 1_000_000_000_000_000_000, 2_000_000_000_000_000_000
    touch(tmp_path, layout.RAW_CSV, when_ns=new)
    factsheet = f"{layout.FACTSHEETS}/E12000001/E06000001.pdf"
    stale = [touch(tmp_path, layout.BULLETIN_PDF, when_ns=old),
             touch(tmp_path, factsheet, when_ns=old)]  # fmt: skip
    touch(tmp_path, layout.CLEAN_CSV, when_ns=new + 1)  # made from the new raw file
    touch(tmp_path, f"{layout.LOGS}/bulletin.log", when_ns=old)  # logs say what happened
    assert stale_outputs(tmp_path) == sorted(stale)


def test_nothing_is_stale_without_a_raw_file(tmp_path):
    touch(tmp_path, layout.BULLETIN_PDF)
    assert stale_outputs(tmp_path) == []


def test_a_failure_removes_stale_outputs_and_reports_this_runs_errors(tmp_path, capsys,
                                                                       monkeypatch):  # fmt: skip
    monkeypatch.delenv(PRINTED_BY_CALLER, raising=False)
    old, start, new = 10**18, 2 * 10**18, 3 * 10**18
    touch(tmp_path, layout.RAW_CSV, when_ns=new)
    pdf = touch(tmp_path, layout.BULLETIN_PDF, when_ns=old)
    touch(tmp_path, f"{layout.LOGS}/clean.log", "error: bad.csv, line 2: nope\n", when_ns=new)
    touch(tmp_path, f"{layout.LOGS}/acquire.log", "error: an earlier run's\n", when_ns=old)
    assert error_lines(tmp_path, start) == ["error: bad.csv, line 2: nope"]
    on_error(tmp_path, start)
    assert not pdf.exists()
    printed = capsys.readouterr().err.splitlines()
    assert printed[0].startswith("note: removed 1 output(s) made from the previous input")
    assert printed[1:] == ["error: bad.csv, line 2: nope"]
    assert (tmp_path / FAILURE_REPORT).read_text().splitlines() == printed


def test_make_prints_the_report_itself(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(PRINTED_BY_CALLER, "1")
    touch(tmp_path, f"{layout.LOGS}/clean.log", "error: x\n")
    on_error(tmp_path, 0)
    assert capsys.readouterr().err == ""
    assert (tmp_path / FAILURE_REPORT).read_text() == "error: x\n"


def test_a_successful_run_ends_with_its_validation_warnings(tmp_path):
    checks = [
        {"description": "Columns are the published ones", "outcome": "pass", "failed": 0,
         "details": []},
        {"description": "Every LA has rows", "outcome": "warn", "failed": 2,
         "details": ["June 2024: 1 LA(s) missing: 'E06000001 Hartlepool'"]},
    ]  # fmt: skip
    touch(tmp_path, layout.VALIDATION_JSON, json.dumps({"checks": checks}))
    assert warning_lines(tmp_path) == [
        "warning: Every LA has rows: 2 breach(es); first: June 2024: 1 LA(s) missing: "
        "'E06000001 Hartlepool'"
    ]
