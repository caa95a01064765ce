"""The workflow as Snakemake users know it: each rule depends on the code it runs, no more."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from senco import layout, paths
from senco.core.reference import la_codes_by_region
from senco.core.rule_code import modules_used_by
from senco.findings.charts import CHART_NAMES

SNAKEMAKE = Path(sys.executable).parent / "snakemake"
FIGURES = [layout.figure_file(name, "svg") for name in CHART_NAMES]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_modules_a_script_runs_are_found_through_every_kind_of_import(tmp_path):
    package = tmp_path / "senco"
    write(package / "__init__.py", "")
    write(package / "a.py", "from . import b\nfrom .sub.c import thing\n")
    write(package / "b.py", "import json\n")
    write(package / "sub" / "__init__.py", "")
    write(package / "sub" / "c.py", "def thing():\n    from ..d import x\n    return x\n")
    write(package / "d.py", "x = 1\n")
    write(package / "unused.py", "import senco.a\n")
    script = write(tmp_path / "rule_x.py", "from senco.a import b\n")
    found = {path.relative_to(package).as_posix() for path in modules_used_by(script, package)}
    assert found == {"__init__.py", "a.py", "b.py", "sub/__init__.py", "sub/c.py", "d.py"}


def test_what_a_module_imports_is_remembered_until_the_module_changes(tmp_path, monkeypatch):
    from senco.core import rule_code

    monkeypatch.setattr(rule_code, "_remembered", {})
    monkeypatch.setattr(rule_code, "_store", None)
    package = tmp_path / "senco"
    write(package / "__init__.py", "")
    a = write(package / "a.py", "from . import b\n")
    write(package / "b.py", "")
    write(package / "c.py", "")
    script = write(tmp_path / "rule_x.py", "import senco.a\n")
    store = tmp_path / ".snakemake" / "senco_imports.json"

    def run_again() -> set[str]:
        """A new Snakemake run: nothing in memory, the store on disk."""
        rule_code._remembered.clear()
        rule_code._imported_names.cache_clear()
        rule_code.modules_used_by.cache_clear()
        rule_code.remember_imports_in(store)
        return {path.name for path in rule_code.modules_used_by(script, package)}

    assert run_again() == {"__init__.py", "a.py", "b.py"}
    # A remembered answer is used while the file is unchanged (a planted one shows it is)...
    remembered = json.loads(store.read_text())
    remembered[str(a)][3] = ["senco", "senco.a", "senco.c"]
    store.write_text(json.dumps(remembered))
    assert run_again() == {"__init__.py", "a.py", "c.py"}
    # ...and the file is read again once it changes.
    a.write_text("from . import b  # edited\n")
    assert run_again() == {"__init__.py", "a.py", "b.py"}
    rule_code._imported_names.cache_clear()
    rule_code.modules_used_by.cache_clear()


def test_acquisition_code_is_not_what_the_figures_run():
    def names(script: str) -> set[str]:
        package = paths.REPO_ROOT / "scripts" / "senco"
        used = modules_used_by(paths.REPO_ROOT / "scripts" / script)
        return {p.relative_to(package).as_posix() for p in used}

    assert "acquire/sources.py" in names("rule_acquire.py")
    assert "figures/output.py" not in names("rule_acquire.py")
    assert "acquire/sources.py" not in names("rule_figures.py")
    assert "figures/output.py" in names("rule_figures.py")


def copy_checkout(destination: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=paths.REPO_ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    for name in listed:
        source = paths.REPO_ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def dry_run(checkout: Path, *arguments: str) -> str:
    # The copy's own package, so that editing it is what Snakemake sees.
    environment = {**os.environ, "PYTHONPATH": str(checkout / "scripts")}
    run = subprocess.run(
        [str(SNAKEMAKE), "--cores", "1", "--dry-run", *arguments],
        cwd=checkout, capture_output=True, text=True, timeout=300, env=environment,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout


def rules_in(dry_run_text: str) -> set[str]:
    """The rules a dry run's job table lists."""
    table = re.search(r"Job stats:\njob\s+count\n[-\s]+\n(.*?)\ntotal", dry_run_text, re.S)
    return {line.split()[0] for line in table.group(1).splitlines()} if table else set()


def planned(checkout: Path, *arguments: str) -> set[str]:
    """The rules a dry run plans."""
    return rules_in(dry_run(checkout, *arguments))


def planned_charts(checkout: Path) -> set[str]:
    """The charts a dry run plans to draw."""
    return set(re.findall(r"wildcards: chart=(\w+)", dry_run(checkout, *FIGURES)))


def edit(module: Path) -> None:
    """A comment appended, with a later time, as a developer's edit would be."""
    with module.open("a", encoding="utf-8") as source:
        source.write("\n# an edit that changes nothing the module does\n")
    later = time.time() + 5
    os.utime(module, (later, later))


@pytest.mark.pipeline
def test_editing_a_module_reruns_only_the_rules_that_run_it(tmp_path):
    checkout = copy_checkout(tmp_path)
    built = subprocess.run(
        [str(SNAKEMAKE), "--cores", "2", "--quiet", "--", *FIGURES],
        cwd=checkout, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(checkout / "scripts")},
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    package = checkout / "scripts" / "senco"
    assert planned(checkout, *FIGURES) == set()

    edit(package / "figures" / "funnel_plot.py")
    assert planned(checkout, *FIGURES) == {"figures"}
    assert planned_charts(checkout) == {"funnel_plot"}  # the other charts' code did not change
    assert not planned(checkout) & {"acquire", "clean", "indicators", "findings"}

    edit(package / "indicators" / "compute.py")
    after_indicators = planned(checkout)
    assert "indicators" in after_indicators
    assert not after_indicators & {"acquire", "clean"}, after_indicators

    edit(package / "acquire" / "sources.py")
    assert "acquire" in planned(checkout)


def mark_built(checkout: Path, *arguments: str) -> None:
    """Mark every output up to date in dependency order (Snakemake's `--touch`)."""
    touched = subprocess.run(
        [str(SNAKEMAKE), "--cores", "1", "--touch", "--quiet", *arguments],
        cwd=checkout, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(checkout / "scripts")},
    )  # fmt: skip
    assert touched.returncode == 0, touched.stderr[-3000:]


def as_if_built(checkout: Path, *arguments: str) -> None:
    """Every output the workflow would make, created empty and marked up to date, so a dry run
    after an edit plans what a real build would rerun, in seconds instead of a build's minute."""
    for line in dry_run(checkout, *arguments).splitlines():
        if not line.startswith("    output: "):
            continue
        for name in line.removeprefix("    output: ").split(", "):
            output = checkout / name
            output.parent.mkdir(parents=True, exist_ok=True)
            # The only outputs without an extension are the regions' factsheet folders.
            output.mkdir(exist_ok=True) if not output.suffix else output.touch()
    # The one output the workflow reads at its end (senco.core.outcome: the validation warnings).
    (checkout / layout.VALIDATION_JSON).write_text('{"checks": []}', encoding="utf-8")
    mark_built(checkout, *arguments)
    assert planned(checkout, *arguments) == set()


def plan(checkout: Path, *arguments: str) -> tuple[set[str], set[str], set[str]]:
    """The rules a dry run plans, and the charts and regions of their jobs."""
    text = dry_run(checkout, *arguments)
    charts, regions = (set(re.findall(rf"wildcards: {n}=(\w+)", text)) for n in ("chart", "region"))
    return rules_in(text), charts, regions


WORDING_EDITS = {
    # The bulletin's commentary: its findings and the bulletin, nothing drawn or printed else.
    "findings/commentary.py": {"findings_bulletin", "bulletin", "findings_report", "all"},
    # One chart's words: that chart (its findings are written by its figures job) and the
    # bulletin that shows it.
    "findings/charts/funnel_plot.py": {"figures", "bulletin", "findings_report", "all"},
    # The factsheets' words: their findings, every region's factsheets and the index.
    "findings/factsheets.py": {
        "findings_factsheets", "factsheets", "factsheet_index", "findings_report", "all",
    },
}  # fmt: skip


def test_a_wording_edit_reruns_only_the_outputs_that_show_it(tmp_path):
    checkout = copy_checkout(tmp_path)
    as_if_built(checkout)
    regions = set(la_codes_by_region(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV))
    for module, rules in WORDING_EDITS.items():
        # Edited now (not later, as `edit` does), so the next `--touch` is after the edit.
        with (checkout / "scripts" / "senco" / module).open("a", encoding="utf-8") as source:
            source.write("\n# a wording edit\n")
        charts = {"funnel_plot"} if "charts" in module else set()
        every_region = regions if "factsheets" in module else set()
        assert plan(checkout) == (rules, charts, every_region), module
        mark_built(checkout)


def test_with_an_earlier_build_a_wording_edit_still_reprints_only_what_shows_it(tmp_path):
    """With previous_release set, the commentary's edit reruns the revisions (they compare every
    finding) and the bulletin, but no factsheet: their "[r]" marks read the revised figures,
    which come from the indicator tables alone."""
    from senco.findings.charts import CHART_NAMES

    checkout = copy_checkout(tmp_path)
    previous = tmp_path / "previous"
    needed = [layout.indicator_table(name) for name in ("la_indicators", "aggregates",
                                                        "definitions")]  # fmt: skip
    for path in needed + layout.findings_files(CHART_NAMES):
        file = previous / Path(path).relative_to(layout.RESULTS)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.touch()
    config = ("--config", f"previous_release={previous}")
    as_if_built(checkout, *config)
    with (checkout / "scripts" / "senco" / "findings" / "commentary.py").open("a") as source:
        source.write("\n# a wording edit\n")
    assert plan(checkout, *config) == (
        {"findings_bulletin", "revisions", "bulletin", "findings_report", "all"},
        set(),
        set(),
    )
    edit(checkout / "scripts" / "senco" / "indicators" / "compute.py")
    rules, _, regions = plan(checkout, *config)
    assert {"revised_figures", "factsheets"} <= rules and regions  # new figures: new marks
