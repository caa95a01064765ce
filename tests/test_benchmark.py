"""`make bench` times what the Makefile runs, for this checkout and for the reference."""

from __future__ import annotations

import importlib.util
import re
import sys

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


def test_the_builds_are_timed_in_rounds_taken_in_turn_and_the_median_ratio_decides():
    bench = benchmark_module()
    assert bench.sides_in_turn(4) == [("reference", "current"), ("current", "reference")] * 2
    calls = []
    taken = bench.in_rounds(3, {"reference": "ref", "current": "cur"},
                            lambda copy: (calls.append(copy) or len(calls), 0.0))  # fmt: skip
    assert calls == ["ref", "cur", "cur", "ref", "ref", "cur"]
    assert [t for t, _ in taken["reference"]] == [1, 4, 5]
    assert [t for t, _ in taken["current"]] == [2, 3, 6]
    # One round in which this side ran slow (30 s against 20 s) does not decide the ratio.
    assert bench.median_ratio([10.0, 30.0, 12.0], [20.0, 20.0, 24.0]) == 0.5


def test_a_cold_copy_has_neither_results_nor_snakemake_state(tmp_path):
    bench = benchmark_module()
    for name in ("results/bulletin", ".snakemake/log", "scripts"):
        (tmp_path / name).mkdir(parents=True)
    assert bench.cold(tmp_path) == tmp_path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scripts"]


def test_a_timing_counts_the_cpu_of_every_process_the_command_waited_for(tmp_path):
    """A build's CPU is Snakemake's and its jobs': the wrapper counts grandchildren too."""
    bench = benchmark_module()
    spin = "import time\nwhile time.process_time() < 0.3: pass"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {spin!r}])"
    timing = bench.timed([sys.executable, "-c", parent], tmp_path)
    assert timing.cpu_s >= 0.3
    assert timing.seconds >= 0.3
    assert timing.peak_mb > 0


def test_the_printing_floor_is_set_beside_the_targets_it_bounds():
    bench = benchmark_module()
    measured = {
        "factsheets_cpu_s": 24.0,
        "bulletin_pdf_cpu_s": 6.0,
        "findings_ready_s": 3.0,
        "reference_cold_build_s": 25.0,
        "reference_bulletin_rule_s": 10.0,
    }
    floor = bench.floor_against_target(measured)
    # 3 s until the findings exist, then 30 CPU-seconds of printing on 2 cores: at least 18 s,
    # more than a 12.5 s target.
    assert floor["printing_floor_cpu_s"] == 30.0
    assert floor["printing_floor_wall_s"] == 3.0 + 30.0 / int(bench.CORES)
    assert floor["cold_build_target_s"] == 12.5
    assert floor["bulletin_rule_target_s"] == 3.5
