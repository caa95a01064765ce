"""The bulletin's charts: their names, in the order the bulletin numbers them, and finding ids.

Each chart has a pure part, `senco.charts.<name>`, that writes what the chart says and marks as
findings (title, subtitle, alt text, notes, its data table, and anything singled out on it, such
as the LAs named on the funnel plot or the bands of the map), and a drawing part,
`senco.figures.<name>`, that draws those findings with matplotlib. This module imports nothing,
so the workflow can name its outputs when Snakemake starts.
"""

CHART_NAMES: tuple[str, ...] = (
    "england_at_a_glance",
    "coverage_by_la",
    "funnel_plot",
    "regions_compared",
    "change_by_region",
    "hex_map",
    "targeted_compared",
)

# The source line under every chart (one finding, shared).
SOURCE_ID = "charts.source"


def finding_id(chart: str, piece: str) -> str:
    """`("hex_map", "title")` -> "chart.hex_map.title"."""
    return f"chart.{chart}.{piece}"
