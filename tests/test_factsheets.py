"""Factsheets: one per LA, numbers from the indicator table, an index and a reproducible ZIP."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import polars as pl
import pytest
from pypdf import PdfReader

from pdf_checks import page_texts, pdf_ua_problems
from samples import findings_of, indicator_tables
from senco import formatting, paths, published
from senco.core.reference import la_codes_by_region, load_la_reference
from senco.findings import ids
from senco.findings.read import Findings
from senco.indicators.tables import IndicatorTables
from senco.views import factsheets

PROVENANCE = {"retrieved_at": "2026-11-22T00:00:00Z", "sha256": "cd" * 32, "synthetic": True}


@pytest.fixture(scope="module")
def tables() -> IndicatorTables:
    return indicator_tables()


@pytest.fixture(scope="module")
def findings(tables, tmp_path_factory) -> Findings:
    return findings_of(tables, tmp_path_factory.mktemp("findings"))


@pytest.fixture(scope="module")
def north_east(tables, findings, tmp_path_factory) -> list[Path]:
    codes = tables.la.filter(pl.col("region_code") == "E12000001")["new_la_code"].unique().sort()
    folder = tmp_path_factory.mktemp("fs") / "E12000001"
    return factsheets.write_factsheets(codes.to_list(), findings, PROVENANCE, folder)


def text_of(pdf: Path) -> str:
    return " ".join(page_texts(pdf))


def test_a_factsheet_carries_its_las_numbers_from_the_indicator_table(tables, north_east):
    pdf = next(path for path in north_east if path.stem == "E06000001")
    text = text_of(pdf)
    rows = tables.la.filter(pl.col("new_la_code") == "E06000001").sort("period")
    assert "Hartlepool" in text and "North East" in text
    for row in rows.iter_rows(named=True):
        for column in ("settings_total", "settings_registered", "settings_completed",
                       "practitioners_registered", "practitioners_completed"):  # fmt: skip
            assert formatting.count(row[column]) in text
        interval = formatting.interval(row["coverage_rate_ci_low"], row["coverage_rate_ci_high"])
        assert f"{formatting.percent(row['coverage_rate'])} ({interval})" in text
        rank, low, high = (
            formatting.ordinal(str(row[f"coverage_rank{end}"])) for end in ("", "_low", "_high")
        )
        assert f"{rank} of 153 (95% interval {low} to {high})" in text
        region_rank, region_low, region_high = (
            formatting.ordinal(str(row[f"coverage_region_rank{end}"]))
            for end in ("", "_low", "_high")
        )
        assert (
            f"Rank in North East {region_rank} of 12 (95% interval {region_low} to {region_high})"
            in text
        )
    november = rows.row(-1, named=True)
    more = november["settings_completed_change"]
    assert (
        f"{november['settings_completed']} settings had a practitioner who had completed the "
        f"qualification by November 2024, {more} more than in June 2024; coverage rose by "
        f"{formatting.percentage_points(november['coverage_rate_change']).lstrip('+')}"
    ) in text
    assert (
        f"By November 2024, {november['settings_completed']} of Hartlepool's "
        f"{november['settings_total']} eligible settings "
        f"({formatting.percent(november['coverage_rate'])})"
    ) in text
    assert "What the terms mean" in text and "Compared with England:" in text
    assert "Targeted by the programme: Yes" in text  # Hartlepool is on the 2022 list
    region = tables.areas.filter((pl.col("area_code") == "E12000001")
                               & (pl.col("period") == "2024-11")).row(0, named=True)  # fmt: skip
    assert formatting.percent(region["coverage_rate"]) in text


def test_every_la_in_the_batch_gets_a_one_page_factsheet_marked_synthetic(north_east):
    assert sorted(path.stem for path in north_east) == sorted(
        load_la_reference(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
        .filter(pl.col("region_code") == "E12000001")["new_la_code"]
        .to_list()
    )
    for pdf in north_east:
        reader = PdfReader(pdf)
        assert len(reader.pages) == 1
        assert "SYNTHETIC SAMPLE DATA" in text_of(pdf)
        assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_factsheets_pass_an_independent_pdf_ua_checker(north_east):
    """A region's batch here; all 153 in the pipeline test's build (tests/test_pipeline.py)."""
    for pdf in north_east:
        assert pdf_ua_problems(pdf) == [], pdf.name


def test_factsheets_are_byte_identical_when_rebuilt(findings, north_east, tmp_path):
    again = factsheets.write_factsheets(["E06000001"], findings, PROVENANCE, tmp_path)
    first = next(path for path in north_east if path.stem == "E06000001")
    assert again[0].read_bytes() == first.read_bytes()


def test_a_factsheet_is_the_same_whatever_its_batch(findings, north_east, tmp_path):
    """The batch shares one font configuration and stylesheet: nothing of one factsheet (the
    glyphs it used) may reach the next, so the last of a batch equals that LA printed alone."""
    last = north_east[-1]
    alone = factsheets.write_factsheets([last.stem], findings, PROVENANCE, tmp_path)[0]
    assert len(north_east) > 1 and alone.read_bytes() == last.read_bytes()


def test_the_index_lists_every_la_with_a_link(findings):
    files = factsheets.IndexFiles.in_layout(
        la_codes_by_region(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    )
    html = factsheets.render_index(factsheets.index_context(findings, files))
    assert len(re.findall(r'href="E12[0-9]{6}/E[0-9]{8}\.pdf"', html)) == 153
    assert '<a href="E12000001/E06000001.pdf">Hartlepool' in html
    assert 'href="factsheets.zip"' in html
    assert published.DATA_STATUS_SYNTHETIC.split(" - ")[0] in html


def test_the_zip_is_reproducible_and_complete(north_east, tmp_path):
    root = north_east[0].parent.parent
    factsheets.zip_factsheets(north_east, root, tmp_path / "a.zip")
    factsheets.zip_factsheets(list(reversed(north_east)), root, tmp_path / "b.zip")
    digest = [hashlib.sha256((tmp_path / n).read_bytes()).hexdigest() for n in ("a.zip", "b.zip")]
    assert digest[0] == digest[1]
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        folder = north_east[0].parent.name
        assert archive.namelist() == sorted(f"{folder}/{path.name}" for path in north_east)
        hartlepool = next(path for path in north_east if path.stem == "E06000001")
        assert archive.read(f"{folder}/E06000001.pdf") == hartlepool.read_bytes()


def test_a_small_base_factsheet_says_why_its_rates_are_unstable(tables, findings, tmp_path):
    scilly = tables.la_row("2024-11", "E06000053")
    assert scilly["small_base"]
    pdf = factsheets.write_factsheets(["E06000053"], findings, PROVENANCE, tmp_path)[0]
    text = text_of(pdf)
    assert (
        f"Isles of Scilly has {scilly['settings_total']} eligible settings, fewer than 30" in text
    )
    # Its rank is never given alone, which could name it highest or lowest: only its range.
    low, high = (
        formatting.ordinal(str(scilly[f"coverage_rank{end}"])) for end in ("_low", "_high")
    )
    assert f"between {low} and {high} of 153 [u]" in text
    assert f"{formatting.ordinal(str(scilly['coverage_rank']))} of 153" not in text
    assert "low reliability ([u])" in text
    assert not findings.has("factsheet.E06000001.small_base")


def test_the_longest_and_smallest_las_still_fit_one_page(findings, tmp_path):
    # Kingston upon Hull, City of has the longest name in the headers; Isles of Scilly a
    # small-base note; City of London both a small base and a long rank.
    pdfs = factsheets.write_factsheets(["E06000010", "E06000053", "E09000001"], findings,
                                       PROVENANCE, tmp_path)  # fmt: skip
    assert [len(PdfReader(pdf).pages) for pdf in pdfs] == [1, 1, 1]
    assert "Not official statistics" in text_of(pdfs[0])  # the source line says synthetic


def test_bars_share_one_scale_and_show_the_las_interval(tables, findings):
    scale = findings.get("factsheet_index.scale")["cites"][0]["value"]
    stable = tables.la.filter(~pl.col("small_base"))
    assert scale == stable["coverage_rate_ci_high"].max()
    context = factsheets.factsheet_context("E06000001", findings, PROVENANCE)
    row = tables.la_row("2024-11", "E06000001")
    la_bars = context["chart"]["groups"][0]["bars"]
    assert la_bars[-1]["width"] == f"{row['coverage_rate'] / scale * 100:.2f}%"
    assert la_bars[-1]["interval"]["left"] == f"{row['coverage_rate_ci_low'] / scale * 100:.2f}%"
    england = context["chart"]["groups"][-1]["bars"][-1]
    assert england["interval"] is None  # only the LA's interval is drawn
    group = context["group"]
    assert group.startswith("Hartlepool is one of the 78 targeted local authorities")


def test_the_bars_have_a_scale_and_mark_an_interval_the_scale_cuts_off(tables, findings):
    scale = findings.get("factsheet_index.scale")["cites"][0]["value"]
    hartlepool = factsheets.factsheet_context("E06000001", findings, PROVENANCE)["chart"]
    ticks = hartlepool["ticks"]
    assert ticks[0] == {"left": "0.00%", "label": "0%"}
    assert [t["label"] for t in ticks[:3]] == ["0%", "5%", "10%"] and len(ticks) >= 3
    assert all(float(t["left"].rstrip("%")) <= 100 for t in ticks)
    assert not hartlepool["cut"]  # its interval ends within the scale
    scilly = factsheets.factsheet_context("E06000053", findings, PROVENANCE)["chart"]
    scilly_row = tables.la_row("2024-11", "E06000053")
    assert scilly_row["coverage_rate_ci_high"] > scale and scilly["cut"]
    last = scilly["groups"][0]["bars"][-1]["interval"]
    # Drawn to the end of the scale, not past it, and marked as cut off.
    low = scilly_row["coverage_rate_ci_low"]
    assert last["cut"] and last["width"] == f"{(scale - low) / scale * 100:.2f}%"
    html = factsheets.render_factsheet(factsheets.factsheet_context("E06000053", findings,
                                                                    PROVENANCE))  # fmt: skip
    assert "(arrow: past the scale)" in html
    # The marks drawn under the rows end each cut interval in an arrow, and only those.
    drawn = unquote(scilly["marks"].removeprefix("data:image/svg+xml,"))
    intervals = [bar["interval"] for bar in scilly["groups"][0]["bars"] if bar["interval"]]
    assert drawn.count('marker-end="url(#cut)"') == sum(i["cut"] for i in intervals) >= 1
    assert unquote(hartlepool["marks"]).count("marker-end") == 0


def laid_out_rows(html: str, row_class: str) -> list[tuple[float, float]]:
    """Each chart row's line as WeasyPrint lays it out on the factsheet's page: the right edge
    of its text and of the room it has (points), to see that no row runs past its box."""
    import weasyprint
    from weasyprint.formatting_structure import boxes

    printer = factsheets.printer()
    document = weasyprint.HTML(string=html, base_url=str(paths.REPO_ROOT),
                               url_fetcher=printer.fetcher).render(
        stylesheets=printer.stylesheets, font_config=printer.font_config)  # fmt: skip

    def walk(box):
        yield box
        for child in getattr(box, "children", ()):
            yield from walk(child)

    rows = []
    for box in walk(document.pages[0]._page_box):
        element = box.element if isinstance(box, boxes.BlockBox) else None
        if element is not None and row_class in (element.get("class") or "").split():
            ends = [line.position_x + line.width for line in box.children]
            if ends:  # a row's box as laid out (a box WeasyPrint split has an empty copy)
                rows.append((max(ends), box.content_box_x() + box.width))
    return rows


def row_length(name: dict, value: dict, closeness: dict) -> float:
    """A chart row's words in characters, the LA's own (bold, without a closeness) a tenth wider."""
    if not closeness["cites"]:
        return 1.1 * (len(value["text"]) + 1 + len(name["text"]))
    return len(value["text"]) + 1 + len(name["text"]) + 1 + len(closeness["text"])


def test_the_longest_chart_rows_stay_within_their_chart(tables, findings):
    """Chart rows do not wrap (the marks under them are drawn a row each), so the LAs with the
    longest rows of words, as a neighbour or as the LA itself, are laid out and measured: every
    row's words end inside its chart, left of the sentence beside it."""
    codes = tables.la["new_la_code"].unique().to_list()
    longest = {code: max(row_length(*row) for row in
                         findings.get(ids.factsheet(code, "neighbours"))["rows"])
               for code in codes}  # fmt: skip
    assert len(longest) == 153
    # The three longest, and Bournemouth, Christchurch and Poole's own (the longest name, bold).
    for code in sorted(set(sorted(longest, key=longest.get)[-3:]) | {"E06000058"}):
        html = factsheets.render_factsheet(factsheets.factsheet_context(code, findings,
                                                                        PROVENANCE))  # fmt: skip
        rows = laid_out_rows(html, "dot-row") + laid_out_rows(html, "bar-row")
        assert len(rows) >= 11 + 6 + 2  # the LA, ten neighbours, six bars and two axes
        assert [row for row in rows if row[0] > row[1] + 0.01] == [], code


def test_the_charts_draw_the_periods_and_the_la_in_the_charts_colours(findings):
    """Bars: the earlier period turquoise, the latest dark blue, in each of the three groups;
    dots: the LA's own dark blue, its neighbours' turquoise (senco.figures.style)."""
    from senco.figures import style

    context = factsheets.factsheet_context("E06000001", findings, PROVENANCE)
    bars = unquote(context["chart"]["marks"].removeprefix("data:image/svg+xml,"))
    filled = re.findall(r'stroke="(#[0-9A-F]{6})" stroke-width="2.4mm"', bars)
    assert filled == [style.EARLIER, style.LATER] * 3
    dots = unquote(context["neighbours"]["marks"].removeprefix("data:image/svg+xml,"))
    fills = re.findall(r'<circle [^>]*fill="(#[0-9A-F]{6})"', dots)
    own = [row["own"] for row in context["neighbours"]["rows"] if row["dot"] is not None]
    assert fills == [style.LATER if mine else style.EARLIER for mine in own]
    assert fills.count(style.LATER) == 1 and len(fills) == 11
