"""Benchmark the pipeline (`make bench`): print a table and write it as JSON.

Absolute times vary by half from run to run on a shared machine, so each target is a ratio of
two measurements taken back to back in this one run, against a reference. The builds are timed
in several rounds, the two sides in alternating order (ABBA), and each ratio is the median of
the rounds' ratios, so one slow moment on the machine does not decide it:
  - a cold full build (bulletin and all factsheets) and the `bulletin` rule alone, each against
    the same measurement of the reference commit REFERENCE (the main branch before the speed
    work), exported to a scratch folder and run with the same Snakemake and cores;
  - the cold build against the same build of STARTING (main before the findings were split by
    consumer, issue 26), in the same rounds;
  - a wording edit: after `scripts/senco/findings/commentary.py` is edited, the rebuild against
    the `bulletin` rule alone, forced, in the same copy, back to back in each round;
  - a rerun with nothing changed, against the no-op of a workflow of one rule;
  - the factsheets' jobs (their findings, every PDF, the index and the ZIP), forced, against
    the same jobs in a built copy of BEFORE_NEIGHBOURS (main before issue 29 compared each LA
    with its statistical neighbours on its factsheet);
  - the peak memory of any one process of the cold build;
  - the CPU seconds of every process of the cold build, each side, and the outputs' floor
    (benchmarks/printing.py): the CPU that drawing the charts and printing the bulletin's PDF
    and every factsheet take on their own. A cold build cannot be shorter than the time until
    its findings exist (everything drawn or printed reads them) plus the floor spread over
    CORES cores, nor the bulletin rule than its PDF, one document laid out on one core;
  - with --tests, the whole test suite (`make test`) against the reference commit's, and the
    fast tier (`make test-fast`) on its own;
  - clean + indicators on the bundled input and on one 100 times larger (the same 153 LAs over
    200 monthly periods), to show how the cost grows.
Everything runs in scratch copies, so the repository is never touched.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SNAKEMAKE = BIN / "snakemake"
CORES = "2"
REFERENCE = "4a8b8da"  # main before the speed work (issue 15)
STARTING = "6671fd6"  # main before the findings were split by consumer (issue 26)
# Main before the factsheets compared each LA with its statistical neighbours (issue 29).
BEFORE_NEIGHBOURS = "6365ee2"
# The factsheets' own jobs: their findings and every region's PDFs, the index and the ZIP.
FACTSHEETS = ("--forcerun", "findings_factsheets", "--", "factsheet_index")
# A wording edit as a writer of the release makes it: the bulletin's commentary.
COMMENTARY = Path("scripts/senco/findings/commentary.py")

# The most each ratio (or absolute measure) may be.
TARGETS = {
    "cold_build_ratio": 0.5,
    "cold_build_vs_start_ratio": 1.10,
    "bulletin_rule_ratio": 0.35,
    "commentary_edit_ratio": 1.3,
    "factsheets_ratio": 1.15,
    "noop_ratio": 1.3,
    "peak_rss_mb": 500.0,
    "test_suite_ratio": 0.4,
    "test_fast_s": 60.0,
}


def copy_repository(destination: Path) -> Path:
    """The tracked files, plus untracked ones not ignored, as they are in the work tree."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    for name in listed:
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def export_commit(commit: str, destination: Path) -> Path:
    """The files of `commit`, from this repository's history (git archive)."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True, check=True
    ).stdout
    destination.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    return destination


def as_git_repository(folder: Path) -> Path:
    """Make the copy a repository of one commit, as a checkout is (some tests list its files
    with git)."""
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-q",
                     "-m", "benchmark copy"]):  # fmt: skip
        subprocess.run(["git", *command], cwd=folder, check=True, capture_output=True)
    return folder


class Timing(NamedTuple):
    seconds: float  # wall-clock
    peak_mb: float  # the largest resident set of any one process
    cpu_s: float  # user + system time of every process, summed
    started_at: float  # when the command started (seconds since the epoch)


def copy_environment(workdir: Path) -> dict[str, str]:
    """The copy's own package, not the editable install of this checkout."""
    return {**os.environ, "PYTHONPATH": str(workdir / "scripts")}


def timed(command: list[str], workdir: Path) -> Timing:
    """Run `command` in `workdir`, measured by a wrapper process so that earlier commands do not
    count: the wrapper's children are the command and everything it waited for."""
    environment = copy_environment(workdir)
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "started_at, start = time.time(), time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:]).returncode\n"
        "elapsed = time.perf_counter() - start\n"
        "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(elapsed, used.ru_maxrss / 1024, used.ru_utime + used.ru_stime, started_at,\n"
        "      file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    run = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=workdir,
                         capture_output=True, text=True, env=environment)  # fmt: skip
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {workdir}:\n{run.stdout[-2000:]}"
                         f"{run.stderr[-3000:]}")  # fmt: skip
    return Timing(*(float(value) for value in run.stderr.strip().splitlines()[-1].split()))


def outputs_floor(workdir: Path) -> dict[str, float]:
    """The copy's benchmarks/printing.py, each part in its own process, in a finished build in
    `workdir`, with the copy's package (so editing the work tree cannot upset a running bench)."""
    measured = {}
    for part in ("figures", "bulletin", "factsheets"):
        run = subprocess.run(
            [sys.executable, str(workdir / "benchmarks" / "printing.py"), part],
            cwd=workdir, capture_output=True, text=True, env=copy_environment(workdir),
        )  # fmt: skip
        if run.returncode != 0:
            raise SystemExit(f"the outputs' floor ({part}) failed in {workdir}:\n"
                             f"{run.stderr[-3000:]}")  # fmt: skip
        measured |= json.loads(run.stdout)
    return measured


def snakemake(workdir: Path, *arguments: str) -> Timing:
    return timed([str(SNAKEMAKE), "--cores", CORES, *arguments], workdir)


def sides_in_turn(
    rounds: int, sides: tuple[str, ...] = ("reference", "current")
) -> list[tuple[str, ...]]:
    """The order of the sides in each round: as given, then the other way round, and so on
    (ABBA), so a machine getting slower or faster favours none."""
    return [sides if index % 2 == 0 else sides[::-1] for index in range(rounds)]


def median_ratio(this: list[float], reference: list[float]) -> float:
    """The median over rounds of this side's time over the reference's in the same round."""
    return statistics.median(t / r for t, r in zip(this, reference, strict=True))


def cold(workdir: Path) -> Path:
    """The copy as a fresh clone is: no results and no Snakemake state."""
    for name in ("results", ".snakemake"):
        shutil.rmtree(workdir / name, ignore_errors=True)
    return workdir


def in_rounds(rounds: int, copies: dict[str, Path], measure) -> dict[str, list]:
    """`measure(copy)` for each side, in `rounds` rounds taken in turn."""
    taken: dict[str, list] = {side: [] for side in copies}
    for order in sides_in_turn(rounds, tuple(copies)):
        for side in order:
            taken[side].append(measure(copies[side]))
    return taken


def edited(module: Path) -> None:
    """A comment appended to `module`, as a writer's edit of its wording would change it."""
    with module.open("a", encoding="utf-8") as source:
        source.write("# an edit of the wording\n")


def commentary_edit(copy: Path, rounds: int) -> tuple[list[float], list[float]]:
    """In each round, the `bulletin` rule alone (forced), then a rebuild after the commentary
    module is edited, back to back in the same built copy."""
    alone, after_edit = [], []
    original = (copy / COMMENTARY).read_bytes()
    try:
        for _ in range(rounds):
            alone.append(snakemake(copy, "--forcerun", "bulletin").seconds)
            edited(copy / COMMENTARY)
            after_edit.append(snakemake(copy).seconds)
    finally:
        (copy / COMMENTARY).write_bytes(original)
        snakemake(copy)  # built again from the module as it was
    return after_edit, alone


def snakemake_built(copy: Path) -> Path:
    """The copy as a repository, built once (a measure that reruns part of a build needs it)."""
    snakemake(as_git_repository(copy))
    return copy


def factsheets_against(current: Path, before: Path, rounds: int) -> dict[str, float | list]:
    """The factsheets' jobs (findings, the PDFs of every region, the index and the ZIP),
    forced, in built copies of this checkout and of BEFORE_NEIGHBOURS, sides in turn."""
    taken = in_rounds(rounds, {"before": before, "current": current},
                      lambda copy: snakemake(copy, *FACTSHEETS).seconds)  # fmt: skip
    return {
        "factsheets_rounds_s": taken["current"],
        "before_neighbours_factsheets_rounds_s": taken["before"],
        "factsheets_s": statistics.median(taken["current"]),
        "before_neighbours_factsheets_s": statistics.median(taken["before"]),
        "factsheets_ratio": median_ratio(taken["current"], taken["before"]),
    }


def compared_outputs(before: Path, after: Path) -> dict[str, list[str] | int]:
    """The files under results/ two builds share, those whose bytes differ, and those only one
    has (logs aside: they name their own run)."""

    def files(copy: Path) -> dict[str, bytes]:
        results = copy / "results"
        return {
            path.relative_to(results).as_posix(): path.read_bytes()
            for path in sorted(results.rglob("*"))
            if path.is_file() and not path.relative_to(results).as_posix().startswith("logs/")
        }

    old, new = files(before), files(after)
    shared = sorted(old.keys() & new.keys())
    return {
        "identical": sum(old[name] == new[name] for name in shared),
        "differ": [name for name in shared if old[name] != new[name]],
        "only_before": sorted(old.keys() - new.keys()),
        "only_after": sorted(new.keys() - old.keys()),
    }


def one_rule_workflow(destination: Path) -> Path:
    """The smallest workflow: one rule whose output exists (the floor of any no-op)."""
    destination.mkdir(parents=True, exist_ok=True)
    (destination / "Snakefile").write_text(
        'rule one:\n    output: "done.txt"\n    shell: "echo done > {output}"\n'
    )
    snakemake(destination)
    return destination


def make_command(workdir: Path, target: str) -> list[str]:
    """The command `make <target>` runs in `workdir` (its own Makefile's, so the reference's
    suite runs as the reference ran it), with this environment's programs."""
    planned = subprocess.run(["make", "-s", "-n", "-o", ".venv/.installed-from-lock", target],
                             cwd=workdir, capture_output=True, text=True, check=True)  # fmt: skip
    program, *arguments = shlex.split(planned.stdout.strip().splitlines()[-1])
    return [str(BIN / Path(program).name), *arguments]


def test_seconds(workdir: Path, target: str) -> float:
    return timed([*make_command(workdir, target), "-q", "-p", "no:cacheprovider"], workdir).seconds


def scaled_release(periods: int) -> bytes:
    """The synthetic release repeated over many monthly periods: same schema and LAs, more rows.

    Each period takes one of the two generated months' rows, so every check still passes.
    """
    from datetime import date

    from senco import paths, published
    from senco.core.reference import in_use_on, read_la_codes
    from senco.tools import synthetic

    rows = synthetic.generate_rows()
    first_year = min(int(row[0]) for row in rows)
    by_month = {month: [r for r in rows if r[1] == month] for _, month in synthetic.PERIODS}
    months = list(by_month)
    codes = read_la_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    scaled = []
    for index in range(periods):
        # From January of the release's first year: every LA in it exists by then (Cumberland
        # and Westmorland and Furness, for one, only from April 2023).
        year, month = first_year + index // 12, index % 12 + 1
        # Each LA under the code in use that month (Barnsley and Sheffield were recoded in 2025).
        in_use = {c.old_la_code: c.new_la_code for c in in_use_on(codes, date(year, month, 1))}
        scaled += [
            (str(year), published.MONTHS[month - 1], *row[2:6], in_use[row[5]], *row[7:])
            for row in by_month[months[index % len(months)]]
        ]
    return synthetic.render_csv(scaled)


def clean_and_indicators_seconds(data: bytes) -> float:
    from senco import paths
    from senco.clean.release import clean_release
    from senco.core.reference import load_lookup
    from senco.indicators.compute import la_indicators, load_definitions, rates_from
    from senco.indicators.targeted import load_targeted_codes

    reference = load_lookup(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    targeted = load_targeted_codes(paths.TARGETED_CODES_CSV)["new_la_code"].to_list()
    rates = rates_from(load_definitions(paths.INDICATOR_DEFINITIONS))
    started = time.perf_counter()
    table = clean_release(data, "benchmark.csv", reference, synthetic=True).table
    la_indicators(table, targeted, rates)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the senco-bulletin pipeline.")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "benchmark.json")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of each build measure, sides in turn (default 3)")  # fmt: skip
    parser.add_argument("--tests", action="store_true",
                        help="also time the test suites (about 15 minutes more)")  # fmt: skip
    args = parser.parse_args(argv)
    measured: dict = {
        "machine": f"{platform.machine()}, {os_cpus()} cores, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
        "reference": REFERENCE,
        "starting": STARTING,
        "rounds": args.rounds,
    }
    from senco import layout, paths
    from senco.findings.charts import CHART_NAMES

    # The scaling rows first: quick, and a failure shows before the builds are spent.
    bundled = paths.SNAPSHOT_DIR / json.loads(paths.SNAPSHOT_MANIFEST.read_text())["file"]
    large_input = scaled_release(200)
    with tempfile.TemporaryDirectory(prefix="senco-bench-") as scratch:
        reference = as_git_repository(export_commit(REFERENCE, Path(scratch) / "reference"))
        starting = as_git_repository(export_commit(STARTING, Path(scratch) / "starting"))
        current = as_git_repository(copy_repository(Path(scratch) / "current"))
        copies = {"reference": reference, "current": current}
        forced = ("--forcerun", "bulletin", "--", "bulletin")
        findings_ready: list[float] = []

        def cold_build(copy: Path) -> Timing:
            timing = snakemake(cold(copy))
            if copy == current:  # nothing is drawn or printed before the findings exist
                ready = (
                    max(
                        (copy / path).stat().st_mtime for path in layout.findings_files(CHART_NAMES)
                    )
                    - timing.started_at
                )
                findings_ready.append(ready)
            return timing

        for name, measure in (
            ("cold_build", cold_build),
            ("bulletin_rule", lambda copy: snakemake(copy, *forced)),
        ):
            sides = copies | ({"starting": starting} if name == "cold_build" else {})
            taken = in_rounds(args.rounds, sides, measure)
            this, against = ([t.seconds for t in taken[side]] for side in ("current", "reference"))
            measured[f"{name}_rounds_s"] = this
            measured[f"reference_{name}_rounds_s"] = against
            measured[f"{name}_s"] = statistics.median(this)
            measured[f"reference_{name}_s"] = statistics.median(against)
            measured[f"{name}_ratio"] = median_ratio(this, against)
            if name == "cold_build":
                measured["peak_rss_mb"] = max(t.peak_mb for t in taken["current"])
                for side, prefix in (("current", ""), ("reference", "reference_")):
                    measured[f"{prefix}cold_build_cpu_s"] = statistics.median(
                        t.cpu_s for t in taken[side]
                    )
                starting_rounds = [t.seconds for t in taken["starting"]]
                measured["starting_cold_build_rounds_s"] = starting_rounds
                measured["starting_cold_build_s"] = statistics.median(starting_rounds)
                measured["cold_build_vs_start_ratio"] = median_ratio(this, starting_rounds)
                measured["outputs_against_starting"] = compared_outputs(starting, current)
                measured["findings_ready_s"] = statistics.median(findings_ready)
                measured |= outputs_floor(current)
        measured |= factsheets_against(
            current,
            snakemake_built(export_commit(BEFORE_NEIGHBOURS, Path(scratch) / "before")),
            args.rounds,
        )
        after_edit, alone = commentary_edit(current, args.rounds)
        measured["commentary_edit_rounds_s"] = after_edit
        measured["commentary_bulletin_rule_rounds_s"] = alone
        measured["commentary_edit_s"] = statistics.median(after_edit)
        measured["commentary_bulletin_rule_s"] = statistics.median(alone)
        measured["commentary_edit_ratio"] = median_ratio(after_edit, alone)
        one_rule = one_rule_workflow(Path(scratch) / "one-rule")
        measured["one_rule_noop_s"] = snakemake(one_rule).seconds
        measured["noop_s"] = snakemake(current).seconds
        if args.tests:
            measured["reference_test_suite_s"] = test_seconds(reference, "test")
            measured["test_suite_s"] = test_seconds(current, "test")
            measured["test_fast_s"] = test_seconds(current, "test-fast")
    measured |= {
        "clean_indicators_1x_s": clean_and_indicators_seconds(bundled.read_bytes()),
        "clean_indicators_100x_s": clean_and_indicators_seconds(large_input),
        "input_rows_1x": bundled.read_bytes().count(b"\n") - 1,
        "input_rows_100x": large_input.count(b"\n") - 1,
    }
    measured = judged(measured)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(measured, indent=2) + "\n")
    print(table(measured))
    return 0


def judged(measured: dict) -> dict:
    """The measures with their ratios, bounds and verdicts added, rounded for the JSON."""
    measured = dict(measured)
    for name, (measure, against) in RATIOS.items():
        if measure in measured and name not in measured:
            measured[name] = measured[measure] / measured[against]
    measured |= floor_against_target(measured)
    measured = {k: rounded(v) for k, v in measured.items()}
    measured["targets_met"] = {
        name: measured[name] <= limit for name, limit in TARGETS.items() if name in measured
    }
    return measured


def rounded(value):
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return round(value, 3) if isinstance(value, float) else value


# Each ratio: this checkout's measure over its reference, measured in the same run (the build
# ratios are set in main, as the median of their rounds').
RATIOS = {
    "cold_build_ratio": ("cold_build_s", "reference_cold_build_s"),
    "bulletin_rule_ratio": ("bulletin_rule_s", "reference_bulletin_rule_s"),
    "noop_ratio": ("noop_s", "one_rule_noop_s"),
    "test_suite_ratio": ("test_suite_s", "reference_test_suite_s"),
}


def floor_against_target(measured: dict) -> dict[str, float]:
    """The shortest cold build the outputs' floor allows on CORES cores, beside the longest the
    target allows: the time this build takes until its findings exist (everything drawn or
    printed reads them), then the floor's CPU spread perfectly over the cores. And the
    bulletin's PDF, one document that WeasyPrint lays out on one core, beside the bulletin
    rule's target."""
    floor_cpu = sum(
        measured[part] for part in ("figures_cpu_s", "bulletin_pdf_cpu_s", "factsheets_cpu_s")
    )
    return {
        "outputs_floor_cpu_s": floor_cpu,
        "outputs_floor_wall_s": measured["findings_ready_s"] + floor_cpu / int(CORES),
        "cold_build_target_s": TARGETS["cold_build_ratio"] * measured["reference_cold_build_s"],
        "bulletin_rule_target_s": TARGETS["bulletin_rule_ratio"]
        * measured["reference_bulletin_rule_s"],
    }


def os_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def table(measured: dict) -> str:
    """The measures, each with its reference and the ratio the target is set on."""
    met = measured["targets_met"]

    def verdict(name: str) -> str:
        return f"<= {TARGETS[name]:g} ({'met' if met[name] else 'NOT met'})"

    rows = [
        ("Cold full build (bulletin + 153 factsheets)", "cold_build_s", "reference_cold_build_s",
         "cold_build_ratio"),
        ("The bulletin rule alone", "bulletin_rule_s", "reference_bulletin_rule_s",
         "bulletin_rule_ratio"),
        ("Rerun, nothing changed (vs a one-rule workflow)", "noop_s", "one_rule_noop_s",
         "noop_ratio"),
        ("make test", "test_suite_s", "reference_test_suite_s", "test_suite_ratio"),
    ]  # fmt: skip
    lines = [
        f"Machine: {measured['machine']}; {measured['date']}; reference {measured['reference']} "
        f"(starting commit {measured.get('starting', STARTING)}); "
        f"builds: median of {measured['rounds']} rounds",
        f"{'Measure':<50} {'This':>8} {'Reference':>10} {'Ratio':>6}  Target",
    ]
    for label, this, reference, ratio in rows:
        if this in measured:
            lines.append(f"{label:<50} {measured[this]:>7.1f}s {measured[reference]:>9.1f}s "
                         f"{measured[ratio]:>6.2f}  {verdict(ratio)}")  # fmt: skip
        if this == "cold_build_s":
            cpu = measured["cold_build_cpu_s"] / measured["reference_cold_build_cpu_s"]
            lines += [
                f"{'  CPU of every process of it':<50} {measured['cold_build_cpu_s']:>7.1f}s "
                f"{measured['reference_cold_build_cpu_s']:>9.1f}s {cpu:>6.2f}",
                f"{'  until its findings exist':<50} {measured['findings_ready_s']:>7.1f}s",
                f"{'  drawing and printing alone, CPU':<50} "
                f"{measured['outputs_floor_cpu_s']:>7.1f}s",
                f"{f'  so with this start, no build on {CORES} cores under':<50} "
                f"{measured['outputs_floor_wall_s']:>7.1f}s {'':>10} {'':>6}  target build "
                f"<= {measured['cold_build_target_s']:.1f}s",
            ]  # fmt: skip
        if this == "cold_build_s" and "starting_cold_build_s" in measured:
            lines.append(
                f"{'  against the starting commit':<50} {measured['cold_build_s']:>7.1f}s "
                f"{measured['starting_cold_build_s']:>9.1f}s "
                f"{measured['cold_build_vs_start_ratio']:>6.2f}  "
                f"{verdict('cold_build_vs_start_ratio')}"
            )  # fmt: skip
        if this == "bulletin_rule_s":
            lines.append(
                f"{'  its PDF alone (one document, one core), CPU':<50} "
                f"{measured['bulletin_pdf_cpu_s']:>7.1f}s {'':>10} {'':>6}  target rule "
                f"<= {measured['bulletin_rule_target_s']:.1f}s"
            )  # fmt: skip
    if "outputs_against_starting" in measured:
        outputs = measured["outputs_against_starting"]
        lines.append(
            f"Outputs against the starting commit: {outputs['identical']} files identical; "
            f"differ: {', '.join(outputs['differ']) or 'none'}; only before: "
            f"{', '.join(outputs['only_before']) or 'none'}; only now: "
            f"{', '.join(outputs['only_after']) or 'none'}"
        )
    if "commentary_edit_s" in measured:
        lines.append(
            f"{'Rebuild after a commentary edit (vs bulletin rule)':<50} "
            f"{measured['commentary_edit_s']:>7.1f}s "
            f"{measured['commentary_bulletin_rule_s']:>9.1f}s "
            f"{measured['commentary_edit_ratio']:>6.2f}  {verdict('commentary_edit_ratio')}"
        )  # fmt: skip
    if "factsheets_s" in measured:
        lines.append(
            f"{'Factsheets (vs before statistical neighbours)':<50} "
            f"{measured['factsheets_s']:>7.1f}s "
            f"{measured['before_neighbours_factsheets_s']:>9.1f}s "
            f"{measured['factsheets_ratio']:>6.2f}  {verdict('factsheets_ratio')}"
        )  # fmt: skip
    if "test_fast_s" in measured:
        lines.append(f"{'make test-fast':<50} {measured['test_fast_s']:>7.1f}s {'':>10} {'':>6}  "
                     f"{verdict('test_fast_s')} s")  # fmt: skip
    lines.append(f"{'Peak memory of any one process':<50} {measured['peak_rss_mb']:>6.0f}MB "
                 f"{'':>10} {'':>6}  {verdict('peak_rss_mb')} MB")  # fmt: skip
    for size in ("1x", "100x"):
        label = f"clean + indicators, {measured[f'input_rows_{size}']} rows"
        lines.append(f"{label:<50} {measured[f'clean_indicators_{size}_s']:>7.2f}s")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
