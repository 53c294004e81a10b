"""`imh review render`: the practitioner's feedback page from a review."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from imhcli.cli.options import COLOR, Color, choices, value
from imhcli.output.feedback import FEEDBACK

EPILOG = """[bold]Examples[/]

  imh review render review.yaml -o feedback.html
  imh review render review.yaml --format markdown > feedback.md
  imh review render review.yaml --bundle bundle.zip -o feedback.html   a custom framework

The page shows the outcome, the three feedback questions answered, what to do next,
and every competency's judgement and comment grouped by domain. It is one file that
loads nothing. A review with errors is not rendered (exit 1).
"""


FeedbackFormat = choices("FeedbackFormat", FEEDBACK)


def render(
    review: Path = typer.Argument(..., help="The review file."),
    output: Path = typer.Option(
        None, "--output", "-o", help="Write the page to this file (default: stdout)."
    ),
    output_format: FeedbackFormat = typer.Option(  # type: ignore[valid-type]
        "html", "--format", "-f", help="html (one self-contained page) or markdown."
    ),
    bundle: Path = typer.Option(
        None, "--bundle", "-b", help="The bundle, for a framework that is not bundled with imh."
    ),
    force: bool = typer.Option(False, "--force", help="Replace the --output file."),
    color: Color = COLOR,
) -> int:
    """Write the practitioner's feedback page: outcome, feedback, next steps, judgements."""
    from imhcli.base.files import write_atomic
    from imhcli.errors import RefuseOverwriteError
    from imhcli.review.check import check_review
    from imhcli.review.render import render_feedback

    if output is not None and output.exists() and not force:
        raise RefuseOverwriteError(path=output)
    checked = check_review(review, bundle=bundle)
    model = checked.review.model
    if model is None or checked.report.summary.errors:
        from imhcli.output.findings import FINDINGS

        FINDINGS["text"](checked.report, out=sys.stderr, color=color.forced())
        sys.stderr.write("imh review: the review has errors; no page was written\n")
        return 1
    text = render_feedback(
        model, output_format=value(output_format) or "html", bundle=checked.bundle
    )
    if output is None:
        sys.stdout.write(text)
        return 0
    write_atomic(output, text, overwrite=force)
    typer.echo(f"wrote {output}", err=True)
    return 0


def register(app: typer.Typer) -> None:
    app.command("render", epilog=EPILOG)(render)
