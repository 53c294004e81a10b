"""Reading the deny-list a portfolio names (``privacy.deny_list``), once per portfolio."""

from __future__ import annotations

from imhcli.base.files import DENY_LIST, safe_read
from imhcli.errors import UnsafeFileError
from imhcli.load.portfolio import Portfolio

_MEMO = "deny-list-bytes"


def deny_list_bytes(portfolio: Portfolio) -> bytes | UnsafeFileError | None:
    """The deny-list's bytes; why it cannot be read; or None when there is none to read.

    A bundle never holds its deny-list, so a portfolio read from one has none.
    The file must be a regular file inside the portfolio, no larger than its cap.
    """
    memo = portfolio.memo
    if _MEMO not in memo:
        memo[_MEMO] = _read(portfolio)
    found: bytes | UnsafeFileError | None = memo[_MEMO]
    return found


def _read(portfolio: Portfolio) -> bytes | UnsafeFileError | None:
    config = portfolio.config
    ref = config.privacy.deny_list if config else None
    if not ref or portfolio.files is not None:
        return None
    try:
        return safe_read(portfolio.root / ref, DENY_LIST, root=portfolio.root)
    except UnsafeFileError as exc:
        return exc
    except ValueError as exc:  # a NUL byte in the name
        return UnsafeFileError("missing", str(exc), path=portfolio.root / ref)
