"""The one loader of the indicator tables, and what every consumer asks of them.

Findings, figures, the bulletin and the factsheets all read the tables through `IndicatorTables`:
the periods and the latest one, England, region and group rows, labels and display formats, and
whether the data are synthetic (decided once, from provenance, and carried from there).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import polars as pl

from .. import formatting
from ..core.errors import SencoError
from .compute import GROUP, NATIONAL, OTHER_GROUP, REGIONAL, SMALL_BASE_MIN, TARGETED_GROUP

LA_TABLE, AREA_TABLE, NEIGHBOURS_TABLE = "la_indicators", "aggregates", "statistical_neighbours"
COVERAGE = "coverage_rate"  # the headline indicator the bulletin, charts and factsheets discuss
# The columns that identify a row of each table: what a citation names.
# What changed since an earlier build (senco.revisions): one row per revised figure or finding.
REVISIONS_TABLE = "revisions"
KEYS = {LA_TABLE: ("period", "new_la_code"), AREA_TABLE: ("period", "area_code"),
        NEIGHBOURS_TABLE: ("new_la_code", "neighbour_rank"),
        REVISIONS_TABLE: ("measure", "table", "area_code", "period")}  # fmt: skip
TARGETED, NOT_TARGETED = TARGETED_GROUP[0], OTHER_GROUP[0]

# Formats that are not an indicator's own (names that are not in the definitions table).
TEXT, COUNT, YES_NO = "text", "count", "yes_no"
# A prefix for a value shown without its sign, when the words say which way ("19 more").
SIZE = "size:"
# A prefix for a value shown without its unit's words, when the sentence names the unit once
# ("rose by between 1.9 and 3.7 percentage points"). Prefixes combine: "size:bare:...".
BARE = "bare:"


class Row(dict):
    """A row of an indicator table that knows which table it is from and its key."""

    def __init__(self, table: str, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.table = table

    def __missing__(self, column: str) -> Any:
        # A table without a column a statement needs: one line, not a KeyError's traceback.
        raise SencoError(f"{self.table}: missing column(s) {column} needed for the findings")

    @property
    def key(self) -> dict[str, Any]:
        return {column: self[column] for column in KEYS[self.table]}


@dataclass(frozen=True)
class IndicatorTables:
    la: pl.DataFrame
    areas: pl.DataFrame
    definitions: pl.DataFrame
    synthetic: bool
    small_base_min: int = SMALL_BASE_MIN  # the threshold the `small_base` column was set by
    # DfE's statistical neighbours (senco.indicators.neighbours.group_table); None: not compared.
    neighbours: pl.DataFrame | None = None
    # The revisions against an earlier build (senco.revisions.compare.revision_table); None: no
    # earlier build was named (config previous_release).
    revisions: pl.DataFrame | None = None

    @classmethod
    def load(
        cls,
        la: str | Path,
        areas: str | Path,
        definitions: str | Path,
        provenance: str | Path,
        small_base_min: int = SMALL_BASE_MIN,
        neighbours: str | Path | None = None,
    ) -> IndicatorTables:
        """The tables and provenance.json, as the rules' inputs name them."""
        record = json.loads(Path(provenance).read_text(encoding="utf-8"))
        return cls(
            la=pl.read_parquet(la),
            areas=pl.read_parquet(areas),
            definitions=pl.read_parquet(definitions),
            synthetic=bool(record["synthetic"]),
            small_base_min=small_base_min,
            neighbours=None if neighbours is None else pl.read_parquet(neighbours),
        )

    # --- periods ------------------------------------------------------------------------------

    @property
    def periods(self) -> list[str]:
        return sorted(self.la["period"].unique().to_list())

    @property
    def first(self) -> str:
        return self.periods[0]

    @property
    def latest(self) -> str:
        return self.periods[-1]

    # --- rows ---------------------------------------------------------------------------------

    def frame(self, table: str) -> pl.DataFrame:
        if table == NEIGHBOURS_TABLE:
            if self.neighbours is None:
                raise SencoError("no statistical neighbours table to cite")
            return self.neighbours
        if table == REVISIONS_TABLE:
            if self.revisions is None:
                raise SencoError("no revisions table to cite (config previous_release not set)")
            return self.revisions
        return self.la if table == LA_TABLE else self.areas

    def cited(self) -> dict[str, pl.DataFrame]:
        """The tables findings cite, by name, as `make qa` reads them back to check them."""
        frames = {LA_TABLE: self.la, AREA_TABLE: self.areas}
        optional = {NEIGHBOURS_TABLE: self.neighbours, REVISIONS_TABLE: self.revisions}
        return frames | {name: frame for name, frame in optional.items() if frame is not None}

    @cached_property
    def _groups(self) -> dict[str, list[dict[str, Any]]]:
        groups: dict[str, list[dict[str, Any]]] = {}
        if self.neighbours is not None:
            for row in self.neighbours.sort("neighbour_rank").iter_rows(named=True):
                groups.setdefault(row["new_la_code"], []).append(row)
        return groups

    def neighbours_of(self, code: str) -> list[Row]:
        """The LA's statistical neighbours, closest first (none without the groups table)."""
        return [Row(NEIGHBOURS_TABLE, row) for row in self._groups.get(code, [])]

    def rows(self, table: str, frame: pl.DataFrame | None = None) -> list[Row]:
        """Rows of `frame` (a filtered part of `table`), each knowing its table and key."""
        source = self.frame(table) if frame is None else frame
        return [Row(table, row) for row in source.iter_rows(named=True)]

    def la_frame(self, period: str) -> pl.DataFrame:
        return self.la.filter(pl.col("period") == period)

    def area_frame(self, period: str, level: str) -> pl.DataFrame:
        return self.areas.filter(
            (pl.col("period") == period) & (pl.col("geographic_level") == level)
        )

    @cached_property
    def _area_rows(self) -> dict[tuple[str, str, str | None], dict[str, Any]]:
        """Each aggregate row by period, level and area code, and the first of each period and
        level by (period, level, None): the factsheets alone ask for an area about 900 times,
        and a dictionary answers in a fraction of the time two filters of the table take."""
        found: dict[tuple[str, str, str | None], dict[str, Any]] = {}
        for row in self.areas.iter_rows(named=True):
            at = (row["period"], row["geographic_level"])
            found.setdefault((*at, row["area_code"]), row)
            found.setdefault((*at, None), row)
        return found

    def area(self, period: str, level: str, code: str | None = None) -> Row | None:
        """The aggregate row of an area (the first of its level without a code), or None."""
        row = self._area_rows.get((period, level, code))
        return None if row is None else Row(AREA_TABLE, row)

    def england(self, period: str) -> Row:
        row = self.area(period, NATIONAL)
        if row is None:
            raise SencoError(f"aggregates: no England row for {period}")
        return row

    def region(self, period: str, code: str) -> Row | None:
        return self.area(period, REGIONAL, code)

    def group(self, period: str, code: str) -> Row | None:
        return self.area(period, GROUP, code)

    @cached_property
    def _la_rows(self) -> dict[tuple[str, str], dict[str, Any]]:
        return {(row["period"], row["new_la_code"]): row for row in self.la.iter_rows(named=True)}

    def la_row(self, period: str, code: str) -> Row | None:
        row = self._la_rows.get((period, code))
        return Row(LA_TABLE, row) if row is not None else None

    # --- definitions --------------------------------------------------------------------------

    @cached_property
    def _definitions_by_name(self) -> dict[str, dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for row in self.definitions.iter_rows(named=True):
            rows.setdefault(row["name"], row)
        return rows

    def definition(self, name: str) -> dict[str, Any]:
        """An indicator's definition (see `definition`), looked up once per name: the findings
        ask for labels and units nearly 2,000 times."""
        if name not in self._definitions_by_name:
            return definition(self.definitions, name)  # raises, naming the indicator
        return dict(self._definitions_by_name[name])

    def label(self, name: str) -> str:
        return self.definition(name)["label"]

    @cached_property
    def formats(self) -> dict[str, tuple[str, int]]:
        return formats(self.definitions)

    def show(self, name: str, value: Any) -> str:
        """A value as readers see it (see `show`)."""
        return show(self.formats, name, value)


def definition(definitions: pl.DataFrame, name: str) -> dict[str, Any]:
    """An indicator's row of the definitions table (label, unit, precision, ...)."""
    rows = definitions.filter(pl.col("name") == name)
    if rows.height == 0:
        raise SencoError(f"indicator {name!r} has no definition in workflow/indicators.yaml")
    return rows.row(0, named=True)


def formats(definitions: pl.DataFrame) -> dict[str, tuple[str, int]]:
    """Each indicator's display unit and decimal places, by name."""
    return {
        row["name"]: (row["unit"], row["decimal_places"])
        for row in definitions.iter_rows(named=True)
    }


def show(formats: dict[str, tuple[str, int]], name: str, value: Any) -> str:
    """The one way a cited value becomes text (the findings and `make qa` both use it): by the
    named indicator's unit and precision, or as text, a count, or yes/no."""
    if name.startswith(SIZE):
        return show(formats, name.removeprefix(SIZE), value).lstrip("+-")
    if name.startswith(BARE) and name.removeprefix(BARE) in formats:
        unit, decimal_places = formats[name.removeprefix(BARE)]
        return formatting.by_unit(value, unit, decimal_places, words=False)
    if name == TEXT:
        return formatting.NOT_AVAILABLE if value is None else str(value)
    if name == COUNT:
        return formatting.count(value)
    if name == YES_NO:
        return formatting.NOT_AVAILABLE if value is None else ("Yes" if value else "No")
    if name not in formats:
        raise SencoError(f"no format {name!r}: not an indicator in workflow/indicators.yaml")
    unit, decimal_places = formats[name]
    return formatting.by_unit(value, unit, decimal_places)
