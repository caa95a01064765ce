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
