"""Inputs shared by the tests.

Tests that need a valid full release use the generator's output, so they keep working after
`make refresh-snapshot` replaces the bundled synthetic file with the real one.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

from senco import paths
from senco.acquire.snapshot import read_verified_snapshot
from senco.tools.synthetic import generate_rows, render_csv

# A release ready to publish: every key a publication must name is set.
PUBLISHED = {
    "publication_date": "2025-07-10",
    "producer": "Example Analysis Unit",
    "responsible_statistician": "Ana Lyst",
    "contact_name": "Ana Lyst",
    "contact_team": "Statistics",
    "contact_email": "stats@example.org",
    "pre_release_access": ["Head of profession"],
}


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
    return release_tables(synthetic_release(), synthetic=synthetic, regions=regions,
                          rename=rename, small_base_min=small_base_min)  # fmt: skip


def release_tables(
    data: bytes,
    *,
    synthetic: bool = True,
    regions: list[str] | None = None,
    rename: dict[str, str] | None = None,
    small_base_min: int = 30,
    la_lookup=None,
    neighbours_csv=None,
    **clean_options,
):
    """The indicator tables of a release's bytes, cleaned with `clean_options` (as
    `clean_release` takes them) against `la_lookup` and compared with the neighbour groups of
    `neighbours_csv` (default: the bundled ones), then cut to `regions` and renamed as `rename`
    says."""
    import polars as pl

    from senco.clean.release import clean_release
    from senco.core.reference import load_lookup
    from senco.indicators.compute import (
        definitions_table,
        la_indicators,
        load_definitions,
        rates_from,
    )
    from senco.indicators.tables import IndicatorTables
    from senco.indicators.targeted import load_targeted_codes

    spec = load_definitions(paths.INDICATOR_DEFINITIONS)
    reference = load_lookup(la_lookup or paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    result = clean_release(data, "release.csv", reference, synthetic=synthetic, **clean_options)
    clean = result.table
    if regions is not None:
        clean = clean.filter(pl.col("region_code").is_in(regions))
    if rename:
        clean = clean.with_columns(pl.col("la_name").replace(rename))
    targeted = load_targeted_codes(paths.TARGETED_CODES_CSV)["new_la_code"].to_list()
    groups, group_rows = neighbour_groups(la_lookup, neighbours_csv)
    la, areas = la_indicators(clean, targeted, rates_from(spec), small_base_min, result.missing,
                              groups)  # fmt: skip
    return IndicatorTables(la, areas, definitions_table(spec), synthetic, small_base_min,
                           group_rows)  # fmt: skip


def neighbour_groups(la_lookup=None, neighbours_csv=None):
    """The statistical neighbour groups (default: the bundled ones, against the bundled
    lookup), as `la_indicators` takes them and as the statistical_neighbours table."""
    from senco.core.neighbours import read_neighbours
    from senco.core.reference import live_codes
    from senco.indicators.neighbours import group_table

    live = live_codes(la_lookup or paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    groups = read_neighbours(neighbours_csv or paths.STATISTICAL_NEIGHBOURS_CSV, live)
    return groups, group_table(groups, live)


def findings_of(tables, directory):
    """The findings stage on `tables`, written to `directory` and read back as the rules do."""
    from senco.findings.build import build
    from senco.findings.read import Findings
    from senco.findings.write import to_json

    path = directory / "findings.json"
    path.write_text(to_json(build(tables)), encoding="utf-8")
    return Findings.load(path)


def build_bulletin(
    out, synthetic: bool = True, rename: dict[str, str] | None = None, tables=None
) -> dict:
    """Everything from the indicator tables (default: the synthetic release's) to bulletin.html
    and bulletin.pdf, in `out` (a Path). The session's synthetic build is the
    `synthetic_bulletin` fixture (conftest)."""
    import json

    from senco import layout
    from senco.figures.common import FigureInputs
    from senco.figures.output import load_hexmap, render_all
    from senco.findings.charts import CHART_NAMES
    from senco.indicators.compute import caveats_table, load_definitions
    from senco.views import bulletin
    from senco.views.downloads import write_all
    from senco.views.release import release_from

    if tables is None:
        tables = indicator_tables(synthetic=synthetic, rename=rename)
    found = findings_of(tables, out)
    render_all(FigureInputs(tables, found, load_hexmap(paths.HEXMAP_LAYOUT)), out / "figures",
               out / "downloads" / "charts")  # fmt: skip
    name = out / "downloads" / layout.DATA_NAME
    write_all(tables.la, tables.areas, tables.definitions,
              caveats_table(load_definitions(paths.INDICATOR_DEFINITIONS)), tables.synthetic,
              name.with_suffix(".csv"), name.with_suffix(".meta.csv"),
              name.with_suffix(".guidance.md"), name.with_suffix(".xlsx"),
              tables.small_base_min)  # fmt: skip
    inputs = bulletin.BulletinInputs(
        definitions=tables.definitions,
        files=bulletin.BulletinFiles(
            folder=out,
            figures={name: out / "figures" / f"{name}.svg" for name in CHART_NAMES},
            phone_figures={name: out / "figures" / f"{name}.{layout.PHONE_SVG}"
                           for name in CHART_NAMES},
            chart_csvs={name: out / "downloads" / "charts" / f"{name}.csv"
                        for name in CHART_NAMES},
            spreadsheet=name.with_suffix(".xlsx"),
            ees_data=name.with_suffix(".csv"),
            ees_meta=name.with_suffix(".meta.csv"),
            ees_guidance=name.with_suffix(".guidance.md"),
            factsheet_index=out.parent / "factsheets" / "index.html",
        ),
        provenance={"source": "snapshot", "url": None, "path": "resources/snapshot/x.csv",
                    "retrieved_at": "2026-11-22T00:00:00Z", "sha256": "ab" * 32, "rows": 918},
        validation=json.loads(json.dumps({"outcome": "pass", "summary": {"pass": 1, "warn": 0,
                              "fail": 0, "info": 0}, "checks": [{"name": "encoding",
                              "description": "File is UTF-8", "outcome": "pass", "checked": 1,
                              "failed": 0}]})),
        code_version="0123abcd",
        caveats=caveats_table(load_definitions(paths.INDICATOR_DEFINITIONS)),
        findings=found,
        release=release_from(PUBLISHED),
    )  # fmt: skip
    return print_bulletin(inputs, out) | {"areas": tables.areas, "la": tables.la,
                                          "findings": found}  # fmt: skip


def print_bulletin(inputs, out) -> dict:
    """bulletin.html and bulletin.pdf from the bulletin's inputs (its tables, findings and drawn
    figures: senco.views.bulletin.BulletinInputs), in `out`, as the bulletin rule writes them."""
    from senco.views import bulletin, render

    context = bulletin.build_context(inputs)
    html = bulletin.render_html(context)
    (out / "bulletin.html").write_text(html, encoding="utf-8")
    fetcher = render.RestrictedFetcher([paths.REPO_ROOT])
    bulletin.write_pdf(context, out / "bulletin.pdf", fetcher)
    return {"inputs": inputs, "context": context, "html": html, "pdf": out / "bulletin.pdf",
            "fetcher": fetcher}  # fmt: skip
