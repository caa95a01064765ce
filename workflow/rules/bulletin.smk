rule bulletin:
    input:
        code=SENCO_SOURCES,
        la_indicators=rules.indicators.output.la_indicators_parquet,
        aggregates=rules.indicators.output.aggregates_parquet,
        definitions=rules.indicators.output.definitions_parquet,
        svgs=rules.figures.output.svg,
        sidecars=rules.figures.output.sidecar,
        provenance=rules.acquire.output.provenance,
        validation=rules.clean.output.validation_json,
        templates=sorted(str(path) for path in paths.TEMPLATES_DIR.iterdir()),
        indicator_spec=str(paths.INDICATOR_DEFINITIONS),
        fonts=[
            str(paths.FONTS_DIR / name)
            for name in (*paths.FONT_FILES, paths.MONO_FONT_FILE)
        ],
    output:
        html=report(
            f"{BULLETIN}/bulletin.html",
            caption="../report/bulletin.rst",
            category="5. Bulletin",
        ),
        pdf=report(
            f"{BULLETIN}/bulletin.pdf",
            caption="../report/bulletin_pdf.rst",
            category="5. Bulletin",
        ),
    log:
        f"{LOGS}/bulletin.log",
    conda:
        ENV
    script:
        "../../scripts/rule_bulletin.py"
