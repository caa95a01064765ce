"""Errors the pipeline reports to users as a single line."""

from __future__ import annotations

from pathlib import Path

SHOWN_CHARACTERS = 80  # the longest value an error echoes


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
