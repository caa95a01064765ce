# Findings are written per consumer (the bulletin, each chart, the factsheets), each job running
# only its own wording code, so a wording edit reruns only the outputs that show it. A chart's
# findings are written by its own figures job (figures.smk), which draws them at once.
FINDINGS_INPUTS = dict(
    la_indicators=rules.indicators.output.la_indicators_parquet,
    aggregates=rules.indicators.output.aggregates_parquet,
    definitions=rules.indicators.output.definitions_parquet,
    statistical_neighbours=rules.indicators.output.statistical_neighbours_parquet,
    provenance=rules.acquire.output.provenance,
)


rule findings_bulletin:
    input:
        **FINDINGS_INPUTS,
        code=code_of("rule_findings_bulletin.py"),
    output:
        layout.BULLETIN_FINDINGS,
    log:
        f"{layout.LOGS}/findings/bulletin.log",
    priority: BULLETIN_CHAIN_PRIORITY
    conda:
        ENV
    params:
        small_base_min=config["small_base_min"],
    script:
        "../../scripts/rule_findings_bulletin.py"


rule findings_factsheets:
    input:
        **FINDINGS_INPUTS,
        code=code_of("rule_findings_factsheets.py"),
    output:
        layout.FACTSHEET_FINDINGS,
    log:
        f"{layout.LOGS}/findings/factsheets.log",
    conda:
        ENV
    params:
        # Every LA in the DfE lookup gets a factsheet, whether or not it is in this release.
        la_codes=sorted(code for codes in LAS_BY_REGION.values() for code in codes),
        small_base_min=config["small_base_min"],
    script:
        "../../scripts/rule_findings_factsheets.py"


# Every finding in one file for a reviewer (nothing else reads it).
rule findings_report:
    input:
        code=code_of("rule_findings_report.py"),
        findings=layout.findings_files(CHART_NAMES) + REVISIONS_FINDINGS,
    output:
        md=report(
            layout.FINDINGS_MD,
            caption="../report/findings.rst",
            category="4. Findings",
        ),
    log:
        f"{layout.LOGS}/findings/report.log",
    conda:
        ENV
    script:
        "../../scripts/rule_findings_report.py"


# Only when publishing (publication_date set): every view waits for this check, which refuses
# synthetic data and findings that do not check. A draft has no such input, so the wording loop
# stays fast and every draft page says DRAFT instead.
rule publication_check:
    input:
        **FINDINGS_INPUTS,
        code=code_of("rule_publication_check.py"),
        findings=layout.findings_files(CHART_NAMES) + REVISIONS_FINDINGS,
        revisions=REVISIONS_TABLE,
    output:
        layout.PUBLICATION_CHECK,
    log:
        f"{layout.LOGS}/findings/publication_check.log",
    conda:
        ENV
    script:
        "../../scripts/rule_publication_check.py"


# What each view waits for before it may publish: nothing for a draft.
PUBLICATION_GATE = [layout.PUBLICATION_CHECK] if publishing(config) else []
