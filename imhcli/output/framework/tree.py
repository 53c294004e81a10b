"""`imh framework show`: a framework as a readable tree in the terminal."""

from __future__ import annotations

from typing import TextIO

from imhcli.models.framework import Framework
from imhcli.output.framework import descriptors, domains_at, title_at


def render(framework: Framework, *, level: int | None, out: TextIO, color: bool | None) -> None:
    """Domains, their group headings and competencies, with descriptors at ``level``."""
    from rich.markup import escape
    from rich.tree import Tree

    from imhcli.output.console import make_console

    tree = Tree(f"[bold]{escape(title_at(framework, level))}[/]")
    for domain, comps in domains_at(framework, level):
        branch = tree.add(f"[bold]{domain.id}. {escape(domain.title)}[/]")
        group_branch, group = branch, None
        for comp in comps:
            if comp.group != group:
                group = comp.group
                group_branch = branch.add(f"[italic]{escape(group)}[/]") if group else branch
            node = group_branch.add(f"[cyan]{escape(comp.id)}[/] {escape(comp.statement)}")
            if level is not None:
                for text in descriptors(framework, comp, level):
                    node.add(f"[dim]{escape(text)}[/]")
    console = make_console(out, color)
    console.print(tree)
    wording = "official wording" if framework.wording == "official" else "imh's own summaries"
    count = sum(len(c) for _, c in domains_at(framework, level))
    console.print(f"{count} competencies; {escape(framework.publisher)}; {wording}")
