rule figures:
    input:
        code=figure_code,
        la_indicators=rules.indicators.output.la_indicators_parquet,
        aggregates=rules.indicators.output.aggregates_parquet,
        definitions=rules.indicators.output.definitions_parquet,
        provenance=rules.acquire.output.provenance,
        # Only the map needs its layout, and the lookups to follow recoded LAs to their hexes.
        hexmap=lambda wildcards: (
            [str(paths.HEXMAP_LAYOUT), LA_LOOKUP, REGION_LOOKUP]
            if wildcards.chart == "hex_map"
            else []
        ),
        fonts=fonts(mono=False),
    output:
        # What the chart says and marks (senco.findings.charts.<chart>), then drawn.
        findings=layout.chart_findings("{chart}"),
        svg=layout.figure_file("{chart}", "svg"),
        # The same chart drawn at a phone's width, for the bulletin on a phone.
        phone=layout.figure_file("{chart}", layout.PHONE_SVG),
        png=report(
            layout.figure_file("{chart}", "png"),
            caption="../report/figures.rst",
            category="5. Figures",
        ),
        sidecar=report(
            layout.figure_file("{chart}", "json"),
            caption="../report/figure_sidecars.rst",
            category="5. Figures",
        ),
        # The table behind the chart, among the bulletin's downloads.
        csv=layout.chart_csv("{chart}"),
    log:
        f"{layout.LOGS}/figures/{{chart}}.log",
    # The figures, downloads and bulletin are the longest chain; started first, the factsheets fill
    # the other cores instead of leaving the bulletin to run alone at the end.
    priority: BULLETIN_CHAIN_PRIORITY
    conda:
        ENV
    params:
        small_base_min=config["small_base_min"],
    script:
        "../../scripts/rule_figures.py"
