"""Per-LA indicators with uncertainty, and England, regional and programme-group aggregates.

Every rate is computed from counts (aggregates from summed counts, never by averaging rates), is
stored unrounded as a proportion, and is null with a reason when it cannot be computed. The
definitions (labels, formulas, display precision) live in `workflow/indicators.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from .. import published
from ..core.errors import SencoError
from ..core.neighbours import Neighbour
from . import dispersion, simulation
from .neighbours import compared_with_neighbours

Z_95 = 1.959964
Z_998 = 3.090232

COUNTS = (
    "settings_total",
    "settings_registered",
    "settings_completed",
    "practitioners_registered",
    "practitioners_completed",
)
LA_KEY = ["period", "new_la_code"]
REASON_ZERO_DENOMINATOR = "zero denominator"
REASON_NOT_AVAILABLE = "not available"
REASON_NUMERATOR_EXCEEDS = "numerator exceeds denominator"

FUNNEL_BANDS = ("below 99.8%", "below 95%", "within 95%", "above 95%", "above 99.8%")
# An LA's coverage compared with England, in the words every output uses: higher or lower when
# it lies outside the 95% funnel limits that allow for variation between LAs, and unusually so
# outside the 99.8% limits (coverage_od_funnel_band). One rule, wherever an LA is compared.
LOWER, SIMILAR, HIGHER = "lower than England", "similar to England", "higher than England"
VERDICTS = {FUNNEL_BANDS[0]: LOWER, FUNNEL_BANDS[1]: LOWER, FUNNEL_BANDS[2]: SIMILAR,
            FUNNEL_BANDS[3]: HIGHER, FUNNEL_BANDS[4]: HIGHER}  # fmt: skip

NATIONAL, REGIONAL, GROUP = "National", "Regional", "Group"
# True on the row of an LA the lookup gives for a period but the release lacks (allowed by
# allow_missing_las): its counts are null, and the aggregates it belongs to are incomplete.
MISSING = "missing_from_release"
SMALL_BASE_MIN = 30  # default fewest eligible settings for a stable rate (config small_base_min)
TARGETED_GROUP = ("targeted", "LAs targeted by the programme")
OTHER_GROUP = ("not_targeted", "Other LAs")


@dataclass(frozen=True)
class Rate:
    name: str
    numerator: str
    denominator: str
    proportion: bool  # a share of the denominator, so it cannot exceed 1
    interval: bool


INTERVAL_METHODS = {"wilson": "95% Wilson score interval"}
PROPORTION_UNIT = "percent"


def load_definitions(path: str | Path) -> dict[str, Any]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def rates_from(definitions: dict[str, Any]) -> tuple[Rate, ...]:
    rates = []
    for item in definitions["indicators"]:
        if "numerator" not in item:
            continue
        method = item.get("interval")
        if method is not None and method not in INTERVAL_METHODS:
            raise SencoError(f"indicator {item['name']}: unknown interval method {method!r}")
        rates.append(
            Rate(
                name=item["name"],
                numerator=item["numerator"],
                denominator=item["denominator"],
                proportion=item["unit"] == PROPORTION_UNIT,
                interval=method is not None,
            )
        )
    return tuple(rates)


def caveats_table(definitions: dict[str, Any]) -> pl.DataFrame:
    """Every caveat once, numbered in workflow/indicators.yaml's order: the notes each
    indicator's definition refers to by number."""
    return pl.DataFrame(
        [
            {"number": number, "key": key, "text": " ".join(text.split())}
            for number, (key, text) in enumerate(definitions["caveats"].items(), start=1)
        ],
        schema={"number": pl.Int32, "key": pl.String, "text": pl.String},
    )


def definitions_table(definitions: dict[str, Any]) -> pl.DataFrame:
    """One row per indicator for readers and templates; caveats joined into one text, and the
    numbers of its notes in the caveats table."""
    caveats = definitions["caveats"]
    numbers = {key: number for number, key in enumerate(caveats, start=1)}
    return pl.DataFrame(
        [
            {
                "name": item["name"],
                "label": item["label"],
                "formula": item["formula"],
                "unit": item["unit"],
                "decimal_places": item["decimal_places"],
                "confidence_interval": INTERVAL_METHODS.get(item.get("interval")),
                "caveats": " ".join(caveats[key] for key in item["caveats"]) or None,
                "caveat_numbers": ", ".join(str(numbers[key]) for key in item["caveats"]) or None,
            }
            for item in definitions["indicators"]
        ],
        schema={
            "name": pl.String,
            "label": pl.String,
            "formula": pl.String,
            "unit": pl.String,
            "decimal_places": pl.Int32,
            "confidence_interval": pl.String,
            "caveats": pl.String,
            "caveat_numbers": pl.String,
        },
    )


# --- the statistics, as Polars expressions ----------------------------------------------------


def wilson_interval(x: pl.Expr, n: pl.Expr, z: float = Z_95) -> tuple[pl.Expr, pl.Expr]:
    """Wilson score interval for x of n: (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)).

    At x = 0 the lower limit is exactly 0 and at x = n the upper is exactly 1; floating point
    would otherwise land a hair either side, and flip a comparison with a benchmark of 0 or 1.
    """
    centre = 2 * x + z**2
    spread = z * (z**2 + 4 * x * (1 - x / n)).sqrt()
    denominator = 2 * (n + z**2)
    low = pl.when(x == 0).then(0.0).otherwise((centre - spread) / denominator)
    high = pl.when(x == n).then(1.0).otherwise((centre + spread) / denominator)
    return low.clip(0.0, 1.0), high.clip(0.0, 1.0)


def funnel_limits(p0: pl.Expr, n: pl.Expr, z: float) -> tuple[pl.Expr, pl.Expr]:
    """Funnel limits around p0 for denominator n, clipped to [0, 1].

    The limit is the observed proportion whose Wilson interval just touches p0. The Wilson
    interval inverts the score test, so that proportion is p0 ± z√(p0(1 − p0)/n): the closed form
    PHEindicatormethods' funnel method reduces to.
    """
    half_width = z * (p0 * (1 - p0) / n).sqrt()
    return (p0 - half_width).clip(0.0, 1.0), (p0 + half_width).clip(0.0, 1.0)


def with_rates(frame: pl.DataFrame, rates: tuple[Rate, ...]) -> pl.DataFrame:
    """Add each rate, its reason when null, and its Wilson interval where defined, and the
    registered practitioners who had not completed."""
    registered, completed = pl.col("practitioners_registered"), pl.col("practitioners_completed")
    columns = [
        pl.when(registered >= completed)
        .then(registered - completed)
        .alias("practitioners_not_completed")
    ]
    for rate in rates:
        x, n = pl.col(rate.numerator), pl.col(rate.denominator)
        available = x.is_not_null() & n.is_not_null()
        positive = available & (n > 0)
        # A proportion above 1 (possible when consistency_breach is 'warn') has no meaning.
        computable = positive & (x <= n) if rate.proportion else positive
        columns += [
            pl.when(computable).then(x / n).alias(rate.name),
            pl.when(~available)
            .then(pl.lit(REASON_NOT_AVAILABLE))
            .when(~positive)
            .then(pl.lit(REASON_ZERO_DENOMINATOR))
            .when(~computable)
            .then(pl.lit(REASON_NUMERATOR_EXCEEDS))
            .alias(f"{rate.name}_reason"),
        ]
        if rate.interval:
            low, high = wilson_interval(x.cast(pl.Float64), n.cast(pl.Float64))
            columns += [
                pl.when(computable).then(low).alias(f"{rate.name}_ci_low"),
                pl.when(computable).then(high).alias(f"{rate.name}_ci_high"),
            ]
    return frame.with_columns(columns)


def compared_with_england(od_band: pl.Expr, england: pl.Expr) -> pl.Expr:
    """The verdict from the LA's band against the limits that allow for variation between LAs;
    none when England's own coverage is not available (there is nothing to compare with)."""
    return pl.when(england.is_not_null()).then(
        od_band.replace_strict(VERDICTS, default=None, return_dtype=pl.String)
    )


def funnel_band(rate: pl.Expr, low_95, high_95, low_998, high_998) -> pl.Expr:
    below_998, below_95, within, above_95, above_998 = FUNNEL_BANDS
    return (
        pl.when(rate.is_null() | low_95.is_null())
        .then(None)
        .when(rate < low_998)
        .then(pl.lit(below_998))
        .when(rate < low_95)
        .then(pl.lit(below_95))
        .when(rate > high_998)
        .then(pl.lit(above_998))
        .when(rate > high_95)
        .then(pl.lit(above_95))
        .otherwise(pl.lit(within))
    )


# --- tables ---------------------------------------------------------------------------------


def _sum_or_null(column: str, present: pl.Expr) -> pl.Expr:
    """A group total over the LAs `present`, or null if any of their counts is not available
    (never a silent undercount)."""
    counts = pl.col(column).filter(present)
    return pl.when(counts.null_count() == 0).then(counts.sum()).alias(column)


def aggregates(la: pl.DataFrame, rates: tuple[Rate, ...]) -> pl.DataFrame:
    """England, each region, and targeted vs other LAs, per period, from summed counts.

    An area with LAs missing from the release (`missing_from_release`) is incomplete: its rates
    are of the LAs present and `las_missing` says how many are not, and its counts are null
    (a sum over fewer LAs would understate the total)."""
    totals = [
        (~pl.col(MISSING)).sum().cast(pl.Int32).alias("las"),
        pl.col(MISSING).sum().cast(pl.Int32).alias("las_missing"),
        *(_sum_or_null(c, present=~pl.col(MISSING)) for c in COUNTS),
    ]
    national = la.group_by("period").agg(
        pl.lit(NATIONAL).alias("geographic_level"),
        pl.lit(published.COUNTRY_CODE).alias("area_code"),
        pl.lit(published.COUNTRY_NAME).alias("area_name"),
        *totals,
    )
    regional = la.group_by("period", "region_code", "region_name").agg(
        pl.lit(REGIONAL).alias("geographic_level"), *totals
    )
    groups = la.group_by("period", "targeted").agg(pl.lit(GROUP).alias("geographic_level"), *totals)
    group_code = {True: TARGETED_GROUP[0], False: OTHER_GROUP[0]}
    group_name = {True: TARGETED_GROUP[1], False: OTHER_GROUP[1]}
    groups = groups.with_columns(
        area_code=pl.col("targeted").replace_strict(group_code, return_dtype=pl.String),
        area_name=pl.col("targeted").replace_strict(group_name, return_dtype=pl.String),
    ).drop("targeted")
    regional = regional.rename({"region_code": "area_code", "region_name": "area_name"})
    columns = [
        "period",
        "geographic_level",
        "area_code",
        "area_name",
        "las",
        "las_missing",
        *COUNTS,
    ]
    labels = la["data_status"].unique()
    level_order = {NATIONAL: 0, REGIONAL: 1, GROUP: 2}
    combined = pl.concat([part.select(columns) for part in (national, regional, groups)])
    complete = pl.col("las_missing") == 0
    return (
        with_change(with_rates(combined, rates), "area_code")
        .with_columns(pl.when(complete).then(pl.col(COUNTS)).name.keep())
        .with_columns(data_status=pl.lit(labels[0]))
        .sort(
            pl.col("period"),
            pl.col("geographic_level").replace_strict(level_order, return_dtype=pl.Int8),
            pl.col("area_code"),
        )
    )


# Change is measured since the previous period and since the first period of the release (the
# two are the same in a release of two periods). Suffix of each pair of change columns.
SINCE_PREVIOUS, SINCE_FIRST = "", "_since_first"
CHANGE_MEASURES = (("settings_completed", "settings_completed_change"),
                   ("coverage_rate", "coverage_rate_change"))  # fmt: skip


def with_change(la: pl.DataFrame, key: str = "new_la_code") -> pl.DataFrame:
    """Change since the previous period and since the first, for each area identified by `key`
    (against that period's row itself: an LA absent from it has no change rather than a change
    over a longer span). Where `las_missing` says an aggregate was incomplete in either period,
    its change is null: the two periods would cover different sets of LAs."""
    periods = la["period"].unique().sort().to_list()
    references = {
        SINCE_PREVIOUS: dict(zip(periods[1:], periods[:-1], strict=True)),
        SINCE_FIRST: dict.fromkeys(periods[1:], periods[0]) if periods else {},
    }
    complete = pl.col("las_missing") == 0 if "las_missing" in la.columns else pl.lit(True)
    for suffix, reference in references.items():
        earlier = la.select(
            pl.col("period").alias("_reference_period"),
            key,
            *(pl.col(measure).alias(f"_reference_{measure}") for measure, _ in CHANGE_MEASURES),
            complete.alias("_reference_complete"),
        )
        both_complete = complete & pl.col("_reference_complete")
        la = (
            la.with_columns(
                _reference_period=pl.col("period").replace_strict(
                    reference, default=None, return_dtype=pl.String
                )
            )
            .join(earlier, on=["_reference_period", key], how="left")
            .with_columns(
                pl.when(both_complete)
                .then(pl.col(measure) - pl.col(f"_reference_{measure}"))
                .alias(f"{change}{suffix}")
                for measure, change in CHANGE_MEASURES
            )
            .drop(pl.selectors.starts_with("_reference_"))
        )
    return la


def la_indicators(
    clean: pl.DataFrame,
    targeted_codes: list[str],
    rates: tuple[Rate, ...],
    small_base_min: int = SMALL_BASE_MIN,
    missing: pl.DataFrame | None = None,
    neighbours: dict[str, list[Neighbour]] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The per-LA table and the aggregates it is compared with; an LA with fewer than
    `small_base_min` eligible settings is a small base. `missing` (the clean step's
    missing_las table) gives each LA absent from a period a row with null counts; `neighbours`
    (senco.core.neighbours) compares each LA with its statistical neighbours."""
    labels = clean["data_status"].unique()
    if labels.len() != 1:
        raise SencoError(f"the clean table mixes data statuses: {labels.to_list()}")
    identity = ["period", "new_la_code", "old_la_code", "la_name", "region_code", "region_name"]
    la = clean.select(*identity, *COUNTS, "data_status").with_columns(pl.lit(False).alias(MISSING))
    if missing is not None and missing.height:
        absent = missing.select(identity).with_columns(
            *(pl.lit(None, dtype=la.schema[c]).alias(c) for c in COUNTS),
            data_status=pl.lit(labels[0]),
            **{MISSING: pl.lit(True)},
        )
        la = pl.concat([la, absent.select(la.columns)])
    la = la.select(
        *identity,
        pl.col("new_la_code").is_in(targeted_codes).alias("targeted"),
        *COUNTS,
        MISSING,
        "data_status",
    )
    la = with_rates(la, rates)
    areas = aggregates(la, rates)
    england = areas.filter(pl.col("geographic_level") == NATIONAL).select(
        "period",
        pl.col("coverage_rate").alias("_england_coverage"),
    )
    la = la.join(england, on="period", how="left")
    england_coverage, n = pl.col("_england_coverage"), pl.col("settings_total").cast(pl.Float64)
    low_95, high_95 = funnel_limits(england_coverage, n, Z_95)
    low_998, high_998 = funnel_limits(england_coverage, n, Z_998)
    has_funnel = (pl.col("settings_total") > 0).fill_null(False)
    la = la.with_columns(
        coverage_funnel_low_95=pl.when(has_funnel).then(low_95),
        coverage_funnel_high_95=pl.when(has_funnel).then(high_95),
        coverage_funnel_low_998=pl.when(has_funnel).then(low_998),
        coverage_funnel_high_998=pl.when(has_funnel).then(high_998),
    ).with_columns(
        coverage_funnel_band=funnel_band(
            pl.col("coverage_rate"),
            pl.col("coverage_funnel_low_95"),
            pl.col("coverage_funnel_high_95"),
            pl.col("coverage_funnel_low_998"),
            pl.col("coverage_funnel_high_998"),
        ),
        coverage_rank=pl.col("coverage_rate")
        .rank(method="min", descending=True)
        .over("period")
        .cast(pl.Int32),
    )
    ranked = pl.col("coverage_rate").count().over("period")
    la = la.with_columns(
        coverage_quintile=(5 * pl.col("coverage_rank") / ranked).ceil().cast(pl.Int32)
    )
    la, estimates = with_overdispersion(with_change(la))
    la = la.with_columns(
        coverage_vs_england=compared_with_england(
            pl.col("coverage_od_funnel_band"), pl.col("_england_coverage")
        )
    ).drop("_england_coverage")
    la = with_rank_intervals(la).with_columns(small_base=pl.col("settings_total") < small_base_min)
    la = la.sort("period", "new_la_code")
    if neighbours is not None:
        la = la.join(compared_with_neighbours(la, neighbours), on=LA_KEY, how="left")
    areas = with_method_settings(with_dispersion(areas, estimates))
    areas = with_group_difference(areas, la)
    return la.select(pl.exclude("data_status"), "data_status"), areas


def ranked(la: pl.DataFrame) -> pl.DataFrame:
    """The LAs coverage is compared and ranked over: those with a value."""
    return la.filter(pl.col("coverage_rate").is_not_null() & (pl.col("settings_total") > 0))


def with_overdispersion(
    la: pl.DataFrame,
) -> tuple[pl.DataFrame, dict[str, dispersion.Dispersion | None]]:
    """Coverage's funnel limits and z-score allowing for overdispersion, per period (see
    senco.indicators.dispersion), and what was estimated for each period."""
    estimates = {}
    for period in la["period"].unique().sort():
        rows = ranked(la.filter(pl.col("period") == period))
        estimates[period] = dispersion.estimate(
            rows["settings_completed"].to_list(), rows["settings_total"].to_list()
        )
    known = {p: e for p, e in estimates.items() if e is not None}
    fitted = pl.DataFrame(
        {
            "period": list(known),
            "_od_target": [e.target for e in known.values()],
            "_od_tau2": [e.tau2 for e in known.values()],
        },
        schema={"period": pl.String, "_od_target": pl.Float64, "_od_tau2": pl.Float64},
    )
    target, tau2 = pl.col("_od_target"), pl.col("_od_tau2")
    n = pl.col("settings_total").cast(pl.Float64)
    has = pl.col("coverage_rate").is_not_null() & (n > 0) & target.is_not_null()
    limits = {
        f"coverage_od_funnel_{side}_{level}": pl.when(has).then(
            dispersion.adjusted_limit(target, n, tau2, sign * z)
        )
        for level, z in (("95", Z_95), ("998", Z_998))
        for side, sign in (("low", -1), ("high", 1))
    }
    la = (
        la.join(fitted, on="period", how="left")
        .with_columns(
            coverage_od_z=pl.when(has).then(
                dispersion.adjusted_z(pl.col("coverage_rate"), n, target, tau2)
            ),
            **limits,
        )
        .with_columns(
            coverage_od_funnel_band=funnel_band(
                pl.col("coverage_rate"),
                pl.col("coverage_od_funnel_low_95"),
                pl.col("coverage_od_funnel_high_95"),
                pl.col("coverage_od_funnel_low_998"),
                pl.col("coverage_od_funnel_high_998"),
            )
        )
        .drop("_od_target", "_od_tau2")
    )
    return la, estimates


def with_rank_intervals(la: pl.DataFrame) -> pl.DataFrame:
    """Each LA's coverage rank in England and within its region, each with a 95% interval (see
    senco.indicators.simulation), widened where needed to include the observed rank: with very few
    settings the prior pulls the simulated rate towards one half, which can move every
    simulated rank away from the observed one."""
    la = la.with_columns(
        coverage_region_rank=pl.col("coverage_rate")
        .rank(method="min", descending=True)
        .over("period", "region_code")
        .cast(pl.Int32)
    )
    la = _rank_interval(la, "coverage_rank", ["period"])
    return _rank_interval(la, "coverage_region_rank", ["period", "region_code"])


def _rank_interval(la: pl.DataFrame, rank_column: str, within: list[str]) -> pl.DataFrame:
    parts = []
    for _, group in ranked(la).group_by(within, maintain_order=True):
        rows = group.sort("new_la_code")
        low, high = simulation.rank_intervals(
            rows["settings_completed"].to_list(), rows["settings_total"].to_list()
        )
        bounds = {"_low": pl.Series(low, dtype=pl.Int32), "_high": pl.Series(high, dtype=pl.Int32)}
        parts.append(rows.select(LA_KEY).with_columns(**bounds))
    schema = {"period": pl.String, "new_la_code": pl.String, "_low": pl.Int32, "_high": pl.Int32}
    intervals = pl.concat(parts) if parts else pl.DataFrame(schema=schema)
    rank = pl.col(rank_column)
    return (
        la.join(intervals, on=LA_KEY, how="left")
        .with_columns(
            pl.when(rank.is_not_null())
            .then(pl.min_horizontal("_low", rank))
            .alias(f"{rank_column}_low"),
            pl.when(rank.is_not_null())
            .then(pl.max_horizontal("_high", rank))
            .alias(f"{rank_column}_high"),
        )  # fmt: skip
        .drop("_low", "_high")
    )


def with_dispersion(
    areas: pl.DataFrame, estimates: dict[str, dispersion.Dispersion | None]
) -> pl.DataFrame:
    """What the overdispersion adjustment estimated, on England's row of each period."""
    rows = [(p, e.phi, e.tau2, e.las, e.winsorised) for p, e in estimates.items() if e]
    fitted = pl.DataFrame(
        rows,
        schema={
            "period": pl.String,
            "coverage_phi": pl.Float64,
            "coverage_tau2": pl.Float64,
            "coverage_od_las": pl.Int32,
            "coverage_od_winsorised": pl.Int32,
        },
        orient="row",
    ).with_columns(geographic_level=pl.lit(NATIONAL))
    return areas.join(fitted, on=["period", "geographic_level"], how="left")


def with_method_settings(areas: pl.DataFrame) -> pl.DataFrame:
    """The settings the methods ran with, on England's row of each period, so the bulletin's
    methods cite them as findings and `make qa` checks them like any other value."""
    on_england = pl.col("geographic_level") == NATIONAL
    return areas.with_columns(
        pl.when(on_england).then(pl.lit(value, dtype)).alias(name)
        for name, value, dtype in (
            ("simulation_draws", simulation.DRAWS, pl.Int32),
            ("simulation_seed", simulation.SEED, pl.Int64),
            ("coverage_od_winsorise_low", round(100 * dispersion.WINSORISE), pl.Int32),
            ("coverage_od_winsorise_high", round(100 * (1 - dispersion.WINSORISE)), pl.Int32),
        )
    )


def with_group_difference(areas: pl.DataFrame, la: pl.DataFrame) -> pl.DataFrame:
    """On the targeted group's row: its coverage minus the other LAs', with an interval from a
    bootstrap over LAs (allowing for variation between LAs) and Newcombe's pooled interval
    (which treats settings as independent and so ignores that clustering).

    Both groups are taken over the LAs present in the release, as their rates are: an LA
    missing from it is in neither group, and a group of LAs any of whose counts is not
    available has no difference."""
    rows = []
    for period in la["period"].unique().sort():
        present = la.filter((pl.col("period") == period) & ~pl.col(MISSING))
        groups = [present.filter(pl.col("targeted") == flag) for flag in (True, False)]
        counts = [group.select("settings_completed", "settings_total") for group in groups]
        if any(frame.is_empty() or frame.null_count().sum_horizontal()[0] for frame in counts):
            continue
        (x1, n1), (x2, n2) = (frame.sum().row(0) for frame in counts)
        if not (n1 and n2):
            continue
        difference, pooled_low, pooled_high = difference_interval(x1, n1, x2, n2)
        members = [ranked(group).sort("new_la_code") for group in groups]
        low, high = simulation.bootstrap_difference(
            *(
                (group["settings_completed"].to_list(), group["settings_total"].to_list())
                for group in members
            )
        )
        rows.append((period, difference, low, high, pooled_low, pooled_high))
    fitted = pl.DataFrame(
        rows,
        schema={
            "period": pl.String,
            "coverage_difference": pl.Float64,
            "coverage_difference_ci_low": pl.Float64,
            "coverage_difference_ci_high": pl.Float64,
            "coverage_difference_pooled_ci_low": pl.Float64,
            "coverage_difference_pooled_ci_high": pl.Float64,
        },
        orient="row",
    ).with_columns(area_code=pl.lit(TARGETED_GROUP[0]))
    return areas.join(fitted, on=["period", "area_code"], how="left")


def difference_interval(
    x1: float, n1: float, x2: float, n2: float, z: float = Z_95
) -> tuple[float, float, float]:
    """Difference of two independent proportions x1/n1 − x2/n2 with Newcombe's hybrid score
    interval (his method 10), built from each proportion's Wilson limits.

    Used to say whether two groups differ, which overlapping intervals cannot settle.
    """
    frame = pl.DataFrame({"x": [float(x1), float(x2)], "n": [float(n1), float(n2)]})
    low, high = wilson_interval(pl.col("x"), pl.col("n"), z)
    (l1, u1), (l2, u2) = frame.select(low.alias("low"), high.alias("high")).rows()
    p1, p2 = x1 / n1, x2 / n2
    difference = p1 - p2
    lower = difference - ((p1 - l1) ** 2 + (u2 - p2) ** 2) ** 0.5
    upper = difference + ((u1 - p1) ** 2 + (p2 - l2) ** 2) ** 0.5
    return difference, lower, upper
