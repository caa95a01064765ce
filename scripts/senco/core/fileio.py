"""Small file helpers: checksums, row counts and atomic writes.

Every output is written to a temporary file in its own directory and renamed into place, so a
reader (or a rerun after a crash) never sees half a file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TEMPORARY_PREFIX = ".partial-"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class MalformedCSV(ValueError):
    """The CSV cannot be read as records; `line` is where the bad record starts."""

    def __init__(self, problem: str, line: int) -> None:
        super().__init__(problem)
        self.line = line


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """A text cell for a CSV download that no spreadsheet runs as a formula: one beginning with
    =, +, -, @, a tab or a carriage return gets a leading apostrophe, as OWASP advises (an LA
    name '=HYPERLINK(...)' stays text). Numbers, negative ones included, are left as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


def count_csv_records(data: bytes) -> int:
    """Data records in a CSV, header excluded; quoted line breaks honoured, blank lines skipped.

    A quote that never closes makes the csv module read on until its field limit (128 KB); that
    is reported as where the record began, not as the module's words."""
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    count, started = 0, 1
    try:
        for record in reader:
            if record:
                count += 1
            started = reader.line_num + 1
    except csv.Error as error:
        raise MalformedCSV(csv_problem(error, text, started), started) from None
    return count - 1


def csv_problem(error: csv.Error, text: str, line: int) -> str:
    """What the csv module's error means, for the record starting at `line` of `text`. Its
    'field larger than field limit' (128 KB) is a quote that never closes, or, on a line with
    no quote, a value that long."""
    if "field larger than field limit" not in str(error):
        return f"malformed CSV ({error})"
    start = text.split("\n", line)[line - 1] if line >= 1 else ""
    if '"' in start:
        return "a quoted value never closes (a stray quote?)"
    longest = max(len(value) for value in start.split(","))
    return (
        f"a value is {longest:,} characters long, more than the {csv.field_size_limit():,} a "
        "field may have"
    )


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it over `path` only if the block succeeds.

    Temporary files left by a run that was killed outright (SIGKILL gives no chance to clean up)
    are removed first, so a rerun leaves no half-written file behind.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f"{TEMPORARY_PREFIX}{target.name}.*"):
        stale.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f"{TEMPORARY_PREFIX}{target.name}.", dir=target.parent
    )
    os.close(handle)
    temporary_path = Path(temporary)
    os.chmod(temporary_path, 0o644)  # mkstemp makes files private; outputs are for reviewers
    try:
        yield temporary_path
        os.replace(temporary_path, target)
    finally:
        temporary_path.unlink(missing_ok=True)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)


def write_text_atomic(path: str | Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def dump_json(value: Any) -> str:
    """JSON as the pipeline writes it: sorted keys, two-space indent, final newline."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_json_atomic(path: str | Path, value: Any) -> None:
    write_text_atomic(path, dump_json(value))


def write_table(frame, parquet_path: str | Path, csv_path: str | Path) -> None:
    """A table as Parquet (typed, for code) and CSV (for people), each written atomically."""
    with atomic_path(parquet_path) as temporary:
        frame.write_parquet(temporary, statistics=False)
    with atomic_path(csv_path) as temporary:
        frame.write_csv(temporary)
