rule findings:
    input:
        code=code_of("rule_findings.py"),
        la_indicators=rules.indicators.output.la_indicators_parquet,
        aggregates=rules.indicators.output.aggregates_parquet,
        definitions=rules.indicators.output.definitions_parquet,
        provenance=rules.acquire.output.provenance,
    output:
        json=layout.FINDINGS_JSON,
        md=report(
            layout.FINDINGS_MD,
            caption="../report/findings.rst",
            category="4. Findings",
        ),
    log:
        f"{layout.LOGS}/findings.log",
    conda:
        ENV
    params:
        # Every LA in the DfE lookup gets a factsheet, whether or not it is in this release.
        la_codes=sorted(code for codes in LAS_BY_REGION.values() for code in codes),
        small_base_min=config["small_base_min"],
    script:
        "../../scripts/rule_findings.py"
