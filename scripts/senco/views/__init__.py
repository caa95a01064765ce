"""The views: the bulletin (HTML and PDF), the downloads, and the factsheets, each presenting
findings only; `render` owns Jinja, the fonts, the URL fetcher and PDF writing for all of them."""
