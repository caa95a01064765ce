"""Workflow runs that stop at or before `clean`: downloads from EES, and input or settings that
are refused with one line. Apart from the full runs (test_pipeline.py), so they run beside them."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile

import polars as pl
import pytest

from http_server import Reply
from samples import synthetic_release
from senco import layout, paths, published
from senco.clean.release import clean_release
from senco.core.reference import load_lookup
from workflow_runs import CLEAN_FILES, error_lines, snakemake

pytestmark = pytest.mark.pipeline


def test_ees_download_of_a_csv_and_of_a_zip_give_the_same_clean_output(http_server, tmp_path):
    # A byte more than the bundled synthetic file (a blank last line, which clean ignores), so it
    # is not recognised as that file and stands for a release as DfE would publish it.
    data = synthetic_release() + b"\n"
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("data/senco_qualification_la.csv", data)
        archive.writestr("data-guidance/data-guidance.txt", "Guidance")
    http_server.route("/data.csv", Reply(body=data, headers={"Content-Type": "text/csv"}))
    http_server.route("/bundle", Reply(status=503), Reply(body=bundle.getvalue()))
    outputs = {}
    for name, path in (("csv", "/data.csv"), ("zip", "/bundle")):
        workdir = tmp_path / name
        url = http_server.url(path)
        run = snakemake(
            workdir, "source=ees", f"download_url={url}", "backoff_seconds=0", target="clean"
        )
        assert run.returncode == 0, run.stderr
        outputs[name] = workdir / "results"
    assert http_server.count("/bundle") == 2  # the 503 was retried
    zip_provenance = json.loads((outputs["zip"] / "raw" / "provenance.json").read_text())
    assert zip_provenance["zip_member"] == "data/senco_qualification_la.csv"
    assert zip_provenance["source"] == "ees" and zip_provenance["synthetic"] is False
    for file_name in CLEAN_FILES:
        csv_built = (outputs["csv"] / "clean" / file_name).read_bytes()
        zip_built = (outputs["zip"] / "clean" / file_name).read_bytes()
        if file_name.startswith("validation."):
            csv_built, zip_built = csv_built.decode(), zip_built.decode()
            # The validation log names the file the user gave: the CSV's address, or the
            # member and the ZIP's address. Everything else is the same.
            assert f"(copy of {http_server.url('/data.csv')!r})" in csv_built
            assert "(copy of 'data/senco_qualification_la.csv' in " in zip_built
            csv_built, zip_built = (re.sub(r" \(copy of [^\n]*?\)(?=[`\"])", "", text)
                                    for text in (csv_built, zip_built))  # fmt: skip
        assert csv_built == zip_built, file_name
    # The workflow's table is exactly what the clean function makes of the same bytes.
    downloaded = pl.read_parquet(outputs["zip"] / "clean" / "senco_la.parquet")
    lookup = load_lookup(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    expected = clean_release(data, "downloaded.csv", lookup, synthetic=False).table
    assert downloaded.equals(expected)
    assert downloaded["data_status"].unique().to_list() == [published.DATA_STATUS_PUBLISHED]


def test_a_failed_download_is_one_line_and_leaves_nothing(http_server, tmp_path):
    http_server.route("/gone", Reply(status=404))
    run = snakemake(tmp_path, "source=ees", f"download_url={http_server.url('/gone')}")
    assert run.returncode != 0
    assert error_lines(run) == [f"error: {http_server.url('/gone')}: HTTP 404 Not Found"]
    assert not (tmp_path / "results" / "raw" / "senco_la.csv").exists()
    assert not (tmp_path / "results" / "raw" / "provenance.json").exists()


def test_a_bad_value_stops_the_run_naming_file_line_and_column(tmp_path):
    lines = synthetic_release().decode().splitlines()
    fields = lines[9].split(",")  # line 10 of the file; no quoted commas on it
    fields[published.PUBLISHED_COLUMNS.index("no_of_settings")] = "1.5"
    lines[9] = ",".join(fields)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    workdir = tmp_path / "work"
    run = snakemake(workdir, f"source={bad}")
    assert run.returncode != 0
    raw = workdir / "results" / "raw" / "senco_la.csv"
    assert error_lines(run) == [
        f"error: results/raw/senco_la.csv (copy of {str(bad)!r}), line 10, column "
        "'no_of_settings': not a non-negative whole number or a published symbol (x, z, c, "
        "low, u, k) (value '1.5')",
        "error: 1 check(s) failed; every check, with the first rows that broke it, is in "
        "results/logs/clean.validation.md",
    ]
    # The errors are printed again as the run's last lines, after Snakemake's report.
    assert run.stderr.rstrip().splitlines()[-2:] == error_lines(run)
    assert raw.exists()  # the raw file was received as it is; only cleaning refused it
    assert not (workdir / "results" / "clean").exists() or not any(
        (workdir / "results" / "clean").iterdir()
    )
    log = workdir / "results" / "logs" / "clean.validation.md"
    assert "| `no_of_settings_values` |" in log.read_text() and "| fail |" in log.read_text()
    # Back to the bundled snapshot in the same directory: the log now shows the passing run.
    assert snakemake(workdir, target="clean").returncode == 0
    assert "Outcome: **pass**" in log.read_text()


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        (
            "retries=-1",
            "error: config key retries: invalid value -1: -1 is less than the minimum of 0",
        ),
        ("source=data.xlsx", "error: config key source: invalid value 'data.xlsx': must be"),
        (
            "consistency_breach=ignore",
            "error: config key consistency_breach: invalid value 'ignore'",
        ),
        ("timeout_seconds=soon", "error: config key timeout_seconds: invalid value 'soon'"),
        # NaN passes a schema's minimum and maximum; it must not pass as a time limit.
        ("timeout_seconds=nan", "error: config key timeout_seconds: invalid value nan"),
        ("max_retry_after_seconds=inf", "error: config key max_retry_after_seconds: invalid"),
        (
            "colour=red",
            "error: config: Additional properties are not allowed ('colour' was unexpected)",
        ),
        ("source=missing.csv", "error: config key source: no such file 'missing.csv'"),
        # The right shape, but no such day (nor 29 February outside a leap year).
        (
            "publication_date=2025-02-30",
            "error: config key publication_date: invalid value '2025-02-30': not a date",
        ),
        ("publication_date=2025-02-29", "error: config key publication_date: invalid value"),
    ],
)
def test_a_bad_config_value_is_one_line_naming_the_key(tmp_path, override, expected):
    run = snakemake(tmp_path, override)
    assert run.returncode != 0
    lines = error_lines(run)
    assert len(lines) == 1 and lines[0].startswith(expected), run.stderr
    assert not (tmp_path / "results").exists()


@pytest.mark.parametrize("override", ["contact_name=", "pre_release_access=", "bulletin_url="])
def test_an_empty_value_on_the_command_line_means_unset(tmp_path, override):
    """`key=` reaches Snakemake as None: for a text or list key it means empty, as its default."""
    run = snakemake(tmp_path, override, dry_run=True)
    assert run.returncode == 0 and error_lines(run) == [], run.stderr


def test_a_corrected_local_source_with_an_older_time_is_acquired_again(tmp_path):
    """`cp -p` or an unzip keeps a file's old modification time: reruns go by its content."""
    source = tmp_path / "release.csv"
    source.write_bytes(synthetic_release() + b"\n")
    workdir = tmp_path / "work"
    assert snakemake(workdir, f"source={source}", target="acquire").returncode == 0
    raw = workdir / "results" / "raw" / "senco_la.csv"
    corrected = synthetic_release().replace(b"Registered,13,14", b"Registered,12,14", 1) + b"\n"
    source.write_bytes(corrected)
    os.utime(source, (1_000_000_000, 1_000_000_000))  # older than the raw file
    run = snakemake(workdir, f"source={source}", target="acquire")
    assert run.returncode == 0, run.stderr
    assert raw.read_bytes() == corrected


def test_a_urls_credentials_stay_out_of_snakemakes_records(http_server, tmp_path):
    data = synthetic_release() + b"\n"
    http_server.route("/data.csv?token=abc12&page=2", Reply(body=data))
    url = http_server.url("/data.csv") + "?token=abc12&page=2"
    run = snakemake(tmp_path, "source=ees", f"download_url={url}", target="acquire")
    assert run.returncode == 0, run.stderr
    recorded = [path for path in (tmp_path / ".snakemake").rglob("*") if path.is_file()]
    assert recorded and not any(b"abc12" in path.read_bytes() for path in recorded)
    provenance = json.loads((tmp_path / "results" / "raw" / "provenance.json").read_text())
    assert provenance["url"].endswith("?token=***&page=2")


def test_a_refused_new_source_leaves_no_outputs_of_the_previous_one(tmp_path):
    """After a good build, a source acquire refuses: Snakemake removes the previous raw file and
    provenance, so every output made from them is removed too, and the run says so."""
    assert snakemake(tmp_path, target="indicators").returncode == 0
    page = tmp_path / "page.csv"
    page.write_text("<!DOCTYPE html><html><body>Sign in</body></html>\n")
    run = snakemake(tmp_path, f"source={page}", target="indicators")
    assert run.returncode != 0
    results = tmp_path / "results"
    left = [p for p in results.rglob("*") if p.is_file() and layout.LOGS not in str(p)]
    assert left == [], left
    report = (tmp_path / layout.FAILURE_REPORT).read_text()
    assert report.startswith("note: removed ") and "made from the previous input" in report
    assert any(line.startswith("error: ") for line in report.splitlines())
