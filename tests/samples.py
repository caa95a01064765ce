"""Inputs shared by the tests.

Tests that need a valid full release use the generator's output, so they keep working after
`make refresh-snapshot` replaces the bundled synthetic file with the real one.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

from senco import paths
from senco.snapshot import read_verified_snapshot
from senco.synthetic import generate_rows, render_csv


@cache
def synthetic_release() -> bytes:
    """A full synthetic release: 918 rows with the published schema (what the generator makes)."""
    return render_csv(generate_rows())


def bundled_snapshot() -> tuple[bytes, dict]:
    """The bundled snapshot's bytes and manifest, verified."""
    return read_verified_snapshot(paths.SNAPSHOT_MANIFEST)


def make_zip(members: dict[str, bytes]) -> bytes:
    """A ZIP archive holding `members` (name -> bytes), as a release or data-set download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return buffer.getvalue()


def indicator_tables(
    regions: list[str] | None = None,
    synthetic: bool = True,
    rename: dict[str, str] | None = None,
    small_base_min: int = 30,
):
    """The indicator tables of the synthetic release, for the LAs of `regions` (default all),
    with LA names replaced as `rename` says."""
    import polars as pl

    from senco.clean import clean_release
    from senco.indicators import definitions_table, la_indicators, load_definitions, rates_from
    from senco.reference import load_lookup
    from senco.tables import IndicatorTables
    from senco.targeted import load_targeted_codes

    spec = load_definitions(paths.INDICATOR_DEFINITIONS)
    reference = load_lookup(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    clean = clean_release(
        synthetic_release(), "synthetic.csv", reference, synthetic=synthetic
    ).table
    if regions is not None:
        clean = clean.filter(pl.col("region_code").is_in(regions))
    if rename:
        clean = clean.with_columns(pl.col("la_name").replace(rename))
    targeted = load_targeted_codes(paths.TARGETED_CODES_CSV)["new_la_code"].to_list()
    la, areas = la_indicators(clean, targeted, rates_from(spec), small_base_min)
    return IndicatorTables(la, areas, definitions_table(spec), synthetic, small_base_min)


def findings_of(tables, directory):
    """The findings stage on `tables`, written to `directory` and read back as the rules do."""
    from senco.findings.build import build, to_json
    from senco.findings.read import Findings

    path = directory / "findings.json"
    path.write_text(to_json(build(tables)), encoding="utf-8")
    return Findings.load(path)
