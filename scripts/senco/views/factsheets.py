"""One A4 factsheet per local authority, an index page, and a ZIP of them all.

Factsheets present findings (`results/findings/factsheets.json`): every statement and table cell on
them is written, with the values it cites, by `senco.findings.factsheets`. They share the
bulletin's fonts, synthetic marking, URL fetcher and PDF writing (`senco.views.render`), and are
rendered in batches (one job per region) so each job pays Python and WeasyPrint start-up once.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import formatting, layout, paths, published
from ..core.fileio import write_bytes_atomic
from ..figures import style
from ..findings import ids
from ..findings.read import Findings
from . import marks, render
from .release import DRAFT_NOTICE, Release, release_from
from .revised import NONE, Revised, is_revised, marked, marked_rows

ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # render.FIXED_EPOCH: no build time in the archive
COMPARED = ("la", "region", "england")
# The factsheet's own terms, in the words of its tables.
TERMS = (
    ("Coverage", "eligible settings with a practitioner who completed"),
    ("Reach", "eligible settings that registered a practitioner"),
    ("Completion", "registered settings whose practitioner completed"),
    (
        "Compared with England",
        "higher or lower when outside the 95% limits allowing for variation between local "
        "authorities",
    ),
    (
        "Funnel plot position",
        'against those limits; only the "99.8%" bands are unusually high or low',
    ),
    (
        "Statistical neighbours",
        "the ten local authorities most like this one, by DfE's May 2025 groups; their average "
        "is the mean of their rates, and higher or lower allows for the sampling variation of each",
    ),
    (
        "Eligible settings",
        f"childminders and group-based providers Ofsted counted on {published.DENOMINATOR_DATE} "
        "(not reconciled with settings opening or closing since)",
    ),
)  # the columns of a factsheet's comparison table


def placed(scale: float) -> Callable[[float | None], str]:
    """A value's position along a track of the common scale, as a CSS length (its end, past the
    scale; none, at its start)."""

    def at(value: float | None) -> str:
        return f"{min((value or 0) / scale, 1) * 100:.2f}%"

    return at


def whisker(cell: dict[str, Any], scale: float, at: Callable) -> dict[str, Any] | None:
    """A cell's 95% interval (its second and third cited values) as a line along the track, cut
    (`cut`, drawn as an arrow) where the common scale ends it; None without both limits."""
    values = [cite["value"] for cite in cell["cites"]]
    if len(values) != 3 or None in values:
        return None
    low, high = values[1:]
    return {"left": at(low), "width": at(min(high, scale) - low), "cut": high > scale}


def coverage_chart(
    compared: dict[str, Any], periods: list[str], scale: float | None
) -> dict[str, Any] | None:
    """A small bar chart of coverage in the LA, its region and England, each period: the
    findings' comparison table drawn as bars on one scale shared by every factsheet (`scale`,
    the highest upper limit of any LA), with the LA's 95% interval as a line. None when no LA
    has coverage to draw (`scale` None or 0): the comparison table beside it says so.

    The labels and values are the page's text, for screen readers; the bars and the interval
    are one small SVG under the rows (`marks`, senco.views.marks), not a matplotlib figure.
    """
    if not scale:
        return None
    names = [column["name"] for column in compared["columns"]]
    labels = {column["name"]: column["label"] for column in compared["columns"]}
    cells = {name: [row[names.index(name)] for row in compared["rows"]] for name in COMPARED}

    at = placed(scale)
    groups = []
    for name in COMPARED:
        bars = [
            {
                "period": formatting.period_label(periods[index]),
                "latest": index == len(periods) - 1,
                "width": at(cell["cites"][0]["value"] if cell["cites"] else None),
                "interval": whisker(cell, scale, at),
                "text": cell["text"],
            }
            for index, cell in enumerate(cells[name])
        ]
        groups.append({"label": labels[name], "bars": bars})
    bars = [bar for group in groups for bar in group["bars"]]
    drawn = [marks.Row(bar=bar["width"], bar_colour=style.LATER if bar["latest"] else style.EARLIER,
                       interval=interval(bar["interval"])) for bar in bars]  # fmt: skip
    return {"groups": groups, "caption": compared["caption"], "ticks": ticks(scale, at),
            "cut": any(bar["interval"] and bar["interval"]["cut"] for bar in bars),
            "marks": marks.data_uri(marks.svg(drawn))}  # fmt: skip


def interval(whisker: dict[str, Any] | None) -> marks.Interval | None:
    """A row's interval (whisker's dict) as the marks draw it."""
    return marks.Interval(**whisker) if whisker else None


def ticks(scale: float, at) -> list[dict[str, str]]:
    """The scale under the bars: a tick every 5 percentage points (2 or 1 on a short scale)."""
    step = next(step for step in (0.05, 0.02, 0.01) if scale / step >= 2 or step == 0.01)
    count = int(scale / step + 1e-9)
    return [{"left": at(index * step), "label": formatting.percent(index * step, 0)}
            for index in range(count + 1)]  # fmt: skip


FIGURE_SPACE = "\u2007"


def neighbours_chart(
    table: dict[str, Any], compared: dict[str, Any], scale: float | None
) -> dict[str, Any]:
    """The LA and its ten statistical neighbours as dots with their 95% intervals, highest
    first, on the common scale, the LA highlighted and its neighbours' average marked: the
    findings' neighbours table drawn (real text, and `marks` under it, like the bars).
    No dots when no LA has coverage (`scale` None or 0): the names and values still show."""

    at = placed(scale) if scale else None
    average = next((cite["value"] for cite in compared["cites"]
                    if cite["column"] == "neighbours_coverage_average"), None)  # fmt: skip
    # Numbers right-aligned without a box of their own: padded with figure spaces (as wide as
    # a digit) to the longest.
    numeric = [c["text"] for _, c, _ in table["rows"] if c["cites"]]
    widest = max(map(len, numeric), default=0)
    rows = []
    for name, coverage, closeness in table["rows"]:
        dot = coverage["cites"][0]["value"] if coverage["cites"] and at else None
        rows.append({
            "name": name["text"], "closeness": closeness["text"],
            "value": FIGURE_SPACE * (widest - len(coverage["text"])) * bool(coverage["cites"])
            + coverage["text"],
            "own": not closeness["cites"],  # the LA itself: no closeness band
            "dot": at(dot) if dot is not None else None,
            "interval": whisker(coverage, scale, at) if dot is not None else None,
        })  # fmt: skip
    average_at = at(average) if average is not None and at else None
    drawn = [marks.Row(dot=row["dot"], interval=interval(row["interval"]),
                       dot_colour=style.LATER if row["own"] else style.EARLIER)
             for row in rows]  # fmt: skip
    return {
        "caption": table["caption"],
        "rows": rows,
        "average": average_at,
        "marks": marks.data_uri(marks.svg(drawn, average_at)) if at else None,
        "ticks": ticks(scale, at) if at else [],
        "cut": any(row["interval"] and row["interval"]["cut"] for row in rows),
    }


def source_line(synthetic: bool) -> str:
    """The factsheet's source: the published data set, or the synthetic sample's warning."""
    if synthetic:
        return published.SYNTHETIC_SOURCE
    return (f"Source: {published.PRODUCER}, {published.DATA_SET_TITLE} ({published.PUBLICATION}, "
            f"{published.RELEASE}). Rates, intervals, ranks and comparisons are derived by "
            "senco-bulletin from the published counts.")  # fmt: skip


# Where the bulletin is from any factsheet (every region's folder is at the same depth).
BULLETIN_FROM_FACTSHEET = layout.link(layout.BULLETIN_HTML, layout.factsheet_dir("region"))


def factsheet_context(
    code: str,
    findings: Findings,
    provenance: dict[str, Any],
    release: Release | None = None,
    revised: Revised = NONE,
) -> dict[str, Any]:
    """Everything one factsheet shows: its findings, with the release's identity and marks (a
    draft when `release` is not given), each table cell and sentence whose figures were revised
    since the previous release marked "[r]" (`revised`, senco.views.revised)."""
    release = release or release_from({})

    def own(piece: str) -> str:
        return ids.factsheet(code, piece)

    # Its sentences and tables, each marked "[r]" where it shows a revised figure (the charts
    # repeat the tables' values; their rows have no room for a mark).
    sentences = {piece: findings.get(own(piece)) for piece in SENTENCES if findings.has(own(piece))}
    said = {piece: marked(f["text"], f["cites"], revised) for piece, f in sentences.items()}
    key_figures = findings.get(own("key_figures"))
    periods = [column["name"] for column in key_figures["columns"][1:]]
    compared = findings.get(own("compared"))
    compared_rows = marked_rows(compared, revised)
    comparisons = [
        dict(zip(("period", "la", "region", "england", "vs_england", "funnel"), row, strict=True))
        for row in compared_rows
    ]
    rows = marked_rows(key_figures, revised)
    small_base = own("small_base")
    scale = findings.get(ids.FACTSHEET_SCALE)["cites"][0]["value"]
    return {
        "code": code,
        "name": findings.text(own("name")),
        "title": findings.text(own("title")),
        "region": findings.text(own("region")),
        "subtitle": " and ".join(formatting.period_label(p) for p in periods),
        "synthetic": findings.synthetic,
        "synthetic_notice": published.DATA_STATUS_SYNTHETIC,
        "incomplete_notice": findings.short_incomplete_notice,
        "targeted": findings.text(own("targeted")),
        "headers": findings.table(own("key_figures"))["headers"],
        "interval_level": "95%",
        "rows": rows,
        # The note on what "[r]" means, when the page shows one.
        "revised_mark": published.REVISED,
        "revised": any(cell["mark"] for row in rows + compared_rows for cell in row)
        or any(is_revised(finding["cites"], revised) for finding in sentences.values()),
        "comparisons": comparisons,
        "small_base": findings.text(small_base) if findings.has(small_base) else None,
        "change": {
            "text": said.get("change"),
            "since": formatting.period_label(periods[-2] if len(periods) > 1 else periods[0]),
        },
        "chart": coverage_chart(compared, periods, scale),
        "group": said.get("group"),
        "neighbours": neighbours_chart(
            findings.get(own("neighbours")), findings.get(own("neighbours_compared")), scale
        )
        | {"sentence": said["neighbours_compared"]}
        if findings.has(own("neighbours"))
        else None,  # fmt: skip
        "source": source_line(findings.synthetic),
        "summary": " ".join(filter(None, (said.get("summary"), said.get("missing")))) or None,
        "data_date": provenance["retrieved_at"][:10],
        "data_release": published.RELEASE,
        "terms": TERMS,
        "data_timestamp": provenance["retrieved_at"],
        "sha256": provenance["sha256"],
        "licence": published.LICENCE,
        "release": release,
        "draft_notice": DRAFT_NOTICE,
        "bulletin": release.bulletin_url or BULLETIN_FROM_FACTSHEET,
    }


STYLESHEET = "factsheet.css"
# A factsheet's sentences, by their findings' pieces.
SENTENCES = ("summary", "missing", "change", "group", "neighbours_compared")


def render_factsheet(context: dict[str, Any]) -> str:
    """The factsheet's HTML, styled by the printer (render.Printer) with STYLESHEET."""
    return render.render_template("factsheet.html.j2", context)


def pdf_identifier(code: str) -> bytes:
    return code.encode("ascii").ljust(16, b"-")


def printer() -> render.Printer:
    """The factsheets' printer: one parsed stylesheet and font configuration for a batch."""
    return render.Printer(render.RestrictedFetcher([paths.REPO_ROOT]), css=STYLESHEET)


def write_factsheets(
    codes: list[str],
    findings: Findings,
    provenance: dict[str, Any],
    out_dir: Path,
    release: Release | None = None,
    revised: Revised = NONE,
) -> list[Path]:
    """Render the given LAs' factsheets in this one process (their revised figures marked)."""
    batch = printer()
    written = []
    for code in codes:
        html = render_factsheet(factsheet_context(code, findings, provenance, release, revised))
        out = out_dir / layout.factsheet_name(code)
        batch.write(html, out, identifier=pdf_identifier(code))
        written.append(out)
    if batch.fetcher.refused:
        raise ValueError(f"factsheets tried to fetch {batch.fetcher.refused}")
    return written


@dataclass(frozen=True)
class IndexFiles:
    """Every file the factsheet index links, as the rule names them; links are relative to
    `folder`, where the index is written."""

    folder: Path
    factsheets: dict[str, Path]  # each LA's factsheet, by its code
    archive: Path  # every factsheet in one ZIP
    bulletin: Path
    spreadsheet: Path

    @classmethod
    def in_layout(cls, las_by_region: dict[str, list[str]]) -> IndexFiles:
        """The files where the workflow writes them (senco.layout)."""
        return cls(
            folder=Path(layout.FACTSHEETS),
            factsheets={
                code: Path(layout.factsheet_pdf(region, code))
                for region, codes in las_by_region.items()
                for code in codes
            },
            archive=Path(layout.FACTSHEET_ZIP),
            bulletin=Path(layout.BULLETIN_HTML),
            spreadsheet=Path(layout.SPREADSHEET),
        )


def pdf_size(path: Path) -> str:
    return f"PDF, {formatting.file_size(path.stat().st_size if path.is_file() else 0)}"


def index_context(
    findings: Findings, files: IndexFiles, release: Release | None = None
) -> dict[str, Any]:
    """The index page: each LA's factsheet linked from its name, with its file's size."""
    table = findings.table(ids.FACTSHEET_INDEX)
    cells = findings.get(ids.FACTSHEET_INDEX)["rows"]
    release = release or release_from({})
    return {
        "release": release,
        "draft_notice": DRAFT_NOTICE,
        "title": "Early years SENCO qualification: local authority factsheets",
        "caption": table["caption"],
        "synthetic": findings.synthetic,
        "synthetic_notice": published.DATA_STATUS_SYNTHETIC,
        "headers": table["headers"],
        "numeric": table["numeric"],
        # The last column is each LA's code: its factsheet is linked from its name, and the
        # filter finds it by name or code. A number sorts by its value, not its text.
        "rows": [
            {
                "href": layout.link(files.factsheets[row[-1]], files.folder),
                "cells": [
                    {"text": text, "sort": sort_key(cell)}
                    for text, cell in zip(row, cited, strict=True)
                ],
                "size": pdf_size(files.factsheets[row[-1]]),
                "search": f"{row[0]} {row[-1]}".lower(),
            }
            for row, cited in zip(table["rows"], cells, strict=True)
        ],  # fmt: skip
        "script": render.template_file(INDEX_SCRIPT),
        "archive": layout.link(files.archive, files.folder),
        "bulletin": layout.link(files.bulletin, files.folder),
        "spreadsheet": layout.link(files.spreadsheet, files.folder),
        "licence": published.LICENCE,
    }


INDEX_SCRIPT = "filter_and_sort.js"  # the filter box and sortable columns, for browsers with it


def sort_key(cell: dict[str, Any]) -> str:
    """What a column sorts a cell by: its number, when it shows one (empty when not available,
    sorted last), or its text."""
    values = [cite["value"] for cite in cell["cites"] if not cite.get("basis")]
    if len(values) == 1 and isinstance(values[0], int | float) and not isinstance(values[0], bool):
        return repr(values[0])
    return "" if cell["text"] == formatting.NOT_AVAILABLE else cell["text"].lower()


def render_index(context: dict[str, Any]) -> str:
    return render.render_template("factsheet_index.html.j2", context, css=STYLESHEET)


def zip_factsheets(pdfs: list[Path], root: Path, out: Path) -> None:
    """A ZIP of the factsheets, named as the index links them (relative to `root`: one folder per
    region), byte-identical for identical PDFs (fixed times, sorted names)."""
    buffer = io.BytesIO()
    names = {pdf.relative_to(root).as_posix(): pdf for pdf in pdfs}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, pdf in sorted(names.items()):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, pdf.read_bytes())
    write_bytes_atomic(out, buffer.getvalue())
