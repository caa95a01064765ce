"""What a finding is: a statement or table, with every value it cites.

A citation names where a number comes from in `results/indicators/` (a table, a row key and a
column; or a count or statistic over rows picked by a filter), its unrounded value, the format it
is shown in and the string shown. `make qa` recomputes each value from the tables and reformats
it, so a reviewer can check every sentence without reading the code that wrote it.

Statements are written with a `Says`: each value is cited on the statement (or table cell) that
shows it, as it is put into the text, so the text and its citations cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import polars as pl

from ..indicators.tables import COUNT, TEXT, IndicatorTables, Row, show
from ..published import LOW_RELIABILITY

# Where-filters: a column equals a value, is one of a list, is not null, or is at least, below or
# above a number. {"coverage_rate": {"at_least": 0.0595}} keeps rows with coverage of 5.95% or more.
Where = dict[str, Any]
STATISTICS = ("count", "min", "max", "median", "lower_quartile", "upper_quartile")


@dataclass(frozen=True)
class Citation:
    table: str
    column: str | None
    value: Any
    shown: str
    format: str  # an indicator's name (its unit and precision), or "text" or "count"
    key: dict[str, Any] | None = None  # one row ...
    where: Where | None = None  # ... or a statistic over the rows a filter picks
    statistic: str | None = None
    basis: bool = False  # what a claim rests on, not shown in its text (a count behind a "higher")

    def as_dict(self) -> dict[str, Any]:
        record = {
            "table": self.table,
            "column": self.column,
            "value": self.value,
            "shown": self.shown,
            "format": self.format,
        }
        if self.basis:
            record["basis"] = True
        if self.key is not None:
            record["key"] = self.key
        else:
            record["where"] = self.where
            record["statistic"] = self.statistic
        return record


@dataclass(frozen=True)
class Finding:
    """A statement (kind: main_point, heading, title, subtitle, alt_text, note, sentence ...)."""

    id: str
    kind: str
    text: str
    cites: tuple[Citation, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "cites": [c.as_dict() for c in self.cites],
        }


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    unit: str  # how the bulletin aligns it: "category" for text, else numeric
    decimal_places: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "unit": self.unit,
            "decimal_places": self.decimal_places,
        }


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its text and the values it shows (a rate with its interval cites
    three)."""

    text: str
    cites: tuple[Citation, ...]

    @property
    def value(self) -> Any:
        return self.cites[0].value if self.cites else None

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "cites": [c.as_dict() for c in self.cites]}


@dataclass(frozen=True)
class TableFinding:
    """A table a reader sees: every cell cites what it shows (text cells cite names too)."""

    id: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    kind = "table"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "caption": self.caption,
            "columns": [c.as_dict() for c in self.columns],
            "rows": [[cell.as_dict() for cell in row] for row in self.rows],
        }


# --- computing a cited value: used both to write findings and by `make qa` to check them ------


def known(row, *columns: str) -> bool:
    """Whether every value a sentence would show is there: a sentence is never built around
    'not available' ('not available practitioners had completed ...')."""
    return row is not None and all(row[column] is not None for column in columns)


def select(frame: pl.DataFrame, where: Where) -> pl.DataFrame:
    conditions = []
    for column, test in where.items():
        if isinstance(test, list):
            conditions.append(pl.col(column).is_in(test))
        elif isinstance(test, dict):
            for operator, operand in test.items():
                if operator == "not_null":
                    conditions.append(pl.col(column).is_not_null() == bool(operand))
                elif operator == "at_least":
                    conditions.append(pl.col(column) >= operand)
                elif operator == "below":
                    conditions.append(pl.col(column) < operand)
                elif operator == "above":
                    conditions.append(pl.col(column) > operand)
                else:
                    raise ValueError(f"unknown filter {operator!r} on {column}")
        else:
            conditions.append(pl.col(column) == test)
    return frame.filter(pl.all_horizontal(conditions)) if conditions else frame


def statistic(frame: pl.DataFrame, column: str | None, name: str) -> Any:
    """A statistic of a column over rows; quartiles interpolate linearly (R's type 7)."""
    if name == "count":
        return frame.height
    values = frame[column].drop_nulls()
    if values.len() == 0:
        return None
    if name == "min":
        return values.min()
    if name == "max":
        return values.max()
    quantile = {"median": 0.5, "lower_quartile": 0.25, "upper_quartile": 0.75}[name]
    return values.quantile(quantile, interpolation="linear")


class Cited:
    """The values one statement or one table cell shows, and those it rests on, cited as they are
    put into its text. Each statement and each composed cell has its own: a value is cited for
    the statement it is cited on, never for whichever is said next."""

    def __init__(self, tables: IndicatorTables) -> None:
        self.tables = tables
        self.cites: list[Citation] = []

    def _citation(self, row: Row, column: str, format: str | None) -> Citation:
        return row_citation(self.tables, row, column, format)

    def cite(self, row: Row, column: str, format: str | None = None) -> Citation:
        """One cell of a table row; shown by `format` (default: the column's own definition)."""
        citation = self._citation(row, column, format)
        self.cites.append(citation)
        return citation

    def basis(self, row: Row, column: str, format: str | None = None) -> Any:
        """Cite a value a claim rests on without showing it; return the value."""
        citation = replace(self._citation(row, column, format), basis=True)
        self.cites.append(citation)
        return citation.value

    def value(self, row: Row, column: str, format: str | None = None) -> str:
        """Cite a value and return the string to put in the text."""
        return self.cite(row, column, format).shown

    def text(self, row: Row, column: str) -> str:
        return self.value(row, column, TEXT)

    def la_name(self, row: Row) -> str:
        """An LA's name, marked when its base is small (its rates are unstable)."""
        name = self.text(row, "la_name")
        if row.get("small_base"):
            self.basis(row, "small_base")
            return f"{name} {LOW_RELIABILITY}"
        return name

    def stat(
        self,
        table: str,
        where: Where,
        name: str,
        column: str | None = None,
        format: str = COUNT,
        basis: bool = False,
    ) -> Citation:
        """A statistic over the rows a filter picks (the number of LAs outside limits, say);
        `basis`: what a claim rests on, not shown in its text."""
        computed = statistic(select(self.tables.frame(table), where), column, name)
        citation = Citation(
            table=table,
            column=column,
            value=computed,
            shown=show(self.tables.formats, format, computed),
            format=format,
            where=where,
            statistic=name,
            basis=basis,
        )
        self.cites.append(citation)
        return citation

    def count(self, table: str, where: Where) -> str:
        return self.stat(table, where, "count").shown


# A statement's text, or a function that writes it from the statement it cites values on.
Text = str | Callable[["Statement"], str]


class Statement(Cited):
    """One statement being written: `say` records it with the values cited on it."""

    def __init__(self, says: Says, finding_id: str, kind: str) -> None:
        super().__init__(says.tables)
        self.id, self.kind = finding_id, kind
        self._says = says
        self._said = False

    def say(self, text: Text) -> Finding:
        if self._said:
            raise ValueError(f"{self.id}: said twice")
        self._said = True
        if callable(text):
            text = text(self)
        return self._says.record(Finding(self.id, self.kind, " ".join(text.split()),
                                         tuple(self.cites)))  # fmt: skip


class Composing(Cited):
    """One table cell made of several values (a rate with its interval) or words around them."""

    def cell(self, text: str) -> Cell:
        return Cell(text, tuple(self.cites))


def row_citation(tables: IndicatorTables, row: Row, column: str, format: str | None) -> Citation:
    name = format or column
    return Citation(
        table=row.table,
        column=column,
        value=row[column],
        shown=show(tables.formats, name, row[column]),
        format=name,
        key=row.key,
    )


class Says:
    """Writes findings from the indicator tables. Values are cited on the statement or cell that
    shows them (`statement`, `composing`), so no citation can stray to another."""

    def __init__(self, tables: IndicatorTables) -> None:
        self.tables = tables
        self.findings: list[Finding | TableFinding] = []

    def statement(self, finding_id: str, kind: str) -> Statement:
        """A statement to cite values on, then `say`."""
        return Statement(self, finding_id, kind)

    def say(self, finding_id: str, kind: str, text: Text) -> Finding:
        """Record a statement: its text, or a function that writes its text citing each value
        on the statement it is given."""
        return self.statement(finding_id, kind).say(text)

    def record(self, finding: Finding | TableFinding) -> Finding | TableFinding:
        self.findings.append(finding)
        return finding

    def composing(self) -> Composing:
        """A table cell to cite values on, then make with `cell`."""
        return Composing(self.tables)

    def cell(self, row: Row, column: str, format: str | None = None) -> Cell:
        """A table cell showing one value."""
        citation = row_citation(self.tables, row, column, format)
        return Cell(citation.shown, (citation,))

    def text_cell(self, text: str) -> Cell:
        """A table cell of words only (a label, 'not available')."""
        return Cell(text, ())

    def la_name_cell(self, row: Row) -> Cell:
        """An LA's name, marked when its base is small."""
        composing = self.composing()
        return composing.cell(composing.la_name(row))

    def table(
        self, table_id: str, caption: str, columns: list[Column], rows: list[list[Cell]]
    ) -> TableFinding:
        finding = TableFinding(table_id, caption, tuple(columns), tuple(tuple(r) for r in rows))
        self.record(finding)
        return finding

    def column(self, name: str, label: str | None = None, format: str | None = None) -> Column:
        """A table column showing indicator `format` (default `name`) under its label."""
        definition = self.tables.definition(format or name)
        return Column(name, label or definition["label"], definition["unit"],
                      definition["decimal_places"])  # fmt: skip


def text_column(name: str, label: str) -> Column:
    return Column(name, label, "category")


@dataclass
class FindingSet:
    """Every finding of a build, by id, in the order written."""

    synthetic: bool
    periods: list[str]
    findings: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def said(cls, says: Says) -> FindingSet:
        """Everything `says` has recorded, for its tables' release."""
        found = cls(synthetic=says.tables.synthetic, periods=says.tables.periods)
        found.add(says.findings)
        return found

    def add(self, items: list[Finding | TableFinding]) -> None:
        for item in items:
            if item.id in self.findings:
                raise ValueError(f"finding id {item.id!r} is used twice")
            self.findings[item.id] = item.as_dict()

    def as_dict(self) -> dict[str, Any]:
        return {
            "periods": self.periods,
            "synthetic": self.synthetic,
            "findings": list(self.findings.values()),
        }
