"""`make bench` times what the Makefile runs, for this checkout and for the reference."""

from __future__ import annotations

import importlib.util
import re

from senco import paths


def benchmark_module():
    spec = importlib.util.spec_from_file_location(
        "bench_run", paths.REPO_ROOT / "benchmarks" / "run.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_suites_are_timed_as_each_makefile_runs_them(tmp_path):
    bench = benchmark_module()
    makefile = (paths.REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    parallel = re.search(r"^PARALLEL_TESTS := (.*)$", makefile, re.M).group(1).split()
    pytest = str(bench.BIN / "pytest")
    assert bench.make_command(paths.REPO_ROOT, "test") == [pytest, *parallel]
    assert bench.make_command(paths.REPO_ROOT, "test-fast") == [pytest, *parallel, "--fast"]
    # A Makefile of an older commit: its own command, with this environment's pytest.
    (tmp_path / "Makefile").write_text(
        "BIN := .venv/bin\ntest: .venv/.installed-from-lock\n\t$(BIN)/pytest\n"
    )
    assert bench.make_command(tmp_path, "test") == [pytest]
