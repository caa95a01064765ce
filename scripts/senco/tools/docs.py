"""Reviewer documentation generated from the pipeline's own facts.

`docs/output.md` describes every file under `results/` and lists each table's columns from its
column contract, so it cannot drift from what the pipeline writes. The config schema's
descriptions and defaults are the one place each setting is described: `config.yaml` (each key
under its description as a comment) and the table of settings in `docs/usage.md` are both made
from them. `make docs` regenerates all of these (and the rule graph in `docs/development.md`), and
tests check they are current.

    python -m senco.tools.docs                       # docs/output.md, config.yaml, settings table
    python -m senco.tools.docs --rulegraph FILE      # put a mermaid rule graph into the docs
"""

from __future__ import annotations

import argparse
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import layout, paths
from ..core.contract import load_contract
from ..findings.charts import CHART_NAMES

OUTPUT_DOC = paths.REPO_ROOT / "docs" / "output.md"
USAGE_DOC = paths.REPO_ROOT / "docs" / "usage.md"
RULEGRAPH_DOC = paths.REPO_ROOT / "docs" / "development.md"
RULEGRAPH_START, RULEGRAPH_END = "<!-- rulegraph:start -->", "<!-- rulegraph:end -->"
CONFIG_START, CONFIG_END = "<!-- config:start -->", "<!-- config:end -->"


@dataclass(frozen=True)
class Output:
    path: str
    what: str
    check: str
    contract: Path | None = None


STAGES: dict[str, list[Output]] = {
    f"1. acquire: `{layout.RAW}/`": [
        Output("senco_la.csv", "The data file exactly as received (or the bundled snapshot).",
               "`sha256sum` equals `sha256` in `provenance.json`."),
        Output("provenance.json",
               "`source` (snapshot, ees, local), `url` (credentials shown as `***`) and "
               "`final_url` (after redirects) or `path`, `retrieved_at` (UTC), `sha256`, "
               "`size_bytes`, `rows`, `zip_member` and `archive_sha256` for a ZIP, `synthetic` "
               "(also true for any copy of the bundled synthetic file).",
               "`synthetic: true` means synthetic sample data, not official statistics."),
    ],
    f"2. clean: `{layout.CLEAN}/`": [
        Output("senco_la.parquet, senco_la.csv",
               "One row per LA and period with typed counts, a reason for any published symbol, "
               "the LA's region and `data_status`.",
               "Each count equals one cell of the raw file; `validation.md` lists the checks.",
               paths.CLEAN_TABLE_SCHEMA),
        Output("validation.json, validation.md",
               "Every check run on the input: outcome (pass, warn, fail, info), rows checked and "
               "failed, and details.",
               "The outcome should be `pass`; read every warning. A failed run leaves the checks "
               "it ran in `results/logs/clean.validation.md`."),
        Output("missing_las.csv",
               "The LAs the lookup gives for a period that the release lacks: `period`, "
               "`period_label`, `new_la_code`, `old_la_code`, `la_name`, `region_code`, "
               "`region_name`. Only a header when none are missing; a build with rows here "
               "needed `allow_missing_las: true`.",
               "Every LA here is shown as not available in the outputs, and every total it "
               "belongs to is marked incomplete (`las_missing` in `aggregates.csv`)."),
        Output("data_dictionary.md", "Every column of the clean table, from its contract.", ""),
    ],
    f"3. indicators: `{layout.INDICATORS}/`": [
        Output("la_indicators.parquet, la_indicators.csv",
               "Per LA and period: counts, derived rates with 95% Wilson intervals, comparison "
               "with England, funnel limits and band, rank and quintile, change.",
               "Recompute a rate from the clean counts; England in `aggregates` is the sum.",
               paths.LA_INDICATORS_SCHEMA),
        Output("aggregates.parquet, aggregates.csv",
               "England, regions and targeted/other LAs per period, from summed counts.",
               "`make qa` reconciles England with the sum over LAs and with the raw file.",
               paths.AGGREGATES_SCHEMA),
        Output("definitions.parquet, definitions.csv",
               "Every indicator's label, formula, unit, display precision, interval and caveats "
               "(with the numbers of its caveats in `caveats.csv`).",
               "", paths.DEFINITIONS_SCHEMA),
        Output("caveats.parquet, caveats.csv",
               "Every caveat once, numbered: the notes under the bulletin's definitions.",
               "Each number a definition names is here.", paths.CAVEATS_SCHEMA),
        Output("statistical_neighbours.parquet, statistical_neighbours.csv",
               "DfE's statistical neighbour groups (May 2025) as the pipeline matched them: one "
               "row per LA and neighbour, closest first, with DfE's closeness band.",
               "Each LA has ten rows; `make qa` checks every closeness a factsheet cites.",
               paths.NEIGHBOURS_SCHEMA),
        Output("data_dictionary.md", "Every column of the five tables, from their contracts.",
               ""),
    ],
    f"4. findings: `{layout.FINDINGS}/`": [
        Output("bulletin.json, charts/<chart>.json, factsheets.json",
               "Every statement the outputs make, written per consumer so a wording edit reruns "
               "only what shows it: the bulletin's (main points, section headings, commentary, "
               "the annex tables), each chart's (title, subtitle, alt text, notes, its table and "
               "what it marks; written by the chart's `figures` job) and the factsheets' (each "
               "factsheet's text and tables, the factsheet index). Each finding has an `id`, its "
               "`text` and the values it `cites`: `table`, row `key` (or a "
               "`statistic` over the rows a `where` filter picks), `column`, the unrounded "
               "`value`, the `format` it is shown in and the string `shown`. A table's cells "
               "each carry their own citations. `basis: true` marks a value a claim rests on "
               "without showing it. One finding per line.",
               "`make qa` recomputes every cited value from the indicator tables, formats it "
               "again and looks for it in the text; any mismatch names the finding."),
        Output("findings.md", "Every finding in one file, as a reviewer reads them, with their "
               "sources.",
               "Read the main points and headings against `aggregates.csv`."),
        Output("publication_check.txt",
               "Only in a build that publishes (`publication_date` set): the record that the "
               "data are not the synthetic snapshot and every finding checks. Every view waits "
               "for it; without it the build refuses to publish, in one line.",
               "Absent from a draft; a draft's every page says DRAFT."),
    ],
    f"5. figures: `{layout.FIGURES}/`": [
        Output(f"{name}.svg, {name}.{layout.PHONE_SVG}, {name}.png, {name}.json",
               "The chart (SVG for the bulletin and drawn again at a phone's width, PNG "
               "preview) and its sidecar: title, subtitle, source, alt text, notes and the table "
               "behind it.",
               "The numbers in the title are in the sidecar's table.")
        for name in CHART_NAMES
    ],
    f"6. bulletin: `{layout.BULLETIN}/`": [
        Output("bulletin.html", "The bulletin, self-contained (fonts, styles, figures inlined).",
               "Its main points, headings and annex are the findings of the same ids; the "
               "synthetic banner when the input is."),
        Output("bulletin.pdf", "The same bulletin printed as tagged A4 PDF (PDF/UA-1).",
               "Watermark on every page for synthetic input; bookmarks and metadata."),
        Output(f"downloads/{layout.DATA_NAME}.csv, downloads/{layout.DATA_NAME}.meta.csv",
               "The derived statistics as an Explore Education Statistics data file and its "
               "metadata: National (with programme groups), Regional and Local authority rows "
               "per month, rates in per cent, x (not available) and z (not applicable) for "
               "blanks. A text cell a spreadsheet would run as a formula (starting =, +, -, @, "
               "a tab or a carriage return, and not a number) starts with an apostrophe, as "
               "OWASP advises for CSV files.",
               "tests/test_downloads.py applies the EES data screener's rules that can apply."),
        Output(f"downloads/{layout.DATA_NAME}.guidance.md",
               "The data file's guidance, as EES asks beside every data file: content, "
               "coverage, each filter and indicator with its definition, methods, symbols and "
               "rounding.",
               "Read it against the meta file: every column is described."),
        Output(f"downloads/{layout.DATA_NAME}.xlsx",
               "The same tables as an accessible spreadsheet: cover, contents, notes, then one "
               "named table per sheet from A1, units and [note N] in the headers. Every "
               "string is written as text, never as a formula or a link.",
               "Open it: no merged cells, no blank rows; symbols in square brackets."),
        Output("downloads/charts/<chart>.csv",
               "Each chart's data table, as shown; text cells made inert as in the data file.",
               "Linked under each figure in bulletin.html."),
    ],
    f"7. factsheets: `{layout.FACTSHEETS}/`": [
        Output(layout.link(layout.factsheet_pdf("<region code>", "<new_la_code>"),
                           layout.FACTSHEETS),
               "One A4 factsheet per LA, in a folder per region (one Snakemake job each).",
               "Its numbers against the LA's rows in `la_indicators.csv`."),
        Output("index.html, factsheets.zip", "The index with links, and all factsheets zipped.",
               "Every LA is listed."),
    ],
    f"8. revisions (with `previous_release` set): `{layout.REVISIONS}/`": [
        Output("revisions.csv",
               "Every published figure (each indicator of each LA and aggregate) and finding "
               "that differs from the earlier build's, on the periods both hold: measure, area, "
               "period, previous and new value, difference, whether it shows at the published "
               "rounding, and whether its own counts changed or it moved with figures computed "
               "across LAs.", "Empty but for its header when the input is unchanged."),
        Output("revisions.md", "The same, to read: periods and areas added or dropped, the "
               "counts of revisions, the largest.", "`make compare OLD=... NEW=...` writes the "
               "same for any two results folders."),
        Output("revisions.parquet", "The same rows typed (numbers as numbers; a finding's "
               "words only in the CSV), for the findings that cite them.",
               "One row per row of revisions.csv."),
        Output("figures.parquet", "The revised figures alone (no findings), from the "
               "indicator tables: what the factsheets mark [r] (each table cell and sentence "
               "showing a figure revised by enough to show at the published rounding; chart "
               "values are not marked).", "Rewritten only when the indicator tables change."),
        Output(f"and `{layout.REVISIONS_FINDINGS}`, `{layout.REVISIONS_DOWNLOAD}`",
               "The bulletin's Revisions section as findings (how many figures changed and why, "
               "the largest revisions to coverage, the statements that changed), and "
               "revisions.csv beside the bulletin as its download.", "`make qa` recomputes every "
               "cited value from revisions.parquet and the indicator tables."),
    ],
    f"Logs: `{layout.LOGS}/`": [
        Output("<rule>.log", "What each rule did, or its one-line error.", ""),
        Output("failure.txt",
               "After a failed run, its one-line errors (also printed last); outputs older than "
               "the raw file were removed, so none of them mixes two inputs.",
               "Absent after a successful run."),
    ],
}  # fmt: skip


def render_output_doc() -> str:
    lines = [
        "# Outputs",
        "",
        "<!-- Generated by `make docs` (python -m senco.tools.docs) from",
        "     scripts/senco/tools/docs.py and the column contracts in workflow/schemas/; edit",
        "     those, not this file. -->",
        "",
        "Every file the pipeline writes under `results/`, what it is, and what a reviewer should",
        "look at. Tables list their columns from the contracts the pipeline checks them against.",
        "Run `make qa` for a second analyst's summary and `snakemake --report results/report.html`",
        "for a browsable report of the main outputs.",
        "",
    ]
    for stage, outputs in STAGES.items():
        lines += [f"## {stage}", ""]
        for output in outputs:
            lines += [f"### `{output.path}`", "", output.what, ""]
            if output.check:
                lines += [f"**Check:** {output.check}", ""]
            if output.contract is not None:
                contract = load_contract(output.contract)
                lines += ["| Column | Type | Nulls | Description |", "|---|---|---|---|"]
                lines += [
                    f"| `{c.name}` | {c.dtype} | {'allowed' if c.nullable else 'never'} | "
                    f"{c.description} |"
                    for c in contract.columns
                ]
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


EDGE = re.compile(r"\s*id(\d+) --> id(\d+)\s*$")


def sorted_edges(mermaid: str) -> str:
    """The graph with its edges in one order (Snakemake lists them in a different order from
    run to run), so `make docs` changes the docs only when the workflow changes."""
    lines = mermaid.strip().splitlines()

    def target_then_source(line: str) -> tuple[int, int]:
        source, target = EDGE.match(line).groups()
        return int(target), int(source)

    edges = sorted((line for line in lines if EDGE.match(line)), key=target_then_source)
    others = [line for line in lines if not EDGE.match(line)]
    return "\n".join(others + edges)


def between_markers(text: str, start: str, end: str, block: str) -> str:
    """`text` with what lies between the markers `start` and `end` replaced by `block`."""
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise ValueError(f"no {start} ... {end} markers")
    return pattern.sub(lambda _: f"{start}\n{block}\n{end}", text)


def with_rulegraph(text: str, mermaid: str) -> str:
    block = f"```mermaid\n{sorted_edges(mermaid)}\n```"
    return between_markers(text, RULEGRAPH_START, RULEGRAPH_END, block)


def shown_default(value) -> str:
    if value == "":
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def config_table(schema: dict) -> str:
    """Every setting, its default and its meaning, from the config schema."""
    rows = ["| key | default | meaning |", "|---|---|---|"]
    rows += [
        f"| `{key}` | {shown_default(spec['default'])} | {spec['description']} |"
        for key, spec in schema["properties"].items()
    ]
    return "\n".join(rows)


CONFIG_YAML = paths.REPO_ROOT / "config.yaml"
CONFIG_HEADER = """\
# senco-bulletin settings. Every key is flat, so any of them can be overridden on the command line:
#   snakemake --config source=ees expected_sha256=<hash>
# Written by `make docs` from workflow/schemas/config.schema.yaml, which checks these values at
# start and describes each one: change a description or default there, not here.
"""


def config_yaml(schema: dict) -> str:
    """config.yaml: every setting at its default, under its description from the schema."""
    parts = [CONFIG_HEADER]
    for key, spec in schema["properties"].items():
        comment = textwrap.wrap(spec["description"], width=98, break_on_hyphens=False)
        setting = yaml.safe_dump({key: spec["default"]}, allow_unicode=True, width=1000)
        parts.append("".join(f"# {line}\n" for line in comment) + setting)
    return "\n".join(parts)


def config_schema() -> dict:
    return yaml.safe_load(paths.CONFIG_SCHEMA.read_text(encoding="utf-8"))


def usage_with_config_table(text: str) -> str:
    return between_markers(text, CONFIG_START, CONFIG_END, config_table(config_schema()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rulegraph", type=Path, help="mermaid rule graph to put in the docs")
    args = parser.parse_args(argv)
    if args.rulegraph:
        RULEGRAPH_DOC.write_text(
            with_rulegraph(RULEGRAPH_DOC.read_text(), args.rulegraph.read_text())
        )
        return
    OUTPUT_DOC.parent.mkdir(exist_ok=True)
    OUTPUT_DOC.write_text(render_output_doc())
    USAGE_DOC.write_text(usage_with_config_table(USAGE_DOC.read_text()))
    CONFIG_YAML.write_text(config_yaml(config_schema()), encoding="utf-8")


if __name__ == "__main__":
    main()
