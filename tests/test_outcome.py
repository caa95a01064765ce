"""The end of a run: stale outputs removed after a failure, errors last, warnings on success."""

from __future__ import annotations

import json
import os

import pytest

from senco import layout
from senco.core import outcome
from senco.core.outcome import (
    FAILURE_REPORT,
    error_lines,
    on_error,
    on_success,
    output_lines,
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


def test_without_a_raw_file_every_output_is_stale_and_logs_are_kept(tmp_path):
    """Acquire refused a new source: Snakemake removed the previous raw file and provenance, so
    no output left can be traced to its input."""
    outputs = [touch(tmp_path, layout.BULLETIN_PDF), touch(tmp_path, layout.CLEAN_CSV)]
    touch(tmp_path, f"{layout.LOGS}/acquire.log")
    assert stale_outputs(tmp_path) == sorted(outputs)


def test_nothing_is_stale_in_an_empty_results_folder(tmp_path):
    touch(tmp_path, f"{layout.LOGS}/acquire.log")
    assert stale_outputs(tmp_path) == []


@pytest.fixture
def at_exit(monkeypatch) -> list:
    """What the handlers leave to run when the process exits (run them with `run_at_exit`)."""
    registered = []
    monkeypatch.setattr(outcome.atexit, "register",
                        lambda function, *args, **kwargs: registered.append((function, args,
                                                                             kwargs)))  # fmt: skip
    return registered


def run_at_exit(registered: list) -> None:
    for function, args, kwargs in registered:
        function(*args, **kwargs)


def test_a_failure_removes_stale_outputs_and_reports_this_runs_errors(tmp_path, capsys,
                                                                       at_exit):  # fmt: skip
    old, start, new = 10**18, 2 * 10**18, 3 * 10**18
    touch(tmp_path, layout.RAW_CSV, when_ns=new)
    pdf = touch(tmp_path, layout.BULLETIN_PDF, when_ns=old)
    touch(tmp_path, f"{layout.LOGS}/clean.log", "error: bad.csv, line 2: nope\n", when_ns=new)
    touch(tmp_path, f"{layout.LOGS}/acquire.log", "error: an earlier run's\n", when_ns=old)
    assert error_lines(tmp_path, start) == ["error: bad.csv, line 2: nope"]
    on_error(tmp_path, start)
    assert not pdf.exists()
    # Printed when Snakemake exits, after its own closing lines, not before them.
    assert capsys.readouterr().err == ""
    run_at_exit(at_exit)
    printed = capsys.readouterr().err.splitlines()
    assert printed[0].startswith("note: removed 1 output(s) made from the previous input")
    assert printed[1:] == ["error: bad.csv, line 2: nope"]
    assert (tmp_path / FAILURE_REPORT).read_text().splitlines() == printed


def test_nothing_is_left_to_print_when_there_is_nothing_to_say(tmp_path, at_exit):
    on_error(tmp_path, 0)
    on_success(tmp_path)
    assert at_exit == []
    assert (tmp_path / FAILURE_REPORT).read_text() == ""


def test_a_successful_run_ends_with_its_validation_warnings(tmp_path, capsys, at_exit):
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
    on_success(tmp_path)
    assert capsys.readouterr().err == ""
    run_at_exit(at_exit)
    assert capsys.readouterr().err.splitlines() == warning_lines(tmp_path)


def test_a_successful_run_ends_with_where_the_release_is(tmp_path, capsys, at_exit):
    """After the warnings, the outputs a reader opens first, only those the run has made."""
    checks = [{"description": "Every LA has rows", "outcome": "warn", "failed": 1,
               "details": []}]  # fmt: skip
    touch(tmp_path, layout.VALIDATION_JSON, json.dumps({"checks": checks}))
    touch(tmp_path, layout.BULLETIN_HTML)
    touch(tmp_path, layout.SPREADSHEET)
    on_success(tmp_path)
    run_at_exit(at_exit)
    assert capsys.readouterr().err.splitlines() == [
        "warning: Every LA has rows: 1 breach(es)",
        f"the bulletin:         {layout.BULLETIN_HTML}",
        f"the spreadsheet:      {layout.SPREADSHEET}",
    ]
    touch(tmp_path, layout.BULLETIN_PDF)
    touch(tmp_path, layout.FACTSHEET_INDEX)
    assert [line.split()[-1] for line in output_lines(tmp_path)] == [
        layout.BULLETIN_HTML, layout.BULLETIN_PDF, layout.FACTSHEET_INDEX, layout.SPREADSHEET,
    ]  # fmt: skip
