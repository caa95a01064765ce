"""What every rule adapter shares: a one-line error instead of a traceback, and a log file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from .errors import SencoError


def run_rule(snakemake, step: Callable[[object], list[str]]) -> None:
    """Run `step(snakemake)`, which returns log lines; on a SencoError, print one line and exit 1.

    Snakemake removes a failed job's outputs, and every output is written atomically, so a
    failure leaves nothing partial behind; the log file is kept for reviewers.
    """
    log_path = Path(snakemake.log[0]) if snakemake.log else None
    try:
        lines = step(snakemake)
    except SencoError as error:
        message = f"error: {error}"
        _write_log(log_path, [message])
        print(message, file=sys.stderr)
        sys.exit(1)
    _write_log(log_path, lines)


def _write_log(path: Path | None, lines: list[str]) -> None:
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
