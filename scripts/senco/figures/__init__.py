"""Drawing the charts with matplotlib: one module per chart, `senco.figures.<name>`.

Each module's `draw` takes the indicator tables (for the positions of the marks) and the findings
(for every word and every choice of what to single out) and returns a figure. What a chart says
and marks is decided in `senco.findings.charts.<name>`, never here. `senco.figures.output`
writes the files; this package imports no chart until one is drawn, so a chart's job runs only
its own code.
"""
