"""The self-contained HTML report of a portfolio (``imh report`` and bundles)."""

from __future__ import annotations

from imhcli.output.report.html import render_report

__all__ = ["render_report"]
