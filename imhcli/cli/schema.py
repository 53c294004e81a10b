"""`imh schema`."""

from __future__ import annotations

import sys

import typer

from imhcli.cli.options import SchemaKind

EPILOG = """[bold]Examples[/]

  imh schema portfolio > portfolio.schema.json
  imh schema entry | check-jsonschema --schemafile /dev/stdin front-matter.yaml
"""


def schema(
    kind: SchemaKind = typer.Argument(  # type: ignore[valid-type]
        ...,
        help="Which schema: portfolio (portfolio.yaml), entry (front matter), framework, "
        "profile (a requirement profile), or review (an assessor's review file).",
    ),
) -> None:
    """Print a JSON Schema (Draft 2020-12) for editors and other validators."""
    from imhcli.output.json_schemas import dumps

    sys.stdout.write(dumps(str(kind)))


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(schema)
