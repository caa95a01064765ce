"""Seeded simulations: intervals for LAs' ranks, and a bootstrap over LAs for group differences.

Both are deterministic: the same counts and seed give the same intervals on any machine.
"""

from __future__ import annotations

import numpy as np

DRAWS = 2000
SEED = 20250701  # the release month; any fixed value makes the results reproducible


def rank_intervals(
    numerators: list[int], denominators: list[int], draws: int = DRAWS, seed: int = SEED
) -> tuple[list[int], list[int]]:
    """A 95% interval for each LA's rank (1 = highest proportion), after Goldstein and
    Spiegelhalter (1996), "League tables and their limitations" (JRSS A 159:385-443).

    Each draw takes every LA's proportion from its posterior under a Jeffreys prior,
    Beta(x + 1/2, n - x + 1/2), and ranks the draws; the interval runs from the 2.5th to the
    97.5th percentile of each LA's ranks (the nearer order statistics outward, so the limits are
    whole ranks).
    """
    if not numerators:
        return [], []
    proportions = posterior_draws(numerators, denominators, draws, seed)
    # Rank within each draw, highest first; continuous draws do not tie.
    ranks = (-proportions).argsort(axis=1).argsort(axis=1) + 1
    low = np.quantile(ranks, 0.025, axis=0, method="lower")
    high = np.quantile(ranks, 0.975, axis=0, method="higher")
    return [int(v) for v in low], [int(v) for v in high]


def posterior_draws(
    numerators: list[int], denominators: list[int], draws: int = DRAWS, seed: int = SEED
) -> np.ndarray:
    """`draws` rows of every LA's proportion from its posterior under a Jeffreys prior,
    Beta(x + 1/2, n - x + 1/2), one column per LA in the order given: the draws the rank
    intervals and the comparisons with statistical neighbours share."""
    x = np.asarray(numerators, dtype=float)
    n = np.asarray(denominators, dtype=float)
    return np.random.default_rng(seed).beta(x + 0.5, n - x + 0.5, size=(draws, x.size))


def bootstrap_difference(
    group: tuple[list[int], list[int]],
    other: tuple[list[int], list[int]],
    draws: int = DRAWS,
    seed: int = SEED,
) -> tuple[float, float]:
    """A 95% percentile interval for the difference of two groups' pooled proportions, resampling
    LAs (not settings) with replacement within each group, so that variation between LAs, which
    a pooled binomial interval ignores, is allowed for (Efron and Tibshirani 1993, ch. 13)."""
    generator = np.random.default_rng(seed)
    differences = np.zeros(draws)
    for sign, (numerators, denominators) in ((1, group), (-1, other)):
        x, n = np.asarray(numerators, dtype=float), np.asarray(denominators, dtype=float)
        picks = generator.integers(0, x.size, size=(draws, x.size))
        differences += sign * x[picks].sum(axis=1) / n[picks].sum(axis=1)
    low, high = np.quantile(differences, [0.025, 0.975])
    return float(low), float(high)
