"""Where the release comes from: the bundled snapshot, a download, or a local file. Light to
import (the workflow reads it when it loads)."""

from __future__ import annotations

SOURCE_SNAPSHOT = "snapshot"
SOURCE_EES = "ees"
SOURCE_EES_API = "ees-api"  # a data set of the EES public API, by ID and version
SOURCE_LOCAL = "local"


def source_kind(source: str) -> str:
    """`snapshot`, `ees`, `ees-api`, or `local` for anything else: a path (the config schema
    checks it)."""
    return source if source in (SOURCE_SNAPSHOT, SOURCE_EES, SOURCE_EES_API) else SOURCE_LOCAL
