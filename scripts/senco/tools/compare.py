"""Compare two builds' results folders and write the revisions report, without building.

`make compare OLD=<results folder> NEW=<results folder>` runs this: every published figure and
finding of NEW that differs from OLD, in `<NEW>/revisions/` (or `--out`): `revisions.csv`, one row
per changed figure, and `revisions.md` to read first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import SencoError
from ..revisions.compare import compare, read_build
from ..revisions.report import write_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="the earlier build's results folder")
    parser.add_argument("new", type=Path, help="this build's results folder")
    parser.add_argument("--out", type=Path, help="where to write (default: <new>/revisions)")
    args = parser.parse_args(argv)
    try:
        old, new = read_build(args.old), read_build(args.new)
        report = compare(old, new)
        written = write_report(report, args.old, args.new, args.out or args.new / "revisions")
    except SencoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{len(report.revisions)} revisions; see {written[1]} and {written[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
