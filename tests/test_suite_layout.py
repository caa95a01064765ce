"""The suite's own set-up: which tests share a worker when `make test` runs them side by side."""

from __future__ import annotations

import re

from conftest import SHARED_BUILDS, worker_group
from senco import paths


def test_modules_sharing_a_build_share_a_worker_and_others_keep_their_own():
    users = SHARED_BUILDS["synthetic_bulletin"]
    groups = {worker_group(f"{module}::test_x") for module in users}
    assert groups == {"synthetic_bulletin"}
    assert worker_group("tests/test_figures.py::test_y[a-b]") == "tests/test_figures.py"
    assert worker_group("tests/test_figures.py::test_y") != worker_group("tests/test_clean.py::z")


def test_make_test_runs_the_scheduler_that_knows_the_groups():
    """conftest's scheduler replaces xdist's `loadfile` only: the Makefile must ask for it."""
    makefile = (paths.REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    parallel = re.search(r"^PARALLEL_TESTS := (.*)$", makefile, re.M).group(1).split()
    assert parallel == ["-n", "auto", "--dist", "loadfile"]
    for target in ("test", "test-fast"):
        recipe = re.search(rf"^{target}: .*\n\t(.*)$", makefile, re.M).group(1)
        assert "$(PARALLEL_TESTS)" in recipe, target
