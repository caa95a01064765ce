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


def axe_violations(html: str, workdir: Path, width: int, height: int) -> list[dict]:
    page = workdir / f"page-{width}.html"
    page.write_text(html.replace("</body>", RUNNER % AXE.read_text() + "</body>"))
    dom = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--window-size={width},{height}",
         f"--user-data-dir={workdir / f'profile-{width}'}", page.as_uri()],
        capture_output=True, text=True, timeout=180,
    ).stdout  # fmt: skip
    found = re.search(r'<pre id="axe-results">(.*?)</pre>', dom, re.S)
    assert found, "axe-core did not report (page failed to load or script error)"
    return json.loads(unescape(found.group(1)))


@pytest.fixture(scope="module")
def bulletin_html(tmp_path_factory) -> str:
    reason = missing_tools()
    if reason:
        if os.environ.get("SENCO_REQUIRE_BROWSER"):
            pytest.fail(f"SENCO_REQUIRE_BROWSER is set but {reason}")
        pytest.skip(reason)
    from test_bulletin import build

    return build(tmp_path_factory.mktemp("axe"))["html"]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (375, 812)], ids=["desktop", "phone"])
def test_axe_core_finds_no_violations(bulletin_html, tmp_path, width, height):
    assert axe_violations(bulletin_html, tmp_path, width, height) == []


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
