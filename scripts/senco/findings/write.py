"""Writing findings as compact JSON for the views, and a findings rule's step.

Imports no wording module, so each findings job depends only on the wording it runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..core.fileio import write_text_atomic
from ..indicators.tables import IndicatorTables
from .model import FindingSet


def to_json(found: FindingSet | dict[str, Any]) -> str:
    """Compact, one finding per line: small enough to load in every rendering job, and a
    change to one finding is one line of a diff. Keys sorted, so the file is reproducible."""
    record = found if isinstance(found, dict) else found.as_dict()
    lines = [json.dumps(f, sort_keys=True, ensure_ascii=False) for f in record["findings"]]
    head = json.dumps({"periods": record["periods"], "synthetic": record["synthetic"]})[:-1]
    return head + ', "findings": [\n' + ",\n".join(lines) + "\n]}\n"


def tables_of(snakemake) -> IndicatorTables:
    """The indicator tables a findings job's inputs name, with its small-base threshold."""
    inputs = snakemake.input
    return IndicatorTables.load(
        inputs.la_indicators,
        inputs.aggregates,
        inputs.definitions,
        inputs.provenance,
        snakemake.params.small_base_min,
        getattr(inputs, "statistical_neighbours", None),
    )


def findings_step(build: Callable[[IndicatorTables], FindingSet]) -> Callable[[Any], list[str]]:
    """A findings rule's step: the indicator tables in, `build`'s findings out as JSON."""

    def step(snakemake) -> list[str]:
        found = build(tables_of(snakemake))
        write_text_atomic(snakemake.output[0], to_json(found))
        return [f"{len(found.findings)} findings"]

    return step
