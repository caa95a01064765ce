"""The reference lookup of English local authorities and their regions (DfE data screener files)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .errors import InputError

# A single current upper-tier code: unitary (E06), metropolitan district (E08), London borough
# (E09) or county (E10). Excludes the screener's combined rows ("A / B") and BFPO ("z").
SINGLE_LA_CODE = r"^E(06|08|09|10)\d{6}$"
REGION_CODE = r"^E12\d{6}$"

LA_REFERENCE_COLUMNS = ("new_la_code", "old_la_code", "la_name", "region_code", "region_name")


def load_la_reference(las_csv: str | Path, regions_csv: str | Path) -> pl.DataFrame:
    """The live English LAs with their region: one row per LA, sorted by new code.

    The screener's `las.csv` names the region of each LA in `parent_geography_code`; the region's
    name comes from `regions.csv`. Every live LA must have a known region.
    """
    las = pl.read_csv(las_csv, infer_schema=False)
    regions = pl.read_csv(regions_csv, infer_schema=False).filter(
        pl.col("region_code").str.contains(REGION_CODE)
    )
    live = (
        las.filter(
            (pl.col("status") == "live") & pl.col("new_la_code").str.contains(SINGLE_LA_CODE)
        )
        .rename({"parent_geography_code": "region_code"})
        .join(regions, on="region_code", how="left")
        .select(LA_REFERENCE_COLUMNS)
        .sort("new_la_code")
    )
    unplaced = live.filter(pl.col("region_name").is_null())
    if unplaced.height:
        first = unplaced.row(0, named=True)
        raise InputError(
            las_csv,
            f"LA {first['new_la_code']} has no known region in {Path(regions_csv).name}",
            column="parent_geography_code",
            value=first["region_code"],
        )
    duplicated = live.filter(pl.col("new_la_code").is_duplicated())
    if duplicated.height:
        raise InputError(
            las_csv,
            "a live LA code appears more than once",
            column="new_la_code",
            value=duplicated["new_la_code"][0],
        )
    return live
