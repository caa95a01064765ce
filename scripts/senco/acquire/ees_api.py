"""The release from DfE's Explore Education Statistics public API: a data set pinned by its ID
and version (`source: ees-api`).

Three endpoints under `ees_api_url` (https://api.education.gov.uk/statistics; API reference
v1, https://api.education.gov.uk/statistics/docs/):
  - GET /v1/data-sets/{id}: the data set's summary, with its latest published version
    (`latestVersion.version`, `latestVersion.published`);
  - GET /v1/data-sets/{id}/versions/{version}: one version's summary (`version`, `published`);
  - GET /v1/data-sets/{id}/csv?dataSetVersion={version}: the data as CSV (gzip or not).
Every request has the checks, retries, limits, redirect rules and credential hiding of a
download (senco.acquire.sources.fetch). "latest" is resolved to a version number before the
CSV is fetched, so the provenance names the version used. A pinned version is checked against
the latest: a newer one is reported at the end of the run (senco.core.outcome), and a check
that cannot be made is noted, never fatal.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from urllib.parse import quote

from ..core.errors import AcquireError
from .credentials import redacted
from .sources import DownloadSettings, Received, RefusedStatus, fetch, unpack

LATEST = "latest"
NOT_FOUND = 404
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class DataSet:
    """A data set of the API, and the version asked for (a number such as "1.0", or LATEST)."""

    api_url: str  # ees_api_url: the API's root, without /v1
    data_set_id: str
    version: str = LATEST

    def url(self, *parts: str) -> str:
        path = "/".join(quote(part, safe="") for part in ("v1", "data-sets", self.data_set_id,
                                                          *parts))  # fmt: skip
        return f"{self.api_url.rstrip('/')}/{path}"

    def csv_url(self, version: str) -> str:
        return f"{self.url('csv')}?dataSetVersion={quote(version, safe='')}"

    def receive(self, settings: DownloadSettings, zip_member_pattern: str, clock):
        """The data set at its version, with provenance (`receive_api`)."""
        return receive_api(self, settings, zip_member_pattern, clock)


def pinned(version: str) -> str:
    """A configured version as the API names it: "v1.10" (as the command line must write it,
    or YAML reads the number 1.1) is "1.10"; "latest" stays."""
    return version.removeprefix("v")


def version_key(version: str) -> tuple[int, ...]:
    """A version number for comparing: "1.10" after "1.9"; a malformed one sorts first."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return ()


def _accept_json(body: bytes, content_type: str, origin: str) -> None:
    if not body.strip():
        raise AcquireError(f"{origin}: empty response body, not the API's JSON")
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if "text/html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html", b"<")):
        raise AcquireError(f"{origin}: received an HTML page, not the API's JSON")


def _summary(url: str, settings: DownloadSettings, missing: str) -> dict[str, Any]:
    """A JSON summary from the API; `missing` is what a 404 means, in words."""
    try:
        body, _ = fetch(url, settings, accept=_accept_json)
    except RefusedStatus as error:
        if error.status == NOT_FOUND:
            raise AcquireError(f"{redacted(url)}: {missing} (HTTP 404)") from None
        raise
    try:
        record = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise AcquireError(f"{redacted(url)}: not JSON ({error})") from None
    if not isinstance(record, dict):
        raise AcquireError(
            f"{redacted(url)}: not the API's summary (a JSON {type(record).__name__})"
        )
    return record


def _version_fields(record: dict[str, Any], url: str) -> tuple[str, str | None]:
    """A version summary's number and publication time (the number is `version`; early
    releases of the API called it `number`)."""
    version = record.get("version", record.get("number"))
    if not isinstance(version, str) or not version:
        raise AcquireError(f"{redacted(url)}: the API's summary names no version")
    return version, iso_time(record.get("published"))


def iso_time(value: Any) -> str | None:
    """A publication time as the API gives it (ISO 8601), or None if it is not one."""
    try:
        return datetime.fromisoformat(value).isoformat() if isinstance(value, str) else None
    except ValueError:
        return None


def latest_version(data_set: DataSet, settings: DownloadSettings) -> tuple[str, str | None]:
    """The data set's latest published version and when it was published."""
    url = data_set.url()
    record = _summary(url, settings, f"no data set {data_set.data_set_id!r} on the API")
    latest = record.get("latestVersion")
    if not isinstance(latest, dict):
        raise AcquireError(f"{redacted(url)}: the API's summary has no latestVersion")
    return _version_fields(latest, url)


def pinned_version(data_set: DataSet, settings: DownloadSettings) -> tuple[str, str | None]:
    """The pinned version's number and publication time, checked to exist."""
    url = data_set.url("versions", data_set.version)
    missing = (f"data set {data_set.data_set_id!r} has no version {data_set.version!r} (or the "
               "data set does not exist)")  # fmt: skip
    return _version_fields(_summary(url, settings, missing), url)


def gunzipped(body: bytes, origin: str, max_bytes: int) -> bytes:
    """The body, decompressed when it is gzip data itself (not only encoded for transfer),
    never past `max_bytes`."""
    if not body.startswith(GZIP_MAGIC):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            data = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise AcquireError(f"{origin}: not a readable gzip file ({error})") from None
    if len(data) > max_bytes:
        raise AcquireError(f"{origin}: unpacks to more than max_download_bytes ({max_bytes})")
    return data


def newer_version_check(data_set: DataSet, version: str, settings: DownloadSettings):
    """(newer version, its publication time), (None, None) when the pinned one is the latest,
    or a note saying why the check could not be made (one attempt: it must not hold the run)."""
    try:
        latest, published = latest_version(data_set, replace(settings, retries=0))
    except AcquireError as error:
        return None, f"could not check for a newer version: {error}"
    if version_key(latest) > version_key(version):
        return {"version": latest, "published": published}, None
    return None, None


def receive_api(
    data_set: DataSet, settings: DownloadSettings, zip_member_pattern: str, clock
) -> tuple[Received, dict[str, Any]]:
    """The data set's CSV at the version asked for ("latest" resolved), with provenance."""
    if data_set.version == LATEST:
        version, published = latest_version(data_set, settings)
    else:
        version, published = pinned_version(data_set, settings)
    url = data_set.csv_url(version)
    payload, final_url = fetch(url, settings)
    shown_url = redacted(url)
    received = unpack(gunzipped(payload, shown_url, settings.max_bytes), shown_url,
                      zip_member_pattern, settings.max_bytes)  # fmt: skip
    newer, note = (None, None)
    if data_set.version != LATEST:
        newer, note = newer_version_check(data_set, version, settings)
    return received, {
        "source": "ees-api",
        "url": shown_url,
        "final_url": redacted(final_url),
        "retrieved_at": clock(),
        "synthetic": False,
        "zip_member": received.member,
        "data_set_id": data_set.data_set_id,
        "data_set_version": version,
        "data_set_version_requested": data_set.version,
        "data_set_version_published": published,
        "newer_version": newer,
        "newer_version_check": note,
    }
