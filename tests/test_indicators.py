"""Indicators: worked values, Wilson and funnel properties, aggregates, nulls, ranks and change."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from senco import paths, published
from senco.core.contract import enforce, load_contract
from senco.core.errors import SencoError
from senco.core.neighbours import read_neighbours
from senco.core.reference import live_codes, load_la_reference
from senco.indicators.compute import (
    COUNTS,
    Z_95,
    Z_998,
    caveats_table,
    definitions_table,
    funnel_limits,
    la_indicators,
    load_definitions,
    rates_from,
    wilson_interval,
)
from senco.indicators.targeted import build_lookup, load_targeted_codes, render_lookup

DEFINITIONS = load_definitions(paths.INDICATOR_DEFINITIONS)
RATES = rates_from(DEFINITIONS)
NEIGHBOURS = read_neighbours(
    paths.STATISTICAL_NEIGHBOURS_CSV, live_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
)


def wilson_by_hand(x: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """The issue's formula in plain Python, to check the Polars expression against."""
    root = z * math.sqrt(z * z + 4 * x * (1 - x / n))
    return (2 * x + z * z - root) / (2 * (n + z * z)), (2 * x + z * z + root) / (2 * (n + z * z))


def wilson(x: float, n: float, z: float = Z_95) -> tuple[float, float]:
    frame = pl.DataFrame({"x": [float(x)], "n": [float(n)]})
    low, high = wilson_interval(pl.col("x"), pl.col("n"), z)
    return frame.select(low.alias("low"), high.alias("high")).row(0)


def la_row(code, name, region, counts, period="2024-06", old="999"):
    total, registered, completed, p_registered, p_completed = counts
    return {
        "period": period,
        "new_la_code": code,
        "old_la_code": old,
        "la_name": name,
        "region_code": region[0],
        "region_name": region[1],
        "settings_total": total,
        "settings_registered": registered,
        "settings_completed": completed,
        "practitioners_registered": p_registered,
        "practitioners_completed": p_completed,
        "data_status": published.DATA_STATUS_PUBLISHED,
    }


LONDON = ("E12000007", "London")
NORTH_EAST = ("E12000001", "North East")
COUNT_TYPES = dict.fromkeys(COUNTS, pl.Int64)


def frame(rows) -> pl.DataFrame:
    return pl.DataFrame(rows, schema_overrides=COUNT_TYPES)


def small_clean() -> pl.DataFrame:
    """Barking and Dagenham's real June 2024 counts, Barnet's (total made up) and two others."""
    rows = [
        la_row("E09000002", "Barking and Dagenham", LONDON, (169, 13, 3, 14, 3), old="301"),
        la_row("E09000003", "Barnet", LONDON, (310, 34, 13, 35, 13), old="302"),
        la_row("E06000001", "Hartlepool", NORTH_EAST, (120, 20, 10, 22, 11)),
        la_row("E06000002", "Middlesbrough", NORTH_EAST, (300, 30, 1, 30, 1)),
    ]
    later = [
        {
            **row,
            "period": "2024-11",
            "settings_completed": row["settings_completed"] + 2,
            "practitioners_completed": row["practitioners_completed"] + 2,
        }
        for row in rows
    ]
    return frame(rows + later)


@pytest.fixture(scope="module")
def computed():
    return la_indicators(small_clean(), ["E06000001", "E09000002"], RATES, neighbours=NEIGHBOURS)


def row_of(table: pl.DataFrame, code: str, period: str = "2024-06") -> dict:
    """One LA's row (la_indicators) or one area's row (aggregates) in a period."""
    key = "new_la_code" if "new_la_code" in table.columns else "area_code"
    return table.filter((pl.col(key) == code) & (pl.col("period") == period)).row(0, named=True)


# --- hand-worked values from the data set page -----------------------------------------------


def test_barking_and_dagenham_june_2024_by_hand(computed):
    la, _ = computed
    barking = row_of(la, "E09000002")
    assert barking["registered_rate"] == pytest.approx(13 / 169, abs=1e-15)  # 7.7%
    assert barking["coverage_rate"] == pytest.approx(3 / 169, abs=1e-15)  # 1.8%
    assert barking["completion_rate"] == pytest.approx(3 / 13, abs=1e-15)
    assert barking["practitioner_completion_rate"] == pytest.approx(3 / 14, abs=1e-15)
    assert barking["practitioners_per_setting"] == pytest.approx(14 / 13, abs=1e-15)
    # (2·13 + z² ∓ z√(z² + 4·13·(1 − 13/169))) / (2·(169 + z²))
    assert (barking["registered_rate_ci_low"], barking["registered_rate_ci_high"]) == (
        pytest.approx(wilson_by_hand(13, 169), abs=1e-12)
    )
    assert barking["registered_rate_ci_low"] == pytest.approx(0.04550, abs=5e-5)
    assert barking["registered_rate_ci_high"] == pytest.approx(0.12715, abs=5e-5)
    assert (barking["coverage_rate_ci_low"], barking["coverage_rate_ci_high"]) == (
        pytest.approx(wilson_by_hand(3, 169), abs=1e-12)
    )
    assert barking["targeted"] is True
    assert row_of(la, "E09000003")["targeted"] is False


# --- Wilson intervals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (score interval).
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_matches_published_worked_examples(x, n, low, high):
    assert wilson(x, n) == (pytest.approx(low, abs=5e-5), pytest.approx(high, abs=5e-5))


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1, 200_000), data=st.data(), z=st.sampled_from([Z_95, Z_998]))
def test_wilson_interval_properties(n, data, z):
    x = data.draw(st.integers(0, n))
    low, high = wilson(x, n, z)
    assert 0.0 <= low <= x / n + 1e-12
    assert x / n - 1e-12 <= high <= 1.0
    assert (low, high) == pytest.approx(wilson_by_hand(x, n, z), abs=1e-12)
    # Symmetric: the interval for n − x is the mirror image.
    mirror_low, mirror_high = wilson(n - x, n, z)
    assert low == pytest.approx(1 - mirror_high, abs=1e-12)
    # Wider at the higher confidence level.
    if z == Z_95:
        wide_low, wide_high = wilson(x, n, Z_998)
        assert wide_low <= low + 1e-12 and high <= wide_high + 1e-12


# --- funnel limits ---------------------------------------------------------------------------


def funnel(p0: float, n: float, z: float) -> tuple[float, float]:
    limits = funnel_limits(pl.col("p0"), pl.col("n"), z)
    frame = pl.DataFrame({"p0": [p0], "n": [float(n)]})
    return frame.select(limits[0].alias("low"), limits[1].alias("high")).row(0)


@settings(max_examples=300, deadline=None)
@given(
    p0=st.floats(0.001, 0.999),
    n=st.integers(1, 500_000),
    z=st.sampled_from([Z_95, Z_998]),
)
def test_the_wilson_interval_at_a_funnel_limit_touches_the_england_value(p0, n, z):
    low, high = funnel(p0, n, z)
    assert 0.0 <= low <= p0 <= high <= 1.0
    if high < 1.0:  # an LA observing exactly the upper limit has a Wilson interval starting at p0
        assert wilson(high * n, n, z)[0] == pytest.approx(p0, rel=1e-9, abs=1e-12)
    if low > 0.0:
        assert wilson(low * n, n, z)[1] == pytest.approx(p0, rel=1e-9, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(p0=st.floats(0.01, 0.99), n=st.integers(2, 100_000))
def test_funnel_narrows_with_n_and_widens_with_z(p0, n):
    low, high = funnel(p0, n, Z_95)
    wider_low, wider_high = funnel(p0, n, Z_998)
    narrower_low, narrower_high = funnel(p0, n * 4, Z_95)
    assert wider_low <= low and high <= wider_high
    assert low <= narrower_low and narrower_high <= high


def test_funnel_band_and_comparison(computed):
    la, areas = computed
    england = row_of(areas, "E92000001")
    for row in la.iter_rows(named=True):
        rate = row["coverage_rate"]
        expected_band = (
            "below 99.8%"
            if rate < row["coverage_funnel_low_998"]
            else "below 95%"
            if rate < row["coverage_funnel_low_95"]
            else "above 99.8%"
            if rate > row["coverage_funnel_high_998"]
            else "above 95%"
            if rate > row["coverage_funnel_high_95"]
            else "within 95%"
        )
        assert row["coverage_funnel_band"] == expected_band
        # One rule for "compared with England": outside the adjusted 95% limits, or not.
        adjusted = row["coverage_od_funnel_band"]
        assert row["coverage_vs_england"] == (
            None
            if adjusted is None
            else "lower than England"
            if rate < row["coverage_od_funnel_low_95"]
            else "higher than England"
            if rate > row["coverage_od_funnel_high_95"]
            else "similar to England"
        )
    assert england["coverage_rate"] == pytest.approx(27 / 899)
    verdicts = la.filter(pl.col("period") == "2024-11")["coverage_vs_england"].to_list()
    assert "similar to England" in verdicts


# --- aggregates ------------------------------------------------------------------------------


def test_england_regions_and_groups_sum_their_las(computed):
    la, areas = computed
    counts = list(COUNTS)
    for period in ("2024-06", "2024-11"):
        las = la.filter(pl.col("period") == period)
        in_period = areas.filter(pl.col("period") == period)
        england = in_period.filter(pl.col("geographic_level") == "National").row(0, named=True)
        assert [england[c] for c in counts] == [las[c].sum() for c in counts]
        assert england["las"] == 4
        for region_code, members in las.group_by("region_code"):
            region = in_period.filter(pl.col("area_code") == region_code[0]).row(0, named=True)
            assert [region[c] for c in counts] == [members[c].sum() for c in counts]
        groups = in_period.filter(pl.col("geographic_level") == "Group")
        assert groups["area_code"].to_list() == ["not_targeted", "targeted"]
        assert [groups[c].sum() for c in counts] == [england[c] for c in counts]


def test_aggregate_rates_come_from_summed_counts_not_averaged_rates(computed):
    la, areas = computed
    england = row_of(areas, "E92000001")
    june = la.filter(pl.col("period") == "2024-06")
    assert (
        england["coverage_rate"] == june["settings_completed"].sum() / june["settings_total"].sum()
    )
    assert england["coverage_rate"] != pytest.approx(june["coverage_rate"].mean())
    assert (england["coverage_rate_ci_low"], england["coverage_rate_ci_high"]) == pytest.approx(
        wilson_by_hand(27, 899), abs=1e-12
    )


# --- nulls, ranks and change -----------------------------------------------------------------


def test_a_zero_or_unavailable_count_gives_null_rates_with_reasons():
    rows = small_clean().filter(pl.col("period") == "2024-06").to_dicts()
    rows[0] |= {"settings_total": 0, "settings_registered": 0, "settings_completed": 0}
    rows[1] |= {"settings_completed": None}
    la, areas = la_indicators(frame(rows), [], RATES)
    zero = row_of(la, "E09000002")
    assert zero["coverage_rate"] is None and zero["coverage_rate_reason"] == "zero denominator"
    assert zero["coverage_rate_ci_low"] is None and zero["coverage_rate_ci_high"] is None
    assert zero["coverage_vs_england"] is None and zero["coverage_funnel_band"] is None
    assert zero["coverage_funnel_low_95"] is None
    assert zero["coverage_rank"] is None and zero["coverage_quintile"] is None
    assert zero["practitioners_per_setting_reason"] == "zero denominator"
    assert zero["practitioner_completion_rate"] == pytest.approx(3 / 14)  # its own counts exist
    missing = row_of(la, "E09000003")
    assert missing["coverage_rate"] is None and missing["coverage_rate_reason"] == "not available"
    assert missing["registered_rate"] == pytest.approx(34 / 310)
    for value in la.select(pl.col(pl.Float64)).iter_rows():
        assert all(v is None or math.isfinite(v) for v in value)  # never inf or NaN
    england = row_of(areas, "E92000001")
    assert england["settings_completed"] is None  # one LA unavailable: no silent undercount
    assert england["coverage_rate_reason"] == "not available"
    assert england["settings_total"] == 0 + 310 + 120 + 300
    ranked = la.filter(pl.col("coverage_rank").is_not_null())
    assert ranked["coverage_rank"].sort().to_list() == [1, 2]
    assert ranked.sort("coverage_rank")["coverage_quintile"].to_list() == [3, 5]  # ceil(5·r/2)


def test_ties_share_the_lowest_rank():
    rows = [
        la_row(f"E0600000{i}", f"LA {i}", NORTH_EAST, (100, 50, completed, 50, completed))
        for i, completed in enumerate([30, 20, 20, 10, 5], start=1)
    ]
    la, _ = la_indicators(frame(rows), [], RATES)
    assert la.sort("new_la_code")["coverage_rank"].to_list() == [1, 2, 2, 4, 5]
    assert la.sort("new_la_code")["coverage_quintile"].to_list() == [1, 2, 2, 4, 5]


def test_change_is_on_the_later_period_only(computed):
    la, _ = computed
    june, november = row_of(la, "E09000002"), row_of(la, "E09000002", "2024-11")
    assert june["settings_completed_change"] is None and june["coverage_rate_change"] is None
    assert november["settings_completed_change"] == 2
    assert november["coverage_rate_change"] == pytest.approx(5 / 169 - 3 / 169)


# --- the targeted lookup ---------------------------------------------------------------------


def test_the_committed_targeted_lookup_is_what_the_mapping_makes():
    assert paths.TARGETED_CODES_CSV.read_bytes() == render_lookup(build_lookup())


def test_the_targeted_lookup_has_78_current_codes_from_76_names():
    lookup = load_targeted_codes(paths.TARGETED_CODES_CSV)
    reference = load_la_reference(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    names = pl.read_csv(paths.TARGETED_NAMES_CSV)["la_name_as_published"]
    assert lookup.height == 78 and lookup["new_la_code"].n_unique() == 78
    assert set(lookup["new_la_code"]) <= set(reference["new_la_code"])
    assert sorted(set(lookup["la_name_as_published"])) == sorted(names.to_list())
    assert names.len() == 76
    split = lookup.filter(pl.col("la_name_as_published").is_in(["Cumbria", "Northamptonshire"]))
    assert sorted(split["la_name"].to_list()) == [
        "Cumberland",
        "North Northamptonshire",
        "West Northamptonshire",
        "Westmorland and Furness",
    ]
    renamed = dict(zip(lookup["la_name_as_published"], lookup["la_name"], strict=False))
    assert renamed["Durham"] == "County Durham"
    assert renamed["Bristol, City of"] == "Bristol, City of"
    assert renamed["Kingston upon Hull, City of"] == "Kingston upon Hull, City of"
    assert renamed["St. Helens"] == "St. Helens"


def test_a_broken_lookup_is_refused(tmp_path):
    lookup = pl.read_csv(paths.TARGETED_CODES_CSV)
    lookup.head(77).write_csv(tmp_path / "lookup.csv")
    with pytest.raises(SencoError, match="expected 78 distinct LA codes"):
        load_targeted_codes(tmp_path / "lookup.csv")


# --- contracts and definitions ---------------------------------------------------------------


def test_the_contracts_hold_and_a_breach_is_named(computed):
    la, areas = computed
    contract = load_contract(paths.LA_INDICATORS_SCHEMA)
    assert enforce(la, contract).columns == contract.names
    enforce(areas, load_contract(paths.AGGREGATES_SCHEMA))
    with pytest.raises(SencoError, match="missing column\\(s\\) coverage_rank"):
        enforce(la.drop("coverage_rank"), contract)
    with pytest.raises(SencoError, match="column coverage_rate is String, expected Float64"):
        enforce(la.with_columns(pl.col("coverage_rate").cast(pl.String)), contract)


def test_definitions_cover_every_indicator_column(computed):
    la, areas = computed
    table = definitions_table(DEFINITIONS)
    enforce(table, load_contract(paths.DEFINITIONS_SCHEMA))
    assert set(table["name"]) <= set(la.columns) | set(areas.columns)
    rates = table.filter(pl.col("unit") == "percent")
    assert set(rates["decimal_places"]) == {1}
    assert {rate.name for rate in RATES} <= set(table["name"])
    coverage = table.filter(pl.col("name") == "coverage_rate").row(0, named=True)
    assert "31 March 2024" in coverage["caveats"] and "derived" in coverage["caveats"]


# --- edge cases found in review -------------------------------------------------------------


@pytest.mark.parametrize("n", [31, 100, 997, 5000])
def test_an_all_or_nothing_count_keeps_its_interval_inside_zero_and_one(n):
    assert wilson(n, n)[1] == 1.0 and wilson(0, n)[0] == 0.0


def test_completed_above_registered_under_warn_gives_null_with_a_reason_never_nan():
    rows = small_clean().filter(pl.col("period") == "2024-06").to_dicts()
    rows[0] |= {"settings_completed": 20}  # more than the 13 registered
    la, _ = la_indicators(frame(rows), [], RATES, neighbours=NEIGHBOURS)
    barking = row_of(la, "E09000002")
    assert barking["completion_rate"] is None
    assert barking["completion_rate_reason"] == "numerator exceeds denominator"
    assert barking["completion_rate_ci_low"] is None
    assert barking["coverage_rate"] == pytest.approx(20 / 169)  # still a valid proportion
    enforce(la, load_contract(paths.LA_INDICATORS_SCHEMA))  # no NaN reaches the contract


def test_the_contract_refuses_nan():
    la, _ = la_indicators(small_clean(), [], RATES, neighbours=NEIGHBOURS)
    broken = la.with_columns(pl.lit(float("nan")).alias("coverage_rate"))
    with pytest.raises(SencoError, match="coverage_rate has NaN or infinite values"):
        enforce(broken, load_contract(paths.LA_INDICATORS_SCHEMA))


def test_change_is_against_the_previous_period_of_the_release_not_the_las_last_row():
    base = small_clean().filter(pl.col("new_la_code") == "E06000001")
    three = pl.concat(
        [
            base.filter(pl.col("period") == "2024-06").with_columns(period=pl.lit("2024-01")),
            base.filter(pl.col("period") == "2024-06"),
            base.filter(pl.col("period") == "2024-11"),
            small_clean().filter(pl.col("new_la_code") == "E06000002"),
        ]
    ).filter(~((pl.col("new_la_code") == "E06000002") & (pl.col("period") == "2024-06")))
    la, _ = la_indicators(three, [], RATES)
    assert row_of(la, "E06000001", "2024-11")["settings_completed_change"] == 2
    assert row_of(la, "E06000001", "2024-06")["settings_completed_change"] == 0
    assert row_of(la, "E06000001", "2024-01")["settings_completed_change"] is None
    # Absent in June: no change in November rather than one measured from January.
    assert row_of(la, "E06000002", "2024-11")["settings_completed_change"] is None


def test_one_unavailable_la_makes_england_and_its_comparisons_unavailable():
    rows = small_clean().filter(pl.col("period") == "2024-06").to_dicts()
    rows[3] |= {"settings_completed": None}
    la, areas = la_indicators(frame(rows), ["E06000001"], RATES)
    assert row_of(areas, "E92000001")["coverage_rate"] is None
    assert row_of(areas, "E12000001")["coverage_rate"] is None  # its region
    assert row_of(areas, "not_targeted")["coverage_rate"] is None  # its group
    assert row_of(areas, "E12000007")["coverage_rate"] == pytest.approx(16 / 479)
    assert la["coverage_vs_england"].null_count() == la.height
    assert la["coverage_funnel_band"].null_count() == la.height
    assert la.filter(pl.col("coverage_rate").is_not_null())["coverage_rank"].null_count() == 0


def test_mixed_data_statuses_are_refused():
    mixed = small_clean().with_columns(
        data_status=pl.when(pl.col("period") == "2024-06")
        .then(pl.lit(published.DATA_STATUS_SYNTHETIC))
        .otherwise(pl.lit(published.DATA_STATUS_PUBLISHED))
    )
    with pytest.raises(SencoError, match="mixes data statuses"):
        la_indicators(mixed, [], RATES)


def test_an_unknown_interval_method_is_refused():
    definitions = {
        **DEFINITIONS,
        "indicators": [{**DEFINITIONS["indicators"][6], "interval": "exact"}],
    }
    with pytest.raises(SencoError, match="unknown interval method 'exact'"):
        rates_from(definitions)


def test_difference_interval_matches_newcombes_worked_example():
    from senco.indicators.compute import difference_interval

    # Newcombe (1998), Statistics in Medicine 17:873-890: 56/70 - 48/80, method 10.
    difference, low, high = difference_interval(56, 70, 48, 80)
    assert difference == pytest.approx(0.2)
    assert (low, high) == (pytest.approx(0.0524, abs=5e-5), pytest.approx(0.3339, abs=5e-5))


# --- overdispersion, rank intervals, small bases, the targeted difference --------------------


@pytest.fixture(scope="module")
def release():
    """Every LA of the synthetic release."""
    from samples import indicator_tables

    return indicator_tables()


def test_the_adjusted_funnel_is_estimated_per_period_and_flags_fewer_las(release):
    from senco.indicators.dispersion import adjusted_limit, estimate

    for period in release.periods:
        la = release.la_frame(period)
        england = release.england(period)
        fitted = estimate(la["settings_completed"].to_list(), la["settings_total"].to_list())
        assert england["coverage_phi"] == pytest.approx(fitted.phi, rel=1e-12)
        assert england["coverage_tau2"] == pytest.approx(fitted.tau2, rel=1e-12)
        assert england["coverage_od_las"] == la.height
        outside = la.filter(pl.col("coverage_funnel_band").str.contains("99.8%")).height
        outside_adjusted = la.filter(pl.col("coverage_od_funnel_band").str.contains("99.8%"))
        assert fitted.phi > 1 and outside_adjusted.height < outside
        for row in la.head(5).iter_rows(named=True):
            for column, z in (("low_95", -Z_95), ("high_998", Z_998)):
                expected = adjusted_limit(fitted.target, row["settings_total"], fitted.tau2, z)
                assert row[f"coverage_od_funnel_{column}"] == pytest.approx(expected, rel=1e-12)
    regions = release.areas.filter(pl.col("geographic_level") != "National")
    assert regions["coverage_phi"].null_count() == regions.height


def test_rank_intervals_hold_the_rank_and_are_widest_for_the_smallest_base(release):
    la = release.la_frame(release.latest).filter(pl.col("coverage_rank").is_not_null())
    assert (la["coverage_rank_low"] <= la["coverage_rank"]).all()
    assert (la["coverage_rank"] <= la["coverage_rank_high"]).all()
    widths = la.with_columns(width=pl.col("coverage_rank_high") - pl.col("coverage_rank_low"))
    smallest = widths.sort("settings_total").row(0, named=True)
    assert smallest["width"] > widths["width"].median()


def test_small_bases_follow_the_threshold():
    la, _ = la_indicators(small_clean(), [], RATES, small_base_min=100)
    assert la["small_base"].to_list() == (la["settings_total"] < 100).to_list()
    la, _ = la_indicators(small_clean(), [], RATES, small_base_min=1)
    assert not la["small_base"].any()


def test_the_targeted_difference_is_on_the_targeted_row_only(release):
    from senco.indicators.compute import difference_interval

    for period in release.periods:
        targeted = release.group(period, "targeted")
        other = release.group(period, "not_targeted")
        difference, low, high = difference_interval(
            targeted["settings_completed"], targeted["settings_total"],
            other["settings_completed"], other["settings_total"],
        )  # fmt: skip
        assert targeted["coverage_difference"] == pytest.approx(difference)
        assert targeted["coverage_difference_pooled_ci_low"] == pytest.approx(low)
        assert targeted["coverage_difference_pooled_ci_high"] == pytest.approx(high)
        # LAs, not settings, are the unit: the bootstrap interval is the wider one.
        bootstrap = targeted["coverage_difference_ci_high"] - targeted["coverage_difference_ci_low"]
        assert bootstrap > high - low
        assert other["coverage_difference"] is None


def test_region_ranks_count_within_the_region_with_their_intervals(release):
    la = release.la_frame(release.latest).filter(pl.col("coverage_rate").is_not_null())
    for region, rows in la.group_by("region_code"):
        ranks = rows["coverage_region_rank"]
        assert ranks.min() == 1 and ranks.max() <= rows.height
        assert (rows["coverage_region_rank_low"] <= ranks).all()
        assert (ranks <= rows["coverage_region_rank_high"]).all()
        assert rows["coverage_region_rank_high"].max() <= rows.height, region


def test_each_caveat_is_numbered_once_and_every_definition_names_its_own():
    """The bulletin reads its caveats from these two tables, never from the YAML."""
    caveats = caveats_table(DEFINITIONS)
    assert caveats["number"].to_list() == list(range(1, len(DEFINITIONS["caveats"]) + 1))
    assert caveats["key"].to_list() == list(DEFINITIONS["caveats"])
    text = dict(zip(caveats["number"], caveats["text"], strict=True))
    table = definitions_table(DEFINITIONS)
    for item, row in zip(DEFINITIONS["indicators"], table.iter_rows(named=True), strict=True):
        numbers = [int(n) for n in (row["caveat_numbers"] or "").split(", ") if n]
        assert [caveats["key"][n - 1] for n in numbers] == item["caveats"]
        joined = " ".join(text[n] for n in numbers)
        assert " ".join((row["caveats"] or "").split()) == joined
