"""Errors the pipeline reports to users as a single line."""

from __future__ import annotations

import re
from pathlib import Path

SHOWN_CHARACTERS = 80  # the longest value an error echoes

# Characters no input value may hold: C0 and C1 controls (a vertical tab, ESC) and the
# bidirectional overrides that make text display other than it reads. A regular expression.
CONTROL_CHARACTERS = "[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"


def control_character(text: str) -> str | None:
    """'U+000B' for the first control character in `text`, if it holds one."""
    found = re.search(CONTROL_CHARACTERS, text)
    return f"U+{ord(found.group()):04X}" if found else None


def shown(value: object, limit: int = SHOWN_CHARACTERS) -> str:
    """A value as an error echoes it: quoted, on one line with control characters escaped (repr
    does both), and cut to `limit` characters with the full length said, so a hostile or
    corrupt input can neither break the one-line error nor make it 11 MB long."""
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text):,} characters)"


def shown_list(values: list[object], most: int = 10) -> str:
    """Values for an error, each `shown`, at most `most` of them."""
    listed = ", ".join(shown(value) for value in values[:most]) or "none"
    return listed + (f" and {len(values) - most:,} more" if len(values) > most else "")


class SencoError(Exception):
    """A problem with the input or the configuration, reported as one line without a traceback."""


class AcquireError(SencoError):
    """The release could not be received, or what was received is not the data file."""


class InputError(SencoError):
    """A value in an input file breaks a rule; the message names file, line, column and value."""

    def __init__(
        self,
        path: str | Path,
        message: str,
        *,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.column = column
        self.value = value
        self.reason = message
        where = [self.path]
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        text = f"{', '.join(where)}: {message}"
        if value is not None:
            text += f" (value {shown(value)})"
        super().__init__(text)
