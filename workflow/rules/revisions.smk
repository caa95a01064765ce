# With previous_release set: every published figure and finding of this build that differs from
# the earlier build's (senco.revisions), for the statisticians and reviewers, and the bulletin's
# Revisions section as findings cited on the same table.
rule revisions:
    input:
        **FINDINGS_INPUTS,
        code=code_of("rule_revisions.py"),
        findings=layout.findings_files(CHART_NAMES),
    output:
        csv=layout.REVISIONS_CSV,
        md=layout.REVISIONS_MD,
        table=layout.REVISIONS_TABLE,
        findings=layout.REVISIONS_FINDINGS,
        download=layout.REVISIONS_DOWNLOAD,
    log:
        f"{layout.LOGS}/revisions.log",
    conda:
        ENV
    params:
        previous=PREVIOUS_RELEASE,
        small_base_min=config["small_base_min"],
    script:
        "../../scripts/rule_revisions.py"


# The revised figures alone, from the indicator tables, for the factsheets' "[r]" marks.
rule revised_figures:
    input:
        code=code_of("rule_revised_figures.py"),
        la_indicators=rules.indicators.output.la_indicators_parquet,
        aggregates=rules.indicators.output.aggregates_parquet,
        definitions=rules.indicators.output.definitions_parquet,
    output:
        layout.REVISED_FIGURES,
    log:
        f"{layout.LOGS}/revised_figures.log",
    conda:
        ENV
    params:
        previous=PREVIOUS_RELEASE,
    script:
        "../../scripts/rule_revised_figures.py"


REVISIONS_REPORT = rules.revisions.output if PREVIOUS_RELEASE else []
