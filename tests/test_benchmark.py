"""`make bench` times what the Makefile runs, for this checkout and for the reference."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import time

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
    assert bench.make_command(paths.REPO_ROOT, "test-fast") == [
        pytest,
        *parallel,
        "-m",
        "not pipeline",
    ]
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
    # A third side (the starting commit) takes its turn in the same alternation.
    three = bench.in_rounds(2, {"a": "a", "b": "b", "c": "c"}, lambda copy: copy)
    assert bench.sides_in_turn(2, ("a", "b", "c")) == [("a", "b", "c"), ("c", "b", "a")]
    assert three == {"a": ["a", "a"], "b": ["b", "b"], "c": ["c", "c"]}
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
    before = time.time()
    timing = bench.timed([sys.executable, "-c", parent], tmp_path)
    assert timing.cpu_s >= 0.3
    assert timing.seconds >= 0.3
    assert timing.peak_mb > 0
    assert before <= timing.started_at <= time.time() - timing.seconds


def test_the_printing_floor_is_set_beside_the_targets_it_bounds():
    bench = benchmark_module()
    measured = {
        "figures_cpu_s": 4.0,
        "factsheets_cpu_s": 20.0,
        "bulletin_pdf_cpu_s": 6.0,
        "findings_ready_s": 3.0,
        "reference_cold_build_s": 25.0,
        "reference_bulletin_rule_s": 10.0,
    }
    floor = bench.floor_against_target(measured)
    # 3 s until the findings exist, then 30 CPU-seconds of drawing and printing on 2 cores: at
    # least 18 s, more than a 12.5 s target.
    assert floor["outputs_floor_cpu_s"] == 30.0
    assert floor["outputs_floor_wall_s"] == 3.0 + 30.0 / int(bench.CORES)
    assert floor["cold_build_target_s"] == 12.5
    assert floor["bulletin_rule_target_s"] == 3.5


def test_the_table_sets_each_floor_beside_the_target_it_bounds():
    bench = benchmark_module()
    measured = {
        "machine": "x86_64, 2 cores", "date": "2026-12-03", "reference": bench.REFERENCE,
        "rounds": 3, "cold_build_s": 24.0, "reference_cold_build_s": 26.0,
        "cold_build_cpu_s": 41.0, "reference_cold_build_cpu_s": 42.0, "findings_ready_s": 3.0,
        "figures_cpu_s": 3.5, "bulletin_pdf_cpu_s": 4.5, "factsheets_cpu_s": 17.0,
        "bulletin_rule_s": 7.0, "reference_bulletin_rule_s": 10.0, "noop_s": 1.0,
        "one_rule_noop_s": 0.9, "peak_rss_mb": 300.0, "input_rows_1x": 918,
        "input_rows_100x": 91800, "clean_indicators_1x_s": 0.2, "clean_indicators_100x_s": 10.0,
        "starting_cold_build_s": 22.0, "cold_build_vs_start_ratio": 24.0 / 22.0,
        "commentary_edit_s": 8.0, "commentary_bulletin_rule_s": 7.0,
        "commentary_edit_ratio": 8.0 / 7.0,
    }  # fmt: skip
    measured = bench.judged(measured)
    assert measured["targets_met"]["cold_build_vs_start_ratio"] is True  # 1.09 <= 1.10
    assert measured["targets_met"]["commentary_edit_ratio"] is True  # 1.14 <= 1.3
    assert measured["targets_met"]["cold_build_ratio"] is False  # 24 s against 26 s
    assert measured["targets_met"]["noop_ratio"] is True
    lines = bench.table(measured).splitlines()
    cold = next(i for i, line in enumerate(lines) if line.startswith("Cold full build"))
    # Under the cold build: its CPU on both sides, then the floor and the target it bounds.
    assert lines[cold + 1].split()[-3:] == ["41.0s", "42.0s", "0.98"]
    assert lines[cold + 3].split()[-1] == "25.0s"  # 3.5 + 4.5 + 17 of drawing and printing
    assert lines[cold + 4].split()[-5:] == ["15.5s", "target", "build", "<=", "13.0s"]
    assert lines[cold + 5].split()[-6:] == ["24.0s", "22.0s", "1.09", "<=", "1.1", "(met)"]
    edit = next(line for line in lines if line.startswith("Rebuild after a commentary edit"))
    assert edit.split()[-6:] == ["8.0s", "7.0s", "1.14", "<=", "1.3", "(met)"]
    bulletin = next(i for i, line in enumerate(lines) if line.startswith("The bulletin rule"))
    assert lines[bulletin + 1].split()[-5:] == ["4.5s", "target", "rule", "<=", "3.5s"]


def test_a_job_freezes_the_inputs_it_has_loaded_in_its_own_process():
    """The collector stops walking what a job keeps to the end (core.adapter.inputs_loaded)."""
    script = (
        "import gc\n"
        "from senco.core.adapter import inputs_loaded\n"
        "kept = [[index] for index in range(10_000)]\n"
        "before = gc.get_freeze_count()\n"
        "inputs_loaded()\n"
        "print(before, gc.get_freeze_count())\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    before, after = (int(count) for count in run.stdout.split())
    assert before == 0
    assert after >= 10_000


def test_every_job_that_draws_or_prints_freezes_its_inputs_first():
    for script, work in (
        ("rule_figures.py", "write_chart("),
        ("rule_bulletin.py", "render_html("),
        ("rule_factsheets.py", "write_factsheets("),
    ):
        source = (paths.REPO_ROOT / "scripts" / script).read_text(encoding="utf-8")
        step = source[source.index("def step(") :]
        assert "inputs_loaded()" in step, script
        assert step.index("inputs_loaded()") < step.index(work), script


def test_two_builds_outputs_are_compared_byte_for_byte_logs_aside(tmp_path):
    bench = benchmark_module()
    for side, files in {
        "before": {"a.pdf": b"1", "b.csv": b"2", "old.json": b"x", "logs/x.log": b"run 1"},
        "after": {"a.pdf": b"1", "b.csv": b"3", "new.json": b"y", "logs/x.log": b"run 2"},
    }.items():
        for name, data in files.items():
            path = tmp_path / side / "results" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    assert bench.compared_outputs(tmp_path / "before", tmp_path / "after") == {
        "identical": 1, "differ": ["b.csv"], "only_before": ["old.json"],
        "only_after": ["new.json"],
    }  # fmt: skip


def test_the_factsheets_are_timed_against_main_before_the_neighbours(tmp_path, monkeypatch):
    """Their own jobs, forced, in built copies of both sides, in turn; the median ratio decides."""
    bench = benchmark_module()
    known = subprocess.run(["git", "cat-file", "-t", bench.BEFORE_NEIGHBOURS],
                           cwd=paths.REPO_ROOT, capture_output=True, text=True)  # fmt: skip
    assert known.stdout.strip() == "commit"
    assert bench.FACTSHEETS == ("--forcerun", "findings_factsheets", "--", "factsheet_index")
    seconds = iter([10.0, 12.0, 11.0, 10.0, 10.0, 14.0])  # before, now; now, before; ...
    runs = []

    def fake(copy, *arguments):
        runs.append((copy, arguments))
        return bench.Timing(next(seconds), 0.0, 0.0, 0.0)

    monkeypatch.setattr(bench, "snakemake", fake)
    found = bench.factsheets_against(tmp_path / "now", tmp_path / "before", 3)
    assert [copy.name for copy, _ in runs] == ["before", "now", "now", "before", "before", "now"]
    assert all(arguments == bench.FACTSHEETS for _, arguments in runs)
    assert found["factsheets_rounds_s"] == [12.0, 11.0, 14.0]
    assert found["factsheets_ratio"] == 1.2  # the median of 1.2, 1.1 and 1.4
    assert bench.TARGETS["factsheets_ratio"] == 1.15
