"""Each LA against its ten statistical neighbours: the average, range and rank recomputed
independently (plain Python over the groups file and the LA table), and the verdict's rule on
examples whose answer is plain."""

from __future__ import annotations

import csv

import polars as pl
import pytest

from samples import indicator_tables
from senco import paths
from senco.core.neighbours import Neighbour, read_neighbours
from senco.core.reference import live_codes
from senco.indicators.neighbours import VERDICTS, compared_with_neighbours


@pytest.fixture(scope="module")
def compared():
    tables = indicator_tables()
    live = live_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    groups = read_neighbours(paths.STATISTICAL_NEIGHBOURS_CSV, live)
    return tables.la, compared_with_neighbours(tables.la, groups)


def test_average_range_and_rank_agree_with_a_plain_recomputation(compared):
    la, result = compared
    with paths.STATISTICAL_NEIGHBOURS_CSV.open(encoding="utf-8", newline="") as handle:
        listed: dict[str, list[str]] = {}
        for row in csv.DictReader(handle):
            listed.setdefault(row["old_la_code"], []).append(row["neighbour_old_la_code"])
    assert result.height == la.height == 306
    rates = {(r["period"], r["old_la_code"]): r["coverage_rate"] for r in la.iter_rows(named=True)}
    by_key = {(r["period"], r["new_la_code"]): r for r in result.iter_rows(named=True)}
    for row in la.iter_rows(named=True):
        got = by_key[(row["period"], row["new_la_code"])]
        values = [rates[(row["period"], n)] for n in listed[row["old_la_code"]]]
        assert got["neighbours_with_coverage"] == len(values) == 10
        assert got["neighbours_coverage_average"] == pytest.approx(sum(values) / 10, abs=1e-15)
        assert (got["neighbours_coverage_min"], got["neighbours_coverage_max"]) == (
            min(values), max(values))  # fmt: skip
        rank = 1 + sum(value > row["coverage_rate"] for value in values)
        assert got["coverage_rank_in_neighbours"] == rank
        low, high = got["coverage_rank_in_neighbours_low"], got["coverage_rank_in_neighbours_high"]
        assert 1 <= low <= rank <= high <= 11
        assert got["coverage_vs_neighbours"] in VERDICTS


def test_the_verdicts_follow_the_average_where_the_interval_allows(compared):
    _, result = compared
    above = result.filter(pl.col("coverage_vs_neighbours") == VERDICTS[0])
    below = result.filter(pl.col("coverage_vs_neighbours") == VERDICTS[2])
    assert above.height and below.height  # the synthetic release has both
    assert (above["coverage_rank_in_neighbours"] <= 6).all()
    assert (below["coverage_rank_in_neighbours"] >= 6).all()


def group_of(completed: list[int], total: int) -> tuple[pl.DataFrame, dict]:
    """LA '001' and its neighbours '002'..., each with `total` settings."""
    numbers = [f"{i + 1:03d}" for i in range(len(completed))]
    la = pl.DataFrame({
        "period": ["2024-11"] * len(numbers), "new_la_code": [f"E0{n}" for n in numbers],
        "old_la_code": numbers, "settings_completed": completed,
        "settings_total": [total] * len(numbers),
        "coverage_rate": [c / total for c in completed],
    })  # fmt: skip
    groups = {"001": [Neighbour("001", n, rank, "Close") for rank, n in enumerate(numbers[1:], 1)]}
    return la, groups


@pytest.mark.parametrize(
    ("completed", "total", "verdict"),
    [
        ([50] + [5] * 10, 100, VERDICTS[0]),  # 50% against 5% each: plainly higher
        ([1] + [30] * 10, 100, VERDICTS[2]),
        ([40] + [40] * 10, 1000, VERDICTS[1]),  # the same rate
        ([3] + [1] * 10, 10, VERDICTS[1]),  # 30% against 10%, but of ten settings each
    ],
)
def test_the_verdict_allows_for_the_sampling_variation_of_la_and_neighbours(
    completed, total, verdict
):
    la, groups = group_of(completed, total)
    first = compared_with_neighbours(la, groups).row(0, named=True)
    assert first["coverage_vs_neighbours"] == verdict


def test_a_neighbour_missing_from_the_release_leaves_a_gap_that_is_counted():
    la, groups = group_of([20] + [10] * 10, 100)
    la = la.with_columns(
        coverage_rate=pl.when(pl.col("old_la_code") == "002").then(None)
        .otherwise(pl.col("coverage_rate"))
    )  # fmt: skip
    first = compared_with_neighbours(la, groups).row(0, named=True)
    assert first["neighbours_with_coverage"] == 9
    assert first["neighbours_coverage_average"] == pytest.approx(0.10)
    assert first["coverage_rank_in_neighbours"] == 1
