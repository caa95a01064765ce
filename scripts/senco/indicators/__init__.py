"""Stage 3, indicators: rates with intervals and comparisons (`compute`), overdispersion
(`dispersion`), rank intervals and the bootstrap (`simulation`), the targeted LAs (`targeted`),
and the one loader of the indicator tables every later stage reads (`tables`)."""
