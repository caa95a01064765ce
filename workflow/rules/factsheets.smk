from senco.reference import la_codes_by_region

# One job per region: each pays start-up once, regions run in parallel, and one region can be
# rebuilt alone (`snakemake factsheets_E12000001`). The LAs come from the DfE lookup.
LAS_BY_REGION = la_codes_by_region(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
FACTSHEET_INPUTS = dict(
    code=SENCO_SOURCES,
    la_indicators=rules.indicators.output.la_indicators_parquet,
    aggregates=rules.indicators.output.aggregates_parquet,
    definitions=rules.indicators.output.definitions_parquet,
    provenance=rules.acquire.output.provenance,
    templates=[
        str(paths.TEMPLATES_DIR / name)
        for name in ("factsheet.html.j2", "factsheet.css")
    ],
    fonts=[
        str(paths.FONTS_DIR / name)
        for name in (*paths.FONT_FILES, paths.MONO_FONT_FILE)
    ],
)


for region, codes in sorted(LAS_BY_REGION.items()):

    rule:
        name:
            f"factsheets_{region}"
        input:
            **FACTSHEET_INPUTS,
        output:
            [f"{FACTSHEETS}/{code}.pdf" for code in codes],
        log:
            f"{LOGS}/factsheets_{region}.log",
        conda:
            ENV
        params:
            codes=codes,
        script:
            "../../scripts/rule_factsheets.py"


rule factsheet_index:
    input:
        **{key: value for key, value in FACTSHEET_INPUTS.items() if key != "templates"},
        templates=[
            str(paths.TEMPLATES_DIR / n)
            for n in ("factsheet_index.html.j2", "factsheet.css")
        ],
        pdfs=[
            f"{FACTSHEETS}/{code}.pdf"
            for codes in LAS_BY_REGION.values()
            for code in codes
        ],
    output:
        index=report(
            f"{FACTSHEETS}/index.html",
            caption="../report/factsheets.rst",
            category="6. Factsheets",
        ),
        zip=f"{FACTSHEETS}/factsheets.zip",
    log:
        f"{LOGS}/factsheet_index.log",
    conda:
        ENV
    script:
        "../../scripts/rule_factsheet_index.py"
