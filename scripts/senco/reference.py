"""The reference lookup of English local authorities and their regions (DfE data screener files).

`live_las` reads it with the standard library only, because the workflow needs the LA list when
Snakemake starts (to name each region's factsheets) and should not pay for importing Polars then;
`load_la_reference` gives the same rows as a checked Polars table for the pipeline.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .errors import InputError

# A single current upper-tier code: unitary (E06), metropolitan district (E08), London borough
# (E09) or county (E10). Excludes the screener's combined rows ("A / B") and BFPO ("z").
SINGLE_LA_CODE = re.compile(r"^E(06|08|09|10)[0-9]{6}$")
REGION_CODE = re.compile(r"^E12[0-9]{6}$")

LA_REFERENCE_COLUMNS = ("new_la_code", "old_la_code", "la_name", "region_code", "region_name")


def live_las(las_csv: str | Path, regions_csv: str | Path) -> list[dict[str, str]]:
    """The live English LAs with their region, sorted by new code; every one must have a region.

    The screener's `las.csv` names each LA's region in `parent_geography_code`; the region's name
    comes from `regions.csv`.
    """
    with open(regions_csv, newline="", encoding="utf-8") as handle:
        regions = {r["region_code"]: r["region_name"] for r in csv.DictReader(handle)
                   if REGION_CODE.match(r["region_code"])}  # fmt: skip
    with open(las_csv, newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle)
                if r["status"] == "live" and SINGLE_LA_CODE.match(r["new_la_code"])]  # fmt: skip
    seen: set[str] = set()
    las = []
    for row in sorted(rows, key=lambda r: r["new_la_code"]):
        code, region = row["new_la_code"], row["parent_geography_code"]
        if region not in regions:
            raise InputError(las_csv, f"LA {code} has no known region in {Path(regions_csv).name}",
                             column="parent_geography_code", value=region)  # fmt: skip
        if code in seen:
            raise InputError(las_csv, "a live LA code appears more than once",
                             column="new_la_code", value=code)  # fmt: skip
        seen.add(code)
        las.append({"new_la_code": code, "old_la_code": row["old_la_code"],
                    "la_name": row["la_name"], "region_code": region,
                    "region_name": regions[region]})  # fmt: skip
    return las


def load_la_reference(las_csv: str | Path, regions_csv: str | Path):
    """`live_las` as a Polars table with all-text columns."""
    import polars as pl

    return pl.DataFrame(
        live_las(las_csv, regions_csv), schema=dict.fromkeys(LA_REFERENCE_COLUMNS, pl.String)
    )


def la_codes_by_region(las_csv: str | Path, regions_csv: str | Path) -> dict[str, list[str]]:
    by_region: dict[str, list[str]] = {}
    for la in live_las(las_csv, regions_csv):
        by_region.setdefault(la["region_code"], []).append(la["new_la_code"])
    return dict(sorted(by_region.items()))
