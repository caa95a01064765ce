"""acquire(): the data CSV from the snapshot, a download or a local file, or one clear error.

Downloads go to a scripted server on 127.0.0.1 (tests/http_server.py), so retries, timeouts,
redirects and broken bodies are exercised over real sockets.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from pathlib import Path

import pytest

from http_server import Reply, redirect
from samples import make_zip
from senco.acquire.kinds import source_kind
from senco.acquire.snapshot import write_snapshot
from senco.acquire.sources import DownloadSettings, acquire
from senco.core.errors import AcquireError, SencoError
from senco.published import PUBLISHED_COLUMNS

CSV = (
    ",".join(PUBLISHED_COLUMNS)
    + "\n202425,Calendar year,Local authority,E92000001,England,201,E09000001,City of London,"
    "Registered,3,4\n"
    "202425,Calendar year,Local authority,E92000001,England,202,E09000007,Camden,Completed,10,12\n"
).encode()
PATTERN = "data/*.csv"
NOW = "2025-07-17T12:00:00Z"


# A tiny backoff keeps the retry paths quick; tests about timing or timeouts set their own.
def fast(**overrides) -> DownloadSettings:
    """Settings with short waits, so a retried download takes milliseconds."""
    values = dict(
        timeout_seconds=2,
        retries=2,
        backoff_seconds=0.01,
        max_retry_after_seconds=60,
        max_bytes=10_000_000,
    )
    return DownloadSettings(**(values | overrides))


FAST = fast()


RELEASE_ZIP = make_zip(
    {"data/senco.csv": CSV, "data-guidance/data-guidance.txt": b"About this data set.\n"}
)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    # Made up front so "nothing left behind" also covers temporary files beside the outputs.
    directory = tmp_path / "out"
    directory.mkdir()
    return directory


def run(
    out_dir: Path,
    source: str = "ees",
    *,
    url: str = "http://127.0.0.1:9/unused",
    manifest: Path | str = "unused/manifest.json",
    expected_sha256: str | None = None,
    settings: DownloadSettings = FAST,
    pattern: str = PATTERN,
) -> dict:
    return acquire(
        source,
        out_csv=out_dir / "senco.csv",
        out_provenance=out_dir / "provenance.json",
        snapshot_manifest=manifest,
        download_url=url,
        zip_member_pattern=pattern,
        expected_sha256=expected_sha256,
        settings=settings,
        clock=lambda: NOW,
    )


def fails(out_dir: Path, match: str, error: type[Exception] = AcquireError, **kwargs) -> str:
    """Run acquire expecting `error`; check the message is one line and nothing was written."""
    with pytest.raises(error, match=match) as caught:
        run(out_dir, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    assert list(out_dir.iterdir()) == []
    return message


def written(out_dir: Path) -> tuple[bytes, dict]:
    provenance = json.loads((out_dir / "provenance.json").read_text(encoding="utf-8"))
    return (out_dir / "senco.csv").read_bytes(), provenance


# --- successful downloads -------------------------------------------------------------------


def test_csv_download_is_written_byte_for_byte_with_provenance(http_server, out_dir):
    http_server.route("/senco.csv", Reply(body=CSV, headers={"Content-Type": "text/csv"}))
    url = http_server.url("/senco.csv")

    returned = run(out_dir, url=url)

    data, provenance = written(out_dir)
    assert data == CSV
    assert provenance == returned
    assert provenance == {
        "source": "ees",
        "url": url,
        "final_url": url,
        "path": None,
        "sha256": hashlib.sha256(CSV).hexdigest(),
        "size_bytes": len(CSV),
        "rows": 2,
        "retrieved_at": NOW,
        "synthetic": False,
        "zip_member": None,
        "archive_sha256": None,
    }
    assert http_server.count("/senco.csv") == 1


def test_zip_download_writes_the_member_matching_the_pattern(http_server, out_dir):
    http_server.route("/release.zip", Reply(body=RELEASE_ZIP))

    run(out_dir, url=http_server.url("/release.zip"))

    data, provenance = written(out_dir)
    assert data == CSV
    assert provenance["zip_member"] == "data/senco.csv"
    assert provenance["archive_sha256"] == hashlib.sha256(RELEASE_ZIP).hexdigest()
    assert provenance["sha256"] == hashlib.sha256(CSV).hexdigest()


def test_redirect_is_followed(http_server, out_dir):
    http_server.route("/latest", redirect("/files/senco.csv"))
    http_server.route("/files/senco.csv", Reply(body=CSV))

    run(out_dir, url=http_server.url("/latest"))

    data, provenance = written(out_dir)
    assert data == CSV
    assert provenance["url"] == http_server.url("/latest")
    assert provenance["final_url"] == http_server.url("/files/senco.csv")  # where it came from
    assert http_server.count("/latest") == 1
    assert http_server.count("/files/senco.csv") == 1


def test_a_redirect_to_another_host_is_refused_unless_configured(http_server, out_dir):
    # 127.0.0.1 and localhost are different hosts to a browser, and so here.
    elsewhere = http_server.url("/senco.csv").replace("127.0.0.1", "localhost")
    http_server.route("/latest", redirect(elsewhere))
    http_server.route("/senco.csv", Reply(body=CSV))
    message = fails(out_dir, "refused a redirect to 'localhost'", url=http_server.url("/latest"))
    assert "allowed_redirect_hosts" in message
    assert http_server.count("/senco.csv") == 0  # never fetched
    allowed = fast(allowed_redirect_hosts=("localhost",))
    run(out_dir, url=http_server.url("/latest"), settings=allowed)
    assert written(out_dir)[1]["final_url"] == elsewhere


@pytest.mark.parametrize(
    ("current", "target", "problem"),
    [
        ("https://a.example/x", "http://a.example/x", "from https to http"),
        ("https://a.example/x", "ftp://a.example/x", "to a ftp URL"),
        ("https://a.example/x", "https://evil.example/x", "to 'evil.example'"),
        ("https://a.example/x", "https://a.example.evil.example/x", "to 'a.example.evil"),
        ("https://a.example/x", "https://a.example/y", None),
        ("https://a.example/x", "https://content.explore-education-statistics.service.gov.uk/f",
         None),
    ],
)  # fmt: skip
def test_redirects_are_checked_for_downgrade_and_host(current, target, problem):
    from senco.acquire.sources import redirect_problem

    found = redirect_problem(current, target, current, ())
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(
    ("replies", "retries", "attempts"),
    [
        ([Reply(503), Reply(503), Reply(body=CSV)], 3, 3),
        ([Reply(429, headers={"Retry-After": "0"}), Reply(body=CSV)], 1, 2),
        ([Reply(body=CSV, truncate_to=10), Reply(body=CSV)], 1, 2),
        ([Reply(drop=True), Reply(body=CSV)], 1, 2),
        ([Reply(501), Reply(507), Reply(body=CSV)], 2, 3),
        ([Reply(429, headers={"Retry-After": "nan"}), Reply(body=CSV)], 1, 2),
        (
            [Reply(503, headers={"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}), Reply(body=CSV)],
            1,
            2,
        ),
    ],
    ids=[
        "503-503-200",
        "429-retry-after-0",
        "truncated-then-whole",
        "dropped-then-whole",
        "501-507-200",
        "429-retry-after-nan",
        "503-retry-after-date",
    ],
)
def test_transient_failures_are_retried(http_server, out_dir, replies, retries, attempts):
    http_server.route("/senco.csv", *replies)
    settings = fast(timeout_seconds=2, retries=retries, backoff_seconds=0.01)

    run(out_dir, url=http_server.url("/senco.csv"), settings=settings)

    assert written(out_dir)[0] == CSV
    assert http_server.count("/senco.csv") == attempts


def test_429_waits_for_retry_after_not_backoff(http_server, out_dir):
    http_server.route("/senco.csv", Reply(429, headers={"Retry-After": "0"}), Reply(body=CSV))
    # Were Retry-After ignored, this backoff would make the run take 3 s.
    settings = fast(timeout_seconds=2, retries=1, backoff_seconds=3)

    started = time.monotonic()
    run(out_dir, url=http_server.url("/senco.csv"), settings=settings)

    assert time.monotonic() - started < 1.5
    assert written(out_dir)[0] == CSV


def test_retries_back_off_exponentially(http_server, out_dir):
    http_server.route("/senco.csv", Reply(503), Reply(503), Reply(body=CSV))
    settings = fast(timeout_seconds=2, retries=2, backoff_seconds=0.1)

    started = time.monotonic()
    run(out_dir, url=http_server.url("/senco.csv"), settings=settings)

    assert time.monotonic() - started >= 0.1 + 0.2
    assert written(out_dir)[0] == CSV


@pytest.mark.parametrize("case", ["matching", "upper-case"])
def test_matching_expected_sha256_is_accepted(http_server, out_dir, case):
    http_server.route("/senco.csv", Reply(body=CSV))
    digest = hashlib.sha256(CSV).hexdigest()

    run(
        out_dir,
        url=http_server.url("/senco.csv"),
        expected_sha256=digest.upper() if case == "upper-case" else digest,
    )

    assert written(out_dir)[0] == CSV


def test_gzip_encoded_response_is_decoded(http_server, out_dir):
    http_server.route(
        "/senco.csv", Reply(body=gzip.compress(CSV), headers={"Content-Encoding": "gzip"})
    )

    run(out_dir, url=http_server.url("/senco.csv"))

    assert written(out_dir)[0] == CSV


# --- failed downloads -----------------------------------------------------------------------


def test_server_error_every_time_fails_after_all_attempts(http_server, out_dir):
    http_server.route("/senco.csv", Reply(500))

    message = fails(out_dir, "HTTP 500", url=http_server.url("/senco.csv"))

    assert "after 3 attempts" in message
    assert http_server.count("/senco.csv") == 3


def test_not_found_fails_without_retrying(http_server, out_dir):
    http_server.route("/senco.csv", Reply(404, body=b"gone"))

    fails(out_dir, "HTTP 404", url=http_server.url("/senco.csv"))

    assert http_server.count("/senco.csv") == 1


def test_redirect_loop_fails(http_server, out_dir):
    http_server.route("/loop", redirect("/loop"))

    fails(out_dir, "redirect", url=http_server.url("/loop"))

    # One request per redirect followed, and not retried: a loop is not transient.
    assert http_server.count("/loop") == 31


@pytest.mark.parametrize(
    ("reply", "match"),
    [
        (Reply(body=b"<!DOCTYPE html><html><body>Sign in</body></html>"), "HTML"),
        (Reply(body=b"a,b\n", headers={"Content-Type": "text/html; charset=utf-8"}), "HTML"),
        (Reply(body=b""), "empty"),
        (Reply(body=b"no header here\n1\n"), "not a CSV"),
        (Reply(body=b'{"errors": ["data set not found"]}'), "JSON"),
        (Reply(body=b"<head><title>Error, sorry</title></head>"), "markup"),
        (Reply(body=b'<?xml version="1.0"?><Error>NoSuchKey</Error>'), "markup"),
        (Reply(body=b"PK\x03\x04 not really a zip"), "not a readable ZIP"),
    ],
    ids=[
        "html-body",
        "html-content-type",
        "empty",
        "no-comma-header",
        "json-error",
        "html-fragment",
        "xml-error",
        "broken-zip",
    ],
)
def test_response_that_is_not_data_fails_at_once(http_server, out_dir, reply, match):
    http_server.route("/senco.csv", reply)

    fails(out_dir, match, url=http_server.url("/senco.csv"))

    assert http_server.count("/senco.csv") == 1


@pytest.mark.parametrize(
    ("reply", "match"),
    [
        (Reply(body=CSV, truncate_to=len(CSV) // 2), r"truncated body .*after 3 attempts"),
        (Reply(drop=True), r"connection failed .*after 3 attempts"),
    ],
    ids=["truncated", "dropped"],
)
def test_broken_response_every_time_fails_after_retries(http_server, out_dir, reply, match):
    http_server.route("/senco.csv", reply)

    fails(out_dir, match, url=http_server.url("/senco.csv"))

    assert http_server.count("/senco.csv") == 3


def test_server_slower_than_the_timeout_fails_after_retries(http_server, out_dir):
    http_server.route("/senco.csv", Reply(body=CSV, delay=5))
    settings = fast(timeout_seconds=0.2, retries=1, backoff_seconds=0.01)

    fails(
        out_dir,
        r"no complete response within 0\.2 s, after 2 attempts",
        url=http_server.url("/senco.csv"),
        settings=settings,
    )

    assert http_server.count("/senco.csv") == 2


def test_a_server_trickling_bytes_is_cut_off_at_the_deadline(http_server, out_dir):
    """A byte every 0.05 s never trips a socket's read timeout; the whole attempt still has
    timeout_seconds, so two attempts end in well under the 2 x 2 s the body would take."""
    http_server.route("/senco.csv", Reply(body=b"x" * 40, trickle=0.05))
    settings = fast(timeout_seconds=0.5, retries=1, backoff_seconds=0.01)
    started = time.monotonic()
    fails(
        out_dir,
        r"no complete response within 0\.5 s, after 2 attempts",
        url=http_server.url("/senco.csv"),
        settings=settings,
    )
    assert time.monotonic() - started < 1.8


def test_response_larger_than_max_bytes_fails(http_server, out_dir):
    http_server.route("/senco.csv", Reply(body=CSV))
    settings = fast(timeout_seconds=2, retries=2, backoff_seconds=0.01, max_bytes=100)

    fails(
        out_dir,
        "larger than max_download_bytes",
        url=http_server.url("/senco.csv"),
        settings=settings,
    )

    assert http_server.count("/senco.csv") == 1


def test_expected_sha256_mismatch_names_both_checksums(http_server, out_dir):
    http_server.route("/senco.csv", Reply(body=CSV))
    wrong = "0" * 64

    message = fails(
        out_dir,
        "does not match expected_sha256",
        url=http_server.url("/senco.csv"),
        expected_sha256=wrong,
    )

    assert hashlib.sha256(CSV).hexdigest() in message
    assert wrong in message


# --- ZIP contents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "pattern", "match"),
    [
        (
            {"data-guidance/data-guidance.txt": b"x", "other/senco.csv": CSV},
            PATTERN,
            r"no ZIP member matches zip_member_pattern 'data/\*\.csv'",
        ),
        (
            {"data/a.csv": CSV, "data/b.csv": CSV},
            PATTERN,
            r"2 ZIP members match zip_member_pattern 'data/\*\.csv'",
        ),
        ({"../evil.csv": CSV}, "*.csv", r"ZIP member '\.\./evil\.csv' has an unsafe path"),
        ({"data/old/senco.csv": CSV}, PATTERN, "no ZIP member matches"),
        ({"data/senco.csv": make_zip({"inner.csv": CSV})}, PATTERN, "itself an archive"),
    ],
    ids=["no-match", "two-matches", "unsafe-path", "subfolder", "nested-zip"],
)
def test_zip_without_exactly_one_safe_csv_fails(http_server, out_dir, members, pattern, match):
    http_server.route("/release.zip", Reply(body=make_zip(members)))

    fails(out_dir, match, url=http_server.url("/release.zip"), pattern=pattern)


def test_hostile_zip_member_names_are_echoed_printable_and_short(http_server, out_dir):
    """Names with control characters, and thousands of long names, give one short line."""
    members = {f"data/{'x' * 5000}-{index}.txt": b"x" for index in range(200)}
    members["bad\x1b[31mname\rwith\ncontrols.txt"] = b"x"
    http_server.route("/release.zip", Reply(body=make_zip(members)))
    message = fails(out_dir, "no ZIP member matches", url=http_server.url("/release.zip"))
    assert len(message) < 2000 and "\x1b" not in message and "\r" not in message
    assert "... (5,011 characters)" in message and "and 191 more" in message


# --- local files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "payload"), [("senco.csv", CSV), ("release.ZIP", RELEASE_ZIP)], ids=["csv", "zip"]
)
def test_local_file_gives_the_same_csv_as_a_download(http_server, tmp_path, out_dir, name, payload):
    http_server.route("/download", Reply(body=payload))
    downloaded = tmp_path / "downloaded"
    run(downloaded, url=http_server.url("/download"))
    local = tmp_path / "in" / name
    local.parent.mkdir()
    local.write_bytes(payload)

    provenance = run(out_dir, str(local))

    data, written_provenance = written(out_dir)
    assert data == written(downloaded)[0] == CSV
    assert written_provenance == provenance
    assert provenance["source"] == "local"
    assert provenance["path"] == str(local)
    assert provenance["url"] is None
    assert provenance["sha256"] == hashlib.sha256(CSV).hexdigest()
    assert provenance["zip_member"] == (None if name.endswith(".csv") else "data/senco.csv")


def test_missing_local_file_fails(tmp_path, out_dir):
    missing = tmp_path / "in" / "nowhere.csv"

    message = fails(out_dir, "cannot read the local source file", source=str(missing))

    assert str(missing) in message


# --- bundled snapshot -----------------------------------------------------------------------


@pytest.fixture
def snapshot(tmp_path: Path) -> Path:
    directory = tmp_path / "snapshot"
    write_snapshot(
        directory,
        CSV,
        file_name="senco_la.csv",
        origin_url="https://example.org/senco.csv",
        retrieved_at="2025-01-02T03:04:05Z",
        synthetic=True,
    )
    return directory / "manifest.json"


def test_snapshot_is_copied_with_the_manifest_provenance(snapshot, out_dir):
    provenance = run(out_dir, "snapshot", manifest=snapshot)

    data, written_provenance = written(out_dir)
    assert data == CSV
    assert written_provenance == provenance
    assert provenance["source"] == "snapshot"
    assert provenance["synthetic"] is True
    # From the manifest, not the injected clock: the snapshot was retrieved once, long ago.
    assert provenance["retrieved_at"] == "2025-01-02T03:04:05Z"
    assert provenance["url"] == "https://example.org/senco.csv"
    assert provenance["sha256"] == hashlib.sha256(CSV).hexdigest()
    assert provenance["rows"] == 2


def test_tampered_snapshot_fails_its_checksum(snapshot, out_dir):
    data_file = snapshot.parent / "senco_la.csv"
    tampered = bytearray(CSV)
    tampered[-3] = ord("9")  # a count in the last row: still a well-formed CSV
    assert bytes(tampered) != CSV
    data_file.write_bytes(bytes(tampered))

    fails(
        out_dir, "sha256 .* does not match", error=SencoError, source="snapshot", manifest=snapshot
    )


# --- source_kind ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kind"),
    [("snapshot", "snapshot"), ("ees", "ees"), ("x.csv", "local"), ("x.ZIP", "local")],
)
def test_source_kind(source, kind):
    assert source_kind(source) == kind


def test_any_other_source_is_a_local_path_and_a_missing_one_writes_nothing(out_dir):
    assert source_kind("ftp") == "local"  # the config schema rejects such values earlier
    fails(out_dir, "cannot read the local source file", source="ftp")


# --- writing --------------------------------------------------------------------------------


def test_failed_provenance_write_leaves_no_csv(tmp_path, out_dir):
    local = tmp_path / "senco.csv"
    local.write_bytes(CSV)
    (out_dir / "provenance.json").mkdir()  # a directory cannot be replaced by a file

    with pytest.raises(AcquireError):
        run(out_dir, str(local))

    assert not (out_dir / "senco.csv").exists()


# --- credentials in the URL -----------------------------------------------------------------

SECRET_URL_PARTS = ("reader", "hunter2", "s3cr3t-token-value", "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA")


def secret_url(base: str) -> str:
    scheme, rest = base.split("://")
    return (
        f"{scheme}://reader:hunter2@{rest}?token=s3cr3t-token-value&page=2"
        f"&X-Amz-Credential=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA"
    )


def test_credentials_in_the_url_never_reach_provenance(http_server, out_dir):
    url = secret_url(http_server.url("/release.csv"))
    http_server.route(url[url.index("/release.csv") :], Reply(body=CSV))  # routes match the query
    run(out_dir, url=url)
    provenance_text = (out_dir / "provenance.json").read_text()
    assert not any(secret in provenance_text for secret in SECRET_URL_PARTS)
    assert "page=2" in provenance_text and "token=***" in provenance_text


@pytest.mark.parametrize("path", ["/missing.csv", "/refused"])
def test_credentials_in_the_url_never_reach_an_error(http_server, out_dir, path):
    if path == "/missing.csv":
        http_server.route(path, Reply(status=404, body=b"no"))
        url = secret_url(http_server.url(path))
    else:  # nothing listens: the connection error quotes the URL
        url = secret_url("http://127.0.0.1:9/refused")
    message = fails(out_dir, r"\*\*\*:\*\*\*@127\.0\.0\.1", url=url)
    assert not any(secret in message for secret in SECRET_URL_PARTS), message


def test_redaction_keeps_what_is_not_secret():
    from senco.acquire.credentials import redacted

    plain = "https://content.explore-education-statistics.service.gov.uk/api/x.csv?dataSetVersion=2"
    assert redacted(plain) == plain
    assert redacted("https://u:p@h/f.csv") == "https://***:***@h/f.csv"


def test_the_bundled_synthetic_file_is_synthetic_however_it_arrives(http_server, tmp_path):
    """Given as a local path, or served as a download, the synthetic snapshot is still labelled
    synthetic: recognised by its checksum, not by how it came."""
    from senco import paths, published

    snapshot = paths.SNAPSHOT_DIR / "senco_la_synthetic.csv"
    local = run(tmp_path / "local", str(snapshot))
    http_server.route("/release.csv", Reply(body=snapshot.read_bytes()))
    served = run(tmp_path / "served", url=http_server.url("/release.csv"))
    for provenance in (local, served):
        assert provenance["synthetic"] is True
        assert provenance["sha256"] == published.SYNTHETIC_SNAPSHOT_SHA256
    http_server.route("/other.csv", Reply(body=CSV))
    assert run(tmp_path / "other", url=http_server.url("/other.csv"))["synthetic"] is False


def test_a_local_file_larger_than_the_limit_is_refused_unread(tmp_path, out_dir):
    """Local files get the download's size limit, so a huge file is never read into memory."""
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:  # sparse: a 5 GB file that takes no disk
        handle.truncate(5 * 1024**3)
    fails(out_dir, r"huge\.csv: the local source file is 5,368,709,120 bytes, more than "
          r"max_download_bytes \(10,000,000\)", source=str(huge))  # fmt: skip


def test_a_body_that_is_not_the_gzip_its_header_says_is_one_line(http_server, out_dir):
    http_server.route("/senco.csv", Reply(body=CSV, headers={"Content-Encoding": "gzip"}))
    fails(out_dir, r"senco\.csv: the body is not 'gzip' data, as its Content-Encoding says",
          url=http_server.url("/senco.csv"))  # fmt: skip
    assert http_server.count("/senco.csv") == 1  # the server's bug, not a dropped connection


def test_a_server_trickling_its_headers_is_cut_off_at_the_deadline(http_server, out_dir):
    """A byte of the status line and headers every 0.05 s: each read is quick, the whole would
    take seconds; timeout_seconds bounds the attempt, headers included."""
    http_server.route("/senco.csv", Reply(body=CSV, header_trickle=0.05))
    started = time.monotonic()
    settings = fast(timeout_seconds=0.5, retries=0)
    fails(out_dir, r"no complete response within 0\.5 s, after 1 attempt",
          url=http_server.url("/senco.csv"), settings=settings)  # fmt: skip
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("path", ["/missing.csv", "/refused"])
def test_a_short_secret_is_redacted_by_its_parameters_name(http_server, out_dir, path):
    """Credentials shorter than a word still follow their name (`password=pw1`) in every error,
    whether the server answers or nothing listens (the library quotes the URL)."""
    query = "?token=abc12&password=pw1&page=2"
    if path == "/missing.csv":
        http_server.route(path + query, Reply(status=404, body=b"no"))
        url = http_server.url(path) + query
    else:
        url = "http://127.0.0.1:9/refused" + query
    message = fails(out_dir, r"token=\*\*\*&password=\*\*\*&page=2", url=url,
                    settings=fast(retries=0))  # fmt: skip
    assert "abc12" not in message and "pw1" not in message


def test_a_local_file_that_changed_since_the_run_began_is_refused(tmp_path, out_dir):
    source = tmp_path / "release.csv"
    source.write_bytes(CSV)
    began = hashlib.sha256(CSV).hexdigest()
    source.write_bytes(CSV.replace(b"Completed,10,", b"Completed,11,"))  # corrected meanwhile
    with pytest.raises(AcquireError, match=r"changed while the build was reading it"):
        acquire(str(source), out_csv=out_dir / "senco.csv",
                out_provenance=out_dir / "provenance.json", snapshot_manifest="unused",
                download_url="unused", zip_member_pattern=PATTERN, expected_sha256=None,
                settings=FAST, source_sha256=began)  # fmt: skip
    assert list(out_dir.iterdir()) == []
