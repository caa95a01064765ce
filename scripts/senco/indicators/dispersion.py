"""Funnel limits that allow for overdispersion, for proportions.

LAs differ far more than binomial sampling alone allows, so limits built on sampling error flag
many LAs as unusual that are not. Following Spiegelhalter (2005), "Handling over-dispersion of
performance indicators" (Quality and Safety in Health Care 14:347-351), exactly as the NHS-R
package FunnelPlotR computes it for proportions (`data_type = "PR"`, in `R/od_adjustment.R` and
`R/calculate_limits.R`), so a reviewer can reproduce every number in R:

- the target p0 is the pooled proportion over the LAs; each LA's proportion is put on the
  variance-stabilising scale y = asin(sqrt(p)), with standard error s = 1 / (2 sqrt(n));
- z = (y - asin(sqrt(p0))) / s is winsorised at its 10th and 90th percentiles (R's type 7), and
  the overdispersion ratio phi is the mean of the winsorised z squared;
- the between-LA variance tau2 is 0 if k phi < k - 1, else (k phi - (k - 1)) /
  (sum w - sum w^2 / sum w) with w = 1 / s^2 (the DerSimonian-Laird moment estimate);
- limits are sin(asin(sqrt(p0)) +/- z sqrt(s^2 + tau2))^2, clipped to [0, 1].
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

WINSORISE = 0.1  # at each end, as FunnelPlotR's default


@dataclass(frozen=True)
class Dispersion:
    """What the adjustment estimated from one period's LAs."""

    target: float  # p0, the pooled proportion
    phi: float  # overdispersion ratio: about 1 when LAs vary only by chance
    tau2: float  # between-LA variance on the asin(sqrt) scale; 0 if none is detected
    las: int  # k, the LAs it was estimated from
    winsorised: int  # LAs whose z was at or beyond the 10th or 90th percentile


def quantile_type7(values: list[float], probability: float) -> float:
    """R's default quantile (type 7): linear interpolation between order statistics."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * probability
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (position - below) * (ordered[above] - ordered[below])


def standard_error(n: float) -> float:
    return 1 / (2 * math.sqrt(n))


def estimate(numerators: list[float], denominators: list[float]) -> Dispersion | None:
    """phi and tau2 from LAs' counts (each with a denominator above zero); None if fewer than
    two LAs, from which no variation between LAs can be estimated."""
    k = len(numerators)
    if k < 2:
        return None
    target = sum(numerators) / sum(denominators)
    centre = math.asin(math.sqrt(target))
    errors = [standard_error(n) for n in denominators]
    z = [
        (math.asin(math.sqrt(x / n)) - centre) / s
        for x, n, s in zip(numerators, denominators, errors, strict=True)
    ]
    low, high = quantile_type7(z, WINSORISE), quantile_type7(z, 1 - WINSORISE)
    winsorised = [min(max(value, low), high) for value in z]
    phi = sum(value**2 for value in winsorised) / k
    weights = [1 / s**2 for s in errors]
    spread = sum(weights) - sum(w**2 for w in weights) / sum(weights)
    tau2 = 0.0 if k * phi < k - 1 or spread <= 0 else (k * phi - (k - 1)) / spread
    outside = sum(1 for value in z if not low < value < high)
    return Dispersion(target, phi, max(tau2, 0.0), k, outside)


def adjusted_limit(target, n, tau2, z: float):
    """The limit z standard errors (negative: below) from the target, for denominator n; a
    Polars expression when `target`, `n` or `tau2` is one, else a float."""
    if any(isinstance(value, pl.Expr) for value in (target, n, tau2)):
        target, n, tau2 = (v if isinstance(v, pl.Expr) else pl.lit(v) for v in (target, n, tau2))
        angle = target.sqrt().arcsin() + z * (0.25 / n + tau2).sqrt()
        return angle.clip(0.0, math.pi / 2).sin() ** 2
    angle = math.asin(math.sqrt(target)) + z * math.sqrt(0.25 / n + tau2)
    return math.sin(min(max(angle, 0.0), math.pi / 2)) ** 2


def adjusted_z(proportion: pl.Expr, n: pl.Expr, target: pl.Expr, tau2: pl.Expr) -> pl.Expr:
    """(asin(sqrt(p)) - asin(sqrt(p0))) / sqrt(s^2 + tau2)."""
    return (proportion.sqrt().arcsin() - target.sqrt().arcsin()) / (0.25 / n + tau2).sqrt()
