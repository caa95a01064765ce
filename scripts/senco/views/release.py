"""The release essentials a publisher needs on the first page: when, who, what status.

They come from `config.yaml` (validated against its schema), never from the build: the date of
a build is not the date of the data or of the publication.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import formatting, published

NOT_SET = "not set"
# The config keys the release essentials come from.
KEYS = ("publication_date", "contact_name", "contact_team", "contact_email", "final_release")


@dataclass(frozen=True)
class Release:
    publication_date: str  # as readers see it, or a draft marker
    draft: bool
    contact: str  # name and team, or a note that they are not set
    contact_email: str | None  # None when not set, so no mailto link is made
    status: str
    revisions: str


def long_date(iso: str) -> str:
    """'2025-07-10' -> '10 July 2025' (GOV.UK style)."""
    day = date.fromisoformat(iso)
    return f"{day.day} {formatting.MONTHS[day.month - 1]} {day.year}"


def release_from(config: dict[str, Any]) -> Release:
    published_on = config.get("publication_date") or ""
    final = bool(config.get("final_release", True))
    status = published.STATUS + (
        ". This is the final release of the series: no further updates are planned."
        if final
        else "."
    )
    revisions = (
        "No scheduled revisions: the series has ended. If an error is found, the outputs will be "
        "corrected, marked as corrected with the date, and the change explained here."
        if final
        else "Figures may be revised when the data are updated; revisions will be marked and "
        "explained here."
    )
    return Release(
        publication_date=long_date(published_on) if published_on else "Draft: not yet published",
        draft=not published_on,
        contact=", ".join(
            value for value in (config.get("contact_name"), config.get("contact_team")) if value
        )
        or f"{NOT_SET} (set contact_name, contact_team and contact_email in config.yaml)",
        contact_email=config.get("contact_email") or None,
        status=status,
        revisions=revisions,
    )
