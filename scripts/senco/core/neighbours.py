"""DfE's statistical neighbours: for each LA, the ten LAs most like it (children's services
statistical neighbour benchmarking groups, as LAIT uses them), read and checked.

The file is keyed by DfE's 3-digit LA number (`old_la_code`), which an LA keeps when ONS recodes
it, so Barnsley (370) keeps its neighbours across its 2025 recode. Read with the csv module, as the
lookups are: the workflow checks the file when it loads, before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .reference import LaCode, read_rows

COLUMNS = ("old_la_code", "la_name", "neighbour_rank", "neighbour_old_la_code", "closeness")
GROUP_SIZE = 10  # DfE's groups are of ten neighbours
# DfE's closeness bands, closest first, in one spelling (the workbook's capitalisation varies).
CLOSENESS = ("Extremely close", "Very close", "Close", "Somewhat close", "Not close")


@dataclass(frozen=True)
class Neighbour:
    """One of an LA's ten neighbours, by the LAs' DfE numbers."""

    la_number: str
    neighbour_number: str
    rank: int  # 1 = closest
    closeness: str  # one of CLOSENESS


def read_neighbours(path: str | Path, live: list[LaCode]) -> dict[str, list[Neighbour]]:
    """Each live LA's ten neighbours, closest first, keyed by its DfE number.

    One-line errors naming the file and line: an LA of `live` without a group, a group of other
    than ten, a duplicate, an LA its own neighbour, a neighbour that is no live LA, a rank
    outside 1-10 or repeated, a closeness DfE does not use. Rows of LAs that are not live (the
    workbook keeps five pre-reorganisation groups) are left out.
    """
    numbers = {code.old_la_code: code for code in live}
    groups: dict[str, list[tuple[int, Neighbour]]] = {}
    bands = {band.lower(): band for band in CLOSENESS}
    for line, row in read_rows(path, COLUMNS):
        number = row["old_la_code"]
        if number not in numbers:
            continue

        def bad(problem: str, column: str, line: int = line, row: dict = row) -> InputError:
            return InputError(path, problem, line=line, column=column, value=row[column])

        rank = row["neighbour_rank"]
        if not rank.isdigit() or not 1 <= int(rank) <= GROUP_SIZE:
            raise bad(f"not a neighbour rank from 1 to {GROUP_SIZE}", "neighbour_rank")
        neighbour = row["neighbour_old_la_code"]
        if neighbour == number:
            raise bad("an LA is its own neighbour", "neighbour_old_la_code")
        if neighbour not in numbers:
            raise bad("not the DfE number of a live LA in the LA lookup", "neighbour_old_la_code")
        closeness = bands.get(row["closeness"].strip().lower())
        if closeness is None:
            raise bad(f"not one of DfE's closeness bands ({', '.join(CLOSENESS)})", "closeness")
        group = groups.setdefault(number, [])
        if any(n.neighbour_number == neighbour for _, n in group):
            raise bad(f"a neighbour listed twice for LA {number}", "neighbour_old_la_code")
        if any(n.rank == int(rank) for _, n in group):
            raise bad(f"a rank given twice for LA {number}", "neighbour_rank")
        group.append((line, Neighbour(number, neighbour, int(rank), closeness)))
    for number, code in sorted(numbers.items()):
        group = groups.get(number, [])
        if len(group) != GROUP_SIZE:
            line = group[-1][0] if group else None
            raise InputError(path, f"{code.la_name} ({number}) has {len(group)} neighbours, "
                             f"not {GROUP_SIZE}", line=line,
                             column="old_la_code" if group else None)  # fmt: skip
    return {number: sorted((n for _, n in group), key=lambda n: n.rank)
            for number, group in sorted(groups.items())}  # fmt: skip
