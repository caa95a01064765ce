"""Findings: every statement the outputs make, with the values it cites.

Written per consumer, so a wording edit reruns only what shows it: `bulletin.findings` (main
points, headings, commentary, methods, the annex), each chart's `charts.common.findings` (its
wording in `charts/<chart>.py`) and `factsheets.findings`, as results/findings/bulletin.json,
charts/<chart>.json and factsheets.json (`write.to_json`), gathered for a reviewer in
findings.md (`review.markdown`). Ids come from `ids`; `check` recomputes every cited value for
`make qa`; `read` is what the views use to present them; `build` makes them all at once, for
tests and the benchmark.
"""
