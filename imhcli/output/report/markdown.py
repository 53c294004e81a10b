"""Entry bodies as safe HTML.

Bodies are CommonMark with tables. Raw HTML is never passed through: a ``<script>``
or ``<img onerror=...>`` written in an entry comes out as visible, escaped text.
HTML comments (``<!-- imh-allow: postcode -->``, template prompts) are notes to the
writer, not part of the account, so they are removed before rendering, and so are
empty checklist items (``- [ ]`` with nothing after it); other checklist items
render as checkboxes, ticked or not. Images are
shown as their alt text, because loading one would be a network request (or a file
outside the page) and the report must stand alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

#: Link schemes kept as links; any other scheme (javascript:, data:, file:) stays text.
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_EMPTY_TASK = re.compile(r"^[ \t]*[-*+][ \t]+\[ \][ \t]*(?:\n|$)", re.MULTILINE)


def strip_comments(text: str) -> str:
    """``text`` without HTML comments or empty checklist items, except in fenced code."""
    out: list[str] = []
    chunk: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if fence is None and opened:
            out.append(_template_free("".join(chunk)))
            chunk, fence = [], opened.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            closing = _FENCE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = None
        else:
            chunk.append(line)
    out.append(_template_free("".join(chunk)))
    return "".join(out)


def _template_free(text: str) -> str:
    return _EMPTY_TASK.sub("", _COMMENT.sub("", text))


def _image_as_text(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    alt = renderer.renderInlineAsText(tokens[idx].children or [], options, env)
    return f'<span class="image-alt">[image: {escapeHtml(alt) or "no description"}]</span>'


def safe_link(url: str) -> bool:
    """Relative links, fragments and http(s)/mailto links only."""
    found = _SCHEME.match(url)
    return found is None or found.group(1).lower() in _SAFE_SCHEMES


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with tables and checklists, raw HTML escaped, images as text, safe links."""
    from mdit_py_plugins.tasklists import tasklists_plugin

    md = MarkdownIt("commonmark", {"html": False}).enable("table").use(tasklists_plugin)
    md.validateLink = safe_link  # type: ignore[method-assign]
    md.add_render_rule("image", _image_as_text)
    return md


def render_markdown(text: str, *, heading_shift: int = 0) -> str:
    """HTML for a Markdown body; headings move down ``heading_shift`` levels (at most h6)."""
    md = parser()
    env: dict[str, Any] = {}
    tokens = md.parse(strip_comments(text), env)
    for token in tokens:
        if heading_shift and token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + heading_shift)}"
        elif token.type in ("th_open", "td_open"):
            _align_by_class(token)
    return str(md.renderer.render(tokens, md.options, env))


def _align_by_class(token: Token) -> None:
    # Table alignment arrives as a style attribute, which the page's
    # Content-Security-Policy refuses; a class does the same job.
    style = token.attrs.pop("style", None)
    if isinstance(style, str) and style.startswith("text-align:"):
        token.attrSet("class", "align-" + style.removeprefix("text-align:"))
