"""What each factsheet says of the LA's statistical neighbours, as findings: a table of the LA
and its ten neighbours (coverage with its interval, closeness), sorted highest first, and one
sentence comparing the LA with its neighbours' average by the rule of
senco.indicators.neighbours. A neighbour without a figure is named, never silently dropped."""

from __future__ import annotations

from .. import formatting, published
from ..core.neighbours import GROUP_SIZE
from ..indicators.neighbours import VERDICT, VERDICTS
from ..indicators.tables import COVERAGE, TEXT, IndicatorTables, Row
from . import ids
from .cells import la_coverage
from .model import Cell, Says, Statement, text_column

THIS_LA = "this local authority"  # the closeness column's words for the LA itself
# The verdict in a sentence that names the neighbours itself: "higher than the 5.9% average".
RELATION = {verdict: verdict.removesuffix(" its neighbours") for verdict in VERDICTS}


def name_cell(says: Says, row: Row | None, group_row: Row) -> Cell:
    """A neighbour's name as the release gives it (marked when a small base), or, missing from
    the release in the period, as the groups table names it."""
    if row is not None:
        return says.la_name_cell(row)
    return says.cell(group_row, "neighbour_la_name", TEXT)


def without_figure(s: Statement, pairs: list[tuple[Row, Row | None]]) -> list[str]:
    """The names of the neighbours with no coverage in the period, each cited."""
    return [s.text(row, "la_name") if row is not None else s.text(group, "neighbour_la_name")
            for group, row in pairs if row is None or row[COVERAGE] is None]  # fmt: skip


def sentence(s: Statement, latest: Row, pairs: list[tuple[Row, Row | None]], name: str) -> str:
    """'Coverage in Barking and Dagenham (3.6%) was lower than the 5.9% average of its ten
    statistical neighbours, allowing for the sampling variation of each; it ranked 9th of the
    eleven (95% interval 6th to 11th).' With gaps named, and no bare rank for a small base."""
    period = formatting.period_label(latest["period"])
    present = s.basis(latest, "neighbours_with_coverage")
    if not present:  # every neighbour is without a figure: none is named twice
        return (
            f"None of {name}'s {formatting.in_words(GROUP_SIZE)} statistical neighbours "
            f"has a coverage figure for {period}, so it cannot be compared with them."
        )
    missing = without_figure(s, pairs)
    of = f"its {formatting.in_words(GROUP_SIZE)} statistical neighbours"
    if missing:
        of = f"the {formatting.in_words(present)} of {of} with a figure for {period}"
    gap = f" ({formatting.listed(missing)}: not available)" if missing else ""
    average = s.value(latest, "neighbours_coverage_average")
    if latest[COVERAGE] is None or latest[VERDICT] is None:
        return f"Coverage in {name} is not available for {period}; the average of {of} " \
               f"was {average}{gap}."  # fmt: skip
    relation = RELATION[s.basis(latest, VERDICT)]
    return (
        f"Coverage in {name} ({s.value(latest, COVERAGE)}) was {relation} the {average} average "
        f"of {of}{gap}, allowing for the sampling variation of each; "
        f"{rank_words(s, latest, present + 1)}."
    )


def rank_words(s: Statement, latest: Row, among: int) -> str:
    """'it ranked 9th of the 11 (95% interval 6th to 11th)', or for a small base only the range
    (a small base is never named highest or lowest)."""
    column = "coverage_rank_in_neighbours"
    low = formatting.ordinal(s.value(latest, f"{column}_low", column))
    high = formatting.ordinal(s.value(latest, f"{column}_high", column))
    if latest["small_base"]:
        s.basis(latest, "small_base")
        return f"its rank among the {formatting.in_words(among)} lies between {low} and {high} " \
               f"{published.LOW_RELIABILITY}"  # fmt: skip
    return f"it ranked {formatting.ordinal(s.value(latest, column))} of " \
           f"{formatting.in_words(among)} (95% interval {low} to {high})"  # fmt: skip


def neighbours(says: Says, tables: IndicatorTables, code: str, latest: Row | None, name: str):
    """The block's findings for the LA in the latest period (nothing without groups)."""
    group = tables.neighbours_of(code)
    if not group or latest is None:
        return
    period = latest["period"]
    pairs = [(row, tables.la_row(period, row["neighbour_new_la_code"])) for row in group]
    order = sorted([(latest, None), *((row, group_row) for group_row, row in pairs)],
                   key=lambda pair: (pair[0] is None or pair[0][COVERAGE] is None,
                                     -((pair[0] or {}).get(COVERAGE) or 0)))  # fmt: skip
    rows = []
    for row, group_row in order:
        closeness = (says.text_cell(THIS_LA) if group_row is None
                     else says.cell(group_row, "closeness", TEXT))  # fmt: skip
        rows.append([name_cell(says, row, group_row), la_coverage(says, row), closeness])
    says.table(
        ids.factsheet(code, "neighbours"),
        f"Coverage in {name} and its statistical neighbours, {formatting.period_label(period)}",
        [
            text_column("la_name", "Local authority"),
            says.column(COVERAGE),
            text_column("closeness", "Closeness"),
        ],  # fmt: skip
        rows,
    )
    says.say(ids.factsheet(code, "neighbours_compared"), "sentence",
             lambda s: sentence(s, latest, pairs, name))  # fmt: skip
