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
        "old_la_code": numbers, "region_code": ["E12000001"] * len(numbers),
        "settings_completed": completed,
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


def listed_groups() -> dict[str, list[str]]:
    with paths.STATISTICAL_NEIGHBOURS_CSV.open(encoding="utf-8", newline="") as handle:
        listed: dict[str, list[str]] = {}
        for row in csv.DictReader(handle):
            listed.setdefault(row["old_la_code"], []).append(row["neighbour_old_la_code"])
    return listed


def percent_1dp(proportion: float) -> str:
    from decimal import ROUND_HALF_UP, Decimal

    return f"{Decimal(proportion * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


@pytest.fixture(scope="module")
def factsheet_findings():
    from senco.findings.factsheets import findings

    tables = indicator_tables()
    return tables, findings(tables).findings


def test_every_factsheet_states_its_neighbours_average_and_rank_as_recomputed(factsheet_findings):
    """For all 153: the sentence's average and rank, and the ten names in the block, from the
    groups file and the counts alone."""
    tables, found = factsheet_findings
    listed = listed_groups()
    latest = [r for r in tables.la.iter_rows(named=True) if r["period"] == tables.latest]
    rates = {r["old_la_code"]: r["settings_completed"] / r["settings_total"] for r in latest}
    names = {r["old_la_code"]: r["la_name"] for r in latest}
    for row in latest:
        number, code = row["old_la_code"], row["new_la_code"]
        values = [rates[n] for n in listed[number]]
        sentence = found[f"factsheet.{code}.neighbours_compared"]["text"]
        assert f" the {percent_1dp(sum(values) / 10)} average of its ten statistical " \
               "neighbours," in sentence, sentence  # fmt: skip
        rank = 1 + sum(value > rates[number] for value in values)
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(rank, "th")  # ranks run from 1 to 11
        if row["small_base"]:
            assert "ranked" not in sentence and "its rank among the 11 lies between" in sentence
        else:
            assert f"it ranked {rank}{suffix} of 11 (95% interval " in sentence
        block = found[f"factsheet.{code}.neighbours"]
        shown = [r[0]["text"].removesuffix(" [u]") for r in block["rows"]]
        assert sorted(shown) == sorted([names[number]] + [names[n] for n in listed[number]])
        closeness = [r[2]["text"] for r in block["rows"]]
        assert closeness.count("this local authority") == 1
        coverage = [r[1]["cites"][0]["value"] for r in block["rows"]]
        assert coverage == sorted(coverage, reverse=True)  # highest first
        # One voice: the verdict in words is the indicator table's.
        words = row["coverage_vs_neighbours"].removesuffix(" its neighbours")
        assert f") was {words} the " in sentence
    assert len(latest) == 153


def without_coverage(tables, codes: set[str]):
    """The tables with `codes` lacking coverage in the latest period, compared again."""
    from senco.indicators.neighbours import SCHEMA
    from senco.indicators.tables import IndicatorTables

    gone = (pl.col("period") == tables.latest) & pl.col("new_la_code").is_in(codes)
    la = tables.la.with_columns(
        pl.when(gone).then(None).otherwise(pl.col(c)).alias(c)
        for c in ("coverage_rate", "settings_completed")
    ).drop([c for c in SCHEMA if c not in ("period", "new_la_code")])
    live = live_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    la = la.join(compared_with_neighbours(la, read_neighbours(paths.STATISTICAL_NEIGHBOURS_CSV,
                 live)), on=["period", "new_la_code"], how="left")  # fmt: skip
    return IndicatorTables(la, tables.areas, tables.definitions, True, 30, tables.neighbours)


BARKING = "E09000002"


@pytest.mark.parametrize("whose", ["the LA", "its neighbours", "one neighbour"])
def test_a_comparison_without_figures_says_so_and_every_value_checks(factsheet_findings, whose):
    from senco.findings.check import check
    from senco.findings.factsheets import findings

    tables, _ = factsheet_findings
    group = tables.neighbours.filter(pl.col("new_la_code") == BARKING)
    codes = {"the LA": {BARKING}, "its neighbours": set(group["neighbour_new_la_code"]),
             "one neighbour": {group["neighbour_new_la_code"][0]}}[whose]  # fmt: skip
    edited = without_coverage(tables, codes)
    found = findings(edited, [BARKING]).as_dict()
    _, problems = check(found, edited.cited(), edited.definitions)
    assert problems == []
    text = next(f["text"] for f in found["findings"]
                if f["id"] == f"factsheet.{BARKING}.neighbours_compared")  # fmt: skip
    row = edited.la_row(edited.latest, BARKING)
    average = percent_1dp(row["neighbours_coverage_average"] or 0)
    expected = {
        "the LA": "Coverage in Barking and Dagenham is not available for November 2024; the "
                  f"average of its ten statistical neighbours was {average}.",
        "its neighbours": "None of Barking and Dagenham's ten statistical neighbours has a "
                          "coverage figure for November 2024, so it cannot be compared with them.",
        "one neighbour": f"the {average} average of the nine of its ten statistical neighbours "
                         f"with a figure for November 2024 ({group['neighbour_la_name'][0]}: not "
                         "available), allowing",
    }[whose]  # fmt: skip
    assert expected in text


def test_the_bulletin_section_counts_every_la_once_as_its_chart_does(factsheet_findings):
    from senco.findings.bulletin import findings as bulletin_findings
    from senco.findings.charts.common import findings as chart_findings

    tables, _ = factsheet_findings
    said = bulletin_findings(tables).findings
    verdicts = tables.la_frame(tables.latest)["coverage_vs_neighbours"].value_counts()
    count = dict(verdicts.iter_rows())
    higher, similar, lower = (count.get(v, 0) for v in VERDICTS)
    assert higher + similar + lower == 153
    assert said["commentary.neighbours.size"]["text"] == (
        f"By November 2024, coverage in {higher} of the 153 local authorities compared was higher "
        f"than the average of their ten statistical neighbours and in {lower} lower, allowing "
        f"for the sampling variation of each; in the other {similar} it was similar."
    )
    assert said["heading.neighbours"]["text"].endswith(f"in {higher} local authorities, lower "
                                                       f"in {lower}")  # fmt: skip
    chart = chart_findings(tables, "neighbours_compared").findings[
        "chart.neighbours_compared.table"
    ]
    england = [cell["text"] for cell in chart["rows"][-1]]
    assert england == ["England", str(higher), str(similar), str(lower), "0"]
    by_region = [sum(int(row[i]["text"]) for row in chart["rows"][:-1]) for i in (1, 2, 3)]
    assert by_region == [higher, similar, lower]
