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
    log:
        f"{layout.LOGS}/revisions.log",
    conda:
        ENV
    params:
        previous=PREVIOUS_RELEASE,
        small_base_min=config["small_base_min"],
    script:
        "../../scripts/rule_revisions.py"


REVISIONS_REPORT = rules.revisions.output if PREVIOUS_RELEASE else []
