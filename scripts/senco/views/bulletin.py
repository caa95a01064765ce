"""The statistical bulletin: every number from the indicator tables, rendered by Jinja templates.

`build_context` turns the findings (every statement, figure text and table), the figures,
provenance and validation log into plain data for the templates (all numbers already formatted);
`render_html` fills the
templates with autoescaping on; `write_pdf` prints the same HTML with WeasyPrint through a URL
fetcher that can read nothing outside the project and nothing from the network.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import polars as pl
from markupsafe import Markup

from .. import formatting, layout, paths, published
from ..core.errors import SencoError
from ..figures import svg
from ..findings import ids
from ..findings.charts import CHART_NAMES, SECTIONS, charts_in
from ..findings.read import Findings
from ..indicators.compute import Z_95
from . import render
from .release import DRAFT_NOTICE, TO_PUBLISH, Release, long_date

TITLE = "Early years SENCO qualification by local authority"
LONG_TABLE_ROWS = 20  # longer tables behind a chart go in a collapsible block; the annex has them
PACKAGES = ("snakemake", "polars", "matplotlib", "jinja2", "weasyprint")


@dataclass(frozen=True)
class BulletinFiles:
    """Every file the bulletin shows or links, as the rule names them; links are relative to
    `folder`, where bulletin.html is written, so they work wherever the release is copied."""

    folder: Path
    figures: dict[str, Path]  # each chart's SVG at the page's width, by chart
    phone_figures: dict[str, Path]  # and at a phone's
    chart_csvs: dict[str, Path]  # the table behind each chart
    spreadsheet: Path
    ees_data: Path
    ees_meta: Path
    ees_guidance: Path
    factsheet_index: Path  # linked only: the bulletin is not rebuilt when the factsheets change
    revisions: Path | None = None  # every revised figure (with config previous_release)

    @classmethod
    def in_layout(cls) -> BulletinFiles:
        """The files where the workflow writes them (senco.layout), for a finished build."""
        return cls(
            folder=Path(layout.BULLETIN),
            figures={name: Path(layout.figure_file(name, "svg")) for name in CHART_NAMES},
            phone_figures={
                name: Path(layout.figure_file(name, layout.PHONE_SVG)) for name in CHART_NAMES
            },
            chart_csvs={name: Path(layout.chart_csv(name)) for name in CHART_NAMES},
            spreadsheet=Path(layout.SPREADSHEET),
            ees_data=Path(layout.EES_DATA),
            ees_meta=Path(layout.EES_META),
            ees_guidance=Path(layout.EES_GUIDANCE),
            factsheet_index=Path(layout.FACTSHEET_INDEX),
        )


@dataclass(frozen=True)
class BulletinInputs:
    definitions: pl.DataFrame
    files: BulletinFiles
    provenance: dict[str, Any]
    validation: dict[str, Any]
    code_version: str
    caveats: pl.DataFrame  # every caveat once, numbered (the definitions refer to the numbers)
    findings: Findings  # every statement: main points, headings, figures' words, tables
    release: Release  # publication date, contact, status and revisions, from config.yaml


# --- small helpers ---------------------------------------------------------------------------


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


def link(path: Path, folder: Path, base_url: str = "") -> str:
    """A link from the bulletin (in `folder`) to a file of the release: relative, or absolute
    from the bulletin's published address when `bulletin_url` is set, so that the links of a
    PDF that travels on its own still resolve."""
    relative = layout.link(path, folder)
    return urljoin(base_url, relative) if base_url else relative


def download(label: str, path: Path, kind: str, folder: Path, base_url: str = "") -> dict[str, str]:
    """A link to a file beside the bulletin, with its size."""
    return {
        "label": label,
        "href": link(path, folder, base_url),
        "kind": kind,
        "size": formatting.file_size(path.stat().st_size),
    }


def downloads_list(files: BulletinFiles, base_url: str = "") -> list[dict[str, str]]:
    here, base = files.folder, base_url
    return [
        download("All the derived statistics, as a spreadsheet", files.spreadsheet, "XLSX", here,
                 base),
        download("All the derived statistics, as an Explore Education Statistics data file",
                 files.ees_data, "CSV", here, base),
        download("Its metadata file (what each column holds)", files.ees_meta, "CSV", here, base),
        download("Its data guidance (content, coverage, methods, symbols and rounding)",
                 files.ees_guidance, "Markdown", here, base),
    ]  # fmt: skip


def figure(
    found: Findings, name: str, number: int, image: Path, phone_image: Path
) -> dict[str, Any]:
    """A chart as the bulletin shows it: its words and data table are findings."""

    def text(piece: str) -> str:
        return found.text(ids.chart(name, piece))

    table = found.table(ids.chart(name, "table"))
    drawn = image.read_text(encoding="utf-8")
    phone = phone_image.read_text(encoding="utf-8")
    return {
        "name": name,
        "id": f"figure-{number}",
        "number": number,
        "title": text("title"),
        "subtitle": text("subtitle"),
        "source": found.text(ids.CHART_SOURCE),
        "notes": found.notes(ids.chart(name, "note.")),
        "alt": text("alt_text"),
        "image": render.data_uri(image, "image/svg+xml"),
        # On screen the chart drawn for a phone replaces the page's on narrow screens (CSS),
        # unless the chart reflows by itself (panels).
        "svg": Markup(
            svg.inline(
                drawn,
                text("alt_text"),
                css_class="chart page-width" + (" has-phone" if phone != drawn else ""),
            )
        ),
        "phone": Markup(svg.inline(phone, text("alt_text"), css_class="chart phone-width"))
        if phone != drawn
        else None,
        "panels": [
            {
                "label": panel["label"],
                # In print each panel is an image with its own text alternative; on screen the
                # panels together carry the chart's.
                "alt": text("alt_text") if index == 0 else f"{panel['label']}: continued",
                "image": render.encoded(panel["svg"].encode("utf-8"), "image/svg+xml"),
                "svg": Markup(svg.inline(panel["svg"], panel["label"], css_class="panel")),
            }
            for index, panel in enumerate(svg.panels(drawn))
        ],
        "table": {
            **table,
            "id": f"data-{name.replace('_', '-')}",
            "long": len(table["rows"]) > LONG_TABLE_ROWS,
        },
    }


# --- what the templates show ---------------------------------------------------------------


def in_words(formula: str, labels: dict[str, str]) -> str:
    """A formula in plain English for the bulletin: each column's name replaced by its label
    ('settings_completed / settings_total' -> 'settings with a completion divided by eligible
    settings'); the downloads' guidance keeps the names."""

    def label(match: re.Match) -> str:
        text = labels.get(match.group(0))
        return match.group(0) if text is None else text[0].lower() + text[1:]

    return re.sub(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b", label, formula).replace(
        " / ", " divided by "
    )


def definitions_and_caveats(inputs: BulletinInputs) -> dict[str, Any]:
    """The definitions table, each row pointing to numbered caveats stated once below it."""
    labels = dict(inputs.definitions.select("name", "label").iter_rows())
    rows = [
        {
            "name": item["name"],
            "label": item["label"],
            "formula": in_words(item["formula"], labels),
            "shown_as": f"{item['unit']}, {formatting.count(item['decimal_places'])} "
            f"decimal place{'s' * (item['decimal_places'] != 1)}",
            "interval": item["confidence_interval"] or "none",
            "notes": item["caveat_numbers"] or "none",
        }
        for item in inputs.definitions.iter_rows(named=True)
    ]
    caveats = inputs.caveats.sort("number")
    rounding = caveats.filter(pl.col("key") == "rounding")["text"].to_list()
    return {
        "definitions": rows,
        "caveats": caveats["text"].to_list(),
        # Said under every table of numbers: what a reader checking sums must know.
        "rounding_note": rounding[0] if rounding else "",
    }


def sections(inputs: BulletinInputs) -> list[dict[str, Any]]:
    """The analytical sections in order: heading, commentary and figures (numbered in the
    registry's order, each with its data as a CSV download)."""
    found, files = inputs.findings, inputs.files
    numbers = {name: number for number, name in enumerate(CHART_NAMES, start=1)}
    return [
        {
            "id": key,
            "heading": found.text(ids.heading(key)),
            "commentary": found.texts(ids.commentary(key)),
            "figures": [
                {
                    **figure(
                        found, name, numbers[name], files.figures[name], files.phone_figures[name]
                    ),
                    "csv": download(
                        "Data for this figure",
                        files.chart_csvs[name],
                        "CSV",
                        files.folder,
                        inputs.release.bulletin_url,
                    ),
                    # fmt: skip
                }
                for name in charts_in(key)
            ],
            "links": [],
        }
        for key in SECTIONS
    ] + revisions_section(inputs)


def revisions_section(inputs: BulletinInputs) -> list[dict[str, Any]]:
    """The Revisions section, after the analysis, when the build was compared with an earlier
    one (senco.revisions.findings): its sentences and the full list as a download."""
    found, files = inputs.findings, inputs.files
    if files.revisions is None or not found.has(ids.heading(ids.REVISIONS)):
        return []
    return [{
        "id": ids.REVISIONS,
        "heading": found.text(ids.heading(ids.REVISIONS)),
        "commentary": found.texts(ids.commentary(ids.REVISIONS)),
        "figures": [],
        "front_matter": found.text(ids.REVISIONS_FRONT_MATTER),
        "links": [download("Every revised figure and statement, with its previous and new value",
                           files.revisions, "CSV", files.folder, inputs.release.bulletin_url)],
    }]  # fmt: skip


def validation_summary(validation: dict[str, Any]) -> dict[str, Any]:
    """The validation log's outcome and every check, counts formatted."""
    return {
        "outcome": validation["outcome"],
        "summary": {k: formatting.count(v) for k, v in validation["summary"].items()},
        "checks": [
            {
                "name": c["name"],
                "description": c["description"],
                "outcome": c["outcome"],
                "checked": formatting.count(c["checked"]),
                "failed": formatting.count(c["failed"]),
            }
            for c in validation["checks"]
        ],
    }


def provenance_summary(inputs: BulletinInputs, retrieved: str) -> dict[str, Any]:
    """Where the data came from and which code and packages made the bulletin."""
    return {
        "source": inputs.provenance["source"],
        "url": inputs.provenance.get("url") or "none",
        "path": inputs.provenance.get("path") or "",
        "retrieved_at": retrieved,
        "sha256": inputs.provenance["sha256"],
        "rows": formatting.count(inputs.provenance["rows"]),
        "code_version": inputs.code_version,
        "packages": [{"name": name, "version": version(name)} for name in PACKAGES],
        "api_data_set": api_data_set(inputs.provenance),
    }


def api_data_set(provenance: dict[str, Any]) -> str | None:
    """The EES API data set and version the data came from, in words (source ees-api only):
    "data set <id>, version 1.0, published 1 July 2025"."""
    if not provenance.get("data_set_id"):
        return None
    published = provenance.get("data_set_version_published")
    when = f", published {long_date(published[:10])}" if published else ""
    return f"data set {provenance['data_set_id']}, version {provenance['data_set_version']}{when}"


def build_context(inputs: BulletinInputs) -> dict[str, Any]:
    """Everything the templates show, as strings and lists: no formatting is left to them."""
    synthetic = inputs.findings.synthetic  # decided once, from provenance
    found = inputs.findings
    periods = found.periods
    period_labels = [formatting.period_label(p) for p in periods]
    retrieved = inputs.provenance["retrieved_at"]
    analysis = sections(inputs)
    return {
        "title": TITLE,
        "subtitle": f"{period_labels[0]} and {period_labels[-1]}"
        if len(periods) > 1
        else period_labels[0],
        "synthetic": synthetic,
        "synthetic_notice": published.DATA_STATUS_SYNTHETIC,
        "incomplete_notice": found.incomplete_notice,
        "publication": published.PUBLICATION,
        "data_set": published.DATA_SET_TITLE,
        "data_set_url": published.DATA_SET_PAGE_URL,
        "producer": published.PRODUCER,
        "status": f"{published.STATUS}: not official statistics",
        "licence": published.LICENCE,
        "licence_url": published.LICENCE_URL,
        "period_covered": " to ".join(dict.fromkeys([period_labels[0], period_labels[-1]])),
        "release": inputs.release,
        "draft_notice": DRAFT_NOTICE,
        "to_publish": TO_PUBLISH,
        "downloads": downloads_list(inputs.files, inputs.release.bulletin_url),
        "factsheet_index": link(
            inputs.files.factsheet_index, inputs.files.folder, inputs.release.bulletin_url
        ),
        "release_month": published.RELEASE,
        "denominator_date": published.DENOMINATOR_DATE,
        "data_date": retrieved[:10],
        "data_timestamp": retrieved,
        "main_points": inputs.findings.texts(ids.MAIN_POINTS),
        "facts": {
            "registration_closed": published.REGISTRATION_CLOSED,
            "first_completions": published.FIRST_COMPLETIONS,
            "training_closed": published.TRAINING_CLOSED,
            "denominator": published.DENOMINATOR_NOTE,
            "las": found.text(ids.FACTS_LAS),
            "targeted": found.text(ids.FACTS_TARGETED_LAS),
            "targeted_source": published.TARGETED_SOURCE,
            "npq_start_year": published.NPQ_FIRST_TAUGHT_YEAR,
            "typical_early_years_level": published.TYPICAL_EARLY_YEARS_LEVEL,
            "senco_guidance": published.SENCO_QUALIFICATION_GUIDANCE,
            "send_code": published.SEND_CODE,
        },
        # The symbols a reader meets: those the downloadable data files use for a missing value.
        "symbols": [
            {"symbol": symbol, "meaning": published.SYMBOLS[symbol]}
            for symbol in (published.SYMBOL_NOT_AVAILABLE, published.SYMBOL_NOT_APPLICABLE)
        ],
        "small_base": found.text(ids.FACTS_SMALL_BASE),
        "sections": analysis,
        # The Revisions section, if any, which the front matter links.
        "revised": next((section for section in analysis if section["id"] == ids.REVISIONS), None),
        **definitions_and_caveats(inputs),
        "method": {
            "level": "95%",
            "outer_level": "99.8%",
            "z": f"{Z_95}",
            "wilson": "(2x + z² ± z√(z² + 4x(1 − x/n))) ÷ (2(n + z²))",
            "funnel": "p ± z√(p(1 − p)/n)",
            **{name: found.text(ids.method(name)) for name in ids.METHODS},
        },
        "validation": validation_summary(inputs.validation),
        "annex": [
            {**inputs.findings.table(ids.annex(period)), "id": f"annex-{period}", "long": False}
            for period in periods
        ],
        "provenance": provenance_summary(inputs, retrieved),
    }


# --- rendering -------------------------------------------------------------------------------


def render_html(context: dict[str, Any], for_print: bool = False) -> str:
    """The bulletin as HTML; `for_print` names downloaded files instead of linking them, as a
    PDF would otherwise carry links to this machine's paths."""
    if for_print:  # WeasyPrint reads the font files and embeds the glyphs the PDF uses
        return render.render_template(
            "bulletin.html.j2",
            {
                **context,
                "font_face_css": render.font_face_rules(render.font_faces(embed=False)),
                "for_print": True,
            },
            css="bulletin.css",
        )
    # The page embeds its fonts cut down to the characters it shows (any text's characters
    # are in the page, so a first rendering without fonts says which).
    shown = render.render_template(
        "bulletin.html.j2", {**context, "font_face_css": "", "for_print": False}, css="bulletin.css"
    )
    return render.render_template(
        "bulletin.html.j2",
        {
            **context,
            "font_face_css": render.font_face_rules(render.subset_font_faces(shown)),
            "for_print": False,
        },
        css="bulletin.css",
    )


def write_pdf(
    context: dict[str, Any], out_path: str | Path, fetcher: render.RestrictedFetcher
) -> None:
    """The bulletin as a tagged A4 PDF, from its print HTML (downloads named, not linked); its
    identifier is a hash of that HTML, so identical HTML gives an identical file."""
    html = render_html(context, for_print=True)
    render.write_pdf(html, out_path, fetcher, pdf_identifier(html))


def pdf_identifier(html: str) -> bytes:
    """A hash of the print HTML without where the checkout is (its fonts are linked by
    absolute file:// addresses), so the same inputs and code give the same PDF anywhere."""
    root = paths.REPO_ROOT.resolve()
    located = html.replace(root.as_uri(), "repo:").replace(str(root), "repo:")
    return hashlib.sha256(located.encode("utf-8")).hexdigest()[:32].encode("ascii")


def load_inputs(
    definitions: Path,
    files: BulletinFiles,
    provenance: dict,
    validation: dict,
    findings: list[Path],
    release: Release,
    caveats: Path,
) -> BulletinInputs:
    for path in files.figures.values():
        if not path.is_file():
            raise SencoError(f"{path}: figure missing; run the figures rule")
    return BulletinInputs(
        definitions=pl.read_parquet(definitions),
        files=files,
        provenance=provenance,
        validation=validation,
        code_version=git_commit(),
        caveats=pl.read_parquet(caveats),
        findings=Findings.load(*findings),
        release=release,
    )


def files_of(folder: Path, inputs, factsheet_index: str) -> BulletinFiles:
    """The bulletin's files as the rule's inputs name them (each chart's files listed in the
    registry's order)."""

    def by_chart(paths: list[str]) -> dict[str, Path]:
        return dict(zip(CHART_NAMES, map(Path, paths), strict=True))

    return BulletinFiles(
        folder=folder,
        figures=by_chart(inputs.svgs),
        phone_figures=by_chart(inputs.phone_svgs),
        chart_csvs=by_chart(inputs.chart_csvs),
        spreadsheet=Path(inputs.spreadsheet),
        ees_data=Path(inputs.ees_data),
        ees_meta=Path(inputs.ees_meta),
        ees_guidance=Path(inputs.ees_guidance),
        factsheet_index=Path(factsheet_index),
        revisions=next(map(Path, inputs.revisions), None),
    )
