"""Receive the release: from the bundled snapshot, a download from EES, or a local file.

Whatever the source, the data CSV is written exactly as received, with a provenance record, and
only after every check has passed: on any failure nothing is left behind.
"""

from __future__ import annotations

import fnmatch
import io
import math
import signal
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from .. import paths, published
from ..core.errors import AcquireError, shown, shown_list
from ..core.fileio import (
    MalformedCSV,
    count_csv_records,
    sha256_bytes,
    write_bytes_atomic,
    write_json_atomic,
)
from .credentials import redacted, scrubbed
from .kinds import SOURCE_EES, SOURCE_EES_API, SOURCE_SNAPSHOT, source_kind
from .snapshot import read_verified_snapshot

TOO_MANY_REQUESTS = 429
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
CHUNK_BYTES = 1 << 16
USER_AGENT = "senco-bulletin"


@dataclass(frozen=True)
class DownloadSettings:
    """How to download: bounds on time, attempts and size (config.yaml owns the defaults)."""

    timeout_seconds: float
    retries: int
    backoff_seconds: float
    max_retry_after_seconds: float
    max_bytes: int
    # Hosts a redirect may lead to besides the URL's own and DfE's (config allowed_redirect_hosts).
    allowed_redirect_hosts: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, params: Mapping[str, Any]) -> DownloadSettings:
        """The settings from config.yaml's keys (checked by its schema)."""
        return cls(
            timeout_seconds=float(params["timeout_seconds"]),
            retries=int(params["retries"]),
            backoff_seconds=float(params["backoff_seconds"]),
            max_retry_after_seconds=float(params["max_retry_after_seconds"]),
            max_bytes=int(params["max_download_bytes"]),
            allowed_redirect_hosts=tuple(params["allowed_redirect_hosts"]),
        )


# DfE's hosts for Explore Education Statistics files: a redirect may always lead to them (and to
# their subdomains).
DFE_HOSTS = ("explore-education-statistics.service.gov.uk", "api.education.gov.uk")
MAX_REDIRECTS = 30  # as requests allows


def redirect_problem(
    current: str, target: str, original: str, allowed: tuple[str, ...]
) -> str | None:
    """Why a redirect from `current` to `target` is refused, or None: a downgrade from https
    to http, a scheme that is not http(s), or a host other than the original URL's, DfE's and
    those configured."""
    here, there = urlsplit(current), urlsplit(target)
    if there.scheme not in ("http", "https"):
        return f"refused a redirect to a {there.scheme or 'relative'!s} URL"
    if here.scheme == "https" and there.scheme == "http":
        return f"refused a redirect from https to http ({redacted(target)})"
    host = (there.hostname or "").lower()
    trusted = {(urlsplit(original).hostname or "").lower(), *DFE_HOSTS, *allowed}
    if not any(host == name or host.endswith("." + name) for name in trusted if name):
        return (
            f"refused a redirect to {host!r}, not this URL's host or DfE's (add it to "
            f"allowed_redirect_hosts if it is trusted)"
        )
    return None


def _get(session, url: str, settings: DownloadSettings, original: str):
    """GET with redirects followed by hand, each checked (`redirect_problem`); returns the final
    response, open, and its URL."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        response = session.get(
            current,
            timeout=settings.timeout_seconds,
            stream=True,
            allow_redirects=False,
            # Identity encoding: the bytes written are the file exactly as the server holds it.
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
        )
        if not (response.is_redirect and "Location" in response.headers):
            return response, current
        target = urljoin(current, response.headers["Location"])
        response.close()
        problem = redirect_problem(current, target, original, settings.allowed_redirect_hosts)
        if problem is not None:
            raise AcquireError(f"{redacted(original)}: {problem}")
        current = target
    raise requests.exceptions.TooManyRedirects


@dataclass(frozen=True)
class Received:
    """A data file as received, and where it came from."""

    data: bytes
    origin: str
    member: str | None = None
    archive_sha256: str | None = None


def _retry_delay(attempt: int, settings: DownloadSettings, retry_after: str | None) -> float:
    """Seconds to wait before the next attempt: the server's Retry-After if given, else backoff."""
    if retry_after is not None:
        try:
            seconds = float(retry_after)
        except ValueError:
            seconds = math.nan  # an HTTP date: fall back to our own backoff rather than parse it
        if math.isfinite(seconds):
            return min(max(seconds, 0.0), settings.max_retry_after_seconds)
    return settings.backoff_seconds * (2**attempt)


class RefusedStatus(AcquireError):
    """The server answered with an error status that retrying will not change (4xx)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class TooSlow(Exception):
    """An attempt has run past its deadline: retried like a timeout."""


@contextmanager
def attempt_deadline(seconds: float) -> Iterator[None]:
    """Raise TooSlow in the block once `seconds` have passed, wherever it is waiting.

    A socket's timeout bounds each read, not the whole response: a server sending its status
    line and headers a byte every half second would never trip it. A timer signal interrupts
    any wait. Signals reach only the main thread, where Snakemake runs a rule's script; in any
    other thread the block runs unbounded but for the socket timeouts and the body's deadline.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _read_body(
    response: requests.Response, url: str, settings: DownloadSettings, deadline: float
) -> bytes:
    """The body, up to `max_bytes`, by `deadline` (time.monotonic()).

    Read as bytes arrive (read1), so a server that sends a byte a second, never stalling long
    enough for the socket's read timeout, still meets the deadline. A body shorter than its
    Content-Length makes urllib3 raise, and is retried like a dropped connection.
    """
    body = bytearray()
    while True:
        if time.monotonic() > deadline:
            raise TooSlow
        try:
            chunk = response.raw.read1(CHUNK_BYTES, decode_content=True)
        except urllib3.exceptions.ReadTimeoutError as error:
            raise requests.exceptions.Timeout(error) from None
        except urllib3.exceptions.ProtocolError as error:
            raise requests.exceptions.ChunkedEncodingError(error) from None
        except urllib3.exceptions.DecodeError:
            encoding = response.headers.get("Content-Encoding", "")
            raise AcquireError(
                f"{url}: the body is not {shown(encoding)} data, as its Content-Encoding says"
            ) from None
        if not chunk:
            break
        body.extend(chunk)
        if len(body) > settings.max_bytes:
            raise AcquireError(
                f"{url}: response is larger than max_download_bytes ({settings.max_bytes})"
            )
    return bytes(body)


def download(
    url: str, settings: DownloadSettings, session: requests.Session | None = None
) -> bytes:
    """GET `url`, following redirects, retrying 429/5xx and broken connections with backoff.

    Written as a plain loop rather than urllib3's Retry because a body cut off mid-stream must be
    retried too, and every way of failing must end in one line that says what happened, with
    no credential of the URL in it.
    """
    return fetch(url, settings, session)[0]


def fetch(
    url: str,
    settings: DownloadSettings,
    session: requests.Session | None = None,
    accept: Callable[[bytes, str, str], None] | None = None,
) -> tuple[bytes, str]:
    """`download`, with the URL the body finally came from (after redirects). `accept`
    checks the body (its bytes, Content-Type and URL) and raises if it is not what was asked
    for; by default it must be a data file, not a page or an API's JSON."""
    try:
        return _download(url, settings, session, accept or _reject_non_data)
    except RefusedStatus as error:
        raise RefusedStatus(scrubbed(str(error), url), error.status) from None
    except AcquireError as error:
        raise AcquireError(scrubbed(str(error), url)) from None


def _download(
    url: str,
    settings: DownloadSettings,
    session: requests.Session | None,
    accept: Callable[[bytes, str, str], None],
) -> tuple[bytes, str]:
    session = session or requests.Session()
    last_problem = "no attempt made"
    for attempt in range(settings.retries + 1):
        retry_after = None
        # The whole attempt, headers and body, within timeout_seconds.
        deadline = time.monotonic() + settings.timeout_seconds
        try:
            with attempt_deadline(settings.timeout_seconds):
                response, final_url = _get(session, url, settings, url)
                with response:
                    if response.status_code == TOO_MANY_REQUESTS or response.status_code >= 500:
                        last_problem = f"HTTP {response.status_code} {response.reason}"
                        retry_after = response.headers.get("Retry-After")
                    elif response.status_code >= 400:
                        raise RefusedStatus(
                            f"{url}: HTTP {response.status_code} {response.reason}",
                            response.status_code,
                        )
                    else:
                        body = _read_body(response, url, settings, deadline)
                        accept(body, response.headers.get("Content-Type", ""), url)
                        return body, final_url
        except requests.exceptions.TooManyRedirects:
            raise AcquireError(f"{url}: too many redirects (a redirect loop?)") from None
        except (requests.exceptions.Timeout, TooSlow):
            last_problem = f"no complete response within {settings.timeout_seconds:g} s"
        except requests.exceptions.ChunkedEncodingError as error:
            last_problem = f"truncated body ({_first_line(error)})"
        except requests.exceptions.ConnectionError as error:
            last_problem = f"connection failed ({_first_line(error)})"
        except requests.exceptions.InvalidURL as error:
            raise AcquireError(f"{url}: invalid URL ({_first_line(error)})") from None
        except requests.exceptions.RequestException as error:
            raise AcquireError(f"{url}: {_first_line(error)}") from None
        if attempt < settings.retries:
            time.sleep(_retry_delay(attempt, settings, retry_after))
    attempts = settings.retries + 1
    raise AcquireError(f"{url}: {last_problem}, after {attempts} attempt{'s' * (attempts > 1)}")


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]


def _reject_non_data(body: bytes, content_type: str, origin: str) -> None:
    """Stop on an empty body, or a page or API error where the data should be."""
    if not body.strip():
        raise AcquireError(f"{origin}: empty file or response body")
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if "text/html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html")):
        raise AcquireError(f"{origin}: received an HTML page, not a CSV or ZIP data file")
    if head.startswith(b"<"):
        raise AcquireError(f"{origin}: received HTML or XML markup, not a CSV or ZIP data file")
    if head.startswith((b"{", b"[")):
        raise AcquireError(f"{origin}: received JSON (an API error?), not a CSV or ZIP data file")


def _is_zip(data: bytes) -> bool:
    return data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC))


def extract_csv_from_zip(
    archive: bytes, pattern: str, origin: str, max_bytes: int
) -> tuple[str, bytes]:
    """The one member of a release or data-set ZIP whose name matches `pattern`."""
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
            members = [info for info in bundle.infolist() if not info.is_dir()]
            for info in members:
                name = PurePosixPath(info.filename)
                if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
                    raise AcquireError(
                        f"{origin}: ZIP member {shown(info.filename)} has an unsafe path"
                    )
            matches = [info for info in members if _member_matches(info.filename, pattern)]
            if not matches:
                raise AcquireError(
                    f"{origin}: no ZIP member matches zip_member_pattern {pattern!r} "
                    f"(members: {shown_list([info.filename for info in members])})"
                )
            if len(matches) > 1:
                raise AcquireError(
                    f"{origin}: {len(matches)} ZIP members match zip_member_pattern {pattern!r} "
                    f"({shown_list([info.filename for info in matches])}); make the pattern "
                    f"name one file"
                )
            member = matches[0]
            if member.file_size > max_bytes:
                raise AcquireError(
                    f"{origin}: ZIP member {shown(member.filename)} would unpack to "
                    f"{member.file_size} "
                    f"bytes, more than max_download_bytes ({max_bytes})"
                )
            data = bundle.read(member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
        raise AcquireError(f"{origin}: not a readable ZIP file ({_first_line(error)})") from None
    except (NotImplementedError, RuntimeError) as error:  # unsupported compression, encryption
        raise AcquireError(f"{origin}: cannot unpack the ZIP ({_first_line(error)})") from None
    if _is_zip(data):
        raise AcquireError(f"{origin}: ZIP member {shown(member.filename)} is itself an archive")
    return member.filename, data


def _member_matches(name: str, pattern: str) -> bool:
    """Glob match folder by folder, so `data/*.csv` does not reach into `data/old/`."""
    name_parts, pattern_parts = name.split("/"), pattern.split("/")
    return len(name_parts) == len(pattern_parts) and all(
        fnmatch.fnmatchcase(part, glob)
        for part, glob in zip(name_parts, pattern_parts, strict=True)
    )


def unpack(payload: bytes, origin: str, zip_member_pattern: str, max_bytes: int) -> Received:
    """Turn a received payload (CSV or ZIP) into the data CSV, checking that it is data."""
    _reject_non_data(payload, "", origin)
    if not _is_zip(payload):
        _check_looks_like_csv(payload, origin)
        return Received(data=payload, origin=origin)
    member, data = extract_csv_from_zip(payload, zip_member_pattern, origin, max_bytes)
    _reject_non_data(data, "", f"{origin}!{member}")
    _check_looks_like_csv(data, f"{origin}!{member}")
    return Received(data=data, origin=origin, member=member, archive_sha256=sha256_bytes(payload))


def _check_looks_like_csv(data: bytes, origin: str) -> None:
    """A CSV's first line is a comma-separated header of text; anything else is not the data."""
    first_line = data.split(b"\n", 1)[0]
    try:
        header = first_line.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AcquireError(f"{origin}: not a UTF-8 CSV file (its first line is not text)") from None
    if "," not in header:
        raise AcquireError(f"{origin}: not a CSV file (no comma-separated header on line 1)")


def _repository_relative(path: Path) -> str:
    """A bundled file's path as it appears in the repository, so provenance is machine-neutral."""
    try:
        return path.resolve().relative_to(paths.REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def verify_checksum(data: bytes, expected_sha256: str | None, origin: str) -> None:
    if expected_sha256 and sha256_bytes(data) != expected_sha256.lower():
        raise AcquireError(
            f"{origin}: sha256 {sha256_bytes(data)} does not match "
            f"expected_sha256 {expected_sha256}"
        )


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def receive(
    source: str,
    *,
    snapshot_manifest: str | Path,
    download_url: str,
    zip_member_pattern: str,
    settings: DownloadSettings,
    clock=utc_now,
    source_sha256: str | None = None,
    data_set=None,
) -> tuple[Received, dict[str, Any]]:
    """Receive the data from `source`, with the provenance fields that depend on the source.
    `source_sha256`: a local file's checksum when the run began, which it must still have;
    `data_set`: for ees-api, the API's data set and version (senco.acquire.ees_api.DataSet, which
    builds on this module and receives itself)."""
    kind = source_kind(source)
    if kind == SOURCE_EES_API:
        if data_set is None:
            raise AcquireError("source ees-api: no data_set_id configured")
        return data_set.receive(settings, zip_member_pattern, clock)
    if kind == SOURCE_SNAPSHOT:
        data, manifest = read_verified_snapshot(snapshot_manifest)
        data_path = Path(snapshot_manifest).parent / manifest["file"]
        received = Received(data=data, origin=str(data_path))
        return received, {
            "source": kind,
            "path": _repository_relative(data_path),
            "url": manifest["origin_url"],
            "retrieved_at": manifest["retrieved_at"],
            "synthetic": manifest["synthetic"],
            "zip_member": manifest.get("zip_member"),
        }
    if kind == SOURCE_EES:
        payload, final_url = fetch(download_url, settings)
        shown_url = redacted(download_url)
        received = unpack(payload, shown_url, zip_member_pattern, settings.max_bytes)
        return received, {
            "source": kind,
            "url": shown_url,
            # Where the file came from after redirects, as received.
            "final_url": redacted(final_url),
            "retrieved_at": clock(),
            "synthetic": False,
            "zip_member": received.member,
        }
    path = Path(source)
    try:
        # The same size limit as a download: a file larger than memory is refused, not read.
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise AcquireError(
                f"{path}: the local source file is {size:,} bytes, more than "
                f"max_download_bytes ({settings.max_bytes:,})"
            )
        payload = path.read_bytes()
    except OSError as error:
        raise AcquireError(
            f"{path}: cannot read the local source file ({error.strerror})"
        ) from None
    if source_sha256 is not None and sha256_bytes(payload) != source_sha256:
        raise AcquireError(
            f"{path}: the local source file changed while the build was reading it (sha256 "
            f"{source_sha256} when the run began, {sha256_bytes(payload)} now): run it again"
        )
    received = unpack(payload, str(path), zip_member_pattern, settings.max_bytes)
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0)
    return received, {
        "source": kind,
        "path": str(path),
        # A local file's modification time, so the same file gives the same provenance.
        "retrieved_at": modified.isoformat().replace("+00:00", "Z"),
        "synthetic": False,
        "zip_member": received.member,
    }


def _records(received: Received) -> int:
    try:
        return count_csv_records(received.data)
    except MalformedCSV as error:
        raise AcquireError(f"{received.origin}, line {error.line}: {error}") from None


def acquire(
    source: str,
    *,
    out_csv: str | Path,
    out_provenance: str | Path,
    snapshot_manifest: str | Path,
    download_url: str,
    zip_member_pattern: str,
    expected_sha256: str | None,
    settings: DownloadSettings,
    clock=utc_now,
    source_sha256: str | None = None,
    data_set=None,
) -> dict[str, Any]:
    """Receive, verify, and write the CSV byte for byte and `provenance.json`; return the latter."""
    received, provenance = receive(
        source,
        snapshot_manifest=snapshot_manifest,
        download_url=download_url,
        zip_member_pattern=zip_member_pattern,
        settings=settings,
        clock=clock,
        source_sha256=source_sha256,
        data_set=data_set,
    )
    verify_checksum(received.data, expected_sha256, received.origin)
    checksum = sha256_bytes(received.data)
    if checksum == published.SYNTHETIC_SNAPSHOT_SHA256:
        # The label stays with the data, not with the way it arrived.
        provenance["synthetic"] = True
    provenance.update(
        sha256=checksum,
        size_bytes=len(received.data),
        rows=_records(received),
        archive_sha256=received.archive_sha256,
    )
    provenance.setdefault("url", None)
    provenance.setdefault("final_url", None)
    provenance.setdefault("path", None)
    try:
        write_bytes_atomic(out_csv, received.data)
        write_json_atomic(out_provenance, provenance)
    except OSError as error:
        # Neither file without the other: the CSV is only trustworthy with its provenance.
        Path(out_csv).unlink(missing_ok=True)
        raise AcquireError(f"cannot write the received file ({error})") from None
    return provenance
