from senco import style
from senco.figures import CHARTS

CHART_NAMES = [name for name, _ in CHARTS]


rule figures:
    input:
        code=SENCO_SOURCES,
        la_indicators=rules.indicators.output.la_indicators_parquet,
        aggregates=rules.indicators.output.aggregates_parquet,
        definitions=rules.indicators.output.definitions_parquet,
        hexmap=str(paths.HEXMAP_LAYOUT),
        fonts=[str(paths.FONTS_DIR / name) for name in style.FONT_FILES],
    output:
        svg=expand(f"{FIGURES}/{{name}}.svg", name=CHART_NAMES),
        png=report(
            expand(f"{FIGURES}/{{name}}.png", name=CHART_NAMES),
            caption="../report/figures.rst",
            category="4. Figures",
        ),
        sidecar=expand(f"{FIGURES}/{{name}}.json", name=CHART_NAMES),
    log:
        f"{LOGS}/figures.log",
    conda:
        ENV
    script:
        "../../scripts/rule_figures.py"
