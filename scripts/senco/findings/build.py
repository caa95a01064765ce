"""Every finding of a build at once: the parts the pipeline writes separately, merged.

The pipeline writes findings per consumer (`senco.findings.bulletin.findings`, each chart's
`senco.findings.charts.common.findings`, `senco.findings.factsheets.findings`), so a wording edit
reruns only the jobs that show it; `build` gathers them all, for tests and the benchmark.
"""

from __future__ import annotations

from ..indicators.tables import IndicatorTables
from . import bulletin, factsheets
from .charts import CHART_NAMES
from .charts import common as charts
from .model import FindingSet
from .read import merged


def build(tables: IndicatorTables, la_codes: list[str] | None = None) -> FindingSet:
    """Every finding, as the pipeline's parts write them, merged; `la_codes` get a factsheet each
    (default: every LA in the tables)."""
    parts = [bulletin.findings(tables)]
    parts += [charts.findings(tables, name) for name in CHART_NAMES]
    parts.append(factsheets.findings(tables, la_codes))
    record = merged([part.as_dict() for part in parts], "findings")
    by_id = {finding["id"]: finding for finding in record["findings"]}
    return FindingSet(record["synthetic"], record["periods"], by_id)
