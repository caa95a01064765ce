"""Chart 7, the LAs the programme targeted and the others: each LA, and each group's total."""

from __future__ import annotations

from ... import formatting
from ...indicators.tables import BARE, COVERAGE, LA_TABLE, NOT_TARGETED, TARGETED, IndicatorTables
from ..model import Cited, Column, Says, text_column
from ..targeted import direction
from .common import ChartSays

NAME = "targeted_compared"
# Drawn bottom to top: the other LAs, then the targeted ones.
GROUPS = ((NOT_TARGETED, False), (TARGETED, True))
QUARTILES = ("lower_quartile", "median", "upper_quartile")


def members(period: str, targeted: bool) -> dict:
    return {"period": period, "targeted": targeted, COVERAGE: {"not_null": True}}


def describe(says: Says, tables: IndicatorTables) -> None:
    chart = ChartSays(says, NAME)
    period = tables.latest
    period_label = formatting.period_label(period)
    chart.subtitle(
        f"{tables.label(COVERAGE)} in local authorities targeted by the programme and in other "
        f"local authorities, England, {period_label}"
    )
    group = {code: tables.group(period, code) for code, _ in GROUPS}
    ranked = tables.la_frame(period)[COVERAGE].drop_nulls().len()
    if ranked == 0 or any(row is None or row[COVERAGE] is None for row in group.values()):
        chart.no_data("Coverage is not available by group.")
        return
    targeted, other = group[TARGETED], group[NOT_TARGETED]
    heading = chart.statement("title", "title")
    way = direction(heading, targeted) or "similar"
    title = heading.say(
        f"Coverage was {way} in targeted local authorities ({heading.value(targeted, COVERAGE)}) "
        f"{'and' if way == 'similar' else 'than in'} other local authorities "
        f"({heading.value(other, COVERAGE)})"
    ).text
    # The box of each group: its LAs' quartiles (linear interpolation, R's type 7).
    for code, flag in GROUPS:
        for name in QUARTILES:
            chart.mark(f"{code}.{name}", "statistic", lambda s, flag=flag, name=name: s.stat(
                LA_TABLE, members(period, flag), name, COVERAGE, COVERAGE).shown)  # fmt: skip
        chart.mark(f"{code}.label", "label",
                   lambda s, code=code, flag=flag: f"{s.text(group[code], 'area_name')} "
                   f"({s.count(LA_TABLE, members(period, flag))})")  # fmt: skip

    def summary(s: Cited, code: str, flag: bool) -> str:
        where = members(period, flag)

        def quartile(name: str) -> str:
            return s.stat(LA_TABLE, where, name, COVERAGE, COVERAGE).shown

        return (
            f"{s.text(group[code], 'area_name')} ({s.count(LA_TABLE, where)} LAs, median "
            f"{quartile('median')}, middle half {quartile('lower_quartile')} to "
            f"{quartile('upper_quartile')}, group total {s.value(group[code], COVERAGE)})"
        )

    chart.alt(
        lambda s: (
            f"Strip chart of coverage for each local authority, {period_label}, in two "
            f"rows: {summary(s, TARGETED, True)} and {summary(s, NOT_TARGETED, False)}. "
            f"{difference_text(s, targeted)}"
        )
    )
    chart.note(lambda s: difference_text(s, targeted))
    columns = [
        text_column("area_name", "Group"),
        Column("las", "Local authorities", "count"),
        says.column(COVERAGE),
        says.column(f"{COVERAGE}_ci_low", "Lower 95% limit", COVERAGE),
        says.column(f"{COVERAGE}_ci_high", "Upper 95% limit", COVERAGE),
    ]
    table = [
        [
            says.cell(row, "area_name", "text"),
            says.cell(row, "las", "count"),
            says.cell(row, COVERAGE),
            says.cell(row, f"{COVERAGE}_ci_low", COVERAGE),
            says.cell(row, f"{COVERAGE}_ci_high", COVERAGE),
        ]
        for row in (targeted, other)
    ]
    chart.table(title, columns, table)


def difference_text(s: Cited, targeted) -> str:
    def shown(column: str) -> str:
        return s.value(targeted, column, "coverage_difference")

    def bare(column: str) -> str:
        return s.value(targeted, column, f"{BARE}coverage_difference")

    return (
        f"Targeted minus other local authorities: {shown('coverage_difference')}, with a 95% "
        f"interval of {bare('coverage_difference_ci_low')} to "
        f"{bare('coverage_difference_ci_high')} percentage points that allows for variation "
        f"between local authorities (found by resampling local authorities, a bootstrap). An "
        f"interval that treats every setting as independent, ignoring that settings are grouped "
        f"in local authorities (Newcombe's method), is "
        f"{bare('coverage_difference_pooled_ci_low')} to "
        f"{bare('coverage_difference_pooled_ci_high')} percentage points."
    )
