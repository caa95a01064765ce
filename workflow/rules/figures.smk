from senco.charts import CHART_NAMES


rule figures:
    input:
        code=code_of("rule_figures.py"),
        la_indicators=rules.indicators.output.la_indicators_parquet,
        aggregates=rules.indicators.output.aggregates_parquet,
        definitions=rules.indicators.output.definitions_parquet,
        hexmap=str(paths.HEXMAP_LAYOUT),
        fonts=fonts(mono=False),
    output:
        svg=[layout.figure_file(name, "svg") for name in CHART_NAMES],
        png=report(
            [layout.figure_file(name, "png") for name in CHART_NAMES],
            caption="../report/figures.rst",
            category="5. Figures",
        ),
        sidecar=report(
            [layout.figure_file(name, "json") for name in CHART_NAMES],
            caption="../report/figure_sidecars.rst",
            category="5. Figures",
        ),
    log:
        f"{layout.LOGS}/figures.log",
    conda:
        ENV
    script:
        "../../scripts/rule_figures.py"
