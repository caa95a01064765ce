"""The clean step as a whole: read the published file, run every check, reshape, and enforce the
clean table's contract.

Every check that can run does, so one run reports every breach; then, if any blocking check
failed, the run stops with one line per failed check naming the file, the line in the raw file,
the column and the value.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import polars.selectors as cs

from .. import paths, published
from ..core.contract import enforce, load_contract
from ..core.errors import InputError, SencoError
from ..core.fileio import sha256_bytes
from .checks import (
    BREACH_ERROR,
    BREACH_WARN,
    Checker,
    ValidationFailed,
    check_consistency,
    check_counts,
    check_coverage,
    check_keys,
    check_la_identity,
    check_not_empty,
    check_values,
)
from .read import LINE, decode, read_records, strip_whitespace
from .reshape import to_wide
from .validation import ValidationLog


@dataclass(frozen=True)
class CleanResult:
    table: pl.DataFrame
    log: ValidationLog
    # LAs the lookup gives for a period but the file lacks (only with allow_missing_las).
    missing: pl.DataFrame


def clean_release(
    data: bytes,
    source: str,
    lookup: pl.DataFrame,
    *,
    synthetic: bool,
    on_breach: str = BREACH_ERROR,
    allow_missing_las: bool = False,
) -> CleanResult:
    """Validate the published file's bytes and return the clean table with its validation log.

    `source` names the file in messages; `synthetic` (from provenance) labels every row;
    `lookup` is `reference.load_lookup`. Raises `ValidationFailed`, with one line per failed
    check and the log of every check run, if any blocking check fails.
    """
    if on_breach not in (BREACH_ERROR, BREACH_WARN):
        raise SencoError(f"config key consistency_breach: {on_breach!r} is not 'error' or 'warn'")
    log = ValidationLog(input_file=source, input_sha256=sha256_bytes(data), synthetic=synthetic)
    try:
        # The file must read as a table before any value can be checked.
        text = decode(data, source, log)
        frame = read_records(text, source, log)
    except InputError as error:
        raise ValidationFailed([error], [str(error)], log) from None
    frame = strip_whitespace(frame, log)
    checker = Checker(source, log)
    missing = None
    if check_not_empty(frame, checker):
        check_values(frame, checker)
        frame = check_la_identity(frame, checker, lookup)
        frame = check_counts(frame, checker)
        check_keys(frame, checker)
        missing = check_coverage(frame, lookup, checker, allow_missing_las)
    checker.stop_if_failed()
    wide = to_wide(frame)
    check_consistency(wide, checker, on_breach)
    checker.stop_if_failed()
    table = wide.drop(cs.ends_with(LINE)).with_columns(
        data_status=pl.lit(published.data_status(synthetic))
    )
    table = enforce(table, load_contract(paths.CLEAN_TABLE_SCHEMA))
    return CleanResult(table=table, log=log, missing=missing)
