"""Reporters turn a :class:`~imhcli.diagnostics.CheckReport` into output.

The registry maps a ``--format`` name to the module that renders it; modules
are imported only when chosen, so ``imh --help`` does not pay for them. Every
reporter module has ``render(report, *, out, color) -> None``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:  # imported for real, pydantic costs `imh --help` a third of its start-up
    from imhcli.diagnostics import CheckReport

#: --format name -> module under imhcli.output.findings
REPORTERS: dict[str, str] = {
    "text": "text",
    "json": "json_",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
}


class Render(Protocol):
    def __call__(self, report: CheckReport, *, out: TextIO, color: bool | None) -> None: ...


def reporter(name: str) -> Render:
    module = import_module(f"imhcli.output.findings.{REPORTERS[name]}")
    render: Render = module.render
    return render
