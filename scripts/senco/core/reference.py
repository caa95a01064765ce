"""The lookup of English local authorities and their regions, in the DfE data screener's formats.

Two files, both configuration (`la_lookup`, `region_lookup`), bundled as copies of the screener's
`data/las.csv` and `data/region_la_hierarchy.csv` (see resources/reference/PROVENANCE.md):

- `las.csv` gives every LA code with its DfE number (`old_la_code`), name, region
  (`parent_geography_code`), the dates it was in use and whether it is `live`;
- `region_la_hierarchy.csv` gives each region's name.

An LA keeps its DfE number when ONS recodes it (Barnsley E08000016 became E08000038 on
1 May 2025, still 370), so the number follows an LA across a recode: every code of the same number
belongs to one LA, shown under its live code and name (`current_codes`).

`live_las` reads the files with the standard library only, because the workflow needs the LA list
when Snakemake starts (to name each region's factsheets) and should not pay for importing Polars
then; `load_la_reference` and `load_lookup` give Polars tables for the pipeline.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .errors import InputError, control_character

# A single upper-tier code: unitary (E06), metropolitan district (E08), London borough (E09) or
# county (E10). Excludes the screener's combined rows ("A / B") and BFPO ("z").
SINGLE_LA_CODE = re.compile(r"^E(06|08|09|10)[0-9]{6}$")
REGION_CODE = re.compile(r"^E12[0-9]{6}$")
DATE_FORMAT = "%d/%m/%Y"  # the screener's dates, e.g. 01/05/2025
LIVE = "live"

LA_REFERENCE_COLUMNS = ("new_la_code", "old_la_code", "la_name", "region_code", "region_name")
LOOKUP_COLUMNS = ("new_la_code", "old_la_code", "la_name", "valid_from", "valid_to",
                  "current_la_code", "current_la_name", "region_code", "region_name")  # fmt: skip
LAS_COLUMNS = ("new_la_code", "la_name", "date_of_operation", "date_of_termination",
               "parent_geography_code", "status", "old_la_code")  # fmt: skip
REGION_COLUMNS = ("region_code", "region_name", "new_la_code")


def valid_dates(valid_from: date, valid_to: date | None) -> str:
    """'from 01/01/2009 to 30/04/2025', in the lookup's own date format."""
    start = f"from {valid_from.strftime(DATE_FORMAT)}"
    return start + (f" to {valid_to.strftime(DATE_FORMAT)}" if valid_to is not None else "")


@dataclass(frozen=True)
class LaCode:
    """One code an LA has had, and when it was in use (`valid_to` None: still in use)."""

    new_la_code: str
    old_la_code: str
    la_name: str
    region_code: str
    region_name: str | None  # None only for a terminated code whose region is not listed
    valid_from: date
    valid_to: date | None
    live: bool

    def valid_dates(self) -> str:
        return valid_dates(self.valid_from, self.valid_to)

    def in_use_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def read_rows(path: str | Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The file's rows with their line numbers, after checking it is UTF-8 text without control
    characters and has the columns named."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, f"is not UTF-8 (byte 0x{data[error.start]:02X}): save it as "
                         "UTF-8, as the screener's lookups are", line=data[: error.start].count(
                             b"\n") + 1) from None  # fmt: skip
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [name for name in required if name not in (reader.fieldnames or [])]
    if missing:
        raise InputError(path, f"not in the screener's format: no column(s) {missing}", line=1)
    rows = []
    for row in reader:
        for column, value in row.items():
            if isinstance(value, str) and (character := control_character(value)):
                raise InputError(path, f"holds the control character {character}",
                                 line=reader.line_num, column=column, value=value)  # fmt: skip
        rows.append((reader.line_num, row))
    return rows


def read_regions(region_csv: str | Path) -> dict[str, str]:
    """Region code -> name, from the screener's `region_la_hierarchy.csv` (one row per LA)."""
    names: dict[str, str] = {}
    for line, row in read_rows(region_csv, REGION_COLUMNS):
        code, name = row["region_code"], row["region_name"]
        if not REGION_CODE.match(code):
            continue  # the screener's "z" rows: outside England or unknown
        if names.setdefault(code, name) != name:
            raise InputError(region_csv, f"region {code} has two names", line=line,
                             column="region_name", value=name)  # fmt: skip
    return names


def _date(text: str, path, line: int, column: str) -> date | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, DATE_FORMAT).date()
    except ValueError:
        raise InputError(path, "not a date dd/mm/yyyy", line=line, column=column,
                         value=text) from None  # fmt: skip


def read_la_codes(las_csv: str | Path, region_csv: str | Path) -> list[LaCode]:
    """Every single LA code in the lookup, live or terminated, sorted by code."""
    regions = read_regions(region_csv)
    codes: dict[str, LaCode] = {}
    for line, row in read_rows(las_csv, LAS_COLUMNS):
        code = row["new_la_code"]
        if not SINGLE_LA_CODE.match(code):
            continue
        live = row["status"] == LIVE
        region = row["parent_geography_code"]
        if live and region not in regions:
            raise InputError(las_csv, f"LA {code} has no known region in "
                             f"{Path(region_csv).name}", line=line,
                             column="parent_geography_code", value=region)  # fmt: skip
        if code in codes:
            raise InputError(las_csv, "an LA code appears more than once", line=line,
                             column="new_la_code", value=code)  # fmt: skip
        valid_from = _date(row["date_of_operation"], las_csv, line, "date_of_operation")
        if valid_from is None:
            raise InputError(las_csv, "no date_of_operation", line=line, column="new_la_code",
                             value=code)  # fmt: skip
        codes[code] = LaCode(
            new_la_code=code,
            old_la_code=row["old_la_code"],
            la_name=row["la_name"],
            region_code=region,
            region_name=regions.get(region),
            valid_from=valid_from,
            valid_to=_date(row["date_of_termination"], las_csv, line, "date_of_termination"),
            live=live,
        )
    live_numbers = [c.old_la_code for c in codes.values() if c.live]
    repeated = sorted({number for number in live_numbers if live_numbers.count(number) > 1})
    if repeated:
        raise InputError(las_csv, "two live LAs share the DfE number (old_la_code)",
                         column="old_la_code", value=repeated[0])  # fmt: skip
    return sorted(codes.values(), key=lambda c: c.new_la_code)


def current_codes(codes: list[LaCode]) -> dict[str, LaCode]:
    """Each code -> the live code of the same LA (same DfE number), where the LA is still live.

    A live code maps to itself; a code whose LA was abolished (Cumbria, 909) maps to nothing."""
    live = {c.old_la_code: c for c in codes if c.live}
    return {c.new_la_code: live[c.old_la_code] for c in codes if c.old_la_code in live}


def in_use_on(codes: list[LaCode], day: date) -> list[LaCode]:
    """The codes of live LAs that were in use on `day` (Barnsley's is E08000016 in 2024)."""
    current = current_codes(codes)
    return [c for c in codes if c.new_la_code in current and c.in_use_on(day)]


def live_codes(las_csv: str | Path, region_csv: str | Path) -> list[LaCode]:
    """The codes of the live LAs, sorted by code."""
    return [c for c in read_la_codes(las_csv, region_csv) if c.live]


def la_numbers(codes: set[str] | frozenset[str], known: list[LaCode]) -> set[str]:
    """The DfE numbers (old_la_code) that `known` gives the LA codes `codes`: what a list keyed
    by one lookup's codes is matched by under another, since a recode keeps the number."""
    return {code.old_la_code for code in known if code.new_la_code in codes}


def live_las(las_csv: str | Path, region_csv: str | Path) -> list[dict[str, str]]:
    """The live English LAs with their region, sorted by code."""
    return [
        {
            "new_la_code": c.new_la_code,
            "old_la_code": c.old_la_code,
            "la_name": c.la_name,
            "region_code": c.region_code,
            "region_name": c.region_name,
        }  # fmt: skip
        for c in live_codes(las_csv, region_csv)
    ]


def load_la_reference(las_csv: str | Path, region_csv: str | Path):
    """`live_las` as a Polars table with all-text columns."""
    import polars as pl

    return pl.DataFrame(
        live_las(las_csv, region_csv), schema=dict.fromkeys(LA_REFERENCE_COLUMNS, pl.String)
    )


def load_lookup(las_csv: str | Path, region_csv: str | Path):
    """Every single LA code, with the dates it was in use and the LA it now belongs to.

    Columns: the code's own `new_la_code`, `old_la_code`, `la_name`, `valid_from`, `valid_to`
    (null: still in use), and `current_la_code`, `current_la_name`, `region_code`,
    `region_name` of the live LA it belongs to (null where the LA is no longer live).
    """
    import polars as pl

    codes = read_la_codes(las_csv, region_csv)
    current = current_codes(codes)
    rows = []
    for c in codes:
        now = current.get(c.new_la_code)
        rows.append({
            "new_la_code": c.new_la_code, "old_la_code": c.old_la_code, "la_name": c.la_name,
            "valid_from": c.valid_from, "valid_to": c.valid_to,
            "current_la_code": now and now.new_la_code, "current_la_name": now and now.la_name,
            "region_code": now and now.region_code,
            "region_name": now and now.region_name,
        })  # fmt: skip
    schema = {name: pl.String for name in LOOKUP_COLUMNS} | {"valid_from": pl.Date,
                                                            "valid_to": pl.Date}  # fmt: skip
    return pl.DataFrame(rows, schema=schema)


def la_codes_by_region(las_csv: str | Path, region_csv: str | Path) -> dict[str, list[str]]:
    return by_region(live_codes(las_csv, region_csv))


def by_region(codes: list[LaCode]) -> dict[str, list[str]]:
    """Each region's LA codes, regions in code order."""
    grouped: dict[str, list[str]] = {}
    for code in codes:
        grouped.setdefault(code.region_code, []).append(code.new_la_code)
    return dict(sorted(grouped.items()))


def following(las_csv: str | Path, region_csv: str | Path) -> dict[str, str]:
    """Every code -> the live code of its LA: what a layout or list keyed by an older code
    (the hex map's 2023 codes, the targeted LAs' list) follows to reach the current LA."""
    return {
        code: la.new_la_code
        for code, la in current_codes(read_la_codes(las_csv, region_csv)).items()
    }


def followed(codes: list[str], follow: dict[str, str]) -> list[str]:
    """`codes` under their LAs' live codes (a code not in `follow` stays as it is)."""
    return sorted({follow.get(code, code) for code in codes})


def followed_layout(hexmap: dict, follow: dict[str, str]) -> dict:
    """The hex map layout keyed by the live codes of its LAs, so a recoded LA keeps its hexes."""
    areas = hexmap.get("local_authorities", {})
    return {**hexmap, "local_authorities": {follow.get(code, code): area
                                            for code, area in areas.items()}}  # fmt: skip
