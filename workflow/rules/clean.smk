rule clean:
    input:
        code=code_of("rule_clean.py"),
        csv=rules.acquire.output.csv,
        provenance=rules.acquire.output.provenance,
        la_lookup=LA_LOOKUP,
        region_lookup=REGION_LOOKUP,
        contract=str(paths.CLEAN_TABLE_SCHEMA),
    output:
        parquet=layout.CLEAN_PARQUET,
        csv=report(
            layout.CLEAN_CSV,
            caption="../report/clean_table.rst",
            category="2. Clean",
        ),
        validation_json=layout.VALIDATION_JSON,
        missing_las=layout.MISSING_LAS_CSV,
        validation_md=report(
            f"{layout.CLEAN}/validation.md",
            caption="../report/clean_validation.rst",
            category="2. Clean",
        ),
        dictionary=report(
            f"{layout.CLEAN}/data_dictionary.md",
            caption="../report/data_dictionary.rst",
            category="2. Clean",
        ),
    log:
        main=f"{layout.LOGS}/clean.log",
        # Written on success and on failure, so it always shows the checks of the latest run.
        validation=f"{layout.LOGS}/clean.validation.md",
    conda:
        ENV
    params:
        consistency_breach=config["consistency_breach"],
        allow_missing_las=config["allow_missing_las"],
    script:
        "../../scripts/rule_clean.py"
