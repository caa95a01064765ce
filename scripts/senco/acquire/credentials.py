"""A URL's credentials, kept out of everything the pipeline writes or says: user info and
query values named like secrets or looking like tokens. Light to import (the workflow redacts
the download URL of its params when it loads)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, quote_plus, urlsplit, urlunsplit

# Query parameters whose values are credentials (signed URLs, API keys, session tokens).
SECRET_KEY = re.compile(
    r"token|key|secret|sig|signature|password|passwd|pwd|auth|credential|session|code", re.I
)
# A value this long made only of token characters is treated as a secret whatever its name.
SECRET_VALUE = re.compile(r"^[A-Za-z0-9_\-+/=.%]{24,}$")
REDACTED = "***"


def secrets_in(url: str) -> list[str]:
    """The parts of a URL that are credentials: user info, and query values that are named
    like secrets or look like tokens."""
    parts = urlsplit(url)
    found = [part for part in (parts.username, parts.password) if part]
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if value and (SECRET_KEY.search(key) or SECRET_VALUE.match(value)):
            found.append(value)
    # Longest first, so a secret containing another is replaced whole.
    return sorted(set(found), key=len, reverse=True)


def redacted(url: str) -> str:
    """The URL as logs, errors, provenance and the bulletin show it: user info and secret query
    values replaced, everything else as it was."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.username or parts.password:
        netloc = f"{REDACTED}:{REDACTED}@" + netloc.rpartition("@")[2]
    secrets = set(secrets_in(url))
    query = "&".join(
        f"{quote_plus(key)}={REDACTED if value in secrets else quote_plus(value)}"
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
    )
    return urlunsplit(parts._replace(netloc=netloc, query=query))


# Shorter credentials are not searched for in free text, where they could match any word.
SCRUB_MIN_LENGTH = 6


def scrubbed(text: str, url: str) -> str:
    """`text` (an error from the network library, say) with the URL shown redacted and every
    credential of it, as written or percent-encoded, replaced: wherever it follows its
    parameter's name (`password=pw1`), whatever its length, and anywhere once it is long
    enough not to match an ordinary word."""
    text = text.replace(url, redacted(url))
    secrets = set(secrets_in(url))
    for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if value in secrets:
            for name in {key, quote_plus(key)}:
                for form in {value, quote(value, safe=""), quote_plus(value)}:
                    text = text.replace(f"{name}={form}", f"{name}={REDACTED}")
    for secret in secrets:
        if len(secret) >= SCRUB_MIN_LENGTH:
            for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
                text = text.replace(form, REDACTED)
    return text
