from senco.charts import CHART_NAMES


rule figures:
    input:
        code=SENCO_SOURCES,
        la_indicators=rules.indicators.output.la_indicators_parquet,
        aggregates=rules.indicators.output.aggregates_parquet,
        definitions=rules.indicators.output.definitions_parquet,
        hexmap=str(paths.HEXMAP_LAYOUT),
        fonts=[str(paths.FONTS_DIR / name) for name in paths.FONT_FILES],
    output:
        svg=expand(f"{FIGURES}/{{name}}.svg", name=CHART_NAMES),
        png=report(
            expand(f"{FIGURES}/{{name}}.png", name=CHART_NAMES),
            caption="../report/figures.rst",
            category="4. Figures",
        ),
        sidecar=report(
            expand(f"{FIGURES}/{{name}}.json", name=CHART_NAMES),
            caption="../report/figure_sidecars.rst",
            category="4. Figures",
        ),
    log:
        f"{LOGS}/figures.log",
    conda:
        ENV
    script:
        "../../scripts/rule_figures.py"
