rule acquire:
    input:
        acquire_inputs,
        code=code_of("rule_acquire.py"),
    output:
        csv=report(
            layout.RAW_CSV,
            caption="../report/raw_csv.rst",
            category="1. Acquire",
        ),
        provenance=report(
            layout.PROVENANCE,
            caption="../report/raw_provenance.rst",
            category="1. Acquire",
        ),
    log:
        f"{layout.LOGS}/acquire.log",
    conda:
        ENV
    params:
        source=config["source"],
        # What the rule reads, by content: a changed local file reruns it.
        source_sha256=source_sha256(),
        # Shown without credentials: params are kept in .snakemake/metadata, so the script
        # reads the URL itself from the config.
        download_url=redacted(config["download_url"]),
        data_set_id=config["data_set_id"],
        data_set_version=config["data_set_version"],
        ees_api_url=redacted(config["ees_api_url"]),
        expected_sha256=config["expected_sha256"],
        zip_member_pattern=config["zip_member_pattern"],
        timeout_seconds=config["timeout_seconds"],
        retries=config["retries"],
        backoff_seconds=config["backoff_seconds"],
        max_retry_after_seconds=config["max_retry_after_seconds"],
        max_download_bytes=config["max_download_bytes"],
        allowed_redirect_hosts=config["allowed_redirect_hosts"],
    script:
        "../../scripts/rule_acquire.py"
