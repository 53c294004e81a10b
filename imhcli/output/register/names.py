"""The names of the register site's files."""

from __future__ import annotations

#: The files of a site other than the badges, which live under ``badges/``.
PAGE, CSV, JSON = "index.html", "register.csv", "register.json"
BADGES = "badges"


def badge_name(listing_id: str) -> str:
    """Where a listing's badge lives inside the site."""
    return f"{BADGES}/{listing_id}.json"
