"""Regulator packs: the forms and logs a regulator asks for, filled from the portfolio.

:func:`imhcli.packs.make.make_pack` loads and checks the portfolio, evaluates the pack's
requirement profile, refuses when what it would print has errors or privacy findings,
and renders the page; :mod:`imhcli.packs.pdf` prints a page with headless Chromium.
"""
