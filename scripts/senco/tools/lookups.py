"""Replace the bundled LA and region lookups with newer DfE data screener files.

`make refresh-lookups LAS=<las.csv> HIERARCHY=<region_la_hierarchy.csv> [COMMIT=<sha>]` runs this
with the two files from a checkout of the screener (dfe-analytical-services/dfe-published-data-qa,
folder `data/`). The files are checked as the pipeline reads them, copied byte for byte, the
targeted LAs' codes are remade from the new lookup, and `lookups.json` records where each file
came from, its checksums and what changed; review it all with `git diff resources/reference`.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from .. import paths
from ..acquire.sources import utc_now
from ..core.errors import SencoError
from ..core.fileio import sha256_bytes, write_bytes_atomic, write_json_atomic
from ..core.reference import LaCode, read_la_codes
from ..indicators.targeted import build_lookup, render_lookup

PROVENANCE_FILE = "lookups.json"
SCREENER_REPOSITORY = "dfe-analytical-services/dfe-published-data-qa"


def git_blob(data: bytes) -> str:
    """`git hash-object` of the bytes, so a copy can be checked against the screener's commit."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def changes(before: list[LaCode], after: list[LaCode]) -> list[str]:
    """What a reviewer should know: codes added, and codes whose dates or status changed."""
    old = {c.new_la_code: c for c in before}
    lines = []
    for code in after:
        previous = old.get(code.new_la_code)
        state = f"{code.la_name} ({code.old_la_code}) {code.valid_dates()}"
        state += "" if code.live else ", terminated"
        if previous is None:
            lines.append(f"added {code.new_la_code} {state}")
        elif previous != code:
            lines.append(f"changed {code.new_la_code}: now {state}")
    gone = sorted(set(old) - {c.new_la_code for c in after})
    return lines + [f"removed {code} {old[code].la_name}" for code in gone]


def refresh_lookups(
    las_csv: Path, hierarchy_csv: Path, reference_dir: Path, commit: str = "", clock=utc_now
) -> dict:
    """Check the new files, copy them into `reference_dir`, remake the targeted codes and write
    the provenance record; returns the record."""
    codes = read_la_codes(las_csv, hierarchy_csv)  # raises InputError naming file and line
    live = [c for c in codes if c.live]
    if not live:
        raise SencoError(f"{las_csv}: no live local authority codes; is it the screener's las.csv?")
    las_target = reference_dir / paths.LA_REFERENCE_CSV.name
    hierarchy_target = reference_dir / paths.REGION_REFERENCE_CSV.name
    before = read_la_codes(las_target, hierarchy_target) if las_target.is_file() else []
    files = {}
    for source, target in ((las_csv, las_target), (hierarchy_csv, hierarchy_target)):
        data = source.read_bytes()
        files[target.name] = {
            "copied_from": f"{SCREENER_REPOSITORY}/data/{source.name}",
            "sha256": sha256_bytes(data),
            "git_blob": git_blob(data),
            "bytes": len(data),
        }
        write_bytes_atomic(target, data)
    targeted = build_lookup(las_target, hierarchy_target)
    write_bytes_atomic(reference_dir / paths.TARGETED_CODES_CSV.name, render_lookup(targeted))
    record = {
        "refreshed_at": clock(),
        "screener_commit": commit or "not given",
        "files": files,
        "live_las": len(live),
        "regions": len({c.region_code for c in live}),
        "changes": changes(before, codes),
    }
    write_json_atomic(reference_dir / PROVENANCE_FILE, record)
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("las", type=Path, help="the screener's data/las.csv")
    parser.add_argument("hierarchy", type=Path, help="the screener's data/region_la_hierarchy.csv")
    parser.add_argument("--commit", default="", help="the screener commit the files are from")
    parser.add_argument("--reference-dir", type=Path, default=paths.REFERENCE_DIR)
    args = parser.parse_args(argv)
    try:
        for path in (args.las, args.hierarchy):
            if not path.is_file():
                raise SencoError(f"no such file {str(path)!r}")
        record = refresh_lookups(args.las, args.hierarchy, args.reference_dir, args.commit)
    except SencoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for line in record["changes"]:
        print(line)
    print(
        f"refreshed the lookups in {args.reference_dir}: {record['live_las']} live LAs in "
        f"{record['regions']} regions, {len(record['changes'])} change(s); review with "
        f"`git diff {args.reference_dir}`"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
