"""The chart registry: every chart once, in the order the bulletin numbers them, with the
bulletin section that shows it. Everything else (the workflow's `{chart}` jobs, the bulletin's
sections, the downloads, the docs) reads it here.

Each chart has two modules named as the chart: its wording, `senco.findings.charts.<name>`,
writes what the chart says and marks as findings (title, subtitle, alt text, notes, its data
table, and anything singled out on it, such as the LAs named on the funnel plot or the bands of
the map); its drawing, `senco.figures.<name>`, draws those findings with matplotlib. Adding a
chart is those two files and one line below. Both are imported by name, so a chart's jobs run
only its own code; this module imports nothing, so the workflow can name its outputs when
Snakemake starts.
"""

from typing import NamedTuple


class Chart(NamedTuple):
    name: str
    section: str  # the bulletin section that shows it (`heading.<section>` is its heading)


CHARTS: tuple[Chart, ...] = (
    Chart("england_at_a_glance", "england"),
    Chart("regions_compared", "regions"),
    Chart("hex_map", "regions"),
    # The funnel first: the chart of every LA is long and flows over pages in print.
    Chart("funnel_plot", "variation"),
    Chart("coverage_by_la", "variation"),
    Chart("change_by_region", "change"),
    Chart("targeted_compared", "targeted"),
    Chart("neighbours_compared", "neighbours"),
)
CHART_NAMES: tuple[str, ...] = tuple(chart.name for chart in CHARTS)
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(chart.section for chart in CHARTS))


def charts_in(section: str) -> list[str]:
    """The charts a bulletin section shows, in figure order."""
    return [chart.name for chart in CHARTS if chart.section == section]


def module_name(package: str, chart: str) -> str:
    """The module of `chart` in `package` (its wording or its drawing), refusing unknown names."""
    if chart not in CHART_NAMES:
        raise ValueError(f"no chart {chart!r}; the charts are {', '.join(CHART_NAMES)}")
    return f"{package}.{chart}"
