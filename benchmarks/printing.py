"""The outputs' floor (`make bench` runs it in a finished build): the CPU seconds that drawing
every chart (matplotlib) and printing the bulletin's PDF and every factsheet (WeasyPrint)
take on their own, with nothing else in the timed part: not Snakemake, job start-up, imports,
data loading, the documents' HTML or the PDFs' tag completion.

`python printing.py PART` (figures, bulletin or factsheets) measures one part in its own
process, which loads only that part's inputs and freezes them, as its jobs do
(senco.core.adapter.inputs_loaded). Each part is timed twice and the shorter taken: the first pass
warms every cache and import, so the second is the pages' own cost. No build can spend less
than the three together after the findings exist. Prints JSON on stdout.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from senco import layout, paths
from senco.core.adapter import inputs_loaded
from senco.findings.charts import CHART_NAMES
from senco.findings.read import Findings

PASSES = 2


def least(name: str, work: Callable[[], object]) -> dict[str, float]:
    """The CPU time of the pass of `work` (of PASSES) that took least, as `<name>_cpu_s`, and
    its wall-clock time, `<name>_wall_s` (about the same, if the work ran on one core)."""
    passes = []
    for _ in range(PASSES):
        cpu, wall = time.process_time(), time.perf_counter()
        work()
        passes.append((time.process_time() - cpu, time.perf_counter() - wall))
    cpu, wall = min(passes)
    return {f"{name}_cpu_s": cpu, f"{name}_wall_s": wall}


def config() -> dict:
    return yaml.safe_load(Path("config.yaml").read_text(encoding="utf-8"))


def provenance() -> dict:
    return json.loads(Path(layout.PROVENANCE).read_text(encoding="utf-8"))


def figures(scratch: Path) -> dict[str, float]:
    from senco.figures.common import FigureInputs
    from senco.figures.output import load_hexmap, render_all
    from senco.indicators.tables import IndicatorTables

    tables = IndicatorTables.load(
        *(layout.indicator_table(name) for name in ("la_indicators", "aggregates", "definitions")),
        layout.PROVENANCE,
        neighbours=layout.indicator_table("statistical_neighbours"),
    )
    lookups = (paths.project_file(config()[key]) for key in ("la_lookup", "region_lookup"))
    hexmap = load_hexmap(paths.HEXMAP_LAYOUT, *lookups)
    charts = FigureInputs(tables, Findings.load(*layout.findings_files(CHART_NAMES)), hexmap)
    inputs_loaded()
    return least("figures", lambda: render_all(charts, scratch))


def bulletin(scratch: Path) -> dict[str, float]:
    from senco.views import bulletin, render
    from senco.views.release import release_from

    inputs = bulletin.load_inputs(
        definitions=Path(layout.indicator_table("definitions")),
        files=bulletin.BulletinFiles.in_layout(),
        provenance=provenance(),
        validation=json.loads(Path(layout.VALIDATION_JSON).read_text(encoding="utf-8")),
        findings=[Path(p) for p in layout.bulletin_findings_files(CHART_NAMES)],
        release=release_from(config()),
        caveats=Path(layout.indicator_table("caveats")),
    )
    html = bulletin.render_html(bulletin.build_context(inputs), for_print=True)
    printer = render.Printer(render.RestrictedFetcher([paths.REPO_ROOT, Path.cwd()]))
    inputs_loaded()
    identifier = bulletin.pdf_identifier(html)
    return least("bulletin_pdf", lambda: printer.printed(html, identifier))


def factsheets(scratch: Path) -> dict[str, float]:
    from senco.views import factsheets

    codes = sorted(pdf.stem for pdf in Path(layout.FACTSHEETS).glob("*/*.pdf"))
    if not codes:
        raise SystemExit(f"{layout.FACTSHEETS}: no factsheets; build first")
    findings, release = Findings.load(layout.FACTSHEET_FINDINGS), provenance()
    html = {
        code: factsheets.render_factsheet(factsheets.factsheet_context(code, findings, release))
        for code in codes
    }
    printer = factsheets.printer()
    inputs_loaded()

    def print_all() -> None:
        for code, page in html.items():
            printer.printed(page, factsheets.pdf_identifier(code))

    return {"factsheet_pages": len(codes), **least("factsheets", print_all)}


PARTS = {"figures": figures, "bulletin": bulletin, "factsheets": factsheets}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in PARTS:
        raise SystemExit(f"usage: printing.py {{{','.join(PARTS)}}}")
    with tempfile.TemporaryDirectory(prefix="senco-floor-") as scratch:
        print(json.dumps(PARTS[argv[0]](Path(scratch))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
