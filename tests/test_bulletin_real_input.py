"""The bulletin built from real (not synthetic) input, with LA names that are hostile markup: a
build of its own, so it runs beside the shared synthetic one (see tests/conftest.py)."""

from __future__ import annotations

import pytest

from http_server import Reply, ScriptedServer
from pdf_checks import page_texts
from samples import build_bulletin


@pytest.fixture(scope="module")
def real_with_hostile_names(tmp_path_factory):
    """One build serves two tests (a bulletin takes seconds to print): real, not synthetic,
    input, with two LAs renamed to markup that would run a script or fetch a tracker."""
    server = ScriptedServer().start()
    try:
        server.route("/tracker.png", Reply(body=b"\x89PNG"))
        hostile = {
            "Barnet": "<script>alert('x')</script>",
            "Camden": f'<img src="{server.url("/tracker.png")}">',
        }
        built = build_bulletin(tmp_path_factory.mktemp("real"), synthetic=False, rename=hostile)
        return built | {"tracker_fetches": server.count("/tracker.png")}
    finally:
        server.stop()


def test_real_input_has_neither_banner_nor_watermark(real_with_hostile_names):
    real = real_with_hostile_names
    assert '<div class="synthetic-banner"' not in real["html"]
    assert '<div class="watermark"' not in real["html"]
    text = " ".join(page_texts(real["pdf"]))
    assert "SYNTHETIC" not in text.upper()


def test_la_names_are_escaped_and_fetch_nothing(real_with_hostile_names):
    built = real_with_hostile_names
    html = built["html"]
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert '<img src="http://' not in html and "&lt;img src=&#34;http://" in html
    assert built["tracker_fetches"] == 0
    assert built["fetcher"].refused == []


def test_a_published_bulletin_is_not_marked_draft_and_names_who_stands_behind_it(
    real_with_hostile_names,
):
    real = real_with_hostile_names
    assert 'class="draft-banner"' not in real["html"] and "<title>DRAFT" not in real["html"]
    assert not any("DRAFT" in page for page in page_texts(real["pdf"]))
    for shown in ("10 July 2025", "Example Analysis Unit", "Ana Lyst", "stats@example.org",
                  "Access before publication: Head of profession.",
                  "These are not official statistics.",
                  "EYERProject.MAILBOX@education.gov.uk"):  # fmt: skip
        assert shown in real["html"], shown


def test_printed_pages_are_filled_and_nothing_crosses_the_text_column(real_with_hostile_names):
    """No page more than half empty but at most two that end a section (the next page starts
    with a section heading, or it is the last), none more than three-quarters empty, and no text
    outside the text column (A4 with margins 22, 18, 20 and 18 mm, as bulletin.css sets)."""
    import re
    from html import unescape

    from pdf_checks import text_layout

    real = real_with_hostile_names
    pages = text_layout(real["pdf"], (22, 18, 20, 18))
    # Without spaces, as text_layout gives a page's first characters.
    headings = ["".join(unescape(re.sub(r"<[^>]+>", "", h)).split())
                for h in re.findall(r"<h2[^>]*>(.*?)</h2>", real["html"], re.S)]  # fmt: skip
    crossing = {n: page["crossing"] for n, page in enumerate(pages, 1) if page["crossing"]}
    assert crossing == {}
    emptier = [n for n, page in enumerate(pages, 1) if page["fill"] < 0.5]
    assert all(pages[n - 1]["fill"] >= 0.25 for n in emptier), [
        (n, round(pages[n - 1]["fill"], 2)) for n in emptier
    ]
    section_ends = [n for n in emptier if n == len(pages)
                    or any(pages[n]["starts"].startswith(h[:30]) for h in headings)]  # fmt: skip
    assert emptier == section_ends and len(section_ends) <= 2, [
        (n, round(pages[n - 1]["fill"], 2), pages[n]["starts"] if n < len(pages) else "")
        for n in emptier
    ]
