"""Inputs shared by the tests.

Tests that need a valid full release use the generator's output, so they keep working after
`make refresh-snapshot` replaces the bundled synthetic file with the real one.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

from senco import paths
from senco.snapshot import read_verified_snapshot
from senco.synthetic import generate_rows, render_csv


@cache
def synthetic_release() -> bytes:
    """A full synthetic release: 918 rows with the published schema (what the generator makes)."""
    return render_csv(generate_rows())


def bundled_snapshot() -> tuple[bytes, dict]:
    """The bundled snapshot's bytes and manifest, verified."""
    return read_verified_snapshot(paths.SNAPSHOT_MANIFEST)


def make_zip(members: dict[str, bytes]) -> bytes:
    """A ZIP archive holding `members` (name -> bytes), as a release or data-set download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return buffer.getvalue()
