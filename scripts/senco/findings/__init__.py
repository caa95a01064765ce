"""Findings: every statement the outputs make, with the values it cites.

`build` turns the indicator tables into a `FindingSet` (written as results/findings/findings.json
and a readable findings.md); `senco.findings.check` recomputes every cited value for `make qa`;
`senco.findings.read` is what the views use to present them.
"""
