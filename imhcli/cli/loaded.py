"""Loading the one portfolio that `imh gaps`, `imh hours` and `imh requirements` report on."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imhcli.load.portfolio import Portfolio


def open_portfolio(path: Path | None, *, today: dt.date | None = None) -> Portfolio:
    """Load the portfolio at or around ``path`` and say on stderr what was left out.

    Entries that cannot be read are not counted; a note asks for `imh check`.
    """
    from imhcli.check.targets import label_for
    from imhcli.cli.options import portfolio_root
    from imhcli.load.portfolio import load

    root = portfolio_root(path)
    portfolio = load(root, label=label_for(root), today=today)
    unread = [e.rel for e in portfolio.entries if e.model is None]
    if unread:
        noun = "entry has" if len(unread) == 1 else "entries have"
        sys.stderr.write(
            f"note: {len(unread)} {noun} problems and {'is' if len(unread) == 1 else 'are'} "
            f"not counted (first: {unread[0]}); run `imh check {portfolio.label}`\n"
        )
    return portfolio
