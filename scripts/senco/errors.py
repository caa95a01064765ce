"""Errors the pipeline reports to users as a single line."""

from __future__ import annotations

from pathlib import Path


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
            text += f" (value {value!r})"
        super().__init__(text)
