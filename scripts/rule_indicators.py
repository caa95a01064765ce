"""Snakemake adapter for rule `indicators`: see senco.indicators.compute."""

import polars as pl

from senco import paths
from senco.core.adapter import run_rule
from senco.core.contract import data_dictionary_markdown, enforce, load_contract
from senco.core.fileio import write_table, write_text_atomic
from senco.core.neighbours import read_neighbours
from senco.core.reference import following, live_codes, read_la_codes
from senco.indicators.compute import (
    caveats_table,
    definitions_table,
    la_indicators,
    load_definitions,
    rates_from,
)
from senco.indicators.neighbours import group_table
from senco.indicators.targeted import load_targeted_codes, targeted_in_release
from senco.published import DATA_STATUS_SYNTHETIC


def step(snakemake) -> list[str]:
    inputs, outputs = snakemake.input, snakemake.output
    clean = pl.read_parquet(inputs.clean)
    definitions = load_definitions(inputs.definitions)
    # The list names the LAs by the codes of the bundled lookup: find them in this release.
    targeted = targeted_in_release(
        clean,
        load_targeted_codes(inputs.targeted)["new_la_code"].to_list(),
        following(inputs.la_lookup, inputs.region_lookup),
        read_la_codes(inputs.bundled_lookup, paths.REGION_REFERENCE_CSV),
    )
    missing = pl.read_csv(inputs.missing_las, infer_schema=False)
    live = live_codes(inputs.la_lookup, inputs.region_lookup)
    neighbours = read_neighbours(inputs.neighbours, live)
    la, areas = la_indicators(clean, targeted, rates_from(definitions),
                              snakemake.params.small_base_min, missing, neighbours)  # fmt: skip
    tables = {
        "la_indicators": (la, inputs.la_contract),
        "aggregates": (areas, inputs.aggregates_contract),
        "definitions": (definitions_table(definitions), inputs.definitions_contract),
        "caveats": (caveats_table(definitions), inputs.caveats_contract),
        "statistical_neighbours": (
            group_table(neighbours, live),
            inputs.statistical_neighbours_contract,
        ),  # fmt: skip
    }
    contracts = {}
    for name, (table, contract_path) in tables.items():
        contract = load_contract(contract_path)
        write_table(enforce(table, contract), outputs[f"{name}_parquet"], outputs[f"{name}_csv"])
        contracts[f"{name}.parquet / {name}.csv"] = contract
    synthetic = (clean["data_status"] == DATA_STATUS_SYNTHETIC).any()
    write_text_atomic(
        outputs.dictionary,
        data_dictionary_markdown(contracts, banner=DATA_STATUS_SYNTHETIC if synthetic else ""),
    )
    return [f"{name}: {table.height} rows" for name, (table, _) in tables.items()]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
