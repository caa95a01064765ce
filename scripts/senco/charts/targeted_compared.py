"""Chart 7, the LAs the programme targeted and the others: each LA, and each group's total."""

from __future__ import annotations

from .. import formatting
from ..findings.model import Column, Says, text_column
from ..indicators import difference_interval
from ..tables import LA_TABLE, NOT_TARGETED, TARGETED, IndicatorTables
from .common import COVERAGE, ChartSays

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

    def compared() -> tuple[float, float, float]:
        """Newcombe's interval for the difference, from the groups' summed counts (cited)."""
        counts = [says.basis(row, c) for row in (targeted, other)
                  for c in ("settings_completed", "settings_total")]  # fmt: skip
        return difference_interval(*counts)

    difference, low, high = compared()
    relation = "higher in" if low > 0 else "lower in" if high < 0 else "similar in"
    title = chart.title(
        f"Coverage was {relation} targeted local authorities ({says.value(targeted, COVERAGE)}) "
        f"{'than in' if relation != 'similar in' else 'and'} other local authorities "
        f"({says.value(other, COVERAGE)})"
    )
    # The box of each group: its LAs' quartiles (linear interpolation, R's type 7).
    for code, flag in GROUPS:
        for name in QUARTILES:
            chart.mark(f"{code}.{name}", "statistic", says.stat(
                LA_TABLE, members(period, flag), name, COVERAGE, COVERAGE).shown)  # fmt: skip
        chart.mark(f"{code}.label", "label",
                   f"{says.text(group[code], 'area_name')} "
                   f"({says.count(LA_TABLE, members(period, flag))})")  # fmt: skip
    gap = (
        f"a difference of {formatting.percentage_points(difference)}, 95% confidence interval "
        f"{formatting.percentage_points(low)} to {formatting.percentage_points(high)}"
    )

    def summary(code: str, flag: bool) -> str:
        where = members(period, flag)
        return (
            f"{says.text(group[code], 'area_name')} ({says.count(LA_TABLE, where)} LAs, median "
            f"{says.stat(LA_TABLE, where, 'median', COVERAGE, COVERAGE).shown}, group total "
            f"{says.value(group[code], COVERAGE)})"
        )

    compared()
    chart.alt(
        f"Strip chart of coverage for each local authority, {period_label}, in two rows: "
        f"{summary(TARGETED, True)} and {summary(NOT_TARGETED, False)}: {gap}."
    )
    compared()
    chart.note(
        f"Targeted minus other local authorities: {gap} (Newcombe's method for a difference "
        f"between two proportions)."
    )
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
