"""`imh pack`: a regulator's forms and logs, filled from the portfolio."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from imhcli.cli.options import COLOR, PORTFOLIO, Color, choices
from imhcli.packs import PACKS

EPILOG = """[bold]Examples[/]

  imh pack nmc -o revalidation.html              the NMC forms and logs, printable
  imh pack nmc examples/level-2-health-visitor --as-of 2027-03-01 -o nmc.html
  imh pack nmc --pdf revalidation.pdf            printed by headless Chromium
  imh pack hcpc --activity entries/2026/a.md --activity entries/2026/b.md -o profile.html
  imh pack swe -o swe-year.html                  this registration year's records
  imh pack endorsement --category ifs -o rsc-log.html
"""

PackName = choices("PackName", PACKS)
Category = choices("Category", ("ifa", "ifs", "imhs"))


def pack(
    kind: PackName = typer.Argument(  # type: ignore[valid-type]
        ..., metavar="PACK", help=f"Which pack: {', '.join(PACKS)}.", show_default=False
    ),
    path: Path = typer.Argument(
        None,
        metavar="PATH",
        help="The portfolio folder, or a file inside it (default: the one you are in).",
        show_default=False,
    ),
    portfolio: Path = PORTFOLIO,
    output: Path = typer.Option(
        None, "--output", "-o", help="Write the HTML page here (default: stdout, unless --pdf)."
    ),
    pdf: Path = typer.Option(None, "--pdf", help="Also print the page to this PDF file."),
    as_of: str = typer.Option(
        None, "--as-of", help="The pack's date, YYYY-MM-DD; windows end here (default: today)."
    ),
    category: Category = typer.Option(  # type: ignore[valid-type]
        None, "--category", help="Endorsement only: ifa, ifs or imhs."
    ),
    activity: list[str] = typer.Option(
        None,
        "--activity",
        metavar="PATH",
        help="HCPC only: an activity for the statement (repeatable; 4 to 6).",
    ),
    force: bool = typer.Option(False, "--force", help="Replace the output files if they exist."),
    color: Color = COLOR,
) -> int:
    """Fill a regulator's forms and logs from the portfolio as one printable HTML page."""
    from imhcli.cli.options import parse_date, portfolio_root, value
    from imhcli.packs.make import make_pack

    day = parse_date(as_of, option="--as-of")
    root = portfolio_root(path or portfolio)
    name = value(kind) or ""
    outcome = make_pack(root, name, as_of=day, category=value(category), activities=activity or ())
    if outcome.html is None:
        from imhcli.output.findings import FINDINGS

        FINDINGS["text"](outcome.report, out=sys.stderr, color=color.forced())
        sys.stderr.write(
            f"imh pack: what the {name} pack would print has errors; nothing was written\n"
        )
        return 1
    _write(outcome.html, output, pdf, force=force)
    return 0


def _write(html: str, output: Path | None, pdf: Path | None, *, force: bool) -> None:
    from imhcli.base.files import write_atomic

    if output is None and pdf is None:
        sys.stdout.write(html)
        return
    if output is not None:
        write_atomic(output, html, overwrite=force)
        sys.stderr.write(f"wrote {output}\n")
    if pdf is not None:
        from imhcli.packs.pdf import print_pdf

        print_pdf(html, pdf, overwrite=force)
        sys.stderr.write(f"wrote {pdf}\n")


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(pack)
