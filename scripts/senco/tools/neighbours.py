"""Replace the bundled statistical neighbour groups with a newer conversion of DfE's.

`make refresh-neighbours GROUPS=<groups.csv>` runs this with a tidy CSV of the groups (the
columns of senco.core.neighbours.COLUMNS, one row per LA and neighbour, as
`resources/reference/PROVENANCE.md` describes the conversion of LAIT's workbook). The file is
checked as the workflow checks it, against the bundled LA lookup (every live LA with ten live
neighbours, ranks 1-10, DfE's closeness bands), then copied byte for byte; what changed is
printed, group by group, for the PROVENANCE entry and `git diff resources/reference`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from ..core.errors import SencoError
from ..core.fileio import sha256_bytes, write_bytes_atomic
from ..core.neighbours import Neighbour, read_neighbours
from ..core.reference import live_codes

BUNDLED = paths.STATISTICAL_NEIGHBOURS_CSV


def changed_groups(
    before: dict[str, list[Neighbour]], after: dict[str, list[Neighbour]]
) -> list[str]:
    """One line per LA whose group (its neighbours, their order or closeness) changed."""
    lines = []
    for number in sorted(before.keys() | after.keys()):
        old, new = before.get(number, []), after.get(number, [])
        if old != new:
            shown = ", ".join(f"{n.neighbour_number} ({n.closeness})" for n in new)
            lines.append(f"{number}: now {shown or 'no group'}")
    return lines


def refresh_neighbours(source: Path, target: Path = BUNDLED) -> list[str]:
    """Check `source` as the workflow would, copy it over `target`; the groups that changed."""
    live = live_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    after = read_neighbours(source, live)  # raises, naming the file and line, before any copy
    before = read_neighbours(target, live) if target.is_file() else {}
    data = source.read_bytes()
    write_bytes_atomic(target, data)
    return [*changed_groups(before, after), f"sha256 {sha256_bytes(data)}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("groups", type=Path, help="a tidy CSV of DfE's statistical neighbours")
    parser.add_argument("--target", type=Path, default=BUNDLED)
    args = parser.parse_args(argv)
    try:
        if not args.groups.is_file():
            raise SencoError(f"no such file {str(args.groups)!r}")
        lines = refresh_neighbours(args.groups, args.target)
    except SencoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    print(f"refreshed {args.target}: update its section of PROVENANCE.md (source, sha256 above) "
          f"and review with `git diff {args.target.parent}`")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
