"""Making user text safe for where it goes: spreadsheet cells, Markdown, the terminal.

HTML uses :func:`html.escape`; the terminal goes through rich with markup escaped,
after :func:`visible` has shown control characters as escapes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

#: A cell starting with one of these is a formula to a spreadsheet (OWASP's list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Characters that change what a terminal, a log or a reader sees without being seen:
#: C0 and C1 controls, DEL, bidirectional marks and overrides, lone surrogates
#: (undecodable bytes of a file name), the BOM and non-characters.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb\ufffe\uffff]"
)
#: Byte order mark that makes Excel read a CSV file as UTF-8 (``--excel``).
EXCEL_BOM = "\ufeff"


def visible(text: str, *, keep: str = "") -> str:
    """``text`` with every control or direction character shown as an escape (``\\x1b``).

    Characters in ``keep`` (say line breaks, where the format escapes them itself) stay.
    """
    if _INVISIBLE.search(text) is None:
        return text
    return _INVISIBLE.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


def visible_page(page: str) -> str:
    """A whole page (HTML) with the characters :func:`visible` escapes, but its line breaks."""
    return visible(page, keep="\t\n\r")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def csv_cell(value: object, *, keep: str = "") -> Any:
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a ``'``.

    Numbers are left as numbers; text is also shown with :func:`visible` (but the
    characters in ``keep``, such as the line breaks of a multi-line description).
    """
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = visible(str(value), keep=keep)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_csv(
    out: TextIO, header: Iterable[str], rows: Iterable[Iterable[object]], *, keep: str = ""
) -> None:
    """CSV a spreadsheet cannot run: every cell quoted and neutralised (OWASP's advice).

    Quoting every cell keeps a ``;`` or ``,`` inside a value from starting a new cell
    (and with it a formula) in a spreadsheet that splits on another separator. The
    header is imh's own words and is written plain. ``keep`` as for :func:`csv_cell`.
    """
    csv.writer(out, lineterminator="\n").writerow(list(header))
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerows([csv_cell(cell, keep=keep) for cell in row] for row in rows)


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, tags, links or line breaks."""
    out = visible(" ".join(text.split()))
    out = out.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "|*_[]`":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def md_text(text: str) -> str:
    """Text safe as a Markdown paragraph: no tags, links, emphasis, headings or lists."""
    out = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "*_[]`#|!":
        out = out.replace(ch, "\\" + ch)
    lines = [_no_block_start(line.strip()) for line in out.splitlines()]
    return "  \n".join(line for line in lines if line)


def _no_block_start(line: str) -> str:
    """A line that Markdown would read as a list item or a rule starts with an escape."""
    if line and line[0] in "-+=":
        return "\\" + line
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", line)
