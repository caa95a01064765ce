"""Each LA compared with its ten statistical neighbours (DfE's groups: senco.core.neighbours).

For each LA and period:

- the neighbours' average coverage: the mean of their rates, as DfE's Local Authority
  Interactive Tool (LAIT) defines a statistical neighbours' average (not a pooled rate), with
  the lowest and highest, over the neighbours with a value (`neighbours_with_coverage` says how
  many: a neighbour missing from the release leaves a gap that is said, never hidden);
- the LA's rank among the eleven (itself and its neighbours), 1 = highest, ties sharing the
  lowest rank, with a 95% interval from the same seeded posterior draws as the rank intervals
  in England (senco.indicators.simulation, after Goldstein and Spiegelhalter 1996);
- whether the LA is higher than, similar to or lower than its neighbours' average: from the same
  draws, the 95% interval of (the LA's coverage - the mean of its neighbours' coverage), each
  drawn from its Beta(x + 1/2, n - x + 1/2) posterior, so the sampling variation of the LA and of
  each neighbour is allowed for; higher or lower when the interval excludes zero.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from ..core.neighbours import Neighbour
from ..core.reference import LaCode
from . import simulation

COVERAGE = "coverage_rate"
VERDICT = "coverage_vs_neighbours"  # the column of the verdict
VERDICTS = ("higher than its neighbours", "similar to its neighbours", "lower than its neighbours")
SCHEMA = {
    "period": pl.String,
    "new_la_code": pl.String,
    "neighbours_with_coverage": pl.Int32,
    "neighbours_in_region": pl.Int32,
    "neighbours_coverage_average": pl.Float64,
    "neighbours_coverage_min": pl.Float64,
    "neighbours_coverage_max": pl.Float64,
    "coverage_rank_in_neighbours": pl.Int32,
    "coverage_rank_in_neighbours_low": pl.Int32,
    "coverage_rank_in_neighbours_high": pl.Int32,
    VERDICT: pl.String,
}


def has_coverage(la: pl.DataFrame) -> pl.DataFrame:
    """The LAs drawn in the simulation: with a rate and eligible settings (as ranked in England)."""
    return la.filter(pl.col(COVERAGE).is_not_null() & (pl.col("settings_total") > 0))


def compared_in(la: pl.DataFrame) -> bool:
    """Whether any LA of `la` (a period's LA table) was compared with its neighbours: not when
    the table has no groups joined, or no LA with coverage."""
    return VERDICT in la.columns and la[VERDICT].drop_nulls().len() > 0


def verdict(low: float, high: float) -> str:
    return VERDICTS[0] if low > 0 else VERDICTS[2] if high < 0 else VERDICTS[1]


def compared_with_neighbours(
    la: pl.DataFrame,
    groups: dict[str, list[Neighbour]],
    draws: int = simulation.DRAWS,
    seed: int = simulation.SEED,
) -> pl.DataFrame:
    """One row per LA and period of `la` (the LA table: period, new_la_code, old_la_code,
    region_code, settings_completed, settings_total, coverage_rate), with the columns of
    SCHEMA."""
    rows = []
    for period in la["period"].unique().sort().to_list():
        in_period = la.filter(pl.col("period") == period)
        drawn = has_coverage(in_period).sort("new_la_code")
        proportions = simulation.posterior_draws(
            drawn["settings_completed"].to_list(), drawn["settings_total"].to_list(), draws, seed
        )
        column = {number: i for i, number in enumerate(drawn["old_la_code"].to_list())}
        rate = dict(zip(drawn["old_la_code"], drawn[COVERAGE], strict=True))
        region = dict(in_period.select("old_la_code", "region_code").iter_rows())
        for code, number in in_period.select("new_la_code", "old_la_code").iter_rows():
            group = groups.get(number, [])
            present = [n.neighbour_number for n in group if n.neighbour_number in column]
            row = {"period": period, "new_la_code": code, "neighbours_with_coverage": len(present),
                   "neighbours_in_region": sum(region.get(n.neighbour_number) == region[number]
                                               for n in group)}  # fmt: skip
            if present:
                values = [rate[n] for n in present]
                row |= {"neighbours_coverage_average": sum(values) / len(values),
                        "neighbours_coverage_min": min(values),
                        "neighbours_coverage_max": max(values)}  # fmt: skip
            if present and number in column:
                row |= ranked_among(proportions, column[number], [column[n] for n in present],
                                    rate[number], values)  # fmt: skip
            rows.append(row)
    return pl.DataFrame(rows, schema=SCHEMA) if rows else pl.DataFrame(schema=SCHEMA)


def ranked_among(
    proportions: np.ndarray, own: int, others: list[int], rate: float, values: list[float]
) -> dict:
    """The LA's rank among itself and `others` (columns of the draws), observed and as a 95%
    interval (widened to hold the observed rank, as in England), and its verdict."""
    observed = 1 + sum(value > rate for value in values)
    mine, theirs = proportions[:, own], proportions[:, others]
    ranks = 1 + (theirs > mine[:, None]).sum(axis=1)
    low = int(np.quantile(ranks, 0.025, method="lower"))
    high = int(np.quantile(ranks, 0.975, method="higher"))
    low_difference, high_difference = np.quantile(mine - theirs.mean(axis=1), [0.025, 0.975])
    return {
        "coverage_rank_in_neighbours": observed,
        "coverage_rank_in_neighbours_low": min(low, observed),
        "coverage_rank_in_neighbours_high": max(high, observed),
        VERDICT: verdict(float(low_difference), float(high_difference)),
    }


GROUP_SCHEMA = {
    "new_la_code": pl.String,
    "old_la_code": pl.String,
    "la_name": pl.String,
    "neighbour_rank": pl.Int32,
    "neighbour_new_la_code": pl.String,
    "neighbour_old_la_code": pl.String,
    "neighbour_la_name": pl.String,
    "closeness": pl.String,
}


def group_table(groups: dict[str, list[Neighbour]], live: list[LaCode]) -> pl.DataFrame:
    """The groups as a table (results/indicators/statistical_neighbours): one row per LA and
    neighbour, closest first, each LA named by its code and name in the LA lookup (`live`), so
    the findings can cite a neighbour's closeness as they cite a rate."""
    by_number = {code.old_la_code: code for code in live}
    rows = [
        {"new_la_code": by_number[number].new_la_code, "old_la_code": number,
         "la_name": by_number[number].la_name, "neighbour_rank": n.rank,
         "neighbour_new_la_code": by_number[n.neighbour_number].new_la_code,
         "neighbour_old_la_code": n.neighbour_number,
         "neighbour_la_name": by_number[n.neighbour_number].la_name, "closeness": n.closeness}
        for number, group in groups.items() if number in by_number
        for n in group
    ]  # fmt: skip
    return pl.DataFrame(rows, schema=GROUP_SCHEMA).sort("new_la_code", "neighbour_rank")
