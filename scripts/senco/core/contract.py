"""Column contracts: the columns, types and meaning of each output table.

A contract is a YAML file under `workflow/schemas/`. It is checked when a table is written, and the
data dictionary is generated from it, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl
import yaml

from .errors import SencoError


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    nullable: bool
    description: str


@dataclass(frozen=True)
class TableContract:
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    source: str

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


def load_contract(path: str | Path) -> TableContract:
    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return TableContract(
        title=spec["title"],
        description=" ".join(spec["description"].split()),
        columns=tuple(Column(**column) for column in spec["columns"]),
        primary_key=tuple(spec.get("primary_key", ())),
        source=Path(path).name,
    )


def enforce(frame: pl.DataFrame, contract: TableContract) -> pl.DataFrame:
    """Return `frame` with the contract's columns in its order; stop on any breach, naming it."""
    where = f"table '{contract.title}' ({contract.source})"
    missing = [name for name in contract.names if name not in frame.columns]
    if missing:
        raise SencoError(f"{where}: missing column(s) {', '.join(missing)}")
    unexpected = [name for name in frame.columns if name not in contract.names]
    if unexpected:
        raise SencoError(f"{where}: unexpected column(s) {', '.join(unexpected)}")
    for column in contract.columns:
        actual = str(frame.schema[column.name])
        if actual != column.dtype:
            raise SencoError(f"{where}: column {column.name} is {actual}, expected {column.dtype}")
        if not column.nullable and frame[column.name].null_count():
            raise SencoError(f"{where}: column {column.name} has nulls but must not")
        if frame.schema[column.name].is_float() and not frame[column.name].is_finite().all():
            raise SencoError(f"{where}: column {column.name} has NaN or infinite values")
    if contract.primary_key and frame.select(contract.primary_key).is_duplicated().any():
        raise SencoError(f"{where}: duplicate key ({', '.join(contract.primary_key)})")
    return frame.select(contract.names)


def data_dictionary_markdown(contracts: dict[str, TableContract], *, banner: str = "") -> str:
    """A Markdown data dictionary: one section per output file, one table row per column."""
    lines = ["# Data dictionary", ""] + ([f"**{banner}.**", ""] if banner else [])
    for file_name, contract in contracts.items():
        lines += [f"## `{file_name}`: {contract.title}", "", contract.description, ""]
        if contract.primary_key:
            lines += [f"One row per {', '.join(contract.primary_key)}.", ""]
        lines += ["| Column | Type | Nulls | Description |", "|---|---|---|---|"]
        for column in contract.columns:
            nulls = "allowed" if column.nullable else "never"
            lines.append(f"| `{column.name}` | {column.dtype} | {nulls} | {column.description} |")
        lines.append("")
    return "\n".join(lines)
