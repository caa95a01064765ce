rule bulletin:
    input:
        code=code_of("rule_bulletin.py"),
        definitions=rules.indicators.output.definitions_parquet,
        # Its own findings, and its charts' (their titles, notes and tables).
        findings=layout.bulletin_findings_files(CHART_NAMES) + REVISIONS_FINDINGS,
        revisions=REVISIONS_DOWNLOAD,
        svgs=figure_files("svg"),
        phone_svgs=figure_files(layout.PHONE_SVG),
        # Linked from the bulletin with their sizes.
        spreadsheet=rules.downloads.output.spreadsheet,
        ees_data=rules.downloads.output.data,
        ees_meta=rules.downloads.output.meta,
        ees_guidance=rules.downloads.output.guidance,
        chart_csvs=[layout.chart_csv(name) for name in CHART_NAMES],
        provenance=rules.acquire.output.provenance,
        validation=rules.clean.output.validation_json,
        templates=sorted(str(path) for path in paths.TEMPLATES_DIR.iterdir()),
        caveats=rules.indicators.output.caveats_parquet,
        fonts=fonts(),
        gate=PUBLICATION_GATE,
    output:
        html=report(
            layout.BULLETIN_HTML,
            caption="../report/bulletin.rst",
            category="6. Bulletin",
        ),
        pdf=report(
            layout.BULLETIN_PDF,
            caption="../report/bulletin_pdf.rst",
            category="6. Bulletin",
        ),
    log:
        f"{layout.LOGS}/bulletin.log",
    priority: BULLETIN_CHAIN_PRIORITY
    conda:
        ENV
    params:
        release=RELEASE,
        # Linked, not an input: the bulletin does not wait for the factsheets.
        factsheet_index=layout.FACTSHEET_INDEX,
    script:
        "../../scripts/rule_bulletin.py"
