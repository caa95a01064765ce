"""Reshaping the checked rows: one row per LA and period, with a column per count."""

from __future__ import annotations

import polars as pl

from .. import published
from .checks import COUNT_FIELDS, IDENTITY, period_key
from .read import LINE


def to_wide(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per LA and period with a column per count (region is from the lookup)."""
    long = frame.with_columns(period=period_key(), time_period=pl.col("time_period").cast(pl.Int32))
    wide = long.filter(pl.col("status") == published.STATUS_TOTAL).select(IDENTITY)
    for name, status, column in COUNT_FIELDS:
        part = long.filter(pl.col("status") == status).select(
            *IDENTITY,
            pl.col(f"{column}_n").alias(name),
            pl.col(f"{column}_reason").alias(f"{name}_reason"),
            pl.col(LINE).alias(f"{name}{LINE}"),
        )
        wide = wide.join(part, on=list(IDENTITY), how="inner")
    return wide.sort("period", "new_la_code")
