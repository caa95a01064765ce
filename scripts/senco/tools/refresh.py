"""Promote the live release to be the bundled snapshot: download, validate, write with a manifest.

`make refresh-snapshot` runs this. The new file and manifest replace the bundled ones only if the
download passes every check the clean step runs, and the change is then reviewed as a git diff.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from ..acquire.credentials import redacted
from ..acquire.snapshot import write_snapshot
from ..acquire.sources import DownloadSettings, download, unpack, utc_now
from ..clean.release import clean_release
from ..core.config import load_config
from ..core.errors import SencoError
from ..core.reference import load_lookup

REAL_SNAPSHOT_FILE = "senco_la.csv"


def refresh(
    url: str, config: dict, snapshot_dir: str | Path = paths.SNAPSHOT_DIR, clock=utc_now
) -> dict:
    """Download `url`, validate it, and write it with a new manifest into `snapshot_dir`."""
    settings = DownloadSettings.from_config(config)
    shown_url = redacted(url)  # no credential reaches an error or the manifest
    received = unpack(
        download(url, settings), shown_url, config["zip_member_pattern"], settings.max_bytes
    )
    lookup = load_lookup(paths.project_file(config["la_lookup"]),
                         paths.project_file(config["region_lookup"]))  # fmt: skip
    clean_release(
        received.data, shown_url, lookup, synthetic=False,
        on_breach=config["consistency_breach"], allow_missing_las=config["allow_missing_las"],
    )  # fmt: skip
    return write_snapshot(
        snapshot_dir,
        received.data,
        file_name=REAL_SNAPSHOT_FILE,
        origin_url=shown_url,
        retrieved_at=clock(),
        synthetic=False,
        extra={"zip_member": received.member},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="download this instead of config.yaml's download_url")
    parser.add_argument("--config", type=Path, default=paths.REPO_ROOT / "config.yaml")
    parser.add_argument("--snapshot-dir", type=Path, default=paths.SNAPSHOT_DIR)
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
        manifest = refresh(args.url or config["download_url"], config, args.snapshot_dir)
    except SencoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"refreshed {args.snapshot_dir / manifest['file']}: {manifest['rows']} rows, "
        f"sha256 {manifest['sha256']}; review with `git diff resources/snapshot`"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
