"""The validation log: every check run on the input, its outcome and counts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..published import data_status

PASS = "pass"
WARN = "warn"
FAIL = "fail"
INFO = "info"


@dataclass
class Check:
    """One check: what it tests, how many rows it looked at and how many broke it."""

    name: str
    description: str
    outcome: str
    checked: int
    failed: int = 0
    details: list[str] = field(default_factory=list)


@dataclass
class ValidationLog:
    input_file: str
    input_sha256: str
    synthetic: bool
    checks: list[Check] = field(default_factory=list)

    def record(
        self,
        name: str,
        description: str,
        *,
        checked: int,
        failed: int = 0,
        outcome: str | None = None,
        details: list[str] | None = None,
    ) -> Check:
        check = Check(
            name=name,
            description=description,
            outcome=outcome or (PASS if failed == 0 else FAIL),
            checked=checked,
            failed=failed,
            details=list(details or []),
        )
        self.checks.append(check)
        return check

    @property
    def outcome(self) -> str:
        outcomes = {check.outcome for check in self.checks}
        if FAIL in outcomes:
            return FAIL
        return WARN if WARN in outcomes else PASS

    def summary(self) -> dict[str, int]:
        counts = {PASS: 0, WARN: 0, FAIL: 0, INFO: 0}
        for check in self.checks:
            counts[check.outcome] += 1
        return counts

    def as_dict(self) -> dict[str, Any]:
        return {
            "input": {
                "file": self.input_file,
                "sha256": self.input_sha256,
                "synthetic": self.synthetic,
                "data_status": data_status(self.synthetic),
            },
            "outcome": self.outcome,
            "summary": self.summary(),
            "checks": [asdict(check) for check in self.checks],
        }


def render_markdown(log: ValidationLog) -> str:
    """The same log for people: a table of checks, then the details of any that did not pass."""
    summary = log.summary()
    lines = [
        "# Validation log",
        "",
        *([f"**{data_status(True)}.**", ""] if log.synthetic else []),
        f"- Input: `{log.input_file}`",
        f"- sha256: `{log.input_sha256}`",
        f"- Outcome: **{log.outcome}** ({summary[PASS]} passed, {summary[WARN]} warnings, "
        f"{summary[FAIL]} failed, {summary[INFO]} for information)",
        "",
        "| Check | What it tests | Outcome | Checked | Failed |",
        "|---|---|---|---:|---:|",
    ]
    for check in log.checks:
        lines.append(
            f"| `{check.name}` | {check.description} | {check.outcome} | {check.checked} | "
            f"{check.failed} |"
        )
    detailed = [check for check in log.checks if check.details]
    if detailed:
        lines += ["", "## Details", ""]
        for check in detailed:
            lines.append(f"### `{check.name}` ({check.outcome})")
            lines.append("")
            lines += [f"- {detail}" for detail in check.details]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
