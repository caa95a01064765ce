"""What every chart's pure part shares: saying a chart's pieces, naming tied areas, sources."""

from __future__ import annotations

import importlib
from typing import Any

import polars as pl

from ...core.errors import SencoError
from ...formatting import listed
from ...indicators.tables import IndicatorTables
from ...published import SOURCE, SYNTHETIC_SOURCE
from .. import ids
from ..completeness import incomplete_note
from ..model import Cell, Cited, Column, FindingSet, Says, Statement, Text, Where, select
from . import module_name

# More tied names than this are counted instead ("4 local authorities").
MOST_NAMES_LISTED = 3


def say_source(says: Says, synthetic: bool) -> None:
    says.say(ids.CHART_SOURCE, "source", SYNTHETIC_SOURCE if synthetic else SOURCE)


def findings(tables: IndicatorTables, chart: str) -> FindingSet:
    """One chart's findings (results/findings/charts/<chart>.json): what it says and marks, the
    source line and any incomplete-data notice its notes end with. Its wording module is
    imported by name, so a chart's job runs only that chart's wording."""
    says = Says(tables)
    incomplete_note(says, tables)
    say_source(says, tables.synthetic)
    importlib.import_module(module_name(__package__, chart)).describe(says, tables)
    return FindingSet.said(says)


class ChartSays:
    """Says the pieces of one chart, under ids `chart.<name>.<piece>`.

    Each piece's text is a string, or a function writing it that cites each value on the
    statement it is given; `statement` opens a piece to cite on step by step.
    """

    def __init__(self, says: Says, chart: str) -> None:
        self.says, self.chart = says, chart
        self.notes = 0

    def id(self, piece: str) -> str:
        return ids.chart(self.chart, piece)

    def statement(self, piece: str, kind: str) -> Statement:
        return self.says.statement(self.id(piece), kind)

    def title(self, text: Text) -> str:
        return self.says.say(self.id("title"), "title", text).text

    def subtitle(self, text: Text) -> None:
        self.says.say(self.id("subtitle"), "subtitle", text)

    def alt(self, text: Text) -> None:
        self.says.say(self.id("alt_text"), "alt_text", text)

    def note(self, text: Text) -> None:
        self.notes += 1
        self.says.say(self.id(f"note.{self.notes}"), "note", text)

    def mark(self, piece: str, kind: str, text: Text) -> None:
        """Something the drawing shows: a label, a reference line, a band."""
        self.says.say(self.id(piece), kind, text)

    def table(self, title: str, columns: list[Column], rows: list[list[Cell]]) -> None:
        self.says.table(self.id("table"), f"Data for: {title}", columns, rows)

    def no_data(self, message: Text) -> None:
        """An explicit 'no data' panel instead of an empty or misleading chart."""
        message = self.says.say(self.id("no_data"), "no_data", message).text
        self.title(message)
        self.alt(f"No chart: {message}")
        self.table(message, [], [])


def require(frame: pl.DataFrame, columns: list[str], what: str) -> None:
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        raise SencoError(f"{what}: missing column(s) {', '.join(missing)} needed for the figures")


def tied_names(
    cited: Cited,
    tables: IndicatorTables,
    table: str,
    where: Where,
    name: str,
    noun: str = "local authorities",
) -> str:
    """Every row the filter picks, named (ties are named, not silently broken), or counted if
    there are more than a few; cited on `cited`, the statement saying them."""
    frame = select(tables.frame(table), where).sort(name)
    if frame.height > MOST_NAMES_LISTED:
        return f"{cited.count(table, where)} {noun}"
    return listed([cited.text(row, name) for row in tables.rows(table, frame)])


def rose_or_fell(before: Any, after: Any) -> str:
    if after > before:
        return "rose"
    return "fell" if after < before else "was unchanged"
