"""The bulletin's methods in plain words, with their references and the settings they ran with.

Every setting (the simulation's draws and seed, the winsorising percentiles) is cited from
England's row of the aggregates, where the indicators stage records it, so `make qa` checks the
methods as it checks any other statement.
"""

from __future__ import annotations

from .. import formatting
from ..indicators.compute import FUNNEL_BANDS, HIGHER, LOWER, SIMILAR
from ..indicators.tables import COUNT, LA_TABLE, TEXT, IndicatorTables
from . import ids
from .model import Says


def method_notes(says: Says, tables: IndicatorTables) -> None:
    """The methods in plain words, with their references and the settings they ran with, each
    cited from England's row (so `make qa` checks them)."""
    england = tables.england(tables.latest)
    compared_note(says, tables)
    neighbours_note(says, tables)
    overdispersion = says.statement(ids.method("overdispersion"), "method")
    trim = formatting.ordinal(overdispersion.value(england, "coverage_od_winsorise_low", COUNT))
    top = formatting.ordinal(overdispersion.value(england, "coverage_od_winsorise_high", COUNT))
    overdispersion.say(
        (
            "Local authorities differ far more than chance alone allows (overdispersion), for "
            "reasons these data cannot show. Limits from chance alone would then call many of "
            "them unusual that are not. The limits used to judge local authorities allow for "
            "this, as Spiegelhalter "
            'recommends ("Handling over-dispersion of performance indicators", Quality and '
            "Safety in Health Care, 2005), computed exactly as the NHS-R package FunnelPlotR "
            "does for proportions. Each coverage is put on the scale asin(√p), where its "
            "standard error is 1/(2√n); the spread of the local authorities' z-scores around "
            f"England's value, after pulling the most extreme at each end in to the {trim} and "
            f"{top} percentiles, gives the overdispersion ratio (near 1 when local authorities "
            "differ by chance alone), and from it a between-authority variance that is added "
            "to each local authority's own. Only a local authority outside the resulting 99.8% "
            "limits is called unusual."
        ),
    )
    ranks = says.statement(ids.method("ranks"), "method")
    draws = ranks.value(england, "simulation_draws", COUNT)
    seed = ranks.value(england, "simulation_seed", TEXT)
    ranks.say(
        (
            "A rank hides how uncertain it is, so every rank is given with a 95% interval, "
            'after Goldstein and Spiegelhalter ("League tables and their limitations", Journal '
            f"of the Royal Statistical Society A, 1996). Each of {draws} simulations draws every "
            "local authority's coverage from what its counts allow (a beta distribution with a "
            "Jeffreys prior) and ranks the draws; the interval runs from the 2.5th to the "
            "97.5th percentile of a local authority's ranks, widened where needed to include "
            f"its observed rank. The simulation is seeded ({seed}), so the same data "
            "always give the same intervals."
        ),
    )
    targeted = says.statement(ids.method("targeted"), "method")
    draws = targeted.value(england, "simulation_draws", COUNT)
    targeted.say(
        (
            "The local authorities the programme targeted were chosen for disadvantage, so a "
            "difference between the groups may reflect how they were chosen, not the "
            "programme. The groups are compared at the level of local authorities: the median "
            "and middle half of their coverage, and the difference of the groups' coverage "
            f"with a 95% interval from {draws} bootstrap resamples of local authorities within "
            "each group, which allows for the variation between local authorities. Coverage is "
            "called higher or lower only when that interval excludes zero. Newcombe's interval "
            "for the difference of two proportions, which treats every setting as independent "
            "and so ignores that settings are clustered in local authorities, is given beside "
            "it for transparency."
        ),
    )


def neighbours_note(says: Says, tables: IndicatorTables) -> None:
    """Where the statistical neighbour groups come from and how an LA is compared with them."""
    england = tables.england(tables.latest)
    note = says.statement(ids.method("neighbours"), "method")
    draws = note.value(england, "simulation_draws", COUNT)
    note.say(
        "Each local authority is also compared with its ten statistical neighbours: the local "
        "authorities most like it on socio-economic measures, as the Department for Education "
        "groups them for children's services (the May 2025 groups used by its Local Authority "
        "Interactive Tool, LAIT). The groups are matched to this release by each local "
        "authority's three-digit DfE number, which it keeps when its nine-character code "
        "changes. The neighbours' average is the mean of their coverage rates, each counting "
        "once whatever its size, as LAIT defines it. Whether a local authority is higher, "
        f"similar or lower uses the same {draws} simulations as the ranks: in each, its coverage "
        "and each neighbour's are drawn from what their counts allow, and the local authority "
        "is higher or lower only when the 95% interval of its coverage minus its neighbours' "
        "average excludes zero, so the sampling variation of both sides is allowed for (as for "
        "rank intervals, after Goldstein and Spiegelhalter, 1996). Its rank among the eleven "
        "(itself and its neighbours) has a 95% interval from the same simulations. A neighbour "
        "missing from the release is named wherever the comparison is made, and the average is "
        "of those with a figure."
    )


def compared_note(says: Says, tables: IndicatorTables) -> None:
    """The one rule for "compared with England", and what the chance-only rule would say
    instead (counted in the latest period, so the contrast is checked like any number)."""
    latest = tables.latest
    chance_only = [band for band in FUNNEL_BANDS if band != FUNNEL_BANDS[2]]
    outside_chance = {"period": latest, "coverage_funnel_band": chance_only}
    outside = {"period": latest, "coverage_vs_england": [HIGHER, LOWER]}
    says.say(
        ids.method("compared"),
        "method",
        lambda s: (
            f"A local authority is described as {HIGHER} or {LOWER} when its coverage lies "
            "outside the 95% limits that allow for the variation between local authorities "
            "(the funnel plot's limits, described below), and as unusually high or low outside "
            f"the 99.8% limits; otherwise it is {SIMILAR}. The same rule is used in the text, the "
            "annex, the factsheets, the factsheet index and the downloads. Limits from chance "
            "alone, which ignore that variation, would have called "
            f"{s.count(LA_TABLE, outside_chance)} local authorities higher or lower than England "
            f"in {formatting.period_label(latest)} instead of {s.count(LA_TABLE, outside)}; they "
            "are kept in the data only as a contrast."
        ),
    )
