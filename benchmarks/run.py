"""Benchmark the pipeline (`make bench`): print a table and write it as JSON.

Measures, in a scratch copy of the repository so the real one is never touched:
  - a cold full build from the bundled snapshot (bulletin and all factsheets);
  - a rerun with nothing changed;
  - a rerun after editing only the templates' stylesheets, checking from Snakemake's plan that
    only the rendering rules rerun;
  - the factsheets alone, and the floor for them: the same 153 documents rendered in one warm
    process, with the ratio of the two;
  - the peak memory of any single process of the cold build (the largest job, or Snakemake);
  - clean + indicators on the bundled input and on a synthetic input 100 times larger (the same
    153 LAs over 200 monthly periods), to show how the cost grows.
Targets on a 2-core machine: no-op rerun < 2 s, full build < 60 s, factsheet ratio < 1.3.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SNAKEMAKE = Path(sys.executable).parent / "snakemake"
RENDERING_RULES = re.compile(r"^(bulletin|factsheets|factsheet_index|all)$")
TARGETS = {"noop_rerun_s": 2.0, "full_build_s": 60.0, "factsheet_ratio": 1.3}


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


def snakemake(workdir: Path, *arguments: str) -> tuple[float, str]:
    # The scratch copy's own package, not the editable install of this checkout: its templates
    # and code are the ones the benchmark edits.
    environment = {**os.environ, "PYTHONPATH": str(workdir / "scripts")}
    started = time.perf_counter()
    run = subprocess.run(
        [str(SNAKEMAKE), "--cores", "2", *arguments],
        cwd=workdir, capture_output=True, text=True, env=environment,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"snakemake {' '.join(arguments)} failed:\n{run.stderr[-3000:]}")
    return elapsed, run.stdout + run.stderr


def planned_rules(workdir: Path) -> list[str]:
    """The rules Snakemake would run now, from its dry-run job table."""
    _, output = snakemake(workdir, "--dry-run")
    table = re.search(r"Job stats:\njob\s+count\n[-\s]+\n(.*?)\ntotal", output, re.S)
    return sorted(line.split()[0] for line in table.group(1).splitlines()) if table else []


def factsheet_floor(results: Path) -> tuple[float, int]:
    """Seconds to render every factsheet in one already-warm process."""
    from senco import layout
    from senco.factsheets import write_factsheets
    from senco.findings.read import Findings

    findings = Findings.load(results.parent / layout.FINDINGS_JSON)
    provenance = json.loads((results.parent / layout.PROVENANCE).read_text())
    codes = sorted(key.split(".")[1] for key in findings.by_id if key.endswith(".key_figures"))
    with tempfile.TemporaryDirectory() as scratch:
        write_factsheets(codes[:1], findings, provenance, Path(scratch))  # warm up
        started = time.perf_counter()
        write_factsheets(codes, findings, provenance, Path(scratch))
        elapsed = time.perf_counter() - started
    return elapsed, len(codes)


def scaled_release(periods: int) -> bytes:
    """The synthetic release repeated over many monthly periods: same schema and LAs, more rows.

    Each period takes one of the two generated months' rows, so every check still passes.
    """
    from datetime import date

    from senco import paths, published, synthetic
    from senco.reference import in_use_on, read_la_codes

    rows = synthetic.generate_rows()
    by_month = {month: [r for r in rows if r[1] == month] for _, month in synthetic.PERIODS}
    months = list(by_month)
    codes = read_la_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    scaled = []
    for index in range(periods):
        year, month = published.PROGRAMME_START_YEAR + index // 12, index % 12 + 1
        # Each LA under the code in use that month (Barnsley and Sheffield were recoded in 2025).
        in_use = {c.old_la_code: c.new_la_code for c in in_use_on(codes, date(year, month, 1))}
        scaled += [
            (str(year), published.MONTHS[month - 1], *row[2:6], in_use[row[5]], *row[7:])
            for row in by_month[months[index % len(months)]]
        ]
    return synthetic.render_csv(scaled)


def clean_and_indicators_seconds(data: bytes) -> float:
    from senco import paths
    from senco.clean import clean_release
    from senco.indicators import la_indicators, load_definitions, rates_from
    from senco.reference import load_lookup
    from senco.targeted import load_targeted_codes

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
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="senco-bench-") as scratch:
        workdir = copy_repository(Path(scratch))
        full_build, _ = snakemake(workdir)
        peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        noop, _ = snakemake(workdir)
        # Snakemake ignores a touch that leaves a file's content unchanged, so make a real edit.
        for name in ("bulletin.css", "factsheet.css"):
            with (workdir / "workflow" / "templates" / name).open("a") as stylesheet:
                stylesheet.write("\n/* benchmark edit */\n")
        after_touch = planned_rules(workdir)
        only_rendering = bool(after_touch) and all(RENDERING_RULES.match(r) for r in after_touch)
        template_rerun, _ = snakemake(workdir)
        factsheet_rules = [r for r in planned_rules_all(workdir) if r.startswith("factsheet")]
        factsheets_alone, _ = snakemake(workdir, "factsheet_index", "--forcerun", *factsheet_rules)
        floor, documents = factsheet_floor(workdir / "results")
    from senco import paths

    bundled = paths.SNAPSHOT_DIR / json.loads(paths.SNAPSHOT_MANIFEST.read_text())["file"]
    small = clean_and_indicators_seconds(bundled.read_bytes())
    large_input = scaled_release(200)
    large = clean_and_indicators_seconds(large_input)
    measured = {
        "machine": f"{platform.machine()}, {os_cpus()} cores, Python {platform.python_version()}",
        "full_build_s": round(full_build, 2),
        "noop_rerun_s": round(noop, 2),
        "template_touch_rerun_s": round(template_rerun, 2),
        "template_touch_reran": after_touch,
        "template_touch_reran_only_rendering": only_rendering,
        "factsheets_alone_s": round(factsheets_alone, 2),
        "factsheet_floor_s": round(floor, 2),
        "factsheet_documents": documents,
        "factsheet_ratio": round(factsheets_alone / floor, 2),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "clean_indicators_1x_s": round(small, 3),
        "clean_indicators_100x_s": round(large, 3),
        "input_rows_1x": bundled.read_bytes().count(b"\n") - 1,
        "input_rows_100x": large_input.count(b"\n") - 1,
    }
    measured["targets_met"] = {key: measured[key] < limit for key, limit in TARGETS.items()} | {
        "template_touch_reran_only_rendering": only_rendering
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(measured, indent=2) + "\n")
    print(table(measured))
    return 0


def planned_rules_all(workdir: Path) -> list[str]:
    """Every rule of the workflow, from a dry run that forces all jobs."""
    _, output = snakemake(workdir, "--dry-run", "--forceall")
    found = re.search(r"Job stats:\njob\s+count\n[-\s]+\n(.*?)\ntotal", output, re.S)
    return sorted(line.split()[0] for line in found.group(1).splitlines())


def os_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def table(measured: dict) -> str:
    rows = [
        ("Cold full build (bulletin + 153 factsheets)", f"{measured['full_build_s']:.1f} s",
         "< 60 s"),
        ("Rerun, nothing changed", f"{measured['noop_rerun_s']:.2f} s", "< 2 s"),
        ("Rerun after editing the templates", f"{measured['template_touch_rerun_s']:.1f} s",
         "only rendering rules" + (" (yes)" if measured["template_touch_reran_only_rendering"]
                                   else " (NO)")),
        ("Factsheets alone (pipeline)", f"{measured['factsheets_alone_s']:.1f} s", ""),
        ("Factsheets in one warm process (floor)", f"{measured['factsheet_floor_s']:.1f} s", ""),
        ("Pipeline / floor", f"{measured['factsheet_ratio']:.2f}", "< 1.3"),
        ("Peak memory of any one process", f"{measured['peak_rss_mb']:.0f} MB", ""),
        (f"clean + indicators, {measured['input_rows_1x']} rows",
         f"{measured['clean_indicators_1x_s']:.2f} s", ""),
        (f"clean + indicators, {measured['input_rows_100x']} rows (100x)",
         f"{measured['clean_indicators_100x_s']:.2f} s", ""),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    lines = [f"Machine: {measured['machine']}", f"{'Measure':<{width}}  {'Result':>10}  Target"]
    lines += [f"{name:<{width}}  {value:>10}  {target}" for name, value, target in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
