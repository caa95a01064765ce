"""Overdispersion-adjusted funnel limits, rank intervals and the bootstrap over LAs.

The worked example's expected values were computed in R 4.2 with FunnelPlotR's proportion method
(the functions `transformed_zscore`, `winsorisation`, `phi_func`, `tau_func` and
`calculate_limits` of nhs-r-community/FunnelPlotR, `data_type = "PR"`) on the ten LAs below.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import polars as pl
import pytest

from senco.indicators.compute import Z_95, Z_998
from senco.indicators.dispersion import adjusted_limit, adjusted_z, estimate, quantile_type7
from senco.indicators.simulation import bootstrap_difference, rank_intervals

COMPLETED = [5, 12, 30, 8, 45, 3, 22, 60, 15, 9]
ELIGIBLE = [80, 150, 210, 95, 300, 40, 180, 400, 160, 120]
# FunnelPlotR's output, per LA: adjusted z, then the 95% and 99.8% adjusted limits (low, high).
FUNNELPLOTR = [
    tuple(float(value) for value in line.split())
    for line in """
    -1.51036105546016 0.0486453420809414 0.218601706702646 0.0212301828196502 0.284569291753752
    -1.21938026635237 0.059136560541364 0.199688349726443 0.0330796783777279 0.252086555814402
    0.649335771842363 0.0633358913268375 0.192732089597365 0.0381965635059085 0.240190324841193
    -0.943564602831567 0.0518707823462753 0.212530204930826 0.0247154205976911 0.274124529466074
    0.912054495295937 0.0668429097710202 0.187155160634091 0.0426089218009229 0.230679860720268
    -0.87999670918577 0.0330641833645449 0.25212418080048 0.00702208643314535 0.342343264667038
    0.0509270482338134 0.0615266190372388 0.195690492239544 0.0359687067734447 0.245245425082704
    0.957488516932856 0.0690625825048718 0.18372716344775 0.0454618428819852 0.22484765548724
    -0.792875292392209 0.0600145242331353 0.198207595850629 0.0341335867041082 0.24955143430644
    -1.30256093544361 0.0558214581665544 0.2054130001608 0.0291811598425699 0.26190003352386
    """.strip().splitlines()
]


def test_phi_and_tau2_match_funnelplotr():
    fitted = estimate(COMPLETED, ELIGIBLE)
    assert fitted.target == pytest.approx(0.120461095100865, rel=1e-12)
    assert fitted.phi == pytest.approx(1.74970555639646, rel=1e-12)
    assert fitted.tau2 == pytest.approx(0.00141525145951526, rel=1e-12)
    assert (fitted.las, fitted.winsorised) == (10, 2)


def test_adjusted_limits_and_z_match_funnelplotr():
    fitted = estimate(COMPLETED, ELIGIBLE)
    frame = pl.DataFrame({"x": COMPLETED, "n": ELIGIBLE}).with_columns(
        p=pl.col("x") / pl.col("n"), target=pl.lit(fitted.target), tau2=pl.lit(fitted.tau2)
    )
    z = frame.select(adjusted_z(pl.col("p"), pl.col("n"), pl.col("target"), pl.col("tau2")))
    for n, z_score, expected in zip(ELIGIBLE, z.to_series(), FUNNELPLOTR, strict=True):
        limits = [
            adjusted_limit(fitted.target, n, fitted.tau2, sign * level)
            for level in (Z_95, Z_998)
            for sign in (-1, 1)
        ]
        assert z_score == pytest.approx(expected[0], rel=1e-9)
        assert limits == pytest.approx(list(expected[1:]), rel=1e-9)


def test_the_expression_and_the_float_limit_agree():
    expression = pl.select(adjusted_limit(pl.lit(0.3), pl.lit(50.0), pl.lit(0.002), -Z_998)).item()
    assert expression == pytest.approx(adjusted_limit(0.3, 50.0, 0.002, -Z_998), rel=1e-12)


def test_a_negative_angle_gives_zero_not_a_wrapped_limit():
    assert adjusted_limit(0.01, 4, 0.05, -Z_998) == 0.0
    assert adjusted_limit(0.99, 4, 0.05, Z_998) == 1.0


@pytest.mark.parametrize(("p", "expected"), [(0.1, 1.9), (0.5, 5.5), (0.9, 9.1), (0.0, 1), (1, 10)])
def test_quantiles_are_rs_type_7(p, expected):
    assert quantile_type7(list(range(10, 0, -1)), p) == pytest.approx(expected)


def winsorised_normal_phi(trim: float = 0.1) -> float:
    """E[z^2] for a standard normal z winsorised at its trim and 1 - trim quantiles."""
    normal = NormalDist()
    c = normal.inv_cdf(1 - trim)
    inside = (1 - 2 * trim) - 2 * c * normal.pdf(c)
    return inside + 2 * trim * c**2


def test_without_overdispersion_z_is_standard_and_tau2_is_zero():
    """Binomial data: the z-scores have mean square 1, so phi is what winsorising a standard
    normal gives (about 0.68, as FunnelPlotR's estimate is not rescaled) and tau2 is 0."""
    generator = np.random.default_rng(1)
    raw, phis, zero_tau = [], [], 0
    for _ in range(200):
        n = generator.integers(50, 2000, size=150)
        x = generator.binomial(n, 0.07)
        fitted = estimate(x.tolist(), n.tolist())
        centre = math.asin(math.sqrt(fitted.target))
        raw.append(np.mean([((math.asin(math.sqrt(a / b)) - centre) * 2 * math.sqrt(b)) ** 2
                            for a, b in zip(x, n, strict=True)]))  # fmt: skip
        phis.append(fitted.phi)
        zero_tau += fitted.tau2 == 0
    assert np.mean(raw) == pytest.approx(1, abs=0.03)
    assert np.mean(phis) == pytest.approx(winsorised_normal_phi(), abs=0.03)
    assert zero_tau == 200


def test_adjusted_limits_contain_the_unadjusted_ones():
    generator = np.random.default_rng(2)
    n = generator.integers(20, 2000, size=150)
    x = generator.binomial(n, generator.beta(7, 93, size=150))
    fitted = estimate(x.tolist(), n.tolist())
    assert fitted.tau2 > 0
    for size in (5, 50, 500, 5000):
        for z in (Z_95, Z_998):
            plain = adjusted_limit(fitted.target, size, 0.0, z)
            assert adjusted_limit(fitted.target, size, fitted.tau2, z) >= plain
            plain_low = adjusted_limit(fitted.target, size, 0.0, -z)
            assert adjusted_limit(fitted.target, size, fitted.tau2, -z) <= plain_low


def test_one_la_cannot_show_variation_between_las():
    assert estimate([3], [40]) is None


def test_rank_intervals_are_reproducible_contain_the_rank_and_widen_as_the_base_shrinks():
    completed = [10, 20, 30, 40, 50, 1]
    eligible = [100, 200, 300, 400, 500, 10]  # all 10%; the last a very small base
    low, high = rank_intervals(completed, eligible)
    assert (low, high) == rank_intervals(completed, eligible)
    widths = [h - lo for lo, h in zip(low, high, strict=True)]
    assert widths[-1] == max(widths)
    assert widths[0] >= widths[4]  # 100 settings: wider than 500
    assert all(1 <= lo <= h <= len(completed) for lo, h in zip(low, high, strict=True))


def test_a_clear_leader_ranks_first():
    low, high = rank_intervals([900, 10, 20], [1000, 1000, 1000])
    assert (low[0], high[0]) == (1, 1)


def test_the_bootstrap_over_las_is_wider_than_the_pooled_interval_when_las_vary():
    from senco.indicators.compute import difference_interval

    generator = np.random.default_rng(3)
    n1, n2 = generator.integers(100, 1000, 78), generator.integers(100, 1000, 75)
    x1 = generator.binomial(n1, generator.beta(7, 93, 78))
    x2 = generator.binomial(n2, generator.beta(6, 94, 75))
    low, high = bootstrap_difference((x1.tolist(), n1.tolist()), (x2.tolist(), n2.tolist()))
    assert (low, high) == bootstrap_difference(
        (x1.tolist(), n1.tolist()), (x2.tolist(), n2.tolist())
    )
    difference, pooled_low, pooled_high = difference_interval(
        x1.sum(), n1.sum(), x2.sum(), n2.sum()
    )
    assert low < difference < high
    assert high - low > pooled_high - pooled_low
    assert not math.isnan(low)
