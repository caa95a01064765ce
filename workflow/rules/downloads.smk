rule downloads:
    input:
        code=code_of("rule_downloads.py"),
        la_indicators=rules.indicators.output.la_indicators_parquet,
        aggregates=rules.indicators.output.aggregates_parquet,
        definitions=rules.indicators.output.definitions_parquet,
        caveats=rules.indicators.output.caveats_parquet,
        statistical_neighbours=rules.indicators.output.statistical_neighbours_parquet,
        provenance=rules.acquire.output.provenance,
        gate=PUBLICATION_GATE,
    output:
        data=report(
            layout.EES_DATA,
            caption="../report/downloads.rst",
            category="6. Bulletin",
        ),
        meta=layout.EES_META,
        guidance=layout.EES_GUIDANCE,
        spreadsheet=layout.SPREADSHEET,
    log:
        f"{layout.LOGS}/downloads.log",
    priority: BULLETIN_CHAIN_PRIORITY
    conda:
        ENV
    params:
        small_base_min=config["small_base_min"],
        release=RELEASE,
    script:
        "../../scripts/rule_downloads.py"
