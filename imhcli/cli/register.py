"""`imh register build`: the recognition register as a static site."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from imhcli.output.framework import DEFAULT_BASE_URI

BUILD_EPILOG = """[bold]Examples[/]

  imh register build reviewed/ -o site/ --allowed-signers allowed_signers
  imh register build reviewed/ -o site/ --allowed-signers allowed_signers \\
      --issuer-name "Example IMH Recognition Register" --issuer-url https://register.example.org

Run it again after any change (a new sign-off, consent withdrawn): the folder is
brought up to date and people no longer listed are removed.
"""

app = typer.Typer(
    name="register",
    help="The recognition register: build it from signed-off reviews and consent.",
    no_args_is_help=True,
)


@app.command(epilog=BUILD_EPILOG)
def build(
    paths: list[Path] = typer.Argument(
        ..., metavar="PATH...", help="Folders (or files) holding review files and bundles."
    ),
    output: Path = typer.Option(..., "--output", "-o", help="The register's folder."),
    allowed_signers: Path = typer.Option(
        ..., "--allowed-signers", help="The assessors' keys, as ssh-keygen reads them."
    ),
    issuer_name: str = typer.Option(
        "Recognition Register", "--issuer-name", help="Who keeps the register."
    ),
    issuer_url: str = typer.Option(
        "urn:imh:register", "--issuer-url", help="The register's address (a URI)."
    ),
    base_uri: str = typer.Option(
        DEFAULT_BASE_URI, "--base-uri", help="Where the CASE items badges align to start."
    ),
) -> None:
    """Write the register (page, CSV, JSON, a badge each) from verified, consented sign-offs."""
    from imhcli.errors import PathNotFoundError
    from imhcli.models.register import Issuer
    from imhcli.output.register import site_files
    from imhcli.register.build import build_register
    from imhcli.register.site import write_site

    if not allowed_signers.is_file():
        raise PathNotFoundError(path=allowed_signers)
    issuer = Issuer(name=issuer_name, url=issuer_url)
    register = build_register(
        paths, allowed_signers=allowed_signers, issuer=issuer, base_uri=base_uri
    )
    done = write_site(site_files(register), output)
    sys.stdout.write(summary(register.left_out, len(register.listings)) + "\n")
    sys.stderr.write(
        f"{output}: {len(done.written)} written, {len(done.removed)} removed, "
        f"{done.unchanged} unchanged\n"
    )


def summary(left_out: dict[str, int], listed: int) -> str:
    """``3 listed; 2 left out: 1 no consent, 1 not signed off`` (never a name)."""
    text = f"{listed} listed"
    total = sum(left_out.values())
    if total:
        reasons = ", ".join(f"{n} {reason}" for reason, n in left_out.items())
        text += f"; {total} left out: {reasons}"
    return text


def register(root: typer.Typer) -> None:
    root.add_typer(app)
