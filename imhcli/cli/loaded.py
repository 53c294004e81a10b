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


def is_bundle(path: Path | None) -> bool:
    """Whether ``path`` names a bundle zip rather than a portfolio."""
    return path is not None and path.suffix.lower() == ".zip" and path.is_file()


def open_bundle(path: Path, *, today: dt.date | None = None) -> tuple[Portfolio, dt.date | None]:
    """A bundle's payload as a portfolio, verified first and read in memory; its Bagging-Date.

    A bundle that does not verify is refused (exit 1, its findings listed).
    """
    from imhcli.bundle.reading import read_bundle

    verified, portfolio = read_bundle(path, today=today)
    date = verified.result.bagging_date
    return portfolio, dt.date.fromisoformat(date) if date else None


def open_portfolio(
    path: Path | None, *, today: dt.date | None = None, flag: Path | None = None
) -> tuple[Portfolio, Counting]:
    """Load the portfolio at or around ``path`` (or in the bundle zip it names), decide what
    counts, and say what does not.

    ``flag`` is the ``--portfolio`` option, another way to give ``path``. Drafts
    are expected not to count; entries left out for errors or for being
    unfinished are named on stderr, with a note to run `imh check`.
    """
    from imhcli.check.counting import counting_for
    from imhcli.check.targets import label_for
    from imhcli.cli.options import portfolio_root
    from imhcli.load.portfolio import load
    from imhcli.models.verdicts import DRAFT

    if path is not None and flag is None and is_bundle(path):
        portfolio = open_bundle(path, today=today)[0]
    else:
        root = portfolio_root(path, flag)
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
