"""The bulletin: numbers from the tables, escaping, PDF structure, synthetic marks, determinism."""

from __future__ import annotations

import base64
import io
import json
import re

import polars as pl
import pytest
from markupsafe import escape
from pypdf import PdfReader

from pdf_checks import page_texts, pdf_ua_problems
from samples import print_bulletin
from senco import formatting, paths, published
from senco.findings.charts import CHART_NAMES
from senco.views import bulletin, render
from senco.views.release import release_from


@pytest.fixture(scope="module")
def synthetic(synthetic_bulletin):
    return synthetic_bulletin


@pytest.fixture(scope="module")
def pdf_text(synthetic) -> list[str]:
    return page_texts(synthetic["pdf"])


def test_the_main_points_carry_the_numbers_of_the_indicator_tables(synthetic, pdf_text):
    areas = synthetic["areas"]
    england = areas.filter((pl.col("geographic_level") == "National")
                           & (pl.col("period") == "2024-11")).row(0, named=True)  # fmt: skip
    june = areas.filter((pl.col("geographic_level") == "National")
                        & (pl.col("period") == "2024-06")).row(0, named=True)  # fmt: skip
    expected = [
        formatting.percent(england["coverage_rate"]),
        formatting.count(england["settings_completed"]),
        formatting.count(england["settings_total"]),
        formatting.percent(june["coverage_rate"]),
        formatting.count(england["settings_registered"]),
        formatting.percent(england["registered_rate"]),
        formatting.count(england["practitioners_completed"]),
        formatting.count(england["practitioners_registered"]),
    ]
    points = synthetic["context"]["main_points"]
    assert 1 <= len(points) <= 6
    assert all(value in " ".join(points) for value in expected)
    text = " ".join(pdf_text)
    for point in points:
        assert " ".join(point.split()) in text, point


def test_the_pdf_has_an_outline_metadata_tags_and_a_sane_length(synthetic):
    reader = PdfReader(synthetic["pdf"])
    assert 15 <= len(reader.pages) <= 60
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[0].startswith(bulletin.TITLE)
    flat = json.dumps([getattr(i, "title", None) for i in _flatten(reader.outline)])
    for heading in ("Main points", "Things you need to know", "Quality and methodology",
                    "Annex: every local authority", "Technical annex",
                    "Provenance of this build"):  # fmt: skip
        assert heading in flat
    metadata = reader.metadata
    assert metadata.title.startswith(bulletin.TITLE)
    assert published.PRODUCER in metadata.author
    assert "SENCO" in metadata.subject
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_the_pdf_passes_an_independent_pdf_ua_checker(synthetic):
    assert pdf_ua_problems(synthetic["pdf"]) == []


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_every_font_in_the_pdf_is_the_bundled_one_and_embedded(synthetic):
    reader = PdfReader(synthetic["pdf"])
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font)["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values())
    assert all(
        name.split("+")[-1].startswith(("Liberation-Sans", "Liberation-Mono")) for name in fonts
    ), fonts


def test_synthetic_input_gives_a_banner_and_a_watermark_on_every_page(synthetic, pdf_text):
    assert 'class="synthetic-banner"' in synthetic["html"]
    assert all(published.DATA_STATUS_SYNTHETIC.split(" - ")[0] in page.upper() or
               "SYNTHETIC SAMPLE DATA" in page for page in pdf_text)  # fmt: skip
    assert "synthetic sample data" in PdfReader(synthetic["pdf"]).metadata.title


def test_the_url_fetcher_refuses_the_network_and_files_outside_the_project(tmp_path):
    fetcher = render.RestrictedFetcher([paths.REPO_ROOT])
    inside = (paths.FONTS_DIR / "LiberationSans-Regular.ttf").resolve().as_uri()
    assert fetcher(inside) is not None
    assert fetcher("data:text/plain;base64,aGk=") is not None
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    for url in ("http://127.0.0.1:9/x.png", outside.as_uri(), "file:///etc/passwd",
                (paths.REPO_ROOT / ".." / "x").resolve().as_uri()):  # fmt: skip
        with pytest.raises(ValueError, match="refused"):
            fetcher(url)
    assert len(fetcher.refused) == 4


def test_two_prints_are_byte_identical(synthetic, tmp_path):
    # Printed again from the same inputs (findings, figures): whether the figures themselves
    # are drawn identically twice is tests/test_figures.py's, and a whole second run's,
    # tests/test_pipeline.py's.
    again = print_bulletin(synthetic["inputs"], tmp_path)
    assert again["html"] == synthetic["html"]
    assert again["pdf"].read_bytes() == synthetic["pdf"].read_bytes()


def test_html_structure_one_h1_ordered_headings_and_table_headers(synthetic):
    html = synthetic["html"]
    assert '<html lang="en-GB">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert "<main" in html and "<nav" in html and "<header" in html and "<footer" in html
    tables = html.count("<table")
    assert html.count("<caption id=") == tables
    assert '<th scope="col"' in html and '<th scope="row"' in html
    figures_shown = [f for section in synthetic["context"]["sections"] for f in section["figures"]]
    assert len(figures_shown) == len(CHART_NAMES)
    for figure in figures_shown:
        # Inline, the chart's text alternative is its accessible name; the map is a group,
        # so a screen reader can reach each LA's hexes, named by its LA and value.
        role = "group" if figure["name"] == "hex_map" else "img"
        assert f'role="{role}" aria-label="{escape(figure["alt"])}"' in html, figure["name"]
    assert html.count('<g class="named" role="img"><title>') >= 153


def test_charts_are_inline_svg_whose_text_is_text(synthetic):
    """In the HTML every chart is an inline <svg> whose words are <text> in the bundled font
    (selectable, searchable, zoomable); no glyph is drawn as an outline."""
    html = synthetic["html"]
    assert "<img" not in html
    svgs = re.findall(r"<svg .*?</svg>", html, flags=re.S)
    names = {figure["name"]: figure for s in synthetic["context"]["sections"]
             for figure in s["figures"]}  # fmt: skip
    # The chart of every LA is one panel per region, flowing in columns, named together.
    regions = synthetic["la"]["region_code"].n_unique()
    phones = [svg for svg in svgs if 'class="chart phone-width"' in svg]
    assert len(phones) == len(CHART_NAMES) - 1  # every chart but the panels, drawn for a phone
    assert len(svgs) - len(phones) == len(CHART_NAMES) - 1 + regions
    alt = escape(names["coverage_by_la"]["alt"])
    panels = html[html.index(f'<div class="panels" role="img" aria-label="{alt}">') :]
    panels = panels[: panels.index("</div>")]
    assert panels.count("<svg ") == regions
    assert re.search(r"<text[^>]*>Hartlepool</text>", panels)
    for chart in svgs:
        assert "<text" in chart and "Liberation Sans" in chart
        assert not re.search(r'id="[^"]*LiberationSans-', chart)  # no glyph outlines
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # charts inline in one page share one id space


def test_chart_text_in_the_pdf_is_text_in_the_embedded_bundled_font(synthetic, pdf_text):
    """pdftotext-style extraction finds an LA's name on the page of the chart of every LA, where
    no table repeats it."""
    title = next(f["title"] for s in synthetic["context"]["sections"] for f in s["figures"]
                 if f["name"] == "coverage_by_la")  # fmt: skip
    page = next(text for text in pdf_text if title[:60] in text)
    assert "Hartlepool" in page


def test_the_html_is_one_file_under_one_and_a_half_megabytes(synthetic):
    size = len(synthetic["html"].encode("utf-8"))
    assert size < 1.5 * 1024 * 1024, size
    assert "font/ttf" not in synthetic["html"]  # fonts are WOFF2 subsets, not whole files


def test_no_number_is_typed_into_a_template():
    """Numbers reach the page only through the context, formatted by senco.formatting."""
    for template in paths.TEMPLATES_DIR.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"{{.*?}}|{%.*?%}|{#.*?#}", "", text, flags=re.S)
        text = re.sub(r"<[^>]*>", "", text)  # tags and their attributes
        text = re.sub(r"\bsha256\b", "", text)  # a name, not a number
        assert not re.search(r"\d", text), (template.name, re.findall(r".{20}\d.{20}", text))


def test_templates_autoescape():
    assert render.environment(paths.TEMPLATES_DIR).autoescape is True


def test_every_character_shown_is_in_the_bundled_fonts(synthetic):
    """A glyph missing from the bundled fonts would silently come from a system font."""
    import html as html_module

    from fontTools.ttLib import TTFont

    covered = set(TTFont(paths.FONTS_DIR / "LiberationSans-Regular.ttf").getBestCmap())
    text = re.sub(r"data:[^\"')]*", "", synthetic["html"])
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", text))
    shown = {char for char in text if ord(char) > 32}
    assert sorted(char for char in shown if ord(char) not in covered) == []
    # The page embeds subsets: each face it carries still has every character the page shows.
    faces = re.findall(r'font-style: (\w+); src: url\("data:font/woff2;base64,([^"]+)"\)',
                       synthetic["html"])  # fmt: skip
    assert len(faces) == 5
    for _, data in faces:
        subset = set(TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap())
        assert sorted(char for char in shown if ord(char) not in subset) == []


def test_the_first_page_carries_the_release_essentials(synthetic, pdf_text):
    first = " ".join(pdf_text[0].split())
    for expected in ("10 July 2025", "Ana Lyst", "stats@example.org", "final release",
                     "31 March 2024", "released July 2025"):  # fmt: skip
        assert expected in first, expected
    assert "2026-11-22" not in first  # the build's date is in the technical annex only
    assert 'href="mailto:stats@example.org"' in synthetic["html"]


def test_every_section_opens_with_commentary_that_is_a_checked_finding(synthetic):
    found = synthetic["findings"]
    for section in synthetic["context"]["sections"]:
        assert 2 <= len(section["commentary"]) <= 4, section["id"]
        for sentence in section["commentary"]:
            finding = next(f for f in found.by_id.values() if f.get("text") == sentence)
            assert finding["id"].startswith(f"commentary.{section['id']}.")
            assert escape(sentence) in synthetic["html"]


def test_a_release_without_a_date_or_contact_says_so():
    draft = release_from({})
    assert draft.draft and draft.publication_date.startswith("DRAFT: not yet published")
    assert draft.contact_email is None and draft.contact == "not set"
    assert draft.producer == draft.statistician == "not set"
    assert "final release" in draft.status and "not official statistics" in draft.status
    assert draft.pre_release == "No one had access to these statistics before they were published."
    ongoing = release_from({"final_release": False, "publication_date": "2025-07-03"})
    assert ongoing.publication_date == "3 July 2025" and "final" not in ongoing.status


def test_publishing_needs_every_name_and_real_data_whose_findings_check():
    from samples import PUBLISHED
    from senco.views.release import refusal, unset_to_publish

    assert unset_to_publish({}) is None  # a draft needs nothing
    assert unset_to_publish(PUBLISHED) is None
    one = unset_to_publish({**PUBLISHED, "contact_email": " "})
    assert one == (
        "config: publication_date is set, so this build publishes, but contact_email is not "
        "set: a published release names who produced it and who answers for it"
    )
    every = unset_to_publish({"publication_date": "2025-07-10"})
    assert "but producer, responsible_statistician, contact_name, contact_team and " in every
    assert "contact_email are not set" in every and "\n" not in every
    assert refusal(False, []) is None
    assert refusal(True, []).startswith("publication refused: the data are the bundled SYNTHETIC")
    qa = refusal(False, ["main_points.england: coverage_rate formatted is '6.7%'", "b", "c"])
    assert qa == ("publication refused: the findings QA fails: main_points.england: "
                  "coverage_rate formatted is '6.7%' (and 2 more; run make qa)")  # fmt: skip


def test_the_pdf_links_only_to_the_web_never_to_this_machine(synthetic, pdf_text):
    reader = PdfReader(synthetic["pdf"])
    uris = {
        str(annotation.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/URI" in (annotation.get_object().get("/A") or {})
    }
    assert uris and all(uri.startswith(("https://", "mailto:")) for uri in uris), uris
    # Downloads are named in print, with their type and size.
    assert "downloads/senco_derived_statistics.xlsx (XLSX," in " ".join(pdf_text)


def test_the_printed_annex_has_a_fixed_width_for_each_of_its_columns(synthetic):
    """The print stylesheet sizes the annex's columns by position: a column added to the annex
    needs its width there too, and together they must fit the page with their padding."""
    css = (paths.TEMPLATES_DIR / "bulletin.css").read_text()
    widths = [float(w) for w in re.findall(
        r"\.annex-table th:nth-child\((?:\d+)\) \{ width: ([\d.]+)%; \}", css)]  # fmt: skip
    periods = [key for key in synthetic["findings"].by_id if key.startswith("annex.")]
    columns = len(synthetic["findings"].table(periods[0])["headers"])
    assert len(widths) == columns
    assert 85 <= sum(widths) <= 95


def test_a_subset_font_keeps_what_it_is_asked_for_its_kerning_and_its_licence():
    from fontTools.ttLib import TTFont

    full_path = paths.FONTS_DIR / "LiberationSans-Regular.ttf"
    data = render.subset_font(full_path, "Coverage rose by 1.2 percentage points – “AV”")
    assert data[:4] == b"wOF2"
    assert render.subset_font(full_path, "AV“”–Coverage") == data  # same characters, same bytes
    subset, full = TTFont(io.BytesIO(data)), TTFont(full_path)
    kept = set(subset.getBestCmap())
    assert {ord(c) for c in "AV“”–" + render.ALWAYS_KEPT} <= kept
    assert ord("Ω") in full.getBestCmap() and ord("Ω") not in kept
    assert len(subset.getGlyphOrder()) < len(full.getGlyphOrder()) / 5
    features = {r.FeatureTag for r in subset["GPOS"].table.FeatureList.FeatureRecord}
    assert "kern" in features  # "AV" is kerned as in the full font
    licence = {record.nameID for record in full["name"].names}
    assert {record.nameID for record in subset["name"].names} == licence


def test_downloads_are_named_by_their_web_address_once_the_bulletins_is_set(tmp_path):
    from senco.views.bulletin import download, link

    folder, data = tmp_path / "bulletin", tmp_path / "bulletin" / "downloads" / "data.csv"
    data.parent.mkdir(parents=True)
    data.write_text("a\n")
    assert link(data, folder) == "downloads/data.csv"  # relative, wherever it is copied
    address = "https://example.org/senco/bulletin.html"
    assert link(data, folder, address) == "https://example.org/senco/downloads/data.csv"
    index = tmp_path / "factsheets" / "index.html"
    assert link(index, folder, address) == "https://example.org/factsheets/index.html"
    item = download("Data", data, "CSV", folder, address)
    html = render.render_template("_download.html.j2", {"item": item, "for_print": True})
    assert 'href="https://example.org/senco/downloads/data.csv"' in html and "(CSV," in html
