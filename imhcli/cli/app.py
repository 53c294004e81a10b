"""The typer application: commands are registered from their own modules.

Errors from the library are turned into messages and exit codes here, in
:class:`ImhGroup`, and nowhere else: 0 clean, 1 findings, 2 the tool could not work.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any

import typer
from typer.core import TyperGroup

from imhcli import __version__
from imhcli.errors import ImhError

#: Modules under imhcli.cli that add commands; each has ``register(app)``.
COMMAND_MODULES = (
    "init",
    "new",
    "check",
    "schema",
    "report",
    "cohort",
    "cache",
    "gaps",
    "hours",
    "requirements",
    "bundle",
    "verify",
    "framework",
    "calendar",
    "register",
    "review",
    "status",
    "pack",
)


class ImhGroup(TyperGroup):
    """The one place exit codes are applied.

    A command returns its exit code, which its result works out (say
    ``report.exit_code(strict=strict)``), or None for 0; an :class:`ImhError` becomes
    a message on stderr and the error's exit code (2).
    """

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            code = super().invoke(ctx)
        except ImhError as exc:
            report_error(exc)
            ctx.exit(exc.exit_code)
        ctx.exit(code if isinstance(code, int) else 0)


def report_error(exc: ImhError) -> None:
    from rich.markup import escape

    from imhcli.errors import FindingsError
    from imhcli.output.console import make_console
    from imhcli.output.escaping import visible

    if isinstance(exc, FindingsError):
        from imhcli.output.findings import FINDINGS

        FINDINGS["text"](exc.report, out=sys.stderr, color=None)
    console = make_console(sys.stderr)
    console.print(f"[bold red]error:[/] {escape(visible(exc.message))}", soft_wrap=True)
    if exc.hint:
        console.print(f"[dim]hint: {escape(visible(exc.hint))}[/]", soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"imh {__version__}")
        raise typer.Exit()


def build() -> typer.Typer:
    app = typer.Typer(
        name="imh",
        cls=ImhGroup,
        help=(
            "Plain-file CPD portfolios for infant mental health practice: scaffold, check, "
            "and report against the AIMH UK competency framework."
        ),
        epilog="Run [bold]imh COMMAND --help[/] for examples. Exit codes: 0 clean, "
        "1 findings, 2 the tool could not work.",
        no_args_is_help=True,
        rich_markup_mode="rich",
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def _root(
        version: bool = typer.Option(
            False, "--version", "-V", callback=_version, is_eager=True, help="Print the version."
        ),
    ) -> None:
        """imh: infant mental health CPD portfolios in plain files."""

    for name in COMMAND_MODULES:
        import_module(f"imhcli.cli.{name}").register(app)
    return app
