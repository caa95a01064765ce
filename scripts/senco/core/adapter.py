"""What every rule adapter shares: a one-line error instead of a traceback, and a log file."""

from __future__ import annotations

import errno
import gc
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import SencoError, shown

# How a full disk shows through libraries that do not raise OSError (Polars' Parquet writer, say).
DISK_FULL_TEXT = ("No space left on device", "os error 28", "Disk quota exceeded")


def disk_full(error: BaseException) -> bool:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return any(text in str(error) for text in DISK_FULL_TEXT)


def disk_full_message(error: BaseException, outputs: list[str]) -> str:
    """'the disk is full: could not write <file>', naming the file when the error does, and
    otherwise what the rule was writing."""
    named = getattr(error, "filename", None)
    if named:
        target = shown(named, 240)
    elif outputs:
        target = shown(outputs[0], 240)
        if len(outputs) > 1:
            target += f" (or another of its {len(outputs)} outputs)"
    else:
        target = "its outputs"
    return f"the disk is full: could not write {target}; free some space and run again"


def run_rule(snakemake, step: Callable[[object], list[str]]) -> None:
    """Run `step(snakemake)`, which returns log lines; on a SencoError, print one line and exit 1.

    Snakemake removes a failed job's outputs, and every output is written atomically, so a
    failure leaves nothing partial behind; the log file is kept for reviewers.
    """
    log_path = Path(snakemake.log[0]) if snakemake.log else None
    try:
        lines = step(snakemake)
    except SencoError as error:
        fail(log_path, str(error))
    except Exception as error:
        if not disk_full(error):
            raise
        fail(log_path, disk_full_message(error, [str(path) for path in snakemake.output]))
    _write_log(log_path, lines)
    print(progress_line(snakemake), file=sys.stderr, flush=True)


def progress_line(snakemake) -> str:
    """'done  figures funnel_plot': one line per finished job, which `make build` shows in place
    of Snakemake's own report of each job (it runs Snakemake with --quiet all)."""
    wildcards = " ".join(str(value) for value in getattr(snakemake, "wildcards", []))
    return f"done  {snakemake.rule} {wildcards}".rstrip()


def inputs_loaded() -> None:
    """Call once a job has loaded the inputs it keeps to the end (the findings, the tables): the
    garbage collector stops walking them (gc.freeze). Drawing and printing make many short-lived
    objects, and each full collection otherwise walks every object of the findings again; a
    factsheet job takes about 5% less CPU, the bulletin and the figures about 3% (A/B runs,
    2026-12-03). Only in a job's own process: frozen objects are freed by reference counting but
    never collected as cycles."""
    gc.collect()
    gc.freeze()


def fail(log_path: Path | None, problem: str) -> None:
    """Print each line of `problem` as 'error: ...' (a validation failure has one per check)."""
    messages = [f"error: {line}" for line in problem.splitlines()]
    try:
        _write_log(log_path, messages)
    except OSError:
        pass  # the log may be on the full disk too; the terminal still gets the lines
    print("\n".join(messages), file=sys.stderr)
    sys.exit(1)


def _write_log(path: Path | None, lines: list[str]) -> None:
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
