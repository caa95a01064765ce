"""Snakemake adapter for rule `acquire`: see senco.acquire."""

from senco import paths
from senco.acquire import acquire
from senco.adapter import run_rule
from senco.config import download_settings


def step(snakemake) -> list[str]:
    params = snakemake.params
    provenance = acquire(
        params.source,
        out_csv=snakemake.output.csv,
        out_provenance=snakemake.output.provenance,
        snapshot_manifest=paths.SNAPSHOT_MANIFEST,
        download_url=params.download_url,
        zip_member_pattern=params.zip_member_pattern,
        expected_sha256=params.expected_sha256 or None,
        settings=download_settings(params),
    )
    return [f"{key}: {provenance[key]}" for key in sorted(provenance)]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
