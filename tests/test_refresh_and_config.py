"""Promoting a download to the bundled snapshot, and config.yaml against its schema."""

from __future__ import annotations

import json

import pytest
import yaml

from http_server import Reply
from samples import synthetic_release
from senco import paths
from senco.acquire.snapshot import read_verified_snapshot
from senco.core.config import load_config
from senco.core.errors import SencoError
from senco.tools.refresh import REAL_SNAPSHOT_FILE, main, refresh

SNAPSHOT_CSV = synthetic_release()


@pytest.fixture
def config():
    return load_config(paths.REPO_ROOT / "config.yaml", {"backoff_seconds": 0, "retries": 1})


def test_refresh_promotes_a_valid_download_with_a_new_manifest(http_server, tmp_path, config):
    http_server.route("/csv", Reply(body=SNAPSHOT_CSV))
    manifest = refresh(
        http_server.url("/csv"), config, tmp_path, clock=lambda: "2026-01-02T03:04:05Z"
    )
    data, verified = read_verified_snapshot(tmp_path / "manifest.json")
    assert data == SNAPSHOT_CSV
    assert verified == manifest
    assert manifest["file"] == REAL_SNAPSHOT_FILE
    assert manifest["origin_url"] == http_server.url("/csv")
    assert manifest["retrieved_at"] == "2026-01-02T03:04:05Z"
    assert manifest["synthetic"] is False and manifest["rows"] == 918


def test_refresh_leaves_the_snapshot_alone_when_the_download_fails_validation(
    http_server, tmp_path, config
):
    (tmp_path / "manifest.json").write_text("{}")
    broken = SNAPSHOT_CSV.replace(b",Registered,", b",Enrolled,", 1)
    http_server.route("/csv", Reply(body=broken))
    with pytest.raises(SencoError, match="not one of the published statuses"):
        refresh(http_server.url("/csv"), config, tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["manifest.json"]
    assert (tmp_path / "manifest.json").read_text() == "{}"


def test_refresh_command_reports_one_line(http_server, tmp_path, capsys):
    http_server.route("/missing", Reply(status=404))
    code = main(["--url", http_server.url("/missing"), "--snapshot-dir", str(tmp_path)])
    assert code == 1
    assert capsys.readouterr().err == f"error: {http_server.url('/missing')}: HTTP 404 Not Found\n"
    assert not any(tmp_path.iterdir())


def test_config_yaml_holds_exactly_the_schema_defaults():
    """config.yaml and the schema's defaults are two views of the same settings."""
    schema = yaml.safe_load(paths.CONFIG_SCHEMA.read_text())
    config = yaml.safe_load((paths.REPO_ROOT / "config.yaml").read_text())
    assert config == {key: spec["default"] for key, spec in schema["properties"].items()}


def test_every_config_key_is_documented_in_config_yaml_and_the_usage_docs():
    config_text = (paths.REPO_ROOT / "config.yaml").read_text()
    readme = (paths.REPO_ROOT / "docs" / "usage.md").read_text()
    for key in yaml.safe_load(config_text):
        assert f"\n{key}:" in config_text
        preceding = config_text.split(f"\n{key}:")[0].rstrip().splitlines()[-1]
        assert preceding.startswith("#"), f"{key} has no comment above it"
        assert f"| `{key}` |" in readme, key


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"retries": 11}, "config key retries: invalid value 11"),
        ({"source": "data.txt"}, "config key source: invalid value 'data.txt': must be"),
        ({"expected_sha256": "abc"}, "config key expected_sha256: invalid value 'abc'"),
        ({"download_url": "ftp://x"}, "config key download_url: invalid value 'ftp://x'"),
        # NaN and infinity pass a schema's bounds (every comparison with NaN is false).
        (
            {"timeout_seconds": float("nan")},
            "config key timeout_seconds: invalid value nan: must be a finite",
        ),
        ({"max_retry_after_seconds": float("nan")}, "config key max_retry_after_seconds: invalid"),
        ({"backoff_seconds": float("inf")}, "config key backoff_seconds: invalid value inf"),
    ],
)
def test_load_config_rejects_bad_values_naming_the_key(override, message):
    with pytest.raises(SencoError, match=message):
        load_config(paths.REPO_ROOT / "config.yaml", override)


def test_load_config_fills_defaults(tmp_path):
    (tmp_path / "config.yaml").write_text(json.dumps({"source": "ees"}))
    config = load_config(tmp_path / "config.yaml")
    assert config["source"] == "ees" and config["retries"] == 3
