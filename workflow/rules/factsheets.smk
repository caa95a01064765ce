# One job per region: each pays start-up once, regions run in parallel, and one region can be
# rebuilt alone (`snakemake results/factsheets/E12000001`). The LAs come from the DfE lookup.
FACTSHEET_DATA = dict(
    findings=layout.FACTSHEET_FINDINGS,
    provenance=rules.acquire.output.provenance,
    fonts=fonts(),
    gate=PUBLICATION_GATE,
    # The revisions against an earlier build, to mark revised figures "[r]" (none without one).
    revisions=REVISED_FIGURES,
)


rule factsheets:
    input:
        **FACTSHEET_DATA,
        code=code_of("rule_factsheets.py"),
        templates=templates("factsheet.html.j2", "factsheet.css"),
    output:
        directory(layout.factsheet_dir("{region}")),
    log:
        f"{layout.LOGS}/factsheets/{{region}}.log",
    conda:
        ENV
    params:
        codes=region_las,
        release=RELEASE,
    script:
        "../../scripts/rule_factsheets.py"


rule factsheet_index:
    input:
        **FACTSHEET_DATA,
        code=code_of("rule_factsheet_index.py"),
        templates=templates(
            "factsheet_index.html.j2", "factsheet.css", "filter_and_sort.js"
        ),
        regions=expand(layout.factsheet_dir("{region}"), region=REGIONS),
    output:
        index=report(
            layout.FACTSHEET_INDEX,
            caption="../report/factsheets.rst",
            category="7. Factsheets",
        ),
        zip=layout.FACTSHEET_ZIP,
    log:
        f"{layout.LOGS}/factsheet_index.log",
    conda:
        ENV
    params:
        las_by_region=LAS_BY_REGION,
        release=RELEASE,
        # Linked, not inputs: the index does not wait for the bulletin.
        bulletin=layout.BULLETIN_HTML,
        spreadsheet=layout.SPREADSHEET,
    script:
        "../../scripts/rule_factsheet_index.py"
