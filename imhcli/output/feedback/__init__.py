"""The practitioner's feedback page, rendered from a review: HTML or Markdown.

The registry maps ``imh review render --format`` to a renderer module; each has
``render(view) -> str`` for a :class:`~imhcli.output.feedback.view.FeedbackView`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from imhcli.output.feedback.view import FeedbackView

#: --format name -> module under imhcli.output.feedback
RENDERERS: dict[str, str] = {"html": "html", "markdown": "markdown"}


class Render(Protocol):
    def __call__(self, view: FeedbackView) -> str: ...


def renderer(name: str) -> Render:
    module = import_module(f"imhcli.output.feedback.{RENDERERS[name]}")
    render: Render = module.render
    return render
