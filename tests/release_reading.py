"""Reading a built release back as a reader's tools would: HTML tables, spreadsheet sheets and
PDF text, with the standard library and poppler's pdftotext only."""

from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

SHEET_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@dataclass
class Table:
    caption: str = ""
    rows: list[list[str]] = field(default_factory=list)  # the header row first
    links: list[list[str]] = field(default_factory=list)  # each row's hrefs


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self.tables.append(Table())
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
            self.tables[-1].links.append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []
        elif tag == "a" and self.tables and self.tables[-1].links:
            self.tables[-1].links[-1].append(attributes.get("href", ""))
        if tag == "span" and self._hidden or "visually-hidden" in (attributes.get("class") or ""):
            self._hidden += tag == "span"

    def handle_endtag(self, tag):
        if tag == "caption" and self._caption is not None:
            self.tables[-1].caption = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1].rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "span" and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if self._hidden:
            return
        for part in (self._cell, self._caption):
            if part is not None:
                part.append(data)


def html_tables(page: Path) -> list[Table]:
    """Every table of an HTML page: caption, rows of cell text (visually hidden text left out),
    and the links in each row."""
    parser = _Tables()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tables


def sheet_rows(workbook: Path, sheet: str) -> list[list[str]]:
    """A worksheet's cells as text, row by row (numbers as written, shared strings resolved)."""
    with zipfile.ZipFile(workbook) as book:
        shared = [
            "".join(t.text or "" for t in item.iter(f"{{{SHEET_NS['m']}}}t"))
            for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).findall(
                "m:si", SHEET_NS
            )
        ]
        names = re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())
        xml = ElementTree.fromstring(book.read(f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"))
    rows = []
    for row in xml.iter(f"{{{SHEET_NS['m']}}}row"):
        cells = []
        for cell in row.findall("m:c", SHEET_NS):
            value = cell.find("m:v", SHEET_NS)
            text = "" if value is None else value.text or ""
            cells.append(shared[int(text)] if cell.get("t") == "s" else text)
        rows.append(cells)
    return rows


def pdf_text(pdf: Path) -> str:
    """A PDF's text in reading order, whitespace collapsed."""
    run = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(run.stdout.split())
