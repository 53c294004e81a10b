"""The NMC pack page: the logs and forms of the NMC's revalidation templates, filled in."""

from __future__ import annotations

from html import escape

from imhcli.analysis.forms.nmc import NmcPack
from imhcli.base.words import number
from imhcli.output.pack_page.common import (
    blank,
    bullet_list,
    cell,
    dates,
    document,
    filled,
    form,
    prose,
    row,
    table,
)


def render_nmc(pack: NmcPack) -> str:
    """The NMC pack as one self-contained, printable page."""
    forms = [
        _practice_log(pack),
        _cpd_log(pack),
        _feedback_log(pack),
        *(_account(pack, i) for i in range(len(pack.accounts))),
        _discussion(pack),
        _confirmation(pack),
        _checklist(pack),
    ]
    return document(pack.header, forms)


def _practice_log(pack: NmcPack) -> str:
    rows = "".join(
        row(dates(r.start, r.end), r.hours, r.register_part, r.setting, r.description)
        for r in pack.practice
    )
    foot = f'<tr><th scope="row" colspan="1">Total</th>{cell(pack.practice_total)}</tr>'
    employer = (
        f'<dl class="fill">{filled("Organisation", pack.organisation)}'
        f"{filled('Organisation address', pack.organisation_address)}</dl>"
    )
    columns = ["Dates", "Hours", "Register part", "Setting and scope", "Description"]
    return form("practice-log", "Practice hours log", employer, table(columns, rows, foot=foot))


def _cpd_log(pack: NmcPack) -> str:
    rows = "".join(
        row(
            dates(r.start, r.end),
            r.method,
            r.topic,
            ", ".join(r.code_themes),
            r.hours,
            r.participatory_hours,
        )
        for r in pack.cpd
    )
    foot = (
        f'<tr><th scope="row" colspan="4">Total</th>{cell(pack.cpd_total)}'
        f"{cell(pack.participatory_total)}</tr>"
    )
    columns = ["Dates", "Method", "Topic", "Link to the Code", "Hours", "Participatory hours"]
    return form("cpd-log", "CPD log", table(columns, rows, foot=foot))


def _feedback_log(pack: NmcPack) -> str:
    rows = "".join(
        "<tr>"
        + cell(r.date)
        + cell(r.source)
        + f"<td>{prose(r.said)}</td><td>{prose(r.changed)}</td></tr>"
        for r in pack.feedback
    )
    columns = ["Date", "Source", "What it said", "How it changed my practice"]
    return form("feedback-log", "Practice-related feedback log", table(columns, rows))


def _account(pack: NmcPack, index: int) -> str:
    account = pack.accounts[index]
    parts = "".join(
        (f"<h3>{escape(title)}</h3>" if title else "") + prose(text)
        for title, text in account.sections
    )
    themes = ", ".join(account.code_themes) or "not named"
    head = (
        f'<dl class="fill">{filled("Date", account.date.isoformat())}'
        f"{filled('Title', account.title)}{filled('Code themes', themes)}"
        f"{filled('Entry', account.path)}</dl>"
    )
    return form(f"account-{index + 1}", f"Written reflective account {index + 1}", head, parts)


def _discussion(pack: NmcPack) -> str:
    found = pack.discussion
    fields = [
        filled("Date of the discussion", found.date.isoformat() if found else None),
        filled("Partner's register", found.partner_register if found else None),
        blank("Partner's name"),
        blank("Partner's NMC PIN"),
        blank("Partner's email, professional address and postcode"),
        blank("Partner's signature"),
        blank("Your signature"),
        filled("Signed form kept at", found.form if found else None),
    ]
    note = (
        '<p class="note">The partner\'s details are written on paper, not in the portfolio; '
        "the signed form stays in evidence/.</p>"
    )
    return form(
        "discussion", "Reflective discussion form", note, f'<dl class="fill">{"".join(fields)}</dl>'
    )


def _confirmation(pack: NmcPack) -> str:
    found = pack.confirmation
    fields = [
        filled("Date of the confirmation", found.date.isoformat() if found else None),
        filled("Confirmer's role", found.confirmer_role if found else None),
        filled("Confirmer's register", found.confirmer_register if found else None),
        blank("Confirmer's name"),
        blank("Confirmer's NMC PIN or other registration number"),
        blank("Confirmer's email, professional address and postcode"),
        blank("Confirmer's signature"),
        filled("Signed form kept at", found.form if found else None),
    ]
    return form("confirmation", "Confirmation form", f'<dl class="fill">{"".join(fields)}</dl>')


def _checklist(pack: NmcPack) -> str:
    missing = bullet_list(pack.missing, css="checklist") or "<p>Nothing is missing.</p>"
    totals = (
        f"<p>Practice hours counted: {escape(number(pack.practice_total))}. "
        f"CPD hours counted: {escape(number(pack.cpd_total))}, "
        f"{escape(number(pack.participatory_total))} of them participatory.</p>"
    )
    declarations = bullet_list(pack.declarations)
    return form(
        "checklist",
        "What is still missing",
        totals,
        missing,
        "<h3>Declarations, made on NMC Online</h3>" + declarations if declarations else "",
    )
