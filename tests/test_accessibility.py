"""axe-core finds no accessibility violations in the bulletin, in headless Chromium.

Needs Debian's `chromium` and the `axe-core` npm package (`npm ci`). Without them the test skips
with the reason, unless SENCO_REQUIRE_BROWSER is set (as CI sets it), when it fails instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from senco import paths

AXE = paths.REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags that keep headless Chromium off the network (this machine has none) and self-contained.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=60000",
    "--dump-dom",
)
RUNNER = """<script>%s</script><script>
axe.run(document, {resultTypes: ["violations"]}).then(function (result) {
  var out = document.createElement("pre");
  out.id = "axe-results";
  out.textContent = JSON.stringify(result.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 5).map(function (n) { return n.target; })};
  }));
  document.body.appendChild(out);
});
</script>"""


def missing_tools() -> str | None:
    if CHROMIUM is None:
        return "chromium is not installed (apt-get install chromium)"
    if not AXE.is_file():
        return "axe-core is not installed (npm ci)"
    return None


def run_in_chromium(html: str, script: str, workdir: Path, width: int, height: int):
    """Load the page at this window size, run `script` (which writes its JSON result into a
    <pre id="axe-results">), and return that result."""
    page = workdir / f"page-{width}.html"
    page.write_text(html.replace("</body>", script + "</body>"))
    dom = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--window-size={width},{height}",
         f"--user-data-dir={workdir / f'profile-{width}'}", page.as_uri()],
        capture_output=True, text=True, timeout=180,
    ).stdout  # fmt: skip
    found = re.search(r'<pre id="axe-results">(.*?)</pre>', dom, re.S)
    assert found, "the script did not report (page failed to load or script error)"
    return json.loads(unescape(found.group(1)))


def axe_violations(html: str, workdir: Path, width: int, height: int) -> list[dict]:
    return run_in_chromium(html, RUNNER % AXE.read_text(), workdir, width, height)


# What sticks out sideways at a width: elements whose box passes the viewport's right edge,
# except inside a data table's own scrolling region; and which charts are displayed.
LAYOUT = """<script>
window.addEventListener("load", function () {
  var width = document.documentElement.clientWidth, out = [];
  document.querySelectorAll("body *").forEach(function (el) {
    if (el.closest(".table-wrap")) { return; }
    var box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1) { out.push(el.tagName + "." + el.className); }
  });
  var shown = function (selector) {
    return Array.from(document.querySelectorAll(selector)).filter(function (el) {
      return el.getBoundingClientRect().width > 0; }).length;
  };
  var pre = document.createElement("pre");
  pre.id = "axe-results";
  pre.textContent = JSON.stringify({overflow: out.slice(0, 10),
    scroll: document.documentElement.scrollWidth - width,
    page_charts: shown("svg.has-phone"), phone_charts: shown("svg.phone-width")});
  document.body.appendChild(pre);
});
</script>"""


@pytest.fixture(scope="module")
def bulletin_html(request) -> str:
    reason = missing_tools()
    if reason:
        if os.environ.get("SENCO_REQUIRE_BROWSER"):
            pytest.fail(f"SENCO_REQUIRE_BROWSER is set but {reason}")
        pytest.skip(reason)
    # Built only when the browser is there to read it (the session shares one build).
    return request.getfixturevalue("synthetic_bulletin")["html"]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (375, 812)], ids=["desktop", "phone"])
def test_axe_core_finds_no_violations(bulletin_html, tmp_path, width, height):
    assert axe_violations(bulletin_html, tmp_path, width, height) == []


def test_at_320_px_only_data_tables_scroll_sideways_and_phones_get_phone_charts(
    bulletin_html, tmp_path
):
    """WCAG 1.4.10 (reflow): at 320 CSS px nothing but a data table (inside its own scrolling
    region) is wider than the screen, and every chart drawn for a phone replaces the page's."""
    phones = bulletin_html.count('class="chart phone-width"')
    assert phones >= 5
    narrow = run_in_chromium(bulletin_html, LAYOUT, tmp_path, 320, 640)
    assert narrow == {"overflow": [], "scroll": 0, "page_charts": 0, "phone_charts": phones}
    wide = run_in_chromium(bulletin_html, LAYOUT, tmp_path, 1280, 900)
    assert wide["page_charts"] == phones and wide["phone_charts"] == 0


def test_the_checker_does_report_a_violation(tmp_path):
    """The harness itself works: a page with an image without alt text fails."""
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        '<body><main><h1>Probe</h1><img src="x.png"></main></body></html>'
    )
    violations = axe_violations(page, tmp_path, 800, 600)
    assert [v["id"] for v in violations] == ["image-alt"]
    wide = page.replace("<h1>", '<div class="x" style="width:900px">w</div><h1>')
    layout = run_in_chromium(wide, LAYOUT, tmp_path, 320, 640)
    assert layout["overflow"] == ["DIV.x"] and layout["scroll"] > 0


@pytest.fixture(scope="module")
def index_html(bulletin_html, request) -> str:
    """The factsheet index of the session's synthetic build (only with the browser there)."""
    from senco.core.reference import la_codes_by_region
    from senco.views import factsheets

    found = request.getfixturevalue("synthetic_bulletin")["findings"]
    files = factsheets.IndexFiles.in_layout(
        la_codes_by_region(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    )
    return factsheets.render_index(factsheets.index_context(found, files))


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (375, 812)], ids=["desktop", "phone"])
def test_the_factsheet_index_has_no_violations(index_html, tmp_path, width, height):
    assert axe_violations(index_html, tmp_path, width, height) == []


# Types into the index's filter box as a person would (an input event per character), then
# reports the rows left showing; sorts by a column heading's button, then reports the order.
INDEX_PROBE = """<script>
window.addEventListener("load", function () {
  var input = document.getElementById("index-filter");
  var typed = function (text) {
    input.value = "";
    input.dispatchEvent(new Event("input", {bubbles: true}));
    text.split("").forEach(function (ch) {
      input.value += ch;
      input.dispatchEvent(new Event("input", {bubbles: true}));
    });
    return Array.from(document.querySelectorAll("#index-table tbody tr"))
      .filter(function (row) { return !row.hidden && row.getBoundingClientRect().height > 0; })
      .map(function (row) { return row.cells[0].textContent.split(" factsheet")[0].trim(); });
  };
  var result = {tools_shown: !document.getElementById("index-tools").hidden,
                by_name: typed("barking"), by_code: typed("E09000002"), none: typed("zzz"),
                status: document.getElementById("index-status").textContent,
                all: typed("").length};
  var header = Array.from(document.querySelectorAll("#index-table thead th"))
    .filter(function (th) { return th.textContent.indexOf("Coverage") === 0; })[0];
  header.querySelector("button").click();
  header.querySelector("button").click();
  result.sort = header.getAttribute("aria-sort");
  var column = Array.from(header.parentNode.cells).indexOf(header);
  result.highest_first = Array.from(document.querySelectorAll("#index-table tbody tr"))
    .slice(0, 3).map(function (row) { return row.cells[column].getAttribute("data-sort"); });
  var pre = document.createElement("pre");
  pre.id = "axe-results";
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
});
</script>"""


def test_typing_a_name_or_code_in_the_index_leaves_one_row_and_headings_sort(index_html, tmp_path):
    import polars as pl

    from samples import indicator_tables

    found = run_in_chromium(index_html, INDEX_PROBE, tmp_path, 1280, 900)
    assert found["tools_shown"]
    assert found["by_name"] == ["Barking and Dagenham"]
    assert found["by_code"] == ["Barking and Dagenham"]
    assert found["none"] == [] and found["status"] == "Showing 0 of 153 local authorities"
    assert found["all"] == 153
    la = indicator_tables().la_frame("2024-11").sort("coverage_rate", descending=True)
    assert found["sort"] == "descending"
    assert [float(v) for v in found["highest_first"]] == la["coverage_rate"].head(3).to_list()
    assert la.filter(pl.col("coverage_rate").is_null()).height == 0


def test_without_javascript_the_index_is_the_complete_table(index_html):
    """The filter box is hidden until the script shows it; every LA's row is in the page."""
    assert '<div class="index-tools" id="index-tools" hidden>' in index_html
    assert index_html.count("<tr data-search=") == 153
    assert "Neighbours&#39; average" in index_html or "Neighbours' average" in index_html
