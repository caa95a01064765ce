"""The bulletin's own statements: main points, section headings and the annex of every LA."""

from __future__ import annotations

import polars as pl

from .. import formatting, published
from ..indicators.compute import FUNNEL_BANDS, HIGHER, LOWER, REGIONAL
from ..indicators.neighbours import VERDICT as NEIGHBOURS
from ..indicators.neighbours import VERDICTS as NEIGHBOUR_VERDICTS
from ..indicators.neighbours import compared_in
from ..indicators.tables import (
    AREA_TABLE,
    COVERAGE,
    LA_TABLE,
    NOT_TARGETED,
    TARGETED,
    IndicatorTables,
)
from . import commentary, ids
from .completeness import incomplete_note
from .methods import method_notes
from .model import Cell, FindingSet, Says, Statement, known, text_column
from .targeted import direction

BAND = "coverage_od_funnel_band"  # allowing for variation between LAs: what "unusual" means
OUTSIDE_998 = [FUNNEL_BANDS[0], FUNNEL_BANDS[-1]]


def findings(tables: IndicatorTables) -> FindingSet:
    """The bulletin's own findings (results/findings/bulletin.json): main points, headings,
    background counts, commentary and the annex. Its charts' words are their own findings."""
    says = Says(tables)
    incomplete_note(says, tables)
    main_points(says, tables)
    section_headings(says, tables)
    facts(says, tables)
    commentary.all_sections(says, tables)
    method_notes(says, tables)
    annex(says, tables)
    return FindingSet.said(says)


def not_available(says: Says, finding_id: str, what: str) -> None:
    """The plain statement that replaces a main point whose figures are missing."""
    says.say(finding_id, "main_point", f"{what} is not available.")


def main_points(says: Says, tables: IndicatorTables) -> None:
    """At most six single sentences, most important first, each made from the numbers; where a
    figure is missing, a plain statement that it is not available instead."""
    first, last = tables.first, tables.latest
    first_label, last_label = formatting.period_label(first), formatting.period_label(last)
    england, before = tables.england(last), tables.england(first)
    if known(england, COVERAGE, "settings_completed", "settings_total"):
        main_point_england(says, england, before, first, last, first_label, last_label)
    elif known(england, COVERAGE) and england["las_missing"]:
        # Incomplete (LAs missing): the rate is of the LAs present, and no count is given.
        says.say(
            ids.main_point("england"),
            "main_point",
            lambda s: (
                f"By {last_label}, {s.value(england, COVERAGE)} of eligible early years "
                f"settings in the "
                f"{s.value(england, 'las', 'count')} local authorities in this release had a "
                f"practitioner who had completed the SENCO qualification ("
                f"{s.value(england, 'las_missing', 'count')} local authorities are missing)."
            ),
        )
    else:
        not_available(says, ids.main_point("england"), f"Coverage in England in {last_label}")
    # An incomplete England has rates of the LAs present and no counts (they would understate).
    incomplete = england is not None and bool(england["las_missing"])
    if known(england, "settings_registered", "registered_rate"):
        says.say(
            ids.main_point("registered"),
            "main_point",
            lambda s: (
                f"{s.value(england, 'settings_registered')} settings "
                f"({s.value(england, 'registered_rate')} of those eligible) had registered a "
                f"practitioner for the qualification, which closed to new registrations in "
                f"{published.REGISTRATION_CLOSED}."
            ),
        )
    elif incomplete and known(england, "registered_rate"):
        says.say(
            ids.main_point("registered"),
            "main_point",
            lambda s: (
                f"{s.value(england, 'registered_rate')} of eligible settings "
                f"{in_release(s, england)} had registered a practitioner for the qualification, "
                f"which closed to new registrations in {published.REGISTRATION_CLOSED}."
            ),
        )
    else:
        not_available(says, ids.main_point("registered"), f"Reach in England in {last_label}")
    main_point_practitioners(says, england, incomplete, last_label)
    other_main_points(says, tables, england, last)


def in_release(s: Statement, england) -> str:
    """Where an incomplete England's rates come from."""
    return f"in the {s.value(england, 'las', 'count')} local authorities in this release"


def main_point_practitioners(says: Says, england, incomplete: bool, last_label: str) -> None:
    practitioners = ("practitioners_completed", "practitioner_completion_rate",
                     "practitioners_registered")  # fmt: skip
    if known(england, *practitioners):
        says.say(
            ids.main_point("practitioners"),
            "main_point",
            lambda s: (
                f"{s.value(england, 'practitioners_completed')} practitioners had completed the "
                f"qualification by {last_label}, "
                f"{s.value(england, 'practitioner_completion_rate')} of the "
                f"{s.value(england, 'practitioners_registered')} registered."
            ),
        )
    elif incomplete and known(england, "practitioner_completion_rate"):
        says.say(
            ids.main_point("practitioners"),
            "main_point",
            lambda s: (
                f"{s.value(england, 'practitioner_completion_rate')} of the practitioners "
                f"registered {in_release(s, england)} had completed the qualification by "
                f"{last_label}."
            ),
        )
    else:
        not_available(
            says,
            ids.main_point("practitioners"),
            f"The number of practitioners who had completed the qualification by {last_label}",
        )


def main_point_england(says, england, before, first, last, first_label, last_label) -> None:
    s = says.statement(ids.main_point("england"), "main_point")
    shown = s.value(england, COVERAGE)
    opening = (
        f"By {last_label}, {shown} of eligible early years settings in "
        f"England ({s.value(england, 'settings_completed')} of "
        f"{s.value(england, 'settings_total')}) had a practitioner who had completed the SENCO "
        f"qualification"
    )
    if first != last and known(before, COVERAGE):
        earlier = s.value(before, COVERAGE)
        if earlier == shown:  # the same as printed
            opening += f", the same as in {first_label}"
        else:
            way = "up" if england[COVERAGE] > before[COVERAGE] else "down"
            opening += f", {way} from {earlier} in {first_label}"
    s.say(opening + ".")


def other_main_points(says: Says, tables: IndicatorTables, england, last: str) -> None:
    regions = tables.rows(
        AREA_TABLE,
        tables.area_frame(last, REGIONAL).filter(pl.col(COVERAGE).is_not_null()).sort(COVERAGE),
    )
    with_coverage = {"period": last, "geographic_level": REGIONAL, COVERAGE: {"not_null": True}}
    all_regions = len(regions) == tables.area_frame(last, REGIONAL).height
    if regions:
        low, high = regions[0], regions[-1]
        says.say(
            ids.main_point("regions"),
            "main_point",
            lambda s: (
                (
                    f"Coverage was {s.value(low, COVERAGE)} in each of the "
                    if s.value(low, COVERAGE) == s.value(high, COVERAGE)
                    else f"Coverage ranged from {s.value(low, COVERAGE)} in "
                    f"{s.text(low, 'area_name')} to {s.value(high, COVERAGE)} in "
                    f"{s.text(high, 'area_name')} across the "
                )
                + f"{s.count(AREA_TABLE, with_coverage)} regions"
                + ("" if all_regions else " with a value")
                + "."
            ),
        )
    ranked = {"period": last, COVERAGE: {"not_null": True}}
    # Left out when no LA has a value: '0 of 0 local authorities' says nothing.
    if (
        england is not None
        and england["coverage_phi"] is not None
        and (tables.la_frame(last)[COVERAGE].drop_nulls().len())
    ):
        # The verdicts every output shows, in their words, then how many are unusually so.
        s = says.statement(ids.main_point("funnel"), "main_point")
        usual = "usual " if s.basis(england, "coverage_tau2") else ""
        higher = s.count(LA_TABLE, {**ranked, "coverage_vs_england": HIGHER})
        lower = s.count(LA_TABLE, {**ranked, "coverage_vs_england": LOWER})
        of = s.count(LA_TABLE, ranked)
        above = s.count(LA_TABLE, {**ranked, BAND: FUNNEL_BANDS[-1]})
        below = s.count(LA_TABLE, {**ranked, BAND: FUNNEL_BANDS[0]})
        s.say(
            f"Allowing for the {usual}variation between local authorities, {higher} of the {of} "
            f"had coverage higher than England and {lower} lower than England; {above} "
            f"{'was' if above == '1' else 'were'} unusually high and {below} unusually low."
        )
    targeted, other = tables.group(last, TARGETED), tables.group(last, NOT_TARGETED)
    if known(targeted, COVERAGE, "las") and known(other, COVERAGE, "las"):
        s = says.statement(ids.main_point("targeted"), "main_point")
        way = direction(s, targeted)
        verdict = {
            None: "",
            "similar": ", a difference small enough to have arisen by chance",
            "higher": ", a difference larger than chance alone would explain",
            "lower": ", a difference larger than chance alone would explain",
        }[way]
        if targeted["las_missing"] or other["las_missing"]:
            groups = (
                f"In the {s.value(targeted, 'las', 'count')} targeted local authorities in this "
                f"release{missing_count(s, targeted)}, coverage was "
                f"{s.value(targeted, COVERAGE)}, compared with {s.value(other, COVERAGE)} in the "
                f"{s.value(other, 'las', 'count')} other local authorities present"
                f"{missing_count(s, other)}"
            )
        else:
            groups = (
                f"In the {s.value(targeted, 'las', 'count')} local authorities the programme "
                f"targeted, coverage was {s.value(targeted, COVERAGE)}, compared with "
                f"{s.value(other, COVERAGE)} in the other {s.value(other, 'las', 'count')}"
            )
        s.say(f"{groups}{verdict}.")


def missing_count(s: Statement, group) -> str:
    """' (10 are missing)' after a group some of whose LAs are missing from the release."""
    if not group["las_missing"]:
        return ""
    return f" ({s.value(group, 'las_missing', 'count')} missing)"


def section_headings(says: Says, tables: IndicatorTables) -> None:
    """Short headline headings (about ten words), each saying what its section finds."""
    first, last = tables.first, tables.latest
    england = tables.england(last)
    if known(england, COVERAGE):
        says.say(
            ids.heading("england"),
            "heading",
            lambda s: (
                f"England: coverage reached {s.value(england, COVERAGE)} by "
                f"{formatting.period_label(last)}"
                + (" (incomplete)" if s.basis(england, "las_missing", "count") else "")
            ),
        )
    else:
        says.say(ids.heading("england"), "heading", "England: coverage not available")
    regions = tables.area_frame(last, REGIONAL).filter(pl.col(COVERAGE).is_not_null())
    if regions.height and regions[COVERAGE].min() != regions[COVERAGE].max():
        low = tables.rows(AREA_TABLE, regions.sort(COVERAGE, "area_code").head(1))[0]
        high = tables.rows(
            AREA_TABLE, regions.sort(COVERAGE, "area_code", descending=[True, False]).head(1)
        )[0]
        says.say(
            ids.heading("regions"),
            "heading",
            lambda s: (
                f"Regions: highest in {s.text(high, 'area_name')}, lowest in "
                f"{s.text(low, 'area_name')}"
            ),
        )
    else:
        says.say(ids.heading("regions"), "heading", "Regions: coverage by region")
    ranked = {"period": last, COVERAGE: {"not_null": True}}
    says.say(
        ids.heading("variation"),
        "heading",
        lambda s: (
            f"Local authorities: {s.count(LA_TABLE, {**ranked, BAND: OUTSIDE_998})} with "
            f"unusual coverage"
        ),
    )
    says.say(ids.heading("change"), "heading", lambda s: change_heading(s, tables, first, last))
    says.say(ids.heading("targeted"), "heading", lambda s: targeted_heading(s, tables, last))
    says.say(ids.heading("neighbours"), "heading", lambda s: neighbours_heading(s, tables, last))


def change_heading(s: Statement, tables: IndicatorTables, first: str, last: str) -> str:
    if first == last:
        return "Change: not available from a single period"
    # The regions with a change (an incomplete region has none: its periods cover different LAs).
    level = {
        "period": last,
        "geographic_level": REGIONAL,
        "coverage_rate_change": {"not_null": True},
    }
    rose = {**level, "coverage_rate_change": {"above": 0.0}}
    regions = tables.area_frame(last, REGIONAL)
    changes = regions["coverage_rate_change"]
    with_value = "" if changes.null_count() == 0 else " with a change"
    if changes.drop_nulls().len() == 0:
        return "Change: not available by region"
    if (changes.drop_nulls() > 0).all():
        s.stat(AREA_TABLE, rose, "count", basis=True)  # the claim rests on every region
        return f"Change: coverage rose in all {s.count(AREA_TABLE, level)} regions{with_value}"
    return f"Change: coverage rose in {s.count(AREA_TABLE, rose)} of " + (
        f"{s.count(AREA_TABLE, level)} regions{with_value}"
    )


def targeted_heading(s: Statement, tables: IndicatorTables, last: str) -> str:
    way = direction(s, tables.group(last, TARGETED))
    if way is None:
        return "Targeted local authorities: not available"
    relation = {"higher": "higher than", "lower": "lower than", "similar": "similar to"}[way]
    return f"Targeted local authorities: coverage {relation} elsewhere"


def neighbours_heading(s: Statement, tables: IndicatorTables, last: str) -> str:
    if not compared_in(tables.la_frame(last)):
        return "Statistical neighbours: not compared"
    higher, _, lower = ({"period": last, NEIGHBOURS: v} for v in NEIGHBOUR_VERDICTS)
    return (
        f"Statistical neighbours: coverage higher than theirs in {s.count(LA_TABLE, higher)} "
        f"local authorities, lower in {s.count(LA_TABLE, lower)}"
    )


def facts(says: Says, tables: IndicatorTables) -> None:
    """Counts the bulletin's background states: LAs in the release and LAs targeted, and what
    marks a small base."""
    last = tables.latest
    says.say(
        ids.FACTS_SMALL_BASE,
        "sentence",
        lambda s: (
            f"{published.LOW_RELIABILITY}: a local authority with fewer than "
            f"{formatting.count(tables.small_base_min)} eligible settings "
            f"({s.count(LA_TABLE, {'period': last, 'small_base': True})} in "
            f"{formatting.period_label(last)}). Its rates can change greatly with one or two "
            f"settings, so the text never names it as highest or lowest."
        ),
    )
    says.say(ids.FACTS_LAS, "count", lambda s: s.count(LA_TABLE, {"period": last}))
    says.say(ids.FACTS_TARGETED_LAS, "count",
             lambda s: s.count(LA_TABLE, {"period": last, "targeted": True}))  # fmt: skip


ANNEX_COLUMNS = (
    "settings_total",
    "settings_registered",
    "settings_completed",
    "registered_rate",
    COVERAGE,
)


def annex(says: Says, tables: IndicatorTables) -> None:
    """All LAs per period: counts, rates with intervals, comparison and rank."""
    columns = [
        text_column("la_name", "Local authority"),
        text_column("region_name", "Region"),
        *(says.column(name) for name in ANNEX_COLUMNS),
        says.column(f"{COVERAGE}_ci", "95% confidence interval for coverage", COVERAGE),
        text_column("coverage_vs_england", tables.label("coverage_vs_england")),
        says.column("coverage_rank"),
        says.column("coverage_rank_interval", "95% interval for the rank", "coverage_rank"),
    ]
    for period in tables.periods:
        rows = []
        for row in tables.rows(LA_TABLE, tables.la_frame(period).sort("la_name", "new_la_code")):
            cells = [says.la_name_cell(row), says.cell(row, "region_name", "text")]
            cells += [says.cell(row, name) for name in ANNEX_COLUMNS]
            interval = says.composing()
            low = interval.value(row, f"{COVERAGE}_ci_low", COVERAGE)
            high = interval.value(row, f"{COVERAGE}_ci_high", COVERAGE)
            cells.append(interval.cell(
                formatting.NOT_AVAILABLE
                if formatting.NOT_AVAILABLE in (low, high)
                else f"{low} to {high}"
            ))  # fmt: skip
            cells += [says.cell(row, "coverage_vs_england"), rank(says, row)]
            cells.append(rank_interval(says, row))
            rows.append(cells)
        says.table(
            ids.annex(period),
            f"Settings and coverage by local authority, {formatting.period_label(period)}",
            columns,
            rows,
        )


def rank(says: Says, row) -> Cell:
    """An LA's rank; a small base's is not given alone, as everywhere in the release (its
    interval, in the next column, is)."""
    if not row["small_base"] or row["coverage_rank"] is None:
        return says.cell(row, "coverage_rank")
    withheld = says.composing()
    withheld.basis(row, "small_base")
    return withheld.cell(f"not given {published.LOW_RELIABILITY}")


def rank_interval(says: Says, row) -> Cell:
    if row["coverage_rank_low"] is None:
        return says.text_cell(formatting.NOT_AVAILABLE)
    interval = says.composing()
    low = interval.value(row, "coverage_rank_low")
    high = interval.value(row, "coverage_rank_high")
    return interval.cell(f"{low} to {high}")
