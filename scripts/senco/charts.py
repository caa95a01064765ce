"""The bulletin's charts, by name, in the order the bulletin numbers them.

Kept apart from `senco.figures` so the workflow can name its outputs without importing
matplotlib when Snakemake starts.
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
