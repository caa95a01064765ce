"""Stage 1, acquire: the release exactly as received, from the bundled snapshot (`snapshot`),
a download or a local file (`sources`), with its provenance. Download settings live here too."""
