"""`imh bundle`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from imhcli.cli.options import COLOR, PORTFOLIO, Color, choices, value
from imhcli.output.bundles import BUNDLE

EPILOG = """[bold]Examples[/]

  imh bundle                               the portfolio you are in
  imh bundle examples/level-2-health-visitor -o submission.zip
  imh bundle --date 2026-11-30             same date, byte-identical zip
  imh bundle --include-drafts --force      drafts too; replace the zip
  SOURCE_DATE_EPOCH=1764460800 imh bundle  the date from the environment
"""

BundleFormat = choices("BundleFormat", BUNDLE)
#: Seconds before the progress bar appears: quick bundles never show one.
PROGRESS_DELAY = 0.5


def bundle(
    path: Path = typer.Argument(
        None, help="The portfolio folder, or a file inside it (default: the one you are in)."
    ),
    portfolio_path: Path = PORTFOLIO,
    output: Path = typer.Option(
        None,
        "--output",
        "-o",
        help="The zip to write, or a folder for it "
        "(default: <practitioner>-level<N>-<date>.zip here).",
    ),
    date: str = typer.Option(
        None, "--date", help="Bagging date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)."
    ),
    include_drafts: bool = typer.Option(
        False, "--include-drafts", help="Bundle draft entries too (left out by default)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace the zip if it exists."),
    output_format: BundleFormat = typer.Option(  # type: ignore[valid-type]
        "text", "--format", "-f", help="How to print the result: text or json."
    ),
    color: Color = COLOR,
) -> int | None:
    """Make a BagIt zip of the portfolio for an assessor; refuse if `imh check` has errors."""
    from imhcli.bundle.build import plan_bundle, write_bundle
    from imhcli.cli.options import parse_date, portfolio_root
    from imhcli.output.progress import ProgressBar

    day = parse_date(date, option="--date")
    plan = plan_bundle(
        portfolio_root(path, portfolio_path), date=day, include_drafts=include_drafts
    )
    if plan.refused:
        from imhcli.output.findings import FINDINGS

        FINDINGS["text"](plan.report, out=sys.stderr, color=color.forced())
        sys.stderr.write("imh bundle: the portfolio has errors; no bundle was written\n")
        return plan.report.exit_code()
    out = output or Path(plan.default_name())
    if out.is_dir():
        out = out / plan.default_name()
    with ProgressBar("bundling", unit="bytes", color=color.forced(), delay=PROGRESS_DELAY) as bar:
        result = write_bundle(plan, out, force=force, progress=bar.update if bar.shown else None)
    _log(plan.portfolio.root, result.sha256, out.name, plan.date, result.files)
    BUNDLE[value(output_format) or "text"](result, out=sys.stdout, color=color.forced())
    return None


def _log(root: Path, sha256: str, name: str, day: dt.date, files: int) -> None:
    """Add the bundle to the portfolio's log for `imh status`; a failure only warns."""
    from imhcli.bundle.log import LOG_FILE, record_bundle

    try:
        record_bundle(root, name=name, sha256=sha256, date=day, files=files)
    except OSError as exc:
        sys.stderr.write(f"imh bundle: warning: {LOG_FILE} not updated: {exc.strerror}\n")


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(bundle)
