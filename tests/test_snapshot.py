"""The bundled snapshot is trusted only when it matches its manifest."""

from __future__ import annotations

import json

import pytest

from senco.acquire.snapshot import load_manifest, read_verified_snapshot, write_snapshot
from senco.core.errors import SencoError

CSV = b"a,b\n1,2\n3,4\n"


def make(tmp_path, **overrides):
    options = dict(
        file_name="data.csv",
        origin_url="https://example.org/data.csv",
        retrieved_at="2025-07-17T09:30:00Z",
        synthetic=False,
    )
    options.update(overrides)
    return write_snapshot(tmp_path, CSV, **options)


def test_a_written_snapshot_verifies(tmp_path):
    manifest = make(tmp_path)
    data, loaded = read_verified_snapshot(tmp_path / "manifest.json")
    assert data == CSV and loaded == manifest
    assert manifest["rows"] == 2 and manifest["size_bytes"] == len(CSV)


def test_writing_replaces_a_previous_data_file(tmp_path):
    make(tmp_path, file_name="old.csv")
    make(tmp_path, file_name="new.csv")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["manifest.json", "new.csv"]


def test_a_changed_file_fails_its_checksum(tmp_path):
    make(tmp_path)
    (tmp_path / "data.csv").write_bytes(CSV.replace(b"4", b"5"))
    with pytest.raises(SencoError, match="sha256 .* does not match"):
        read_verified_snapshot(tmp_path / "manifest.json")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("sha256", "abc", "key sha256: 'abc' does not match"),
        ("synthetic", "yes", "key synthetic: 'yes' is not of type 'boolean'"),
        ("rows", 0, "key rows: 0 is less than the minimum of 1"),
        ("retrieved_at", "last week", "key retrieved_at: 'last week' does not match"),
    ],
)
def test_a_bad_manifest_names_the_key(tmp_path, key, value, message):
    make(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    manifest[key] = value
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SencoError, match=message):
        load_manifest(tmp_path / "manifest.json")


def test_a_missing_manifest_key_is_named(tmp_path):
    make(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    del manifest["synthetic"]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SencoError, match="'synthetic' is a required property"):
        load_manifest(tmp_path / "manifest.json")
