"""`imh review accept`: the practitioner keeps a review in the portfolio and acts on it."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from imhcli.cli.options import COLOR, PORTFOLIO, Color, choices, value

EPILOG = """[bold]Examples[/]

  imh review accept ~/Downloads/sam-example-level2-2026-11-30.review.yaml \\
      --allowed-signers allowed_signers
  imh review accept review.yaml --portfolio ~/portfolio

The review must be about this portfolio: the practitioner, level and framework, and a
bundle the portfolio made (see `imh status`) or can make again. With --allowed-signers
its signature must verify. It is kept under reviews/ with its .sig; a feedback entry
and one open plan per next step are written under entries/. Nothing is overwritten.
"""

AcceptFormat = choices("AcceptFormat", ["text", "json"])


def accept(
    review: Path = typer.Argument(..., help="The review file you received."),
    allowed_signers: Path = typer.Option(
        None, "--allowed-signers", "-a", help="Verify its signature against this file first."
    ),
    portfolio: Path = PORTFOLIO,
    output_format: AcceptFormat = typer.Option(  # type: ignore[valid-type]
        "text", "--format", "-f", help="How to print the result: text or json."
    ),
    color: Color = COLOR,
) -> int:
    """Keep a review in your portfolio: under reviews/, with a feedback entry and plans."""
    from imhcli.cli.options import portfolio_root
    from imhcli.errors import PathNotFoundError
    from imhcli.review.accept import accept_review

    for path in (review, allowed_signers):
        if path is not None and not path.is_file():
            raise PathNotFoundError(path=path)
    root = portfolio_root(portfolio)
    outcome = accept_review(review, root=root, allowed_signers=allowed_signers)
    if outcome.result is None:
        from imhcli.output.findings import FINDINGS

        FINDINGS["text"](outcome.report, out=sys.stderr, color=color.forced())
        sys.stderr.write("imh review: the review was not accepted; nothing was written\n")
        return 1
    result = outcome.result
    if value(output_format) == "json":
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    elif result.already:
        sys.stdout.write(f"already accepted as {result.stored}; nothing written\n")
    else:
        signed = f" (signed by {result.signer})" if result.signer else ""
        lines = [f"kept {result.stored}{signed}"]
        lines += [f"kept {result.signature}"] if result.signature else []
        lines += [f"wrote {result.feedback}"] if result.feedback else []
        lines += [f"wrote {plan}" for plan in result.plans]
        sys.stdout.write("\n".join(lines) + "\n")
    return 0


def register(app: typer.Typer) -> None:
    app.command("accept", epilog=EPILOG)(accept)
