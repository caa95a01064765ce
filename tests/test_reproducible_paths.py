"""The same inputs and code give byte-identical outputs wherever the checkout is: the bulletin's
PDF, whose identifier once hashed HTML holding the fonts' absolute file:// addresses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from senco import paths

# A path with spaces and characters outside ASCII, as a user's home folder may have.
ELSEWHERE = "a check out – Ünïcode"
PARTS = ("scripts", "workflow", "resources", "tests")


def test_the_bulletin_pdf_is_byte_identical_from_a_checkout_elsewhere(synthetic_bulletin, tmp_path):
    copy = tmp_path / ELSEWHERE
    for part in PARTS:
        shutil.copytree(paths.REPO_ROOT / part, copy / part,
                        ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))  # fmt: skip
    out = tmp_path / "built elsewhere"
    out.mkdir()
    program = (
        "import sys; from pathlib import Path; from senco import paths; from samples import "
        "build_bulletin; assert paths.REPO_ROOT == Path(sys.argv[1]), paths.REPO_ROOT; "
        "build_bulletin(Path(sys.argv[2]))"
    )
    environment = os.environ | {
        "PYTHONPATH": os.pathsep.join([str(copy / "scripts"), str(copy / "tests")])
    }
    run = subprocess.run([sys.executable, "-c", program, str(copy), str(out)], cwd=copy,
                         env=environment, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert (out / "bulletin.pdf").read_bytes() == synthetic_bulletin["pdf"].read_bytes()
