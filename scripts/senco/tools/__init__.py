"""Command-line tools, run with `python -m senco.tools.<name>` (the Makefile names each): the
reviewer's `qa`, the generated `docs`, refreshing the bundled snapshot (`refresh`) or lookups
(`lookups`), and regenerating the synthetic snapshot (`synthetic`)."""
