# senco-bulletin: DfE early years SENCO qualification statistics -> checked tables -> bulletin.
# Stages, in order: acquire -> clean -> indicators -> findings -> figures -> bulletin, and factsheets. Run `make build` (or `snakemake --cores 2`).


# Found beside this Snakefile, so `snakemake --directory DIR` builds into DIR/results.
configfile: f"{workflow.basedir}/config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/acquire.smk"
include: "workflow/rules/clean.smk"
include: "workflow/rules/indicators.smk"
include: "workflow/rules/findings.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/downloads.smk"
include: "workflow/rules/bulletin.smk"
include: "workflow/rules/factsheets.smk"
include: "workflow/rules/revisions.smk"


rule all:
    default_target: True
    input:
        rules.acquire.output,
        rules.clean.output,
        rules.indicators.output,
        rules.findings_report.output,
        figure_files("svg"),
        figure_files("png"),
        figure_files("json"),
        rules.downloads.output,
        rules.bulletin.output,
        rules.factsheet_index.output,
        REVISIONS_REPORT,


# See senco.core.outcome: a failed run removes what the previous input made and ends with the
# one-line errors; a successful one ends with the validation warnings.
onstart:
    RUN_STARTED.append(time.time_ns())
    on_start(Path.cwd())


onerror:
    on_error(Path.cwd(), RUN_STARTED[0] if RUN_STARTED else 0)


onsuccess:
    on_success(Path.cwd())
