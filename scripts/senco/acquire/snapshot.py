"""The bundled snapshot: a data file pinned by the sha256 in its manifest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .. import paths
from ..core.errors import SencoError
from ..core.fileio import count_csv_records, sha256_bytes, write_bytes_atomic, write_json_atomic


def _manifest_validator() -> jsonschema.Draft202012Validator:
    schema = yaml.safe_load(paths.MANIFEST_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def load_manifest(manifest_path: str | Path) -> dict[str, Any]:
    """Read and validate a manifest; a bad one stops with the key that is wrong."""
    manifest_path = Path(manifest_path)
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SencoError(f"{manifest_path}: cannot read the snapshot manifest ({error})") from None
    problem = jsonschema.exceptions.best_match(_manifest_validator().iter_errors(manifest))
    if problem is not None:
        key = ".".join(str(part) for part in problem.absolute_path) or "(top level)"
        raise SencoError(f"{manifest_path}: key {key}: {problem.message}")
    return manifest


def read_verified_snapshot(manifest_path: str | Path) -> tuple[bytes, dict[str, Any]]:
    """The snapshot's bytes, after checking them against the manifest's sha256, size and rows."""
    manifest_path = Path(manifest_path)
    manifest = load_manifest(manifest_path)
    data_path = manifest_path.parent / manifest["file"]
    try:
        data = data_path.read_bytes()
    except OSError as error:
        raise SencoError(f"{data_path}: cannot read the bundled snapshot ({error})") from None
    actual = sha256_bytes(data)
    if actual != manifest["sha256"]:
        raise SencoError(
            f"{data_path}: sha256 {actual} does not match {manifest['sha256']} in "
            f"{manifest_path.name}; refresh the snapshot with `make refresh-snapshot` or restore it"
        )
    if len(data) != manifest["size_bytes"] or count_csv_records(data) != manifest["rows"]:
        raise SencoError(f"{data_path}: size or row count differs from {manifest_path.name}")
    return data, manifest


def write_snapshot(
    directory: str | Path,
    data: bytes,
    *,
    file_name: str,
    origin_url: str | None,
    retrieved_at: str,
    synthetic: bool,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Write a data file and its manifest into `directory`; return the manifest."""
    directory = Path(directory)
    manifest: dict[str, Any] = {
        "file": file_name,
        "origin_url": origin_url,
        "retrieved_at": retrieved_at,
        "sha256": sha256_bytes(data),
        "size_bytes": len(data),
        "rows": count_csv_records(data),
        "synthetic": synthetic,
        **(extra or {}),
    }
    problem = jsonschema.exceptions.best_match(_manifest_validator().iter_errors(manifest))
    if problem is not None:
        raise SencoError(f"cannot write the snapshot manifest: {problem.message}")
    write_bytes_atomic(directory / file_name, data)
    write_json_atomic(directory / "manifest.json", manifest)
    for stale in directory.glob("*.csv"):
        if stale.name != file_name:
            stale.unlink()
    return manifest
