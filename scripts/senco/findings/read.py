"""Reading findings files: what the bulletin, factsheets and figures present.

Kept free of Polars and of the wording code, so a view depends on the findings file, not on how
the findings were written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import SencoError
from .ids import INCOMPLETE_NOTICE as INCOMPLETE_NOTICE_ID
from .ids import SHORT_INCOMPLETE_NOTICE as SHORT_INCOMPLETE_NOTICE_ID


def merged(records: list[dict[str, Any]], source: str) -> dict[str, Any]:
    """Several findings files as one, in the order given. A finding said in more than one (the
    incomplete-data notice, the charts' source line) must say the same in each; the files must
    be of one release."""
    if not records:
        raise SencoError(f"{source}: no findings files")
    first = records[0]
    by_id: dict[str, dict[str, Any]] = {}
    for record in records:
        if (record["synthetic"], record["periods"]) != (first["synthetic"], first["periods"]):
            raise SencoError(f"{source}: findings files of different releases")
        for finding in record["findings"]:
            kept = by_id.setdefault(finding["id"], finding)
            if kept != finding:
                raise SencoError(f"{source}: finding {finding['id']!r} differs between files")
    return {"periods": first["periods"], "synthetic": first["synthetic"],
            "findings": list(by_id.values())}  # fmt: skip


def read_merged(paths: list[str | Path]) -> dict[str, Any]:
    """Findings files read and merged into one record (see `merged`)."""
    records = [json.loads(Path(path).read_text(encoding="utf-8")) for path in paths]
    return merged(records, ", ".join(map(str, paths)))


@dataclass(frozen=True)
class Findings:
    path: str
    synthetic: bool
    periods: list[str]  # the release's periods, in order
    by_id: dict[str, dict[str, Any]]

    @classmethod
    def load(cls, *paths: str | Path) -> Findings:
        """One findings file, or several read as one (the bulletin's and its charts')."""
        return cls.of(read_merged(list(paths)), ", ".join(map(str, paths)))

    @classmethod
    def of(cls, record: dict[str, Any], source: str) -> Findings:
        """Findings as written to a file (`FindingSet.as_dict`), read from `source`."""
        return cls(
            source,
            bool(record["synthetic"]),
            list(record["periods"]),
            {f["id"]: f for f in record["findings"]},
        )

    def get(self, finding_id: str) -> dict[str, Any]:
        try:
            return self.by_id[finding_id]
        except KeyError:
            raise SencoError(f"{self.path}: no finding {finding_id!r}") from None

    def text(self, finding_id: str) -> str:
        return self.get(finding_id)["text"]

    def has(self, finding_id: str) -> bool:
        return finding_id in self.by_id

    @property
    def incomplete_notice(self) -> str | None:
        return self.text(INCOMPLETE_NOTICE_ID) if self.has(INCOMPLETE_NOTICE_ID) else None

    @property
    def short_incomplete_notice(self) -> str | None:
        has = self.has(SHORT_INCOMPLETE_NOTICE_ID)
        return self.text(SHORT_INCOMPLETE_NOTICE_ID) if has else None

    def notes(self, prefix: str) -> list[str]:
        """A chart's notes (findings under `prefix`), then the incomplete-data notice if any."""
        notice = self.incomplete_notice
        return self.texts(prefix) + ([notice] if notice else [])

    def starting(self, prefix: str) -> list[dict[str, Any]]:
        """The findings whose ids start with `prefix`, in the order written."""
        return [f for key, f in self.by_id.items() if key.startswith(prefix)]

    def texts(self, prefix: str) -> list[str]:
        """The texts of findings whose ids start with `prefix`, in the order written."""
        return [f["text"] for f in self.starting(prefix)]

    def table(self, finding_id: str) -> dict[str, Any]:
        """A table for a template: caption, column labels, which columns are numeric, cell texts."""
        table = self.get(finding_id)
        return {
            "caption": table["caption"],
            "headers": [c["label"] for c in table["columns"]],
            "numeric": [c["unit"] != "category" for c in table["columns"]],
            "rows": [[cell["text"] for cell in row] for row in table["rows"]],
        }
