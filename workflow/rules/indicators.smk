rule indicators:
    input:
        code=code_of("rule_indicators.py"),
        clean=rules.clean.output.parquet,
        missing_las=rules.clean.output.missing_las,
        definitions=str(paths.INDICATOR_DEFINITIONS),
        targeted=str(paths.TARGETED_CODES_CSV),
        # The lookup the targeted list was made with (its LA numbers find the list's LAs
        # under any configured lookup).
        bundled_lookup=str(paths.LA_REFERENCE_CSV),
        la_lookup=LA_LOOKUP,
        region_lookup=REGION_LOOKUP,
        neighbours=STATISTICAL_NEIGHBOURS,
        la_contract=str(paths.LA_INDICATORS_SCHEMA),
        aggregates_contract=str(paths.AGGREGATES_SCHEMA),
        definitions_contract=str(paths.DEFINITIONS_SCHEMA),
        caveats_contract=str(paths.CAVEATS_SCHEMA),
        statistical_neighbours_contract=str(paths.NEIGHBOURS_SCHEMA),
    output:
        la_indicators_parquet=f"{layout.INDICATORS}/la_indicators.parquet",
        la_indicators_csv=report(
            f"{layout.INDICATORS}/la_indicators.csv",
            caption="../report/la_indicators.rst",
            category="3. Indicators",
        ),
        aggregates_parquet=f"{layout.INDICATORS}/aggregates.parquet",
        aggregates_csv=report(
            f"{layout.INDICATORS}/aggregates.csv",
            caption="../report/aggregates.rst",
            category="3. Indicators",
        ),
        definitions_parquet=f"{layout.INDICATORS}/definitions.parquet",
        definitions_csv=report(
            f"{layout.INDICATORS}/definitions.csv",
            caption="../report/definitions.rst",
            category="3. Indicators",
        ),
        caveats_parquet=f"{layout.INDICATORS}/caveats.parquet",
        caveats_csv=f"{layout.INDICATORS}/caveats.csv",
        statistical_neighbours_parquet=f"{layout.INDICATORS}/statistical_neighbours.parquet",
        statistical_neighbours_csv=f"{layout.INDICATORS}/statistical_neighbours.csv",
        dictionary=report(
            f"{layout.INDICATORS}/data_dictionary.md",
            caption="../report/data_dictionary.rst",
            category="3. Indicators",
        ),
    log:
        f"{layout.LOGS}/indicators.log",
    conda:
        ENV
    params:
        small_base_min=config["small_base_min"],
    script:
        "../../scripts/rule_indicators.py"
