"""Reporters turn a :class:`~imhcli.diagnostics.CheckReport` into output.

:data:`FINDINGS` maps a ``--format`` name to the module that renders it; each
module is imported only when chosen, so ``imh --help`` does not pay for it. Every
reporter module has ``render(report, *, out, color) -> None``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imhcli.output.registry import Registry, Renderer

if TYPE_CHECKING:  # imported for real, pydantic costs `imh --help` a third of its start-up
    from imhcli.diagnostics import CheckReport

FINDINGS: Registry[Renderer[CheckReport]] = Registry("findings")
for _name, _module in (
    ("text", "text"),
    ("json", "json_"),
    ("github", "github"),
    ("sarif", "sarif"),
    ("junit", "junit"),
):
    FINDINGS.add_lazy(_name, f"imhcli.output.findings.{_module}:render")
