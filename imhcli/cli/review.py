"""`imh review`: the assessor's loop, from a received bundle to a signed review."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from imhcli.cli.options import (
    COLOR,
    FINDINGS_FORMAT,
    STRICT,
    Color,
    FindingsFormat,
    choices,
    default_format,
    value,
)

HELP = """Review a bundle as an assessor: write, check, sign, verify and render a review.

[bold]The loop[/]

  imh review init BUNDLE.zip              a review skeleton beside the zip
  imh review check REVIEW.yaml --bundle BUNDLE.zip
  imh review sign REVIEW.yaml --key ~/.ssh/id_ed25519
  imh review verify REVIEW.yaml --allowed-signers allowed_signers
  imh review render REVIEW.yaml -o feedback.html
  imh review accept REVIEW.yaml -a allowed_signers   (the practitioner)

The assessor's guide is docs/assessors.md.
"""

INIT_EPILOG = """[bold]Examples[/]

  imh review init sam-example-level2-2026-11-30.zip
  imh review init bundle.zip -o review.yaml --assessor-name "A. Assessor" \\
      --assessor-email assessor@example.org
  imh review init resubmission.zip --previous first.review.yaml

The bundle is verified first (as `imh verify`); an invalid one writes nothing and exits 1.
An existing review file is never replaced.
"""

CHECK_EPILOG = """[bold]Examples[/]

  imh review check review.yaml
  imh review check review.yaml --bundle sam-example-level2-2026-11-30.zip
  imh review check review.yaml --format json      (also github, sarif, junit)
  imh review check review.yaml --strict           warnings fail too

Exit codes: 0 no errors; 1 findings; 2 the file cannot be read.
"""

InitFormat = choices("InitFormat", ["text", "json"])


def init(
    bundle: Path = typer.Argument(..., help="The bundle (zip) to review."),
    output: Path = typer.Option(
        None, "--output", "-o", help="The review file (default: NAME.review.yaml beside the zip)."
    ),
    assessor_name: str = typer.Option(
        None, "--assessor-name", help="Your name as the review shows it (default: git's user.name)."
    ),
    assessor_email: str = typer.Option(
        None, "--assessor-email", help="Your e-mail (default: git's user.email, if set)."
    ),
    assessor_role: str = typer.Option("IMH assessor", "--assessor-role", help="Your role."),
    previous: Path = typer.Option(
        None, "--previous", help="The review of the earlier bundle this one resubmits."
    ),
    output_format: InitFormat = typer.Option(  # type: ignore[valid-type]
        "text", "--format", "-f", help="How to print the result: text or json."
    ),
    color: Color = COLOR,
) -> int | None:
    """Verify a bundle, then write a review skeleton: every competency, not yet assessed."""
    from imhcli.base.gitconfig import git_config
    from imhcli.errors import PathNotFoundError
    from imhcli.models.review import Assessor
    from imhcli.review.init import init_review

    for path in (bundle, previous):
        if path is not None and not path.is_file():
            raise PathNotFoundError(path=path)
    who = Assessor(
        name=assessor_name or git_config("user.name") or "Your name",
        role=assessor_role or None,
        email=assessor_email or git_config("user.email"),
    )
    outcome = init_review(bundle, assessor=who, out=output, previous=previous)
    if outcome.result is None:
        from imhcli.output.findings import FINDINGS

        FINDINGS["text"](outcome.verified.report, out=sys.stderr, color=color.forced())
        sys.stderr.write(f"imh review: {bundle} is not a valid bundle; no review was written\n")
        return outcome.verified.exit_code()
    result = outcome.result
    if value(output_format) == "json":
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return None
    sys.stdout.write(
        f"{result.path}\n  bundle        {result.bundle}\n  sha256        {result.sha256}\n"
        f"  competencies  {result.competencies}, each not-assessed\n"
        + (f"  previous      {result.previous}\n" if result.previous else "")
    )
    return None


def check(
    review: Path = typer.Argument(..., help="The review file (YAML)."),
    bundle: Path = typer.Option(
        None, "--bundle", "-b", help="The bundle it is about: checks hash, dates and evidence."
    ),
    output_format: FindingsFormat = FINDINGS_FORMAT,  # type: ignore[valid-type]
    strict: bool = STRICT,
    color: Color = COLOR,
) -> int:
    """Check a review: every competency judged, a consistent decision, about its bundle."""
    from imhcli.errors import PathNotFoundError
    from imhcli.output.findings import FINDINGS
    from imhcli.review.check import check_review

    if bundle is not None and not bundle.is_file():
        raise PathNotFoundError(path=bundle)
    result = check_review(review, bundle=bundle)
    name = value(output_format) or default_format()
    FINDINGS[name](result.report, out=sys.stdout, color=color.forced())
    return result.report.exit_code(strict=strict)


def register(root: typer.Typer) -> None:
    """Add `imh review` and its commands to ``root``: a new group each time, so an
    application built twice (as tests do) does not list each command twice."""
    from imhcli.cli import review_accept, review_render, review_sign

    app = typer.Typer(
        name="review",
        help=HELP,
        no_args_is_help=True,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.command("init", epilog=INIT_EPILOG)(init)
    app.command("check", epilog=CHECK_EPILOG)(check)
    review_sign.register(app)
    review_render.register(app)
    review_accept.register(app)
    root.add_typer(app)
