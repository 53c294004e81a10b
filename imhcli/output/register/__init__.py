"""The recognition register's files: a page, a CSV, a JSON list and a badge per listing.

:func:`site_files` gives every file of the site, by its path inside the site
folder, and nothing else: that is all a register publishes.
"""

from __future__ import annotations

from imhcli.models.register import Register
from imhcli.output.register.names import CSV, JSON, PAGE, badge_name


def site_files(register: Register) -> dict[str, str]:
    """Path inside the site -> content, for every file the register publishes."""
    from imhcli.output.register.badge import badge
    from imhcli.output.register.page import page
    from imhcli.output.register.tables import register_csv, register_json

    files = {PAGE: page(register), CSV: register_csv(register), JSON: register_json(register)}
    for listing in register.listings:
        files[badge_name(listing.id)] = badge(register, listing)
    return files
