"""The endorsement pack page: the RSC log with totals and span, and the training list."""

from __future__ import annotations

from html import escape

from imhcli.analysis.forms.endorsement import EndorsementPack
from imhcli.output.pack_page.common import cell, dates, document, form, row, table


def render_endorsement(pack: EndorsementPack) -> str:
    """The endorsement logs as one self-contained, printable page."""
    return document(pack.header, [_rsc(pack), _training(pack)])


def _qualified(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "not confirmed"}[value]


def _rsc(pack: EndorsementPack) -> str:
    rows = "".join(
        row(r.date, r.hours, r.mode, r.supervisor, _qualified(r.provider_qualified))
        for r in pack.rsc
    )
    foot = f'<tr><th scope="row">Total</th>{cell(pack.rsc_total)}<td colspan="3"></td></tr>'
    span = (
        f"<p>Span: {escape(dates(*pack.rsc_span))} "
        f"({(pack.rsc_span[1] - pack.rsc_span[0]).days + 1} days).</p>"
        if pack.rsc_span
        else "<p>No reflective supervision or consultation counted.</p>"
    )
    columns = ["Date", "Hours", "Individual or group", "Supervisor's role", "Provider qualified"]
    return form(
        "rsc-log", "Reflective supervision/consultation log", span, table(columns, rows, foot=foot)
    )


def _training(pack: EndorsementPack) -> str:
    rows = "".join(row(dates(t.date, t.end), t.title, t.provider, t.hours) for t in pack.training)
    foot = f'<tr><th scope="row" colspan="3">Total</th>{cell(pack.training_total)}</tr>'
    return form(
        "training", "Training", table(["Dates", "Training", "Provider", "Hours"], rows, foot=foot)
    )
