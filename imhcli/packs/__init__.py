"""Regulator packs: the forms and logs a regulator asks for, filled from the portfolio.

:func:`imhcli.packs.make.make_pack` loads and checks the portfolio, evaluates the pack's
requirement profile, refuses when what it would print has errors or privacy findings,
and renders the page; :mod:`imhcli.packs.pdf` prints a page with headless Chromium.
"""

#: The requirement profile behind each pack (endorsement: one per category). Kept here,
#: with no imports, because `imh pack --help` reads the names.
PROFILES = {
    "nmc": "nmc-revalidation",
    "hcpc": "hcpc-cpd",
    "swe": "swe-cpd",
    "endorsement": "imh-endorsement-{category}",
}
PACKS: tuple[str, ...] = tuple(PROFILES)
