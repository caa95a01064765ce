"""Every finding's id, made in one place: the wording that writes a finding and the view that
reads it both ask here, so neither can spell an id the other does not. Imports nothing, so the
workflow and every view can use it cheaply.
"""

from __future__ import annotations

# Which LAs are missing from the release and which totals that leaves incomplete (said only
# when allow_missing_las let such a release through): every view shows it.
INCOMPLETE_NOTICE = "notice.incomplete"
# The same, counting the missing LAs without naming them, for the one-page factsheets.
SHORT_INCOMPLETE_NOTICE = "notice.incomplete_short"

# The bulletin's own findings.
MAIN_POINTS = "main_points."  # each main point's id starts so, in the order said


def main_point(name: str) -> str:
    return f"{MAIN_POINTS}{name}"


def heading(section: str) -> str:
    return f"heading.{section}"


def commentary(section: str, name: str = "") -> str:
    """A section's commentary sentence `name`, or with no name the prefix of them all."""
    return f"commentary.{section}.{name}"


# The bulletin's Revisions section (senco.revisions.findings), with config previous_release.
REVISIONS = "revisions"
REVISIONS_FRONT_MATTER = "revisions.front_matter"  # its word in the front matter's Revisions row

FACTS_LAS = "facts.las"
FACTS_TARGETED_LAS = "facts.targeted_las"
FACTS_SMALL_BASE = "facts.small_base"


def annex(period: str) -> str:
    return f"annex.{period}"


METHODS = (
    "compared",
    "overdispersion",
    "ranks",
    "targeted",
    "neighbours",
)  # the methods the bulletin explains


def method(name: str) -> str:
    return f"method.{name}"


# Each chart's findings.
CHART_SOURCE = "charts.source"  # the source line under every chart


def chart(name: str, piece: str) -> str:
    """`("hex_map", "title")` -> "chart.hex_map.title"."""
    return f"chart.{name}.{piece}"


# The factsheets' findings.
FACTSHEET_SCALE = "factsheet_index.scale"  # the top of the bars' scale, shared by every factsheet
FACTSHEET_INDEX = "factsheet_index.table"


def factsheet(code: str, piece: str) -> str:
    """`("E06000001", "title")` -> "factsheet.E06000001.title"."""
    return f"factsheet.{code}.{piece}"
