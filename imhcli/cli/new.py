"""`imh new`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from imhcli.cli.options import (
    PORTFOLIO,
    Activity,
    EntryType,
    FeedbackSource,
    Register,
    RegisterPart,
    SupervisionKind,
    SupervisionMode,
    SupervisionRole,
    parse_date,
    portfolio_root,
    value,
)
from imhcli.models.reflective import model_names

EPILOG = """[bold]Examples[/]

  imh new reflection "Noticing a baby's cues at a new birth visit" -c 1.04 -c 2.05
  imh new reflection "A feeding review that went wrong" --model NMC
  imh new reflection "Adjusting in the moment at a home visit" --model schon
  imh new cpd "Video interaction guidance, day 1" --hours 6 --activity course --participatory
  imh new supervision "Monthly reflective supervision" --hours 1.5 --kind reflective
  imh new discussion "Revalidation discussion" --partner-register NMC --form evidence/form.pdf
  imh new confirmation "Revalidation confirmation" --confirmer-register NMC
  imh new break "Parental leave" --end 2026-09-30 --reason "Parental leave"
  imh new self-assessment
  $EDITOR "$(imh new plan 'Observe a parent-infant psychotherapy session' --due 2027-01-31)"
"""


def new(
    entry_type: EntryType = typer.Argument(  # type: ignore[valid-type]
        ..., metavar="TYPE", help="Entry type.", show_default=False
    ),
    title: str = typer.Argument(None, help="A short title (optional for a self-assessment)."),
    date: str = typer.Option(None, "--date", "-d", help="YYYY-MM-DD (default: today)."),
    end: str = typer.Option(None, "--end", help="Last day of a multi-day activity."),
    competency: list[str] = typer.Option(
        None, "--competency", "-c", help="A competency it evidences, e.g. 1.04 (repeatable)."
    ),
    hours: float = typer.Option(None, "--hours", help="Time spent, in decimal hours."),
    draft: bool = typer.Option(False, "--draft", help="Start it as a draft."),
    model: str = typer.Option(
        None,
        "--model",
        help=f"reflection: the reflective model, one of {', '.join(model_names())} "
        "(any case; schon is Schön; default Gibbs).",
    ),
    setting: str = typer.Option(None, "--setting", help="practice: where it took place."),
    activity: Activity = typer.Option(  # type: ignore[valid-type]
        None,
        "--activity",
        help="cpd: kind of activity.",
    ),
    participatory: bool = typer.Option(
        None, "--participatory/--no-participatory", help="cpd: learning with others?"
    ),
    provider: str = typer.Option(None, "--provider", help="cpd: who ran it."),
    peer_reflection: bool = typer.Option(
        None, "--peer-reflection/--no-peer-reflection", help="cpd: reflected on with a peer?"
    ),
    kind: SupervisionKind = typer.Option(  # type: ignore[valid-type]
        None,
        "--kind",
        help="supervision: kind.",
    ),
    role: SupervisionRole = typer.Option(  # type: ignore[valid-type]
        None,
        "--role",
        help="supervision: received or given.",
    ),
    source: FeedbackSource = typer.Option(  # type: ignore[valid-type]
        None,
        "--source",
        help="feedback: who gave it.",
    ),
    mode: SupervisionMode = typer.Option(  # type: ignore[valid-type]
        None, "--mode", help="supervision: individual (the default) or group."
    ),
    provider_qualified: bool = typer.Option(
        None,
        "--provider-qualified/--provider-not-qualified",
        help="supervision: the supervisor is qualified to give reflective supervision?",
    ),
    with_role: str = typer.Option(None, "--with-role", help="discussion: the other person's role."),
    partner_register: Register = typer.Option(  # type: ignore[valid-type]
        None, "--partner-register", help="discussion: the register your partner is on."
    ),
    form: str = typer.Option(
        None, "--form", help="discussion, confirmation: the signed form under evidence/."
    ),
    register_part: RegisterPart = typer.Option(  # type: ignore[valid-type]
        None, "--register-part", help="practice: the part of the register the hours are for."
    ),
    confirmer_role: str = typer.Option(None, "--confirmer-role", help="confirmation: their role."),
    confirmer_register: Register = typer.Option(  # type: ignore[valid-type]
        None, "--confirmer-register", help="confirmation: the register the confirmer is on."
    ),
    reason: str = typer.Option(None, "--reason", help="break: why you were away."),
    due: str = typer.Option(None, "--due", help="plan: due date, YYYY-MM-DD."),
    portfolio: Path = PORTFOLIO,
) -> None:
    """Start a new entry from a template and print its path (for $EDITOR)."""
    from imhcli.diagnostics import Diagnostic
    from imhcli.scaffold.new import new_entry

    root = portfolio_root(portfolio)
    when = parse_date(date, option="--date") or dt.date.today()
    type_name = str(entry_type)
    fields = {
        "end": parse_date(end, option="--end"),
        "model": model if model is not None or type_name != "reflection" else "Gibbs",
        "setting": setting,
        "activity": value(activity),
        "participatory": participatory,
        "provider": provider,
        "peer_reflection": peer_reflection,
        "kind": value(kind),
        "role": value(role),
        "source": value(source),
        "with_role": with_role,
        "due": parse_date(due, option="--due"),
        "mode": value(mode),
        "provider_qualified": provider_qualified,
        "partner_register": value(partner_register),
        "form": form,
        "register_part": value(register_part),
        "confirmer_role": confirmer_role,
        "confirmer_register": value(confirmer_register),
        "reason": reason,
    }
    warnings: list[Diagnostic] = []
    path = new_entry(
        root,
        type_name,
        title=title,
        date=when,
        competencies=competency or [],
        hours=hours,
        fields=fields,
        draft=draft,
        warnings=warnings,
    )
    sys.stdout.write(f"{path}\n")
    for diag in warnings:  # as `imh check` would say it, on stderr
        sys.stderr.write(f"warning: {diag.code} {diag.message}\n")


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(new)
