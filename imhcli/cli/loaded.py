"""Loading the one portfolio that `imh gaps`, `imh hours` and `imh requirements` report on."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from imhcli.base.words import plural

if TYPE_CHECKING:
    from imhcli.load.portfolio import Portfolio
    from imhcli.models.verdicts import Counting


def open_portfolio(
    path: Path | None, *, today: dt.date | None = None
) -> tuple[Portfolio, Counting]:
    """Load the portfolio at or around ``path``, decide what counts, and say what does not.

    Drafts are expected not to count; entries left out for errors or for being
    unfinished are named on stderr, with a note to run `imh check`.
    """
    from imhcli.check.counting import counting_for
    from imhcli.check.targets import label_for
    from imhcli.cli.options import portfolio_root
    from imhcli.load.portfolio import load
    from imhcli.models.verdicts import DRAFT

    root = portfolio_root(path)
    portfolio = load(root, label=label_for(root), today=today)
    counting = counting_for(portfolio)
    left_out = [(rel, why) for rel, why in counting.excluded.items() if why != DRAFT]
    if left_out:
        rel, why = left_out[0]
        many = len(left_out) > 1
        sys.stderr.write(
            f"note: {plural(len(left_out), 'entry', 'entries')} "
            f"{'are' if many else 'is'} not counted ({'first: ' if many else ''}{rel}, {why}); "
            f"run `imh check {portfolio.label}`\n"
        )
    return portfolio, counting
