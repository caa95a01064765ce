"""The statistical bulletin: every number from the indicator tables, rendered by Jinja templates.

`build_context` turns the tables, figure sidecars, provenance and validation log into plain data
for the templates (all numbers already formatted by `senco.formatting`); `render_html` fills the
templates with autoescaping on; `write_pdf` prints the same HTML with WeasyPrint through a URL
fetcher that can read nothing outside the project and nothing from the network.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import jinja2
import polars as pl

from . import formatting, paths, published, style
from .charts import CHART_NAMES
from .errors import SencoError
from .indicators import GROUP, NATIONAL, REGIONAL, Z_95, load_definitions

COVERAGE = "coverage_rate"
TITLE = "Early years SENCO qualification by local authority"
SECTION_FIGURES = {
    "england": ["england_at_a_glance"],
    "regions": ["regions_compared", "hex_map"],
    # The funnel first: the chart of every LA takes a landscape page of its own in print.
    "variation": ["funnel_plot", "coverage_by_la"],
    "change": ["change_by_region"],
    "targeted": ["targeted_compared"],
}
LONG_TABLE_ROWS = 20  # longer tables behind a chart go in a collapsible block; the annex has them
PACKAGES = ("snakemake", "polars", "matplotlib", "jinja2", "weasyprint")


@dataclass(frozen=True)
class BulletinInputs:
    la: pl.DataFrame
    areas: pl.DataFrame
    definitions: pl.DataFrame
    sidecars: dict[str, dict[str, Any]]
    figure_files: dict[str, Path]
    provenance: dict[str, Any]
    validation: dict[str, Any]
    code_version: str
    indicator_spec: dict[str, Any]  # workflow/indicators.yaml: caveats are listed once from here


# --- small helpers ---------------------------------------------------------------------------


def data_uri(path: Path, media_type: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def git_commit(directory: Path = paths.REPO_ROOT) -> str:
    """The code version: the git commit, marked if the work tree has uncommitted changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=directory, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=directory,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not available (not a git checkout)"
    return f"{commit} (with uncommitted changes)" if dirty else commit


class Numbers:
    """Looks up definitions and formats values by them: the templates never format numbers."""

    def __init__(self, definitions: pl.DataFrame) -> None:
        self.by_name = {row["name"]: row for row in definitions.iter_rows(named=True)}

    def label(self, name: str) -> str:
        return self.by_name[name]["label"]

    def show(self, name: str, value, missing: str = formatting.NOT_AVAILABLE) -> str:
        definition = self.by_name[name]
        return formatting.by_unit(
            value, definition["unit"], definition["decimal_places"], missing=missing
        )

    def interval(self, name: str, low, high) -> str:
        return formatting.interval(low, high, self.by_name[name]["decimal_places"])


def table_from_sidecar(sidecar: dict[str, Any]) -> dict[str, Any]:
    """The table behind a chart, formatted: the first column heads each row."""
    columns = sidecar["table"]["columns"]
    rows = [
        [
            formatting.by_unit(value, column["unit"], column["decimal_places"])
            for value, column in zip(row, columns, strict=True)
        ]
        for row in sidecar["table"]["rows"]
    ]
    return {
        "id": f"data-{sidecar['name'].replace('_', '-')}",
        "caption": f"Data for: {sidecar['title']}",
        "headers": [column["label"] for column in columns],
        "numeric": [column["unit"] not in ("category",) for column in columns],
        "rows": rows,
        "long": len(rows) > LONG_TABLE_ROWS,
    }


def period_rows(frame: pl.DataFrame, period: str) -> pl.DataFrame:
    return frame.filter(pl.col("period") == period)


def area(frame: pl.DataFrame, period: str, level: str, code: str | None = None) -> dict:
    rows = period_rows(frame, period).filter(pl.col("geographic_level") == level)
    if code is not None:
        rows = rows.filter(pl.col("area_code") == code)
    return rows.row(0, named=True)


# --- the words -------------------------------------------------------------------------------


def main_points(inputs: BulletinInputs, numbers: Numbers) -> list[str]:
    """At most six single sentences, most important first, each made from the numbers."""
    periods = sorted(inputs.la["period"].unique().to_list())
    first, last = periods[0], periods[-1]
    first_label, last_label = formatting.period_label(first), formatting.period_label(last)
    england, before = area(inputs.areas, last, NATIONAL), area(inputs.areas, first, NATIONAL)
    show = numbers.show
    points = [
        f"By {last_label}, {show(COVERAGE, england[COVERAGE])} of eligible early years settings "
        f"in England ({formatting.count(england['settings_completed'])} of "
        f"{formatting.count(england['settings_total'])}) had a practitioner who had completed the "
        f"SENCO qualification, up from {show(COVERAGE, before[COVERAGE])} in {first_label}."
        if first != last
        else f"By {last_label}, {show(COVERAGE, england[COVERAGE])} of eligible early years "
        f"settings in England had a practitioner who had completed the SENCO qualification.",
        f"{formatting.count(england['settings_registered'])} settings "
        f"({show('registered_rate', england['registered_rate'])} of those eligible) had registered "
        f"a practitioner for the qualification, which closed to new registrations in "
        f"{published.REGISTRATION_CLOSED}.",
        f"{formatting.count(england['practitioners_completed'])} practitioners had completed the "
        f"qualification by {last_label}, "
        f"{show('practitioner_completion_rate', england['practitioner_completion_rate'])} of the "
        f"{formatting.count(england['practitioners_registered'])} registered.",
    ]
    regions = (
        period_rows(inputs.areas, last)
        .filter((pl.col("geographic_level") == REGIONAL) & pl.col(COVERAGE).is_not_null())
        .sort(COVERAGE)
    )
    if regions.height:
        low, high = regions.row(0, named=True), regions.row(-1, named=True)
        points.append(
            f"Coverage ranged from {show(COVERAGE, low[COVERAGE])} in {low['area_name']} to "
            f"{show(COVERAGE, high[COVERAGE])} in {high['area_name']} across the nine regions."
        )
    las = period_rows(inputs.la, last).filter(pl.col(COVERAGE).is_not_null())
    above = las.filter(pl.col("coverage_funnel_band") == "above 99.8%").height
    below = las.filter(pl.col("coverage_funnel_band") == "below 99.8%").height
    points.append(
        f"Coverage in {above} of {las.height} local authorities was above, and in {below} below, "
        f"the range expected from chance alone around England's value (99.8% funnel limits)."
    )
    groups = period_rows(inputs.areas, last).filter(pl.col("geographic_level") == GROUP)
    if groups.height == 2:
        targeted = groups.filter(pl.col("area_code") == "targeted").row(0, named=True)
        other = groups.filter(pl.col("area_code") == "not_targeted").row(0, named=True)
        points.append(
            f"In the {targeted['las']} local authorities the programme targeted, coverage was "
            f"{show(COVERAGE, targeted[COVERAGE])}, compared with "
            f"{show(COVERAGE, other[COVERAGE])} in the other {other['las']}."
        )
    return points[:6]


def headings(inputs: BulletinInputs, numbers: Numbers) -> dict[str, str]:
    """Headline-style section headings, from the figures' messages."""
    periods = sorted(inputs.la["period"].unique().to_list())
    england = area(inputs.areas, periods[-1], NATIONAL)

    def message(chart: str) -> str:
        title = inputs.sidecars[chart]["title"]
        return title[0].lower() + title[1:]

    return {
        "england": (
            f"England: {numbers.show(COVERAGE, england[COVERAGE])} of eligible settings had a "
            f"practitioner with the qualification by {formatting.period_label(periods[-1])}"
        ),
        "regions": f"Regions: {message('regions_compared')}",
        "variation": f"Local authorities: {inputs.sidecars['funnel_plot']['title']}",
        "change": f"Change: {message('change_by_region')}",
        "targeted": f"Targeted local authorities: {message('targeted_compared')}",
    }


def annex_tables(inputs: BulletinInputs, numbers: Numbers) -> list[dict[str, Any]]:
    """All LAs per period: counts, rates with intervals, comparison and rank."""
    headers = [
        "Local authority",
        "Region",
        numbers.label("settings_total"),
        numbers.label("settings_registered"),
        numbers.label("settings_completed"),
        numbers.label("registered_rate"),
        numbers.label(COVERAGE),
        "95% confidence interval for coverage",
        numbers.label("coverage_vs_england"),
        numbers.label("coverage_rank"),
    ]
    tables = []
    for period in sorted(inputs.la["period"].unique().to_list()):
        rows = period_rows(inputs.la, period).sort("la_name")
        tables.append(
            {
                "id": f"annex-{period}",
                "caption": f"Settings and coverage by local authority, "
                f"{formatting.period_label(period)}",
                "headers": headers,
                "numeric": [False, False, *([True] * 6), False, True],
                "rows": [
                    [
                        row["la_name"],
                        row["region_name"],
                        numbers.show("settings_total", row["settings_total"]),
                        numbers.show("settings_registered", row["settings_registered"]),
                        numbers.show("settings_completed", row["settings_completed"]),
                        numbers.show("registered_rate", row["registered_rate"]),
                        numbers.show(COVERAGE, row[COVERAGE]),
                        numbers.interval(
                            COVERAGE, row["coverage_rate_ci_low"], row["coverage_rate_ci_high"]
                        ),
                        numbers.show("coverage_vs_england", row["coverage_vs_england"]),
                        numbers.show("coverage_rank", row["coverage_rank"]),
                    ]
                    for row in rows.iter_rows(named=True)
                ],
                "long": False,
            }
        )
    return tables


def definitions_and_caveats(inputs: BulletinInputs) -> dict[str, Any]:
    """The definitions table, each row pointing to numbered caveats stated once below it."""
    caveat_keys = list(inputs.indicator_spec["caveats"])
    intervals = dict(
        zip(inputs.definitions["name"], inputs.definitions["confidence_interval"], strict=True)
    )
    rows = []
    for item in inputs.indicator_spec["indicators"]:
        rows.append(
            {
                "name": item["name"],
                "label": item["label"],
                "formula": item["formula"],
                "shown_as": f"{item['unit']}, {formatting.count(item['decimal_places'])} "
                f"decimal place{'s' * (item['decimal_places'] != 1)}",
                "interval": intervals.get(item["name"]) or "none",
                "notes": ", ".join(str(caveat_keys.index(key) + 1) for key in item["caveats"])
                or "none",
            }
        )
    return {
        "definitions": rows,
        "caveats": [" ".join(inputs.indicator_spec["caveats"][key].split()) for key in caveat_keys],
    }


def build_context(inputs: BulletinInputs) -> dict[str, Any]:
    """Everything the templates show, as strings and lists: no formatting is left to them."""
    labels = inputs.la["data_status"].unique().to_list()
    synthetic = published.DATA_STATUS_SYNTHETIC in labels
    numbers = Numbers(inputs.definitions)
    periods = sorted(inputs.la["period"].unique().to_list())
    period_labels = [formatting.period_label(p) for p in periods]
    section_titles = headings(inputs, numbers)
    figure_number = 0
    sections = []
    for key, names in SECTION_FIGURES.items():
        figures = []
        for name in names:
            figure_number += 1
            sidecar = inputs.sidecars[name]
            figures.append(
                {
                    "name": name,
                    "id": f"figure-{figure_number}",
                    "number": figure_number,
                    "title": sidecar["title"],
                    "subtitle": sidecar["subtitle"],
                    "source": sidecar["source"],
                    "alt": sidecar["alt_text"],
                    "image": data_uri(inputs.figure_files[name], "image/svg+xml"),
                    "table": table_from_sidecar(sidecar),
                }
            )
        sections.append({"id": key, "heading": section_titles[key], "figures": figures})
    retrieved = inputs.provenance["retrieved_at"]
    checks = inputs.validation["checks"]
    return {
        "title": TITLE,
        "subtitle": f"{period_labels[0]} and {period_labels[-1]}"
        if len(periods) > 1
        else period_labels[0],
        "synthetic": synthetic,
        "synthetic_notice": style.SYNTHETIC_MARK,
        "publication": published.PUBLICATION,
        "release": published.RELEASE,
        "data_set": published.DATA_SET_TITLE,
        "data_set_url": published.DATA_SET_PAGE_URL,
        "producer": published.PRODUCER,
        "status": published.STATUS,
        "licence": published.LICENCE,
        "licence_url": published.LICENCE_URL,
        "period_covered": " to ".join(dict.fromkeys([period_labels[0], period_labels[-1]])),
        "data_date": retrieved[:10],
        "data_timestamp": retrieved,
        "main_points": main_points(inputs, numbers),
        "facts": {
            "registration_closed": published.REGISTRATION_CLOSED,
            "first_completions": published.FIRST_COMPLETIONS,
            "training_closed": published.TRAINING_CLOSED,
            "denominator": published.DENOMINATOR_NOTE,
            "las": formatting.count(inputs.la["new_la_code"].n_unique()),
            "targeted": formatting.count(
                inputs.la.filter(pl.col("targeted"))["new_la_code"].n_unique()
            ),
            "targeted_source": "a parliamentary written answer of March 2022",
            "npq_start_year": "2024",
            "typical_early_years_level": "3",
        },
        "symbols": [{"symbol": s, "meaning": m} for s, m in published.SYMBOLS.items()],
        "sections": sections,
        **definitions_and_caveats(inputs),
        "method": {
            "level": "95%",
            "outer_level": "99.8%",
            "z": f"{Z_95}",
            "wilson": "(2x + z² ± z√(z² + 4x(1 − x/n))) ÷ (2(n + z²))",
            "funnel": "p ± z√(p(1 − p)/n)",
        },
        "validation": {
            "outcome": inputs.validation["outcome"],
            "summary": {k: formatting.count(v) for k, v in inputs.validation["summary"].items()},
            "checks": [
                {
                    "name": c["name"],
                    "description": c["description"],
                    "outcome": c["outcome"],
                    "checked": formatting.count(c["checked"]),
                    "failed": formatting.count(c["failed"]),
                }
                for c in checks
            ],
        },
        "annex": annex_tables(inputs, numbers),
        "provenance": {
            "source": inputs.provenance["source"],
            "url": inputs.provenance.get("url") or "none",
            "path": inputs.provenance.get("path") or "",
            "retrieved_at": retrieved,
            "sha256": inputs.provenance["sha256"],
            "rows": formatting.count(inputs.provenance["rows"]),
            "code_version": inputs.code_version,
            "packages": [{"name": name, "version": version(name)} for name in PACKAGES],
        },
    }


# --- rendering -------------------------------------------------------------------------------


def environment(template_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def font_faces() -> list[dict[str, str]]:
    """The bundled fonts as data URIs, so the HTML works offline and the PDF embeds them."""
    faces = [
        {
            "family": style.MONO_FONT_FAMILY,
            "weight": "normal",
            "style": "normal",
            "src": data_uri(paths.FONTS_DIR / style.MONO_FONT_FILE, "font/ttf"),
        }
    ]
    for file_name in style.FONT_FILES:
        weight = "bold" if "Bold" in file_name else "normal"
        font_style = "italic" if "Italic" in file_name else "normal"
        faces.append(
            {
                "family": style.FONT_FAMILY,
                "weight": weight,
                "style": font_style,
                "src": data_uri(paths.FONTS_DIR / file_name, "font/ttf"),
            }
        )
    return faces


def render_html(context: dict[str, Any], template_dir: Path = paths.TEMPLATES_DIR) -> str:
    env = environment(template_dir)
    css = (template_dir / "bulletin.css").read_text(encoding="utf-8")
    return env.get_template("bulletin.html.j2").render(**context, css=css, font_faces=font_faces())


# --- PDF -------------------------------------------------------------------------------------


class RestrictedFetcher:
    """WeasyPrint's URL fetcher, refusing everything but data: URIs and files in allowed folders.

    The bulletin is self-contained, so it needs nothing else; anything else (a network address,
    a file outside the project) is refused and recorded, which the tests check.
    """

    def __init__(self, allowed_roots: list[Path]) -> None:
        self.allowed_roots = [root.resolve() for root in allowed_roots]
        self.refused: list[str] = []

    def __call__(self, url: str):
        from weasyprint.urls import URLFetcher

        parsed = urlparse(url)
        if parsed.scheme == "data":
            return URLFetcher().fetch(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if any(path.is_relative_to(root) for root in self.allowed_roots) and path.is_file():
                return URLFetcher().fetch(url)
        self.refused.append(url)
        raise ValueError(f"refused to fetch {url!r}: only files inside the project are allowed")

    fetch = __call__


def write_pdf(html: str, out_path: str | Path, fetcher: RestrictedFetcher) -> None:
    """Print the bulletin as a tagged A4 PDF (PDF/UA-1), identical for identical HTML."""
    from weasyprint import HTML

    from .fileio import atomic_path

    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = HTML(string=html, base_url=str(paths.REPO_ROOT), url_fetcher=fetcher)
    with atomic_path(out_path) as temporary:
        document.write_pdf(
            temporary, pdf_variant="pdf/ua-1", pdf_identifier=identifier, custom_metadata=True
        )


def load_inputs(
    la: Path,
    areas: Path,
    definitions: Path,
    figures_dir: Path,
    provenance: dict,
    validation: dict,
    indicator_spec: Path = paths.INDICATOR_DEFINITIONS,
) -> BulletinInputs:
    sidecars, files = {}, {}
    for name in CHART_NAMES:
        sidecar_path = figures_dir / f"{name}.json"
        if not sidecar_path.is_file():
            raise SencoError(f"{sidecar_path}: figure sidecar missing; run the figures rule")
        sidecars[name] = json.loads(sidecar_path.read_text(encoding="utf-8"))
        files[name] = figures_dir / f"{name}.svg"
    return BulletinInputs(
        la=pl.read_parquet(la),
        areas=pl.read_parquet(areas),
        definitions=pl.read_parquet(definitions),
        sidecars=sidecars,
        figure_files=files,
        provenance=provenance,
        validation=validation,
        code_version=git_commit(),
        indicator_spec=load_definitions(indicator_spec),
    )
