"""`imh review render` as a library call: a review in, the practitioner's feedback page out."""

from __future__ import annotations

import datetime as dt

from imhcli.models.review import Review
from imhcli.review.bundle import OpenedBundle


def render_feedback(
    review: Review,
    *,
    output_format: str = "html",
    bundle: OpenedBundle | None = None,
    made: dt.date | None = None,
) -> str:
    """The feedback page of ``review`` in ``output_format`` (a name in the FEEDBACK registry)."""
    import io

    from imhcli.output.feedback import FEEDBACK
    from imhcli.output.feedback.view import feedback_view
    from imhcli.review.check import review_framework

    framework, _ = review_framework(review, bundle)
    out = io.StringIO()
    FEEDBACK[output_format](feedback_view(review, framework, made=made), out=out, color=None)
    return out.getvalue()
