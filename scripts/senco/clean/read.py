"""Reading the published file as text: UTF-8 (tolerating a byte-order mark and CR line endings),
strict CSV with one record per line, exactly the published columns, values trimmed.

A file that cannot be read as a table stops here at its first problem, since no later check
could run on it; every step is recorded in the validation log.
"""

from __future__ import annotations

import csv
import io

import polars as pl

from .. import published
from ..core.errors import InputError, shown
from ..core.fileio import csv_problem, sha256_bytes
from .validation import INFO, PASS, WARN, ValidationLog

LINE = "_line"  # physical line of each record in the raw file (the header is line 1)


def source_label(path: str, provenance: dict) -> str:
    """How errors name the file: the internal copy, and the file or address the user gave."""
    origin = provenance.get("url") or provenance.get("path")
    if not origin or origin == path:
        return path
    member = provenance.get("zip_member")
    given = f"{shown(member)} in {shown(origin)}" if member else shown(origin)
    return f"{path} (copy of {given})"


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
        line = len(records) + 2  # where the bad record starts
        stop(csv_problem(problem, body, line), line)
    log.record("structure", description, checked=len(records))
    names = [name.strip() for name in header]
    check_columns(names, source, log)
    frame = pl.DataFrame(records, schema=dict.fromkeys(names, pl.String), orient="row")
    return frame.with_columns(pl.int_range(2, len(records) + 2, dtype=pl.Int64).alias(LINE))


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
