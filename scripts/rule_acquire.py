"""Snakemake adapter for rule `acquire`: see senco.acquire.sources."""

from senco import paths
from senco.acquire.ees_api import DataSet, pinned
from senco.acquire.sources import DownloadSettings, acquire
from senco.core.adapter import run_rule


def step(snakemake) -> list[str]:
    params = snakemake.params
    provenance = acquire(
        params.source,
        out_csv=snakemake.output.csv,
        out_provenance=snakemake.output.provenance,
        snapshot_manifest=paths.SNAPSHOT_MANIFEST,
        # From the config, not the params: a URL's credentials stay out of Snakemake's records.
        download_url=snakemake.config["download_url"],
        source_sha256=params.source_sha256,
        zip_member_pattern=params.zip_member_pattern,
        expected_sha256=params.expected_sha256 or None,
        settings=DownloadSettings.from_config(params),
        data_set=DataSet(
            snakemake.config["ees_api_url"], params.data_set_id, pinned(params.data_set_version)
        ),  # fmt: skip
    )
    return [f"{key}: {provenance[key]}" for key in sorted(provenance)]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
