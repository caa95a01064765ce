"""source ees-api: a data set of the EES public API, pinned by ID and version, received from a
scripted server on 127.0.0.1 standing in for https://api.education.gov.uk/statistics."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from test_acquire import CSV, FAST, NOW, PATTERN, fast

from http_server import Reply
from senco.acquire.ees_api import DataSet, version_key
from senco.acquire.sources import acquire
from senco.core.errors import AcquireError
from senco.core.outcome import source_lines

ID = "7c0e9201-c7c0-ff73-bee4-304e731ec0e6"
DATA_SET = f"/statistics/v1/data-sets/{ID}"
PUBLISHED = "2025-07-10T09:30:00+01:00"


def summary(version: str, published: str = PUBLISHED) -> Reply:
    """The data set's summary, its latest version `version`."""
    body = {
        "id": ID,
        "title": "SENCO qualification by local authority",
        "status": "Published",
        "latestVersion": {"version": version, "published": published, "totalResults": 918},
    }
    return Reply(body=json.dumps(body).encode(), headers={"Content-Type": "application/json"})


def version(number: str, published: str = PUBLISHED) -> Reply:
    body = {"version": number, "type": "Major", "status": "Published", "published": published}
    return Reply(body=json.dumps(body).encode(), headers={"Content-Type": "application/json"})


def csv_path(number: str) -> str:
    return f"{DATA_SET}/csv?dataSetVersion={number}"


def run(out_dir: Path, server, number: str = "1.0", settings=FAST) -> dict:
    return acquire(
        "ees-api",
        out_csv=out_dir / "senco.csv",
        out_provenance=out_dir / "provenance.json",
        snapshot_manifest="unused/manifest.json",
        download_url="http://127.0.0.1:9/unused",
        zip_member_pattern=PATTERN,
        expected_sha256=None,
        settings=settings,
        clock=lambda: NOW,
        data_set=DataSet(server.url("/statistics"), ID, number),
    )


def fails(out_dir: Path, server, match: str, **kwargs) -> str:
    with pytest.raises(AcquireError, match=match) as caught:
        run(out_dir, server, **kwargs)
    assert "\n" not in str(caught.value)
    assert list(out_dir.iterdir()) == []  # nothing left behind
    return str(caught.value)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "out"
    directory.mkdir()
    return directory


def test_a_pinned_version_is_received_with_its_id_version_and_date_recorded(http_server, out_dir):
    http_server.route(f"{DATA_SET}/versions/1.0", version("1.0"))
    http_server.route(csv_path("1.0"), Reply(body=CSV, headers={"Content-Type": "text/csv"}))
    http_server.route(DATA_SET, summary("1.0"))

    provenance = run(out_dir, http_server)

    assert (out_dir / "senco.csv").read_bytes() == CSV
    assert json.loads((out_dir / "provenance.json").read_text()) == provenance
    assert provenance | {"url": None, "final_url": None} == {
        "source": "ees-api", "url": None, "final_url": None, "path": None,
        "retrieved_at": NOW, "synthetic": False, "zip_member": None, "archive_sha256": None,
        "sha256": hashlib.sha256(CSV).hexdigest(), "size_bytes": len(CSV), "rows": 2,
        "data_set_id": ID, "data_set_version": "1.0", "data_set_version_requested": "1.0",
        "data_set_version_published": "2025-07-10T09:30:00+01:00",
        "newer_version": None, "newer_version_check": None,
    }  # fmt: skip
    assert provenance["url"] == http_server.url(csv_path("1.0"))
    assert source_lines(provenance_root(out_dir)) == []


def provenance_root(out_dir: Path) -> Path:
    """A project folder whose results/raw/provenance.json is `out_dir`'s (for source_lines)."""
    from senco import layout

    root = out_dir.parent / "project"
    target = root / layout.PROVENANCE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((out_dir / "provenance.json").read_bytes())
    return root


def test_latest_is_resolved_to_a_number_before_the_csv_is_fetched(http_server, out_dir):
    http_server.route(DATA_SET, summary("2.1"))
    http_server.route(csv_path("2.1"), Reply(body=CSV))

    provenance = run(out_dir, http_server, number="latest")

    assert provenance["data_set_version"] == "2.1"
    assert provenance["data_set_version_requested"] == "latest"
    assert http_server.count(csv_path("latest")) == 0 and http_server.count(DATA_SET) == 1


def test_a_newer_version_than_the_pinned_one_is_a_warning_at_the_end_not_an_error(
    http_server, out_dir
):
    http_server.route(f"{DATA_SET}/versions/1.9", version("1.9"))
    http_server.route(csv_path("1.9"), Reply(body=CSV))
    http_server.route(DATA_SET, summary("1.10", "2025-11-20T09:30:00+00:00"))

    provenance = run(out_dir, http_server, number="1.9")

    assert provenance["newer_version"] == {
        "version": "1.10",
        "published": "2025-11-20T09:30:00+00:00",
    }
    (line,) = source_lines(provenance_root(out_dir))
    assert line == (f"warning: data set {ID} has a newer version (1.10, published "
                    "2025-11-20T09:30:00+00:00) than the 1.9 this build used: set "
                    "data_set_version to use it")  # fmt: skip


@pytest.mark.parametrize("reply", [Reply(503), Reply(body=b"<html>down</html>")])
def test_a_newer_version_check_that_cannot_be_made_is_noted_and_the_run_goes_on(
    http_server, out_dir, reply
):
    http_server.route(f"{DATA_SET}/versions/1.0", version("1.0"))
    http_server.route(csv_path("1.0"), Reply(body=CSV))
    http_server.route(DATA_SET, reply)

    provenance = run(out_dir, http_server)

    assert (out_dir / "senco.csv").read_bytes() == CSV
    assert provenance["newer_version"] is None
    assert provenance["newer_version_check"].startswith("could not check for a newer version")
    assert http_server.count(DATA_SET) == 1  # one attempt: the check never holds the run up
    (line,) = source_lines(provenance_root(out_dir))
    assert line.startswith(f"note: data set {ID}: could not check for a newer version")


def test_a_gzip_body_is_unpacked_whether_sent_as_an_encoding_or_as_the_file(http_server, out_dir):
    http_server.route(f"{DATA_SET}/versions/1.0", version("1.0"))
    http_server.route(DATA_SET, summary("1.0"))
    http_server.route(
        csv_path("1.0"),
        Reply(body=gzip.compress(CSV), headers={"Content-Type": "application/gzip"}),
    )
    run(out_dir, http_server)
    assert (out_dir / "senco.csv").read_bytes() == CSV

    (out_dir / "senco.csv").unlink()
    (out_dir / "provenance.json").unlink()
    http_server.route(
        csv_path("1.0"), Reply(body=gzip.compress(CSV), headers={"Content-Encoding": "gzip"})
    )
    run(out_dir, http_server)
    assert (out_dir / "senco.csv").read_bytes() == CSV


def test_a_gzip_body_larger_than_the_limit_unpacked_is_refused(http_server, out_dir):
    http_server.route(f"{DATA_SET}/versions/1.0", version("1.0"))
    http_server.route(csv_path("1.0"), Reply(body=gzip.compress(CSV * 400)))
    fails(out_dir, http_server, "unpacks to more than max_download_bytes",
          settings=fast(max_bytes=len(CSV) * 100))  # fmt: skip


def test_an_unknown_data_set_is_one_line(http_server, out_dir):
    message = fails(out_dir, http_server, "has no version '1.0'")
    assert "HTTP 404" in message and ID in message
    message = fails(out_dir, http_server, f"no data set '{ID}' on the API", number="latest")
    assert http_server.count(DATA_SET) == 1  # a 404 is not retried


def test_an_unknown_version_is_one_line_and_nothing_is_downloaded(http_server, out_dir):
    http_server.route(DATA_SET, summary("1.0"))
    message = fails(out_dir, http_server, "has no version '3.0'", number="3.0")
    assert message.startswith(http_server.url(f"{DATA_SET}/versions/3.0"))
    assert http_server.count(csv_path("3.0")) == 0


def test_a_truncated_body_is_retried_then_fails_in_one_line(http_server, out_dir):
    http_server.route(f"{DATA_SET}/versions/1.0", version("1.0"))
    http_server.route(csv_path("1.0"), Reply(body=CSV, truncate_to=20))
    message = fails(out_dir, http_server, "truncated body")
    assert "after 3 attempts" in message and http_server.count(csv_path("1.0")) == 3


@pytest.mark.parametrize("where", ["version", "csv"])
def test_an_html_error_page_is_refused_where_json_or_data_should_be(http_server, out_dir, where):
    page = Reply(body=b"<!DOCTYPE html><html><body>Service unavailable</body></html>",
                 headers={"Content-Type": "text/html"})  # fmt: skip
    http_server.route(f"{DATA_SET}/versions/1.0", page if where == "version" else version("1.0"))
    http_server.route(csv_path("1.0"), page)
    expected = "not the API's JSON" if where == "version" else "not a CSV or ZIP data file"
    fails(out_dir, http_server, f"received an HTML page, {expected}")


def test_versions_compare_as_numbers():
    assert version_key("1.10") > version_key("1.9") > version_key("1.0") > version_key("x")
    assert version_key("2.0") > version_key("1.99")


def test_the_bulletin_cites_the_api_data_set_and_other_sources_cite_none():
    from senco.views.bulletin import api_data_set

    provenance = {"source": "ees-api", "data_set_id": ID, "data_set_version": "1.0",
                  "data_set_version_published": "2025-07-10T09:30:00+01:00"}  # fmt: skip
    assert api_data_set(provenance) == f"data set {ID}, version 1.0, published 10 July 2025"
    assert api_data_set(provenance | {"data_set_version_published": None}) == (
        f"data set {ID}, version 1.0"
    )
    assert api_data_set({"source": "ees", "url": "https://example.org/x.csv"}) is None


@pytest.mark.pipeline
def test_the_workflow_receives_a_pinned_api_data_set_and_warns_of_a_newer_one(
    http_server, tmp_path
):
    """config source=ees-api through the workflow: the rule receives the pinned version from the
    loopback API, records it, and the run ends with the newer-version warning."""
    from samples import synthetic_release
    from senco import layout
    from workflow_runs import error_lines, snakemake

    http_server.route(f"{DATA_SET}/versions/1.0", version("1.0"))
    http_server.route(
        csv_path("1.0"),
        Reply(body=gzip.compress(synthetic_release()), headers={"Content-Encoding": "gzip"}),
    )
    http_server.route(DATA_SET, summary("1.1", "2025-11-20T09:30:00+00:00"))
    api = f"ees_api_url={http_server.url('/statistics')}"
    # A version on the command line starts with v, or YAML would read 1.10 as the number 1.1.
    run = snakemake(tmp_path, "source=ees-api", f"data_set_id={ID}", "data_set_version=v1.0", api,
                    target=layout.PROVENANCE)  # fmt: skip
    assert run.returncode == 0, run.stderr
    provenance = json.loads((tmp_path / layout.PROVENANCE).read_text())
    assert (provenance["source"], provenance["data_set_id"], provenance["data_set_version"]) == (
        "ees-api",
        ID,
        "1.0",
    )
    assert provenance["sha256"] == hashlib.sha256(synthetic_release()).hexdigest()
    assert run.stderr.rstrip().splitlines()[-1] == (
        f"warning: data set {ID} has a newer version (1.1, published 2025-11-20T09:30:00+00:00) "
        "than the 1.0 this build used: set data_set_version to use it"
    )
    # Without a data set ID, or with a version read as a number, the run stops in one line.
    run = snakemake(tmp_path / "none", "source=ees-api", api)
    assert run.returncode != 0 and error_lines(run) == [
        "error: config key data_set_id: source ees-api needs the API data set's ID (see the "
        "README)"]  # fmt: skip
    run = snakemake(tmp_path / "number", "source=ees-api", f"data_set_id={ID}", api,
                    "data_set_version=1.10")  # fmt: skip
    assert error_lines(run) == [
        "error: config key data_set_version: invalid value 1.1: read as a number, which cannot "
        "tell 1.1 from 1.10: write it v1.10 (or '1.10' in config.yaml)"]  # fmt: skip
    assert not (tmp_path / "none" / "results").exists()
