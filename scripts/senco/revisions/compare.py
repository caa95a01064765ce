"""Every published figure that changed between two builds: the revisions report.

A build is read from its `results/` folder (as `senco.layout` lays it out): the per-LA and
aggregate indicator tables and every findings file. Two builds are compared on the periods both
hold; a figure is listed only when its value (or a finding's text or cited values) differs.
Each revision says whether it shows at the published rounding, and whether the figure's own
counts changed or it moved because others did (a rank, funnel limit or band is computed across
LAs, so one LA's revised counts move other LAs' ranks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from .. import layout
from ..core.errors import SencoError
from ..core.fileio import atomic_path
from ..findings.charts import CHART_NAMES
from ..findings.read import read_merged
from ..indicators.compute import COUNTS
from ..indicators.tables import AREA_TABLE, KEYS, LA_TABLE, formats, show

COMPARED_TABLES = (LA_TABLE, AREA_TABLE)
# Columns that name a row rather than report a figure of it.
IDENTITY = {"period", "new_la_code", "old_la_code", "region_code", "area_code", "geographic_level",
            "data_status"}  # fmt: skip
OWN, OTHERS, TEXT = "its counts changed", "moved with other figures", "wording or values"
COLUMNS = ("measure", "table", "area_code", "period", "previous", "new", "difference",
           "visible_at_published_rounding", "cause")  # fmt: skip
# The revisions as a table findings cite (layout.REVISIONS_TABLE): the numbers typed, so a
# sentence's counts and its largest revisions are recomputed by make qa. A finding's revision
# has no number (its previous and new words are in revisions.csv).
SCHEMA = {"measure": pl.String, "table": pl.String, "area_code": pl.String, "period": pl.String,
          "previous": pl.Float64, "new": pl.Float64, "difference": pl.Float64,
          "visible_at_published_rounding": pl.Boolean, "cause": pl.String}  # fmt: skip


@dataclass(frozen=True)
class Build:
    """One build's published figures, read from its results folder."""

    folder: Path
    tables: dict[str, pl.DataFrame]
    definitions: pl.DataFrame
    findings: dict[str, Any]

    @property
    def periods(self) -> list[str]:
        return sorted(self.tables[LA_TABLE]["period"].unique().to_list())


def within(folder: Path, path: str) -> Path:
    """A layout path ('results/indicators/…') inside `folder`, a results folder."""
    return folder / Path(path).relative_to(layout.RESULTS)


def check_layout(folder: Path, with_findings: bool = True) -> None:
    """One line naming what is missing when `folder` is not a results folder of this pipeline's
    layout (its findings too, unless `with_findings` is false): the files' presence only, so the
    workflow can check it cheaply when it loads."""
    if not folder.is_dir():
        raise SencoError(f"{folder}: no such results folder")
    needed = [layout.indicator_table(name) for name in (*COMPARED_TABLES, "definitions")]
    needed += layout.findings_files(CHART_NAMES) if with_findings else []
    missing = [path for path in needed if not within(folder, path).is_file()]
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        raise SencoError(
            f"{folder}: not a complete results folder of this pipeline's layout "
            f"(no {Path(missing[0]).relative_to(layout.RESULTS)}{more})"
        )


def read_build(folder: str | Path, with_findings: bool = True) -> Build:
    """The build in `folder` (its findings too, unless `with_findings` is false); one line when
    it is not a results folder of this pipeline (or of a layout this version cannot read)."""
    folder = Path(folder)
    check_layout(folder, with_findings)
    try:
        tables = {name: pl.read_parquet(within(folder, layout.indicator_table(name)))
                  for name in COMPARED_TABLES}  # fmt: skip
        definitions = pl.read_parquet(within(folder, layout.indicator_table("definitions")))
        paths = [within(folder, p) for p in layout.findings_files(CHART_NAMES)]
        found = read_merged(paths) if with_findings else {"findings": []}
    except (pl.exceptions.PolarsError, OSError, json.JSONDecodeError, KeyError) as error:
        raise SencoError(f"{folder}: cannot read its tables or findings ({error})") from None
    for name, frame in tables.items():
        absent = [c for c in KEYS[name] if c not in frame.columns]
        if absent:
            raise SencoError(f"{folder}: {name} has no column {absent[0]}: an incompatible layout")
    return Build(folder, tables, definitions, found)


def shown(formats_: dict, column: str, value: Any) -> str:
    """A value as published: by its indicator's format, or as text when it has none."""
    if column in formats_:
        return show(formats_, column, value)
    return "" if value is None else str(value)


def same(previous: Any, new: Any) -> bool:
    """Equal, or floats equal but for the last bits of arithmetic (summed in another order)."""
    if isinstance(previous, float) and isinstance(new, float):
        return abs(previous - new) <= 1e-12 * max(1.0, abs(previous))
    return previous == new


def difference(previous: Any, new: Any) -> float | None:
    numbers = (int, float)
    if isinstance(previous, bool) or isinstance(new, bool):
        return None
    if isinstance(previous, numbers) and isinstance(new, numbers):
        return new - previous
    return None


def table_revisions(name: str, old: pl.DataFrame, new: pl.DataFrame, formats_: dict,
                    periods: list[str]) -> list[dict[str, Any]]:  # fmt: skip
    """Each figure of table `name` that differs, on the rows (keys) both builds have in
    `periods`; a row's counts changing makes each of its revisions 'its counts changed'."""
    key = list(KEYS[name])
    area = key[1]
    columns = [c for c in new.columns if c in old.columns and c not in IDENTITY]
    counts = [c for c in COUNTS if c in columns]
    joined = (old.filter(pl.col("period").is_in(periods))
              .join(new.filter(pl.col("period").is_in(periods)), on=key, how="inner",
                    suffix="__new")
              .sort(key))  # fmt: skip
    revisions = []
    for row in joined.iter_rows(named=True):
        own = any(row[c] != row[f"{c}__new"] for c in counts)
        for column in columns:
            before, after = row[column], row[f"{column}__new"]
            if same(before, after):
                continue
            revisions.append({
                "measure": column, "table": name, "area_code": row[area],
                "period": row["period"], "previous": before, "new": after,
                "difference": difference(before, after),
                "visible_at_published_rounding": (shown(formats_, column, before)
                                                  != shown(formats_, column, after)),
                "cause": OWN if own else OTHERS,
            })  # fmt: skip
    return revisions


def finding_revisions(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Each finding (by id) whose text or cited values differ, or that only one build says."""
    before = {f["id"]: f for f in old["findings"]}
    after = {f["id"]: f for f in new["findings"]}
    revisions = []
    for finding_id in sorted(before.keys() | after.keys()):
        a, b = before.get(finding_id), after.get(finding_id)
        if a == b:
            continue
        texts = [said(f) for f in (a, b)]
        revisions.append({
            "measure": finding_id, "table": "findings", "area_code": "", "period": "",
            "previous": texts[0], "new": texts[1], "difference": None,
            "visible_at_published_rounding": texts[0] != texts[1], "cause": TEXT,
        })  # fmt: skip
    return revisions


def said(finding: dict[str, Any] | None) -> str | None:
    """What a finding shows: its text, or a table's cells, one row a line."""
    if finding is None:
        return None
    if finding.get("kind") == "table":
        return "\n".join(" | ".join(cell["text"] for cell in row) for row in finding["rows"])
    return finding.get("text")


@dataclass(frozen=True)
class Report:
    revisions: list[dict[str, Any]]
    periods_compared: list[str]
    periods_added: list[str]
    periods_dropped: list[str]
    areas_added: list[str]
    areas_dropped: list[str]
    findings_compared: bool


def compare(old: Build, new: Build, findings: bool = True) -> Report:
    """The revisions from `old` to `new`, on the periods both hold (the findings' too, unless
    `findings` is false: the figures alone, as the factsheets' marks need)."""
    common = sorted(set(old.periods) & set(new.periods))
    formats_ = formats(new.definitions)
    revisions = []
    added, dropped = [], []
    for name in COMPARED_TABLES:
        revisions += table_revisions(name, old.tables[name], new.tables[name], formats_, common)
        area = KEYS[name][1]
        keys = [set(b.tables[name].filter(pl.col("period").is_in(common))[area])
                for b in (old, new)]  # fmt: skip
        added += sorted(keys[1] - keys[0])
        dropped += sorted(keys[0] - keys[1])
    # Findings name their periods, so builds of other periods say everything differently.
    same_periods = old.periods == new.periods
    if same_periods and findings:
        revisions += finding_revisions(old.findings, new.findings)
    return Report(
        revisions,
        common,
        sorted(set(new.periods) - set(old.periods)),
        sorted(set(old.periods) - set(new.periods)),
        added,
        dropped,
        same_periods and findings,
    )


def revision_table(report: Report) -> pl.DataFrame:
    """The report's revisions as a typed table (SCHEMA): numbers as numbers, words as none."""

    def number(value: Any) -> float | None:
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        return float(value) if numeric else None

    rows = [{**r, "previous": number(r["previous"]), "new": number(r["new"]),
             "difference": number(r["difference"])} for r in report.revisions]  # fmt: skip
    return pl.DataFrame(rows, schema=SCHEMA, orient="row") if rows else pl.DataFrame(schema=SCHEMA)


def write_revision_table(report: Report, path: str | Path) -> pl.DataFrame:
    """The report's revisions as a typed table (revision_table), written to `path` as Parquet."""
    table = revision_table(report)
    with atomic_path(path) as temporary:
        table.write_parquet(temporary, statistics=False)
    return table
