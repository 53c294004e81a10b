"""The practitioner's feedback page, rendered from a review: HTML or Markdown.

:data:`FEEDBACK` maps ``imh review render --format`` to a renderer of a
:class:`~imhcli.output.feedback.view.FeedbackView`; each is imported only when chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imhcli.output.registry import Registry, Renderer

if TYPE_CHECKING:
    from imhcli.output.feedback.view import FeedbackView

FEEDBACK: Registry[Renderer[FeedbackView]] = Registry("feedback")
FEEDBACK.add_lazy("html", "imhcli.output.feedback.html:write")
FEEDBACK.add_lazy("markdown", "imhcli.output.feedback.markdown:write")
