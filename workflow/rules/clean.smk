rule clean:
    input:
        code=SENCO_SOURCES,
        csv=rules.acquire.output.csv,
        provenance=rules.acquire.output.provenance,
        la_reference=str(paths.LA_REFERENCE_CSV),
        region_reference=str(paths.REGION_REFERENCE_CSV),
        contract=str(paths.CLEAN_TABLE_SCHEMA),
    output:
        parquet=f"{CLEAN}/senco_la.parquet",
        csv=report(
            f"{CLEAN}/senco_la.csv",
            caption="../report/clean_table.rst",
            category="2. Clean",
        ),
        validation_json=f"{CLEAN}/validation.json",
        validation_md=report(
            f"{CLEAN}/validation.md",
            caption="../report/clean_validation.rst",
            category="2. Clean",
        ),
        dictionary=report(
            f"{CLEAN}/data_dictionary.md",
            caption="../report/data_dictionary.rst",
            category="2. Clean",
        ),
    log:
        main=f"{LOGS}/clean.log",
        # Written on success and on failure, so it always shows the checks of the latest run.
        validation=f"{LOGS}/clean.validation.md",
    conda:
        ENV
    params:
        consistency_breach=config["consistency_breach"],
    script:
        "../../scripts/rule_clean.py"
