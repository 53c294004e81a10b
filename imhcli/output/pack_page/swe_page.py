"""The SWE pack page: the registration year's CPD records, as SWE's online form asks."""

from __future__ import annotations

from imhcli.analysis.forms.swe import SwePack
from imhcli.output.pack_page.common import dates, document, filled, form, prose


def render_swe(pack: SwePack) -> str:
    """The SWE year as one self-contained, printable page."""
    records = [_record(pack, i) for i in range(len(pack.records))]
    if not records:
        records = [form("record-1", "CPD record", "<p>No CPD records counted this year.</p>")]
    return document(pack.header, records)


def _record(pack: SwePack, index: int) -> str:
    record = pack.records[index]
    fields = (
        f'<dl class="fill">{filled("Dates", dates(record.date, record.end))}'
        f"{filled('Type of activity', record.activity)}{filled('Activity', record.title)}"
        f"{filled('Reflected on with a peer', 'yes' if record.peer_reflection else 'no')}"
        f"{filled('Entry', record.path)}</dl>"
    )
    reflection = "<h3>Reflection: the impact on my practice</h3>" + prose(record.reflection)
    title = f"CPD record {index + 1}: {record.title}"
    return form(f"record-{index + 1}", title, fields, reflection)
