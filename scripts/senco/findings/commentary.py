"""The sentences that open each of the bulletin's sections.

Two to four sentences each: what happened, how big, compared with what, and the caveat that
matters. Every number is cited, so `make qa` checks it. Nothing here says why a number is what it
is: the data are descriptive.
"""

from __future__ import annotations

import polars as pl

from .. import formatting, published
from ..indicators.compute import FUNNEL_BANDS, REGIONAL, SIMILAR
from ..indicators.neighbours import VERDICT as NEIGHBOURS
from ..indicators.neighbours import VERDICTS as NEIGHBOUR_VERDICTS
from ..indicators.neighbours import compared_in
from ..indicators.tables import (
    AREA_TABLE,
    BARE,
    COVERAGE,
    LA_TABLE,
    NOT_TARGETED,
    SIZE,
    TARGETED,
    IndicatorTables,
)
from . import ids
from .charts.common import tied_names
from .model import Says, Statement, Text, Where, known, select
from .targeted import direction

BAND = "coverage_od_funnel_band"


def say(says: Says, section: str, name: str, text: Text) -> None:
    says.say(ids.commentary(section, name), "sentence", text)


def england(says: Says, tables: IndicatorTables) -> None:
    first, last = tables.first, tables.latest
    labels = formatting.period_label(first), formatting.period_label(last)
    now, before = tables.england(last), tables.england(first)
    if (
        first != last
        and known(now, "settings_completed_change", COVERAGE)
        and known(before, "settings_completed", COVERAGE)
    ):
        say(
            says,
            "england",
            "rise",
            lambda s: (
                f"Between {labels[0]} and {labels[1]} the number of settings with a practitioner "
                f"who had completed the qualification rose by "
                f"{s.value(now, 'settings_completed_change')}, from "
                f"{s.value(before, 'settings_completed')} to "
                f"{s.value(now, 'settings_completed')}, taking coverage from "
                f"{s.value(before, COVERAGE)} to {s.value(now, COVERAGE)} of eligible "
                f"settings."
            ),
        )
        say(
            says,
            "england",
            "cumulative",
            "Completions are counted from the start of the programme in October 2022, so they "
            "cannot fall from one period to the next; the size of the rise is the informative "
            "measure.",
        )
    closed = ", when the training closed," if labels[1] == published.TRAINING_CLOSED else ""
    practitioners = ("practitioners_registered", "practitioners_completed",
                     "practitioner_completion_rate", "practitioners_not_completed")  # fmt: skip
    if known(now, *practitioners):
        say(
            says,
            "england",
            "practitioners",
            lambda s: (
                f"Of the {s.value(now, 'practitioners_registered')} practitioners "
                f"registered, {s.value(now, 'practitioners_completed')} "
                f"({s.value(now, 'practitioner_completion_rate')}) had completed by "
                f"{labels[1]}{closed} and {s.value(now, 'practitioners_not_completed')} had not. "
                f"The programme funded up to {formatting.count(published.PROGRAMME_PLACES)} "
                f"training places "
                f"({published.PROGRAMME_PLACES_SOURCE})."
            ),
        )
    if known(now, "settings_registered", "registered_rate"):
        moved = first != last and known(before, "settings_registered")
        say(
            says,
            "england",
            "reach",
            lambda s: (
                f"Reach was wider than completion: {s.value(now, 'settings_registered')} "
                f"settings ({s.value(now, 'registered_rate')} of those eligible) had registered a "
                f"practitioner" + (registrations(s, before, now, labels[0]) if moved else "") + "."
            ),
        )


def registrations(s: Statement, before, now, earlier_label: str) -> str:
    """How registrations moved since the earlier period, in words that match the numbers ('the
    same number' only when they are equal): registration had closed before either."""
    earlier = s.basis(before, "settings_registered")
    later = s.basis(now, "settings_registered")
    if earlier == later:
        moved = f"the same number as in {earlier_label}"
    else:
        moved = (f"{'up' if later > earlier else 'down'} from "
                 f"{s.value(before, 'settings_registered')} in {earlier_label}")  # fmt: skip
    return f", {moved}, as registration had closed in {published.REGISTRATION_CLOSED}"


def regions(says: Says, tables: IndicatorTables) -> None:
    last = tables.latest
    # The regions with a value (a region whose LAs are all missing has none).
    level = {"period": last, "geographic_level": REGIONAL, COVERAGE: {"not_null": True}}
    regions_frame = tables.area_frame(last, REGIONAL)
    if regions_frame[COVERAGE].drop_nulls().len() == 0:
        return
    with_value = "" if regions_frame[COVERAGE].null_count() == 0 else " with a value"

    england_row = tables.england(last)

    def range_sentence(s: Statement) -> str:
        def stat(name: str, column: str) -> str:
            return s.stat(AREA_TABLE, level, name, column, column).shown

        return (
            f"By {formatting.period_label(last)}, coverage in the {s.count(AREA_TABLE, level)} "
            f"regions{with_value} ranged from {stat('min', COVERAGE)} to "
            f"{stat('max', COVERAGE)}, and reach from {stat('min', 'registered_rate')} to "
            f"{stat('max', 'registered_rate')}"
        ) + (
            f", against {s.value(england_row, COVERAGE)} and "
            f"{s.value(england_row, 'registered_rate')} for England."
            if known(england_row, COVERAGE, "registered_rate")
            else "."
        )

    say(says, "regions", "range", range_sentence)
    say(
        says,
        "regions",
        "caveat",
        "Regions are large and their local authorities differ widely, so a region's rate says "
        "little about any one local authority in it; the data do not separate childminders "
        "from group-based providers, whose mix may differ between regions.",
    )


def variation(says: Says, tables: IndicatorTables) -> None:
    last = tables.latest
    england_row = tables.england(last)
    ranked = {"period": last, COVERAGE: {"not_null": True}}
    stable = {**ranked, "small_base": False}
    if tables.la_frame(last)[COVERAGE].drop_nulls().len() == 0:
        return
    say(says, "variation", "range", lambda s: spread(s, tables, stable))
    if england_row["coverage_phi"] is not None:
        unusual = {**ranked, BAND: [FUNNEL_BANDS[0], FUNNEL_BANDS[-1]]}
        s = says.statement(ids.commentary("variation", "dispersion"), "sentence")
        outside = s.count(LA_TABLE, unusual)
        named = f": {tied_names(s, tables, LA_TABLE, unusual, 'la_name')}" if outside != "0" else ""
        # "That" is the range of the sentence before, when there was one to give.
        stable_las = tables.la_frame(last).filter(
            pl.col(COVERAGE).is_not_null() & ~pl.col("small_base")
        )
        opener = "That is" if stable_las.height else "Coverage varied between local authorities"
        s.say(
            f"{opener} about {s.value(england_row, 'coverage_phi')} times the variance that "
            f"chance alone would give, for reasons these data cannot show. Allowing for it, "
            f"{outside} local {'authority' if outside == '1' else 'authorities'} had coverage "
            f"unusually far from England's (outside the 99.8% limits){named}."
        )
        size_matters(says, tables)
    # A small base's rank is never given alone, so the example is not one.
    la = tables.la_frame(last).filter(pl.col("coverage_rank").is_not_null() & ~pl.col("small_base"))
    if la.height:
        # The LA of median size shows how uncertain a rank is.
        middle = tables.rows(
            LA_TABLE, la.sort("settings_total", "new_la_code").slice((la.height - 1) // 2, 1)
        )[0]
        say(
            says,
            "variation",
            "ranks",
            lambda s: (
                f"Ranks are uncertain. {s.la_name(middle)}, the local authority of median "
                f"size ({s.value(middle, 'settings_total')} eligible settings), ranked "
                f"{formatting.ordinal(s.value(middle, 'coverage_rank'))} of "
                f"{s.count(LA_TABLE, {'period': last, 'coverage_rank': {'not_null': True}})}, "
                f"with a 95% interval from "
                f"{formatting.ordinal(s.value(middle, 'coverage_rank_low'))} to "
                f"{formatting.ordinal(s.value(middle, 'coverage_rank_high'))}: small differences "
                f"in rank mean little."
            ),
        )


def spread(s: Statement, tables: IndicatorTables, stable: Where) -> str:
    """How far coverage ranged among the LAs that are not small bases, or that none can be
    compared (every LA a small base), or that all had the same coverage as printed."""
    count, least = s.count(LA_TABLE, stable), formatting.count(tables.small_base_min)
    if count == "0":
        return (
            f"No local authority had {least} or more eligible settings, so coverage is not "
            f"compared between local authorities: every rate is of low reliability."
        )
    low = s.stat(LA_TABLE, stable, "min", COVERAGE, COVERAGE).shown
    high = s.stat(LA_TABLE, stable, "max", COVERAGE, COVERAGE).shown
    among = f"among the {count} with {least} or more eligible settings"
    if low == high:
        return f"Coverage was {low} in every local authority {among}."
    return (
        f"Coverage varied widely between local authorities: {among} it ranged from {low} to {high}."
    )


def size_matters(says: Says, tables: IndicatorTables) -> None:
    """Why the LA called unusual need not be the one with the highest coverage: the limits narrow
    as the number of settings grows. Said only when the highest (one LA, not a small base) is
    not outside the 99.8% limits and another LA is."""
    outer = [FUNNEL_BANDS[0], FUNNEL_BANDS[-1]]
    stable = tables.la_frame(tables.latest).filter(
        pl.col(COVERAGE).is_not_null() & pl.col("small_base").not_()
    )
    outside = stable.filter(pl.col(BAND).is_in(outer))
    if stable.height == 0 or outside.height == 0:
        return
    highest = stable.filter(pl.col(COVERAGE) == stable[COVERAGE].max())
    if highest.height > 1 or highest[BAND][0] in outer:
        return
    top = tables.rows(LA_TABLE, highest)[0]
    example = tables.rows(LA_TABLE, outside.sort("settings_total", "new_la_code",
                                                 descending=[True, False]).head(1))[0]  # fmt: skip

    def sentence(s: Statement) -> str:
        s.basis(top, BAND)
        s.basis(example, BAND)
        return (
            f"The limits narrow as the number of settings grows, so {s.text(example, 'la_name')}, "
            f"with {s.value(example, 'settings_total')} eligible settings and coverage of "
            f"{s.value(example, COVERAGE)}, lies outside the 99.8% limits, while "
            f"{s.text(top, 'la_name')}, with the highest coverage among local authorities with "
            f"{formatting.count(tables.small_base_min)} or more eligible settings "
            f"({s.value(top, COVERAGE)} of its {s.value(top, 'settings_total')} settings), is "
            f"{s.value(top, 'coverage_vs_england')} but not unusually so."
        )

    say(says, "variation", "size", sentence)


def change(says: Says, tables: IndicatorTables) -> None:
    first, last = tables.first, tables.latest
    level = {"period": last, "geographic_level": REGIONAL}
    every_change = tables.area_frame(last, REGIONAL)["coverage_rate_change"]
    changes = every_change.drop_nulls()
    if first == last or changes.len() == 0:
        return
    s = says.statement(ids.commentary("change", "size"), "sentence")
    # A region with LAs missing from either period has no change: the regions are those with one.
    if every_change.null_count() == 0:
        each, across = "each region", "the regions"
    else:
        counted = {**level, "coverage_rate_change": {"not_null": True}}
        across = f"the {s.count(AREA_TABLE, counted)} regions with a change"
        each = f"each of {across}"

    def stat(name: str, format: str) -> str:
        return s.stat(AREA_TABLE, level, name, "coverage_rate_change", format).shown

    period = (
        f"Between {formatting.period_label(tables.periods[-2])} and {formatting.period_label(last)}"
    )
    if changes.min() > 0:  # the smallest change, cited below, is what "rose in each" rests on
        amount = f"{SIZE}{BARE}coverage_rate_change"
        text = (
            f"{period}, coverage rose in {each} by between {stat('min', amount)} and "
            f"{stat('max', amount)} percentage points."
        )
    else:
        amount = f"{BARE}coverage_rate_change"
        text = (
            f"{period}, the change in coverage ranged from {stat('min', amount)} to "
            f"{stat('max', amount)} percentage points across {across}."
        )
    s.say(text)
    say(
        says,
        "change",
        "caveat",
        "Because completions are cumulative, coverage cannot fall, so a rise in every region is "
        "expected, and the size of the rise is the informative measure.",
    )


def targeted(says: Says, tables: IndicatorTables) -> None:
    last = tables.latest
    say(
        says,
        "targeted",
        "caveat",
        f"The programme aimed its training at local authorities chosen on "
        f"{published.TARGETED_SELECTION} ({published.TARGETED_SOURCE}). The comparison below "
        f"describes the two groups; it is not an evaluation of the programme, and the local "
        f"authority, not the setting, is the unit compared.",
    )
    group, other = tables.group(last, TARGETED), tables.group(last, NOT_TARGETED)
    s = says.statement(ids.commentary("targeted", "size"), "sentence")
    way = direction(s, group) if other is not None else None
    if way is None:
        return

    def median(flag: bool) -> str:
        where = {"period": last, "targeted": flag, COVERAGE: {"not_null": True}}
        return s.stat(LA_TABLE, where, "median", COVERAGE, COVERAGE).shown

    def difference(column: str) -> str:
        return s.value(group, column, "coverage_difference")

    def bare(column: str) -> str:
        return s.value(group, column, f"{BARE}coverage_difference")

    # The medians are of LAs' values: said only when each group has some.
    medians_known = all(
        tables.la_frame(last).filter(pl.col("targeted") == flag)[COVERAGE].drop_nulls().len()
        for flag in (True, False)
    )
    verdict = (
        "small enough to have arisen by chance"
        if way == "similar"
        else "larger than chance alone would explain"
    )
    s.say(
        f"Coverage was {s.value(group, COVERAGE)} in the targeted local authorities and "
        f"{s.value(other, COVERAGE)} in the others"
        + (
            f"; the median targeted local authority had {median(True)}, against "
            f"{median(False)} among the others"
            if medians_known
            else ""
        )
        + ". Allowing for the variation between local authorities, the difference of "
        f"{difference('coverage_difference')} is {verdict} "
        f"(95% interval {bare('coverage_difference_ci_low')} to "
        f"{bare('coverage_difference_ci_high')} percentage points).",
    )


def neighbours(says: Says, tables: IndicatorTables) -> None:
    """How LAs compare with their statistical neighbours' average, what that adds to the
    comparison with England and with the region, and the caveat of the average."""
    last = tables.latest
    if not compared_in(tables.la_frame(last)):
        return
    label = formatting.period_label(last)
    compared = {"period": last, NEIGHBOURS: {"not_null": True}}
    higher, similar, lower = ({**compared, NEIGHBOURS: verdict} for verdict in NEIGHBOUR_VERDICTS)
    say(says, "neighbours", "size", lambda s: (
        f"By {label}, coverage in {s.count(LA_TABLE, higher)} of the "
        f"{s.count(LA_TABLE, compared)} local authorities compared was higher than the average "
        f"of their ten statistical neighbours and in {s.count(LA_TABLE, lower)} lower, allowing "
        f"for the sampling variation of each; in the other {s.count(LA_TABLE, similar)} it was "
        f"similar."
    ))  # fmt: skip
    like_england = {**compared, "coverage_vs_england": SIMILAR}
    differing = {**like_england, NEIGHBOURS: [NEIGHBOUR_VERDICTS[0], NEIGHBOUR_VERDICTS[2]]}
    if select(tables.la, like_england).height:
        say(says, "neighbours", "england", lambda s: (
            f"Of the {s.count(LA_TABLE, like_england)} local authorities whose coverage was "
            f"similar to England's, {s.count(LA_TABLE, differing)} were higher or lower than "
            f"their neighbours' average: set against the authorities most like them, some "
            f"differences show that the comparison with England does not."
        ))  # fmt: skip
    elsewhere = {"period": last, "neighbours_in_region": {"below": 5}}
    say(says, "neighbours", "regions", lambda s: (
        f"The groups cross regional boundaries: for {s.count(LA_TABLE, elsewhere)} of the "
        f"{s.count(LA_TABLE, {'period': last})} local authorities, most of their ten "
        f"neighbours are in other regions, so the comparison is with a different set of "
        f"authorities from the regional one."
    ))  # fmt: skip
    say(says, "neighbours", "caveat",
        "The neighbours' average is the mean of their rates, each counting once whatever its "
        "size, as in DfE's Local Authority Interactive Tool; the groups were made for "
        "children's services as a whole, not for early years provision.")  # fmt: skip


def all_sections(says: Says, tables: IndicatorTables) -> None:
    for write in (england, regions, variation, change, targeted, neighbours):
        write(says, tables)
