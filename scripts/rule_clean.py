"""Snakemake adapter for rule `clean`: see senco.clean.release."""

import json
from pathlib import Path

from senco.clean.checks import ValidationFailed
from senco.clean.read import check_unchanged_since_acquired, source_label
from senco.clean.release import clean_release
from senco.clean.validation import render_markdown
from senco.core.adapter import run_rule
from senco.core.contract import data_dictionary_markdown, load_contract
from senco.core.errors import SencoError
from senco.core.fileio import write_json_atomic, write_table, write_text_atomic
from senco.core.reference import load_lookup
from senco.published import DATA_STATUS_SYNTHETIC


def step(snakemake) -> list[str]:
    inputs, outputs = snakemake.input, snakemake.output
    lookup = load_lookup(inputs.la_lookup, inputs.region_lookup)
    provenance = json.loads(Path(inputs.provenance).read_text(encoding="utf-8"))
    synthetic = provenance["synthetic"]
    data = Path(inputs.csv).read_bytes()
    check_unchanged_since_acquired(data, provenance, inputs.csv)
    try:
        result = clean_release(
            data,
            source_label(inputs.csv, provenance),
            lookup,
            synthetic=synthetic,
            on_breach=snakemake.params.consistency_breach,
            allow_missing_las=snakemake.params.allow_missing_las,
        )
    except ValidationFailed as failure:
        # The outputs are not written, but the reviewer still gets every check run.
        write_text_atomic(snakemake.log.validation, render_markdown(failure.log))
        failed = len(failure.lines)
        raise SencoError(
            "\n".join(
                [
                    *failure.lines,
                    f"{failed} check(s) failed; every check, with the first "
                    f"rows that broke it, is in {snakemake.log.validation}",
                ]
            )  # fmt: skip
        ) from None
    write_text_atomic(snakemake.log.validation, render_markdown(result.log))
    write_table(result.table, outputs.parquet, outputs.csv)
    write_json_atomic(outputs.validation_json, result.log.as_dict())
    write_text_atomic(outputs.missing_las, result.missing.write_csv())
    write_text_atomic(outputs.validation_md, render_markdown(result.log))
    contract = load_contract(inputs.contract)
    write_text_atomic(
        outputs.dictionary,
        data_dictionary_markdown(
            {"senco_la.parquet / senco_la.csv": contract},
            banner=DATA_STATUS_SYNTHETIC if synthetic else "",
        ),
    )
    summary = result.log.summary()
    return [
        f"validation: {result.log.outcome} {summary}",
        f"rows: {result.table.height}",
        f"LAs missing from a period: {result.missing.height}",
    ]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
