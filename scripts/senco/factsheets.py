"""One A4 factsheet per local authority, an index page, and a ZIP of them all.

Factsheets use the bulletin's fonts, formatting module, synthetic marking and URL fetcher. They are
rendered in batches (one job per region) so each job pays Python, matplotlib and WeasyPrint
start-up once, Snakemake can still run regions in parallel, and one region can be rebuilt alone.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from . import formatting, paths, published, style
from .bulletin import Numbers, RestrictedFetcher, environment
from .fileio import atomic_path, write_bytes_atomic
from .indicators import NATIONAL, REGIONAL

COVERAGE = "coverage_rate"
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP can hold: no build time in the archive


@dataclass(frozen=True)
class FactsheetData:
    la: pl.DataFrame
    areas: pl.DataFrame
    definitions: pl.DataFrame
    provenance: dict[str, Any]

    @classmethod
    def load(cls, la: Path, areas: Path, definitions: Path, provenance: Path) -> FactsheetData:
        """The indicator tables and provenance, as the rules' inputs name them."""
        return cls(
            la=pl.read_parquet(la),
            areas=pl.read_parquet(areas),
            definitions=pl.read_parquet(definitions),
            provenance=json.loads(Path(provenance).read_text(encoding="utf-8")),
        )

    @property
    def periods(self) -> list[str]:
        return sorted(self.la["period"].unique().to_list())

    @property
    def synthetic(self) -> bool:
        return published.DATA_STATUS_SYNTHETIC in self.la["data_status"].unique().to_list()


def area_value(areas: pl.DataFrame, period: str, level: str, code: str, column: str):
    rows = areas.filter(
        (pl.col("period") == period)
        & (pl.col("geographic_level") == level)
        & (pl.col("area_code") == code)
    )
    return rows[column][0] if rows.height else None


def coverage_chart(
    name: str, region: str, values: dict[str, list], periods: list[str], numbers: Numbers
) -> dict[str, Any]:
    """A small bar chart of coverage in the LA, its region and England, each period.

    Drawn as HTML and CSS rather than by matplotlib: the values stay real text for screen
    readers, and 153 factsheets render in a fraction of the time an embedded SVG takes.
    """
    largest = max([v for row in values.values() for v in row if v is not None] + [0.0]) or 1.0
    groups = []
    for label in (name, region, "England"):
        bars = []
        for index, period in enumerate(periods):
            value = values[label][index]
            bars.append(
                {
                    "period": formatting.period_label(period),
                    "latest": index == len(periods) - 1,
                    "width": f"{(value or 0) / largest * 80:.2f}%",
                    "text": numbers.show(COVERAGE, value),
                }
            )
        groups.append({"label": label, "bars": bars})
    return {"groups": groups, "caption": f"Coverage in {name}, {region} and England"}


def factsheet_context(code: str, data: FactsheetData, numbers: Numbers) -> dict[str, Any]:
    """Everything one factsheet shows, formatted."""
    rows = data.la.filter(pl.col("new_la_code") == code).sort("period")
    if rows.height == 0:
        raise ValueError(f"no indicators for LA {code}")
    first = rows.row(0, named=True)
    name, region_code, region = first["la_name"], first["region_code"], first["region_name"]
    periods = data.periods
    by_period = {row["period"]: row for row in rows.iter_rows(named=True)}
    ranked = {p: data.la.filter(pl.col("period") == p)[COVERAGE].count() for p in periods}
    show = numbers.show

    def cell(period: str, column: str) -> str:
        row = by_period.get(period)
        return show(column, row[column]) if row else formatting.NOT_AVAILABLE

    measures = [
        ("settings_total", None),
        ("settings_registered", None),
        ("settings_completed", None),
        ("practitioners_registered", None),
        ("practitioners_completed", None),
        ("registered_rate", "registered_rate"),
        (COVERAGE, COVERAGE),
        ("completion_rate", "completion_rate"),
    ]
    table_rows = []
    for column, interval in measures:
        row = [numbers.label(column)]
        for period in periods:
            value = cell(period, column)
            found = by_period.get(period)
            if interval and found and found[f"{interval}_ci_low"] is not None:
                value += " (" + numbers.interval(
                    interval, found[f"{interval}_ci_low"], found[f"{interval}_ci_high"]
                ) + ")"  # fmt: skip
            row.append(value)
        table_rows.append(row)
    rank_row = [numbers.label("coverage_rank")]
    for period in periods:
        found = by_period.get(period)
        rank = found["coverage_rank"] if found else None
        rank_row.append(
            f"{formatting.count(rank)} of {formatting.count(ranked[period])} "
            f"(quintile {formatting.count(found['coverage_quintile'])})"
            if rank is not None
            else formatting.NOT_AVAILABLE
        )
    table_rows.append(rank_row)
    comparisons = []
    for period in periods:
        found = by_period.get(period) or {}
        comparisons.append(
            {
                "period": formatting.period_label(period),
                "la": show(COVERAGE, found.get(COVERAGE)),
                "region": show(COVERAGE, area_value(data.areas, period, REGIONAL, region_code,
                                                    COVERAGE)),
                "england": show(COVERAGE, area_value(data.areas, period, NATIONAL,
                                                     published.COUNTRY_CODE, COVERAGE)),
                "vs_england": show("coverage_vs_england", found.get("coverage_vs_england")),
                "funnel": show("coverage_funnel_band", found.get("coverage_funnel_band")),
            }
        )  # fmt: skip
    latest = by_period.get(periods[-1]) or {}
    values = {
        name: [by_period.get(p, {}).get(COVERAGE) for p in periods],
        region: [area_value(data.areas, p, REGIONAL, region_code, COVERAGE) for p in periods],
        "England": [
            area_value(data.areas, p, NATIONAL, published.COUNTRY_CODE, COVERAGE) for p in periods
        ],
    }
    chart = coverage_chart(name, region, values, periods, numbers)
    return {
        "code": code,
        "name": name,
        "region": region,
        "title": f"{name}: early years SENCO qualification",
        "subtitle": " and ".join(formatting.period_label(p) for p in periods),
        "synthetic": data.synthetic,
        "synthetic_notice": style.SYNTHETIC_MARK,
        "targeted": "Yes" if first["targeted"] else "No",
        "headers": ["Measure", *(formatting.period_label(p) for p in periods)],
        "interval_level": "95%",
        "rows": table_rows,
        "comparisons": comparisons,
        "change": {
            "completed": show("settings_completed_change", latest.get("settings_completed_change")),
            "coverage": show("coverage_rate_change", latest.get("coverage_rate_change")),
            "since": formatting.period_label(periods[0]),
        },
        "chart": chart,
        "source": (
            f"Source: {published.PRODUCER}, {published.DATA_SET_TITLE} ({published.PUBLICATION}, "
            f"{published.RELEASE}). Rates, intervals, ranks and comparisons are derived by "
            f"senco-bulletin from the published counts."
        ),
        "data_date": data.provenance["retrieved_at"][:10],
        "data_timestamp": data.provenance["retrieved_at"],
        "sha256": data.provenance["sha256"],
        "licence": published.LICENCE,
        "fonts": [
            {
                "family": style.FONT_FAMILY,
                "weight": "bold" if "Bold" in f else "normal",
                "style": "italic" if "Italic" in f else "normal",
                "src": (paths.FONTS_DIR / f).resolve().as_uri(),
            }
            for f in style.FONT_FILES
        ]
        + [
            {
                "family": style.MONO_FONT_FAMILY,
                "weight": "normal",
                "style": "normal",
                "src": (paths.FONTS_DIR / style.MONO_FONT_FILE).resolve().as_uri(),
            }
        ],  # fmt: skip
    }


def render_factsheet(context: dict[str, Any], template_dir: Path = paths.TEMPLATES_DIR) -> str:
    env = environment(template_dir)
    css = (template_dir / "factsheet.css").read_text(encoding="utf-8")
    return env.get_template("factsheet.html.j2").render(**context, css=css)


def write_factsheets(codes: list[str], data: FactsheetData, out_dir: Path) -> list[Path]:
    """Render the given LAs' factsheets in this one process."""
    from weasyprint import HTML

    numbers = Numbers(data.definitions)
    fetcher = RestrictedFetcher([paths.REPO_ROOT])
    written = []
    for code in codes:
        context = factsheet_context(code, data, numbers)
        html = render_factsheet(context)
        out = out_dir / f"{code}.pdf"
        document = HTML(string=html, base_url=str(paths.REPO_ROOT), url_fetcher=fetcher)
        with atomic_path(out) as temporary:
            document.write_pdf(temporary, pdf_variant="pdf/ua-1",
                               pdf_identifier=code.encode("ascii").ljust(16, b"-"),
                               custom_metadata=True)  # fmt: skip
        written.append(out)
    if fetcher.refused:
        raise ValueError(f"factsheets tried to fetch {fetcher.refused}")
    return written


def index_context(data: FactsheetData, numbers: Numbers) -> dict[str, Any]:
    latest = data.periods[-1]
    rows = data.la.filter(pl.col("period") == latest).sort("region_code", "la_name")
    return {
        "title": "Early years SENCO qualification: local authority factsheets",
        "period": formatting.period_label(latest),
        "synthetic": data.synthetic,
        "synthetic_notice": style.SYNTHETIC_MARK,
        "headers": [
            "Local authority",
            "Region",
            numbers.label(COVERAGE),
            numbers.label("coverage_vs_england"),
            numbers.label("coverage_rate_change"),
            numbers.label("targeted"),
        ],
        "rows": [
            {
                "href": f"{row['new_la_code']}.pdf",
                "cells": [
                    row["la_name"],
                    row["region_name"],
                    numbers.show(COVERAGE, row[COVERAGE]),
                    numbers.show("coverage_vs_england", row["coverage_vs_england"]),
                    numbers.show("coverage_rate_change", row["coverage_rate_change"]),
                    "Yes" if row["targeted"] else "No",
                ],
            }
            for row in rows.iter_rows(named=True)
        ],
        "licence": published.LICENCE,
    }


def render_index(context: dict[str, Any], template_dir: Path = paths.TEMPLATES_DIR) -> str:
    env = environment(template_dir)
    css = (template_dir / "factsheet.css").read_text(encoding="utf-8")
    return env.get_template("factsheet_index.html.j2").render(**context, css=css)


def zip_factsheets(pdfs: list[Path], out: Path) -> None:
    """A ZIP of the factsheets, byte-identical for identical PDFs (fixed times, sorted names)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for pdf in sorted(pdfs, key=lambda p: p.name):
            info = zipfile.ZipInfo(pdf.name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, pdf.read_bytes())
    write_bytes_atomic(out, buffer.getvalue())
