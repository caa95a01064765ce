"""What each LA's factsheet and the factsheet index say, as findings."""

from __future__ import annotations

import polars as pl

from .. import formatting, published
from ..indicators.compute import MISSING
from ..indicators.neighbours import VERDICT
from ..indicators.tables import (
    COUNT,
    COVERAGE,
    LA_TABLE,
    NOT_TARGETED,
    SIZE,
    TARGETED,
    YES_NO,
    IndicatorTables,
    Row,
)
from . import ids
from .cells import la_coverage
from .completeness import incomplete_note
from .model import Cell, Column, FindingSet, Says, Statement, text_column
from .neighbours import neighbours as compared_with_neighbours
from .targeted import direction

MEASURES = (
    ("settings_total", False),
    ("settings_registered", False),
    ("settings_completed", False),
    ("practitioners_registered", False),
    ("practitioners_completed", False),
    ("registered_rate", True),  # shown with its interval
    (COVERAGE, True),
    ("completion_rate", True),
)


def with_interval(says: Says, row: Row | None, column: str, interval: bool) -> Cell:
    """A cell: the value, and its interval in brackets when it has one."""
    if row is None:
        return says.text_cell(formatting.NOT_AVAILABLE)
    cell = says.composing()
    shown = cell.value(row, column)
    if interval and row[f"{column}_ci_low"] is not None:
        low = cell.value(row, f"{column}_ci_low", column)
        high = cell.value(row, f"{column}_ci_high", column)
        shown += f" ({low} to {high})"
    return cell.cell(shown)


def rank_cell(says: Says, row: Row | None, column: str = "coverage_rank") -> Cell:
    """'12th of 153 (95% interval 4th to 31st)': never a bare rank, and for a small base only
    'between 1st and 150th of 153 [u]'. `column` is the rank in England or, for
    coverage_region_rank, within the LA's region."""
    if row is None or row[column] is None:
        return says.text_cell(formatting.NOT_AVAILABLE)
    among = {"period": row["period"], column: {"not_null": True}}
    if column == "coverage_region_rank":
        among["region_code"] = row["region_code"]
    cell = says.composing()
    ranked = cell.count(LA_TABLE, among)
    low = formatting.ordinal(cell.value(row, f"{column}_low", column))
    high = formatting.ordinal(cell.value(row, f"{column}_high", column))
    if row["small_base"]:
        # A small base's rank is never given alone (it could name it highest or lowest): only
        # the range its rank plausibly lies in, marked as of low reliability.
        cell.basis(row, "small_base")
        return cell.cell(f"between {low} and {high} of {ranked} {published.LOW_RELIABILITY}")
    rank = formatting.ordinal(cell.value(row, column))
    return cell.cell(f"{rank} of {ranked} (95% interval {low} to {high})")


def factsheet(says: Says, tables: IndicatorTables, code: str) -> None:
    periods = tables.periods
    rows = {period: tables.la_row(period, code) for period in periods}
    known = [row for row in rows.values() if row is not None]
    if not known:
        raise ValueError(f"no indicators for LA {code}")
    latest = rows[periods[-1]]
    anchor = known[-1]
    name_statement = says.statement(ids.factsheet(code, "name"), "name")
    name = name_statement.text(anchor, "la_name")
    name_statement.say(name)
    says.say(ids.factsheet(code, "title"), "title",
             lambda s: f"{s.text(anchor, 'la_name')}: early years SENCO qualification")  # fmt: skip
    region_statement = says.statement(ids.factsheet(code, "region"), "name")
    region = region_statement.text(anchor, "region_name")
    region_statement.say(region)
    says.say(ids.factsheet(code, "targeted"), "label",
             lambda s: s.value(anchor, "targeted", YES_NO))  # fmt: skip
    key_figures(says, tables, code, rows, name, region)
    comparison(says, tables, code, rows, anchor, name, region)
    compared_with_neighbours(says, tables, code, latest, name)
    if anchor["small_base"]:
        small = says.statement(ids.factsheet(code, "small_base"), "sentence")
        small.basis(anchor, "small_base")
        small.say(
            f"{name} has {small.value(anchor, 'settings_total')} eligible settings, fewer than "
            f"{formatting.count(tables.small_base_min)}, so one or two settings change its "
            f"rates a lot: its rates have wide intervals and are of low reliability "
            f"({published.LOW_RELIABILITY}), and its rank can move far from one period to the "
            f"next."
        )
    if len(periods) > 1 and latest is not None and latest["settings_completed_change"] is not None:
        change = says.statement(ids.factsheet(code, "change"), "sentence")
        sentence = change_sentence(change, latest, periods[-2])
        if len(periods) > 2 and latest["settings_completed_change_since_first"] is not None:
            sentence += " " + change_since_first(change, latest, periods[0])
        change.say(sentence)
    if latest is not None and latest[COVERAGE] is not None:
        says.say(ids.factsheet(code, "summary"), "sentence",
                 lambda s: summary(s, tables, latest, name))  # fmt: skip
    absent = [period for period, row in rows.items() if row is not None and row[MISSING]]
    if absent:
        missing = says.statement(ids.factsheet(code, "missing"), "sentence")
        for period in absent:
            missing.basis(rows[period], MISSING, YES_NO)
        those = "that period" if len(absent) == 1 else "those periods"
        missing.say(
            f"{name} is missing from this release in "
            f"{' and '.join(formatting.period_label(p) for p in absent)}, so its figures for "
            f"{those} are not available."
        )
    if latest is not None:
        group = says.statement(ids.factsheet(code, "group"), "sentence")
        sentence = group_sentence(group, tables, latest, name)
        if sentence:
            group.say(sentence)


def key_figures(
    says: Says,
    tables: IndicatorTables,
    code: str,
    rows: dict[str, Row | None],
    name: str,
    region: str,
) -> None:
    """The LA's counts and rates, with intervals and its ranks, for every period."""
    periods = tables.periods
    period_columns = [Column(p, formatting.period_label(p), "text") for p in periods]
    table_rows = []
    for column, interval in MEASURES:
        cells = [says.text_cell(tables.label(column))]
        cells += [with_interval(says, rows[period], column, interval) for period in periods]
        table_rows.append(cells)
    # Short row labels (1 = highest), so each rank stays on one line.
    for column, label in (
        ("coverage_rank", "Rank in England"),
        ("coverage_region_rank", f"Rank in {region}"),
    ):
        table_rows.append(
            [says.text_cell(label)] + [rank_cell(says, rows[period], column) for period in periods]
        )  # fmt: skip
    says.table(
        ids.factsheet(code, "key_figures"),
        f"Settings, practitioners and rates in {name} (rates with 95% confidence intervals)",
        [text_column("measure", "Measure"), *period_columns],
        table_rows,
    )


def comparison(
    says: Says,
    tables: IndicatorTables,
    code: str,
    rows: dict[str, Row | None],
    anchor: Row,
    name: str,
    region: str,
) -> None:
    """Coverage in the LA, its region and England for every period, with the comparisons."""
    periods = tables.periods
    comparison_rows = []
    for period in periods:
        row = rows[period]
        region_row = tables.region(period, anchor["region_code"])
        england = tables.england(period)
        cells = [says.text_cell(formatting.period_label(period))]
        cells.append(la_coverage(says, row))
        cells.append(says.cell(region_row, COVERAGE) if region_row
                     else says.text_cell(formatting.NOT_AVAILABLE))  # fmt: skip
        cells.append(says.cell(england, COVERAGE))
        for column in ("coverage_vs_england", "coverage_od_funnel_band"):
            cells.append(says.cell(row, column) if row
                         else says.text_cell(formatting.NOT_AVAILABLE))  # fmt: skip
        comparison_rows.append(cells)
    says.table(
        ids.factsheet(code, "compared"),
        f"Coverage in {name}, {region} and England",
        [
            text_column("period", "Period"),
            says.column("la", name, COVERAGE),
            says.column("region", region, COVERAGE),
            says.column("england", "England", COVERAGE),
            text_column("coverage_vs_england", "Compared with England"),
            text_column("coverage_od_funnel_band", "Funnel plot position"),
        ],
        comparison_rows,
    )


def change_sentence(s: Statement, latest: Row, previous: str) -> str:
    """'41 settings had a completing practitioner by November 2024, 19 more than in June 2024;
    coverage rose by 5.4 percentage points.' Signs and units in words."""
    more = latest["settings_completed_change"]
    count = s.value(latest, "settings_completed_change", f"{SIZE}count")
    if more == 0:
        compared = f"the same number as in {formatting.period_label(previous)}"
    else:
        compared = f"{count} {'more' if more > 0 else 'fewer'} than in " + (
            formatting.period_label(previous)
        )
    settings = "setting" if latest["settings_completed"] == 1 else "settings"
    return (
        f"{s.value(latest, 'settings_completed')} {settings} had a practitioner who had "
        f"completed the qualification by {formatting.period_label(latest['period'])}, {compared}; "
        f"{coverage_moved(s, latest, 'coverage_rate_change')}."
    )


def coverage_moved(s: Statement, latest: Row, column: str) -> str:
    """'coverage rose by 5.4 percentage points', 'coverage did not change', or, where a rate
    cannot be calculated in either period, that its change is not available."""
    change = latest[column]
    if change is None:
        s.basis(latest, column)
        return "the change in coverage is not available"
    moved = "rose" if change > 0 else "fell" if change < 0 else "did not change"
    size = f" by {s.value(latest, column, f'{SIZE}coverage_rate_change')}" if change else ""
    return f"coverage {moved}{size}"


def change_since_first(s: Statement, latest: Row, first: str) -> str:
    """With three or more periods: 'Since June 2024, 30 more settings; coverage rose by 7.2
    percentage points.' (the change since the previous period is the sentence before)."""
    more = latest["settings_completed_change_since_first"]
    column = "settings_completed_change_since_first"
    settings = (
        "the same number of settings"
        if more == 0
        else f"{s.value(latest, column, f'{SIZE}count')} {'more' if more > 0 else 'fewer'} "
        f"setting{'' if abs(more) == 1 else 's'}"
    )
    moved = coverage_moved(s, latest, "coverage_rate_change_since_first")
    return f"Since {formatting.period_label(first)}: {settings}; {moved}."


def summary(s: Statement, tables: IndicatorTables, latest: Row, name: str) -> str:
    """One sentence: coverage, its base, and how it compares with England."""
    england = tables.england(latest["period"])
    compared = (
        f": {s.value(latest, 'coverage_vs_england')} ({s.value(england, COVERAGE)}), allowing "
        f"for the variation between local authorities"
        if latest["coverage_vs_england"] is not None
        else ""
    )
    return (
        f"By {formatting.period_label(latest['period'])}, "
        f"{s.value(latest, 'settings_completed')} of {name}'s "
        f"{s.value(latest, 'settings_total')} eligible settings "
        f"({s.value(latest, COVERAGE)}) had a practitioner who had completed the SENCO "
        f"qualification{compared}."
    )


def group_sentence(s: Statement, tables: IndicatorTables, row: Row, name: str) -> str | None:
    """Which programme group the LA is in, and how the two groups compare."""
    period = row["period"]
    targeted, other = tables.group(period, TARGETED), tables.group(period, NOT_TARGETED)
    way = direction(s, targeted) if other is not None else None
    if way is None:
        return None
    relation = {"higher": "higher than", "lower": "lower than", "similar": "similar to"}[way]
    s.basis(row, "targeted")
    member = "one of the" if row["targeted"] else "not one of the"
    if targeted["las_missing"]:  # the group's rate is of its LAs present in the release
        s.basis(targeted, "las_missing", COUNT)
        across = (
            f"{name} is {member} targeted local authorities; coverage across the "
            f"{s.value(targeted, 'las', COUNT)} of them in this release"
        )
    else:
        across = (
            f"{name} is {member} {s.value(targeted, 'las', COUNT)} targeted local "
            f"authorities; coverage across them"
        )
    return (
        f"{across} ({s.value(targeted, COVERAGE)}) was {relation} the "
        f"{s.value(other, COVERAGE)} elsewhere, allowing for variation between local "
        f"authorities."
    )


def common_scale(says: Says, tables: IndicatorTables) -> None:
    """One scale for every factsheet's bars: the highest upper limit of coverage of any LA that
    is not a small base (a small base's wide interval is cut at the edge), or of any LA when
    every one is a small base; none when no LA has coverage (the bars are then not drawn)."""
    stable = {COVERAGE: {"not_null": True}, "small_base": False}
    if tables.la.filter(pl.col(COVERAGE).is_not_null() & ~pl.col("small_base")).is_empty():
        stable = {COVERAGE: {"not_null": True}}
    says.say(ids.FACTSHEET_SCALE, "scale", lambda s: s.stat(
        LA_TABLE, stable, "max", f"{COVERAGE}_ci_high", COVERAGE,
    ).shown)  # fmt: skip


def factsheet_index(says: Says, tables: IndicatorTables) -> None:
    latest = tables.latest
    frame = tables.la_frame(latest).sort("region_code", "la_name", "new_la_code")
    # Beside coverage, the LA's two comparisons: with England and with its neighbours.
    compared = VERDICT in frame.columns
    columns = [
        text_column("la_name", "Local authority"),
        text_column("region_name", "Region"),
        says.column(COVERAGE),
        text_column("coverage_vs_england", tables.label("coverage_vs_england")),
        *([says.column("neighbours_coverage_average", "Neighbours' average"),
           text_column(VERDICT, "Compared with neighbours")]
          if compared else []),
        says.column("coverage_rate_change"),
        text_column("targeted", tables.label("targeted")),
        text_column("new_la_code", "Code"),  # the view links the LA's factsheet from its name
    ]  # fmt: skip
    rows = []
    for row in tables.rows(LA_TABLE, frame):
        rows.append(
            [
                says.la_name_cell(row),
                says.cell(row, "region_name", "text"),
                says.cell(row, COVERAGE),
                says.cell(row, "coverage_vs_england"),
                *([says.cell(row, "neighbours_coverage_average"),
                   says.cell(row, VERDICT)] if compared else []),
                says.cell(row, "coverage_rate_change"),
                says.cell(row, "targeted", YES_NO),
                says.cell(row, "new_la_code", "text"),
            ]
        )  # fmt: skip
    says.table(
        ids.FACTSHEET_INDEX,
        f"Local authorities, {formatting.period_label(latest)}",
        columns,
        rows,
    )


def all_factsheets(says: Says, tables: IndicatorTables, codes: list[str]) -> None:
    common_scale(says, tables)
    for code in codes:
        factsheet(says, tables, code)
    factsheet_index(says, tables)


def findings(tables: IndicatorTables, la_codes: list[str] | None = None) -> FindingSet:
    """The factsheets' findings (results/findings/factsheets.json): `la_codes` get a factsheet
    each (default: every LA in the tables), and the index lists them."""
    says = Says(tables)
    incomplete_note(says, tables)
    all_factsheets(says, tables, codes_with_data(tables) if la_codes is None else la_codes)
    return FindingSet.said(says)


def codes_with_data(tables: IndicatorTables) -> list[str]:
    return tables.la["new_la_code"].unique().sort().to_list()
