"""The same inputs and code give byte-identical outputs wherever the checkout is. The bulletin's
PDF identifier once hashed print HTML holding the fonts' absolute file:// addresses, so two
checkouts printed different bytes: here the same page is printed, by the bulletin's own printer
and identifier, from this checkout and from a copy of it elsewhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from senco import paths

# A path with spaces and characters outside ASCII, as a user's home folder may have.
ELSEWHERE = "a check out – Ünïcode"
PARTS = ("scripts", "workflow", "resources")

# As the bulletin prints: the bundled fonts linked by file URI, the identifier from the HTML.
PRINT = """
import sys
from pathlib import Path
from senco import paths
from senco.views import bulletin, render

assert paths.REPO_ROOT == Path(sys.argv[1]).resolve(), paths.REPO_ROOT
faces = render.font_face_rules(render.font_faces(embed=False))
html = (f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>Coverage</title>"
        f"<style>{faces} body {{ font-family: '{paths.FONT_FAMILY}'; }}</style></head>"
        "<body><h1>Coverage</h1><p>4.5% of settings had a completion.</p></body></html>")
assert paths.REPO_ROOT.as_uri() in html  # the page holds where the checkout is
fetcher = render.RestrictedFetcher([paths.REPO_ROOT])
render.write_pdf(html, Path(sys.argv[2]), fetcher, bulletin.pdf_identifier(html))
"""


def printed(checkout: Path, out: Path) -> bytes:
    environment = os.environ | {"PYTHONPATH": str(checkout / "scripts")}
    run = subprocess.run([sys.executable, "-c", PRINT, str(checkout), str(out)], cwd=checkout,
                         env=environment, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    return out.read_bytes()


def test_the_bulletins_printer_gives_the_same_pdf_from_a_checkout_elsewhere(tmp_path):
    copy = tmp_path / ELSEWHERE
    for part in PARTS:
        shutil.copytree(paths.REPO_ROOT / part, copy / part,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    here = printed(paths.REPO_ROOT, tmp_path / "here.pdf")
    there = printed(copy, tmp_path / "there.pdf")
    assert here.startswith(b"%PDF") and here == there
