"""The release essentials a publisher needs on the first page: when, who, what status; and the
check that refuses to publish what is not ready.

They come from `config.yaml` (validated against its schema), never from the build: the date of
a build is not the date of the data or of the publication. Setting `publication_date` means
publishing: until it is set every output says DRAFT on every page, and once it is set the build
refuses, with one line naming what is missing, a release without the people who stand behind it,
one built from the bundled synthetic snapshot, or one whose findings do not check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import formatting, published

NOT_SET = "not set"
# The config keys the release essentials come from.
KEYS = (
    "publication_date",
    "producer",
    "responsible_statistician",
    "contact_name",
    "contact_team",
    "contact_email",
    "pre_release_access",
    "final_release",
    "bulletin_url",
)
# What a published release must name: who made it, who answers for it and how to reach them.
REQUIRED_TO_PUBLISH = (
    "producer",
    "responsible_statistician",
    "contact_name",
    "contact_team",
    "contact_email",
)
DRAFT = "DRAFT"
DRAFT_NOTICE = "DRAFT: not yet published. Not for circulation, use or quotation."
# What a draft must set before it can be published (said where the draft is marked).
TO_PUBLISH = (
    "To publish, set publication_date with producer, responsible_statistician, contact_name, "
    "contact_team and contact_email in config.yaml."
)


@dataclass(frozen=True)
class Release:
    publication_date: str  # as readers see it, or a draft marker
    draft: bool
    producer: str  # the organisation that produced and answers for the bulletin
    statistician: str  # the responsible statistician
    contact: str  # name and team, or a note that they are not set
    contact_email: str | None  # None when not set, so no mailto link is made
    status: str
    pre_release: str
    revisions: str
    source_contact: str  # who answers for the source data (the data set page's contact)
    source_contact_email: str
    bulletin_url: str  # where the bulletin is published ("" when not set: link it relatively)


def long_date(iso: str) -> str:
    """'2025-07-10' -> '10 July 2025' (GOV.UK style)."""
    day = date.fromisoformat(iso)
    return f"{day.day} {formatting.MONTHS[day.month - 1]} {day.year}"


def publishing(config: dict[str, Any]) -> bool:
    return bool(config.get("publication_date"))


def unset_to_publish(config: dict[str, Any]) -> str | None:
    """The one-line refusal of a publication that does not name who stands behind it."""
    if not publishing(config):
        return None
    missing = [key for key in REQUIRED_TO_PUBLISH if not str(config.get(key) or "").strip()]
    if not missing:
        return None
    return (
        f"config: publication_date is set, so this build publishes, but "
        f"{formatting.listed(missing)} {'is' if len(missing) == 1 else 'are'} not set: a "
        f"published release names who produced it and who answers for it"
    )


def refusal(synthetic: bool, findings_problems: list[str]) -> str | None:
    """Why a build that publishes must stop once its findings exist, or None: the bundled
    synthetic data, or a finding whose cited values do not check."""
    if synthetic:
        return (
            "publication refused: the data are the bundled SYNTHETIC snapshot, not a DfE "
            "release (build from source=ees or a downloaded file, or leave publication_date "
            "empty for a draft)"
        )
    if findings_problems:
        more = len(findings_problems) - 1
        return f"publication refused: the findings QA fails: {findings_problems[0]}" + (
            f" (and {more} more; run make qa)" if more else ""
        )
    return None


def status_statement(producer: str) -> str:
    """The statistics' status in plain words."""
    return (
        f"These are not official statistics. The counts are {published.STATUS.lower()}: "
        f"{published.PRODUCER}'s records of the programme, published as collected rather than "
        f"produced under the Code of Practice for Statistics. The rates, comparisons and text "
        f"are derived from those counts by {producer}."
    )


def pre_release_statement(names: list[str]) -> str:
    if not names:
        return "No one had access to these statistics before they were published."
    return f"Access before publication: {formatting.listed(list(names))}."


def release_from(config: dict[str, Any]) -> Release:
    published_on = config.get("publication_date") or ""
    final = bool(config.get("final_release", True))
    producer = config.get("producer") or f"the producer ({NOT_SET})"
    revisions = (
        "No scheduled revisions: the series has ended. If an error is found, the outputs will be "
        "corrected, marked as corrected with the date, and the change explained here."
        if final
        else "Figures may be revised when the data are updated; revisions will be marked and "
        "explained here."
    )
    return Release(
        publication_date=long_date(published_on) if published_on else DRAFT_NOTICE,
        draft=not published_on,
        producer=config.get("producer") or NOT_SET,
        statistician=config.get("responsible_statistician") or NOT_SET,
        contact=", ".join(
            value for value in (config.get("contact_name"), config.get("contact_team")) if value
        )
        or NOT_SET,
        contact_email=config.get("contact_email") or None,
        status=status_statement(producer)
        + (
            " This is the final release of the series: no further updates are planned."
            if final
            else ""
        ),
        pre_release=pre_release_statement(config.get("pre_release_access") or []),
        revisions=revisions,
        source_contact=published.SOURCE_CONTACT_TEAM,
        source_contact_email=published.SOURCE_CONTACT_EMAIL,
        bulletin_url=config.get("bulletin_url") or "",
    )
