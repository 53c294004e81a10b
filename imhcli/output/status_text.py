"""Output of `imh status`: the submission history, as text or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from imhcli.output.registry import Registry, Renderer

if TYPE_CHECKING:  # kept out of `imh --help`, which reads the registry's names
    from imhcli.models.review import StatusReport


def render_text(report: StatusReport, *, out: TextIO, color: bool | None = None) -> None:
    from rich.markup import escape

    from imhcli.output.console import make_console

    console = make_console(out, color)
    console.print(f"[bold]{escape(report.portfolio)}[/]: {escape(report.state)}", soft_wrap=True)
    console.print("\n[bold]Bundles made[/]" if report.bundles else "\nNo bundles made yet.")
    for made in report.bundles:
        console.print(
            f"  {made.date.isoformat()}  {escape(made.name)}  sha256 {made.sha256[:12]}",
            soft_wrap=True,
        )
    console.print("\n[bold]Reviews received[/]" if report.reviews else "\nNo reviews received.")
    for got in report.reviews:
        when = got.date.isoformat() if got.date else "undated"
        signed = "signed" if got.signed else "not signed"
        counts = ", ".join(f"{n} {j}" for j, n in got.counts.items() if n)
        console.print(
            f"  {when}  {escape(got.state)}  {escape(got.bundle)}  by {escape(got.assessor)} "
            f"({signed}; {escape(counts)})  {escape(got.path)}",
            soft_wrap=True,
        )


def render_json(report: StatusReport, *, out: TextIO, color: bool | None = None) -> None:
    out.write(report.model_dump_json(indent=2) + "\n")


STATUS: Registry[Renderer[StatusReport]] = Registry("status")
STATUS.add("text")(render_text)
STATUS.add("json")(render_json)
