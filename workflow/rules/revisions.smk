# With previous_release set: every published figure and finding of this build that differs from
# the earlier build's (senco.revisions), for the statisticians and reviewers.
rule revisions:
    input:
        **FINDINGS_INPUTS,
        code=code_of("rule_revisions.py"),
        findings=layout.findings_files(CHART_NAMES),
    output:
        csv=layout.REVISIONS_CSV,
        md=layout.REVISIONS_MD,
    log:
        f"{layout.LOGS}/revisions.log",
    conda:
        ENV
    params:
        previous=PREVIOUS_RELEASE,
    script:
        "../../scripts/rule_revisions.py"


REVISIONS_REPORT = rules.revisions.output if PREVIOUS_RELEASE else []
