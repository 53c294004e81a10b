"""`imh verify`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from imhcli.cli.options import COLOR, Color, choices, value
from imhcli.output.bundles import VERIFY

EPILOG = """[bold]Examples[/]

  imh verify sam-example-level2-2026-11-30.zip
  imh verify submission.zip --format json > findings.json

Exit codes: 0 valid (a complete bag, a portfolio without errors);
1 not valid (findings are listed); 2 the file cannot be read as a zip.
"""

VerifyFormat = choices("VerifyFormat", VERIFY)


def verify(
    bundle: Path = typer.Argument(..., help="The bundle (zip) to verify."),
    output_format: VerifyFormat = typer.Option(  # type: ignore[valid-type]
        "text", "--format", "-f", help="Output format: text or json."
    ),
    color: Color = COLOR,
) -> int:
    """Check a bundle without extracting it: safe names, a valid bag, a clean portfolio."""
    from imhcli.bundle.verify import verify as run_verify
    from imhcli.errors import PathNotFoundError, UsageError
    from imhcli.output.bundles import verdict

    if bundle.is_dir():
        raise UsageError(
            f"{bundle} is a folder, not a bundle zip",
            hint="imh verify reads the zip an `imh bundle` wrote; check a portfolio folder "
            "with `imh check`",
        )
    if not bundle.is_file():
        raise PathNotFoundError(path=bundle)
    result = run_verify(bundle)
    VERIFY[value(output_format) or "text"](result, out=sys.stdout, color=color.forced())
    sys.stderr.write(verdict(bundle, result))
    return result.exit_code()


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(verify)
