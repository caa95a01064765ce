"""The printing floor (`make bench` runs it in a finished build): the CPU seconds WeasyPrint
needs to lay out and write every factsheet and the bulletin's PDF, in one process, with
everything imported and warmed up first, and nothing else running in it.

No build can print in less CPU than this: it is the pages' own cost, without Snakemake, job
start-up, imports or data loading. Printed as JSON on stdout.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import yaml

from senco import bulletin, factsheets, layout, paths, render
from senco.findings.read import Findings
from senco.release import release_from


def cpu_seconds(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def main() -> int:
    findings = Findings.load(layout.FINDINGS_JSON)
    provenance = json.loads(Path(layout.PROVENANCE).read_text(encoding="utf-8"))
    codes = sorted(pdf.stem for pdf in Path(layout.FACTSHEETS).glob("*/*.pdf"))
    if not codes:
        raise SystemExit(f"{layout.FACTSHEETS}: no factsheets; build first")
    inputs = bulletin.load_inputs(
        definitions=Path(layout.indicator_table("definitions")),
        figures_dir=Path(layout.FIGURES),
        provenance=provenance,
        validation=json.loads(Path(layout.VALIDATION_JSON).read_text(encoding="utf-8")),
        findings=Path(layout.FINDINGS_JSON),
        release=release_from(yaml.safe_load(Path("config.yaml").read_text(encoding="utf-8"))),
        bulletin_dir=Path(layout.BULLETIN),
    )
    context = bulletin.build_context(inputs)
    fetcher = render.RestrictedFetcher([paths.REPO_ROOT, Path.cwd()])
    with tempfile.TemporaryDirectory(prefix="senco-printing-") as scratch:
        out = Path(scratch)
        factsheets.write_factsheets(codes[:1], findings, provenance, out)  # warm-up, untimed
        measured = {
            "factsheet_pages": len(codes),
            "factsheets_cpu_s": cpu_seconds(
                lambda: factsheets.write_factsheets(codes, findings, provenance, out)
            ),
            "bulletin_pdf_cpu_s": cpu_seconds(
                lambda: bulletin.write_pdf(context, out / "bulletin.pdf", fetcher)
            ),
        }
    print(json.dumps(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())
