"""Table cells more than one table of the factsheets shows."""

from __future__ import annotations

from .. import formatting
from ..indicators.tables import COVERAGE, Row
from .model import Cell, Says


def la_coverage(says: Says, row: Row | None) -> Cell:
    """The LA's coverage; its interval is cited too (not shown in the table) for the chart."""
    if row is None or row[COVERAGE] is None:
        return says.text_cell(formatting.NOT_AVAILABLE)
    cell = says.composing()
    shown = cell.value(row, COVERAGE)
    cell.basis(row, f"{COVERAGE}_ci_low", COVERAGE)
    cell.basis(row, f"{COVERAGE}_ci_high", COVERAGE)
    return cell.cell(shown)
