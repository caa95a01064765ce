"""A chart's data table as a CSV a reader can reuse: numbers stored as numbers (rates in per cent,
rounded as the chart shows them), units in the headers, and each row's period and area code when
its rows are areas; `x` where a value is not available."""

from __future__ import annotations

import csv
import io
from typing import Any

from .. import formatting
from ..core.fileio import inert

# Each numeric unit's header suffix and how its value is stored.
UNITS = {
    "percent": " (%)",
    "percentage points": " (percentage points)",
    "count": "",
    "rank": "",
    "ratio": "",
}
NOT_AVAILABLE = "x"


def stored(value: Any, unit: str, decimal_places: int) -> str:
    """A value as the CSV stores it: a plain number, no thousands separator or unit sign."""
    if value is None or isinstance(value, str):
        return NOT_AVAILABLE
    if unit in ("percent", "percentage points"):
        value *= 100
    return formatting.number(value, decimal_places).replace(",", "")


def row_key(row: list[dict[str, Any]]) -> dict[str, Any]:
    """The key of the indicator row a table row shows (from its first cell's citation), or {}."""
    cites = row[0]["cites"] if row else []
    return cites[0].get("key") or {} if cites else {}


def table_csv(table: dict[str, Any]) -> str:
    """The finding's table as CSV: a period and code column first when its rows are areas."""
    columns = table["columns"]
    keys = [row_key(row) for row in table["rows"]]
    code = next((name for name in ("new_la_code", "area_code") if keys and name in keys[0]), None)
    identity = ["time_period", code] if code and "period" in keys[0] else []
    headers = identity + [column["label"] + UNITS.get(column["unit"], "") for column in columns]
    rows = []
    for key, row in zip(keys, table["rows"], strict=True):
        cells = [
            stored(cell["cites"][0]["value"] if cell["cites"] else None, column["unit"],
                   column["decimal_places"])
            if column["unit"] in UNITS
            else inert(cell["text"])
            for column, cell in zip(columns, row, strict=True)
        ]  # fmt: skip
        rows.append([key.get("period", ""), key.get(code, "")] * bool(identity) + cells)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue()
