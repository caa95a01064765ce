"""Stage 2, clean: the raw text read strictly, every check a data screener makes (`checks`),
each listed in the validation log (`validation`), and the tidy typed table."""
