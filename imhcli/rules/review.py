"""Review rules (IMH7xx): is an assessor's review complete, consistent and about its bundle?

They run on a review whose fields are valid (IMH104-IMH106 and IMH703 come from
reading it). The bundle rules run only when the bundle is given
(`imh review check REVIEW.yaml --bundle BUNDLE.zip`).
"""

from __future__ import annotations

from collections.abc import Iterator

from imhcli.base.words import plural
from imhcli.diagnostics import Finding
from imhcli.models.framework import Competency, Framework
from imhcli.models.review import BELOW_MET, DECISIONS, ReviewContext
from imhcli.rules import review_rule

_KEYS = ("competencies",)


@review_rule("IMH701", "IMH702")
def review_competencies(ctx: ReviewContext) -> Iterator[Finding]:
    """IMH701: a competency the review judges is not in the framework, or not at the
    review's level (with a "did you mean").
    IMH702: a competency at the level has no judgement; a review judges every one,
    `not-assessed` where the assessor has not come to it yet.
    """
    framework, review = ctx.framework, ctx.review
    if framework is None or framework.level(review.level) is None:
        return
    seen: set[str] = set()
    for ref in review.competencies:
        comp = framework.resolve(ref)
        problem = _not_at_level(framework, comp, ref, review.level)
        if problem is not None:
            yield Finding("IMH701", problem[0], problem[1], (*_KEYS, ref), key=True)
        elif comp is not None:
            seen.add(comp.id)
    missing = [c.id for c in framework.at_level(review.level) if c.id not in seen]
    if missing:
        shown = ", ".join(missing[:8]) + (
            f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        )
        yield Finding(
            "IMH702",
            f"no judgement for {plural(len(missing), 'competency', 'competencies')} "
            f"at level {review.level}: {shown}",
            "add each with `judgement: not-assessed` (as `imh review init` writes them)",
            _KEYS,
            key=True,
        )


def _not_at_level(
    framework: Framework, comp: Competency | None, ref: object, level: int
) -> tuple[str, str | None] | None:
    if comp is None:
        hint = framework.suggest(str(ref))
        return (
            f"{ref!r} is not a competency of {framework.id}",
            f"did you mean {' or '.join(hint[:2])}?" if hint else None,
        )
    if level not in comp.levels:
        return f"competency {comp.id} does not apply at level {level}", "remove it from the review"
    return None


@review_rule("IMH704")
def sign_off_needs_all_met(ctx: ReviewContext) -> Iterator[Finding]:
    """IMH704: the review is `signed-off` while a competency is judged anything but
    `met`. Sign off when every competency is met; otherwise request a revision.
    """
    if ctx.review.state != "signed-off":
        return
    for ref, item in ctx.review.competencies.items():
        if item.judgement != "met":
            yield Finding(
                "IMH704",
                f"signed off, but competency {ref} is judged {item.judgement}",
                "judge it met, or set `state: revision-requested` with a feed-forward item",
                (*_KEYS, ref, "judgement"),
            )


@review_rule("IMH705")
def revision_needs_next_steps(ctx: ReviewContext) -> Iterator[Finding]:
    """IMH705: `revision-requested` with no feed-forward item that says something: the
    practitioner must be told where to go next.
    """
    review = ctx.review
    if review.state == "revision-requested" and not any(
        item.text.strip() for item in review.feedback.feed_forward
    ):
        yield Finding(
            "IMH705",
            "a revision is requested but no feed-forward item says what to do next",
            'add one under `feedback.feed_forward`, e.g. {text: "...", competencies: ["3.04"]}',
            ("state",),
        )


@review_rule("IMH706")
def feed_forward_targets(ctx: ReviewContext) -> Iterator[Finding]:
    """IMH706 (warning): a feed-forward item names a competency that the review does
    not judge `not-met` or `partially-met`: either the judgement or the item is off.
    """
    framework, review = ctx.framework, ctx.review
    judged = {_key(framework, ref): item.judgement for ref, item in review.competencies.items()}
    for i, item in enumerate(review.feedback.feed_forward):
        for j, ref in enumerate(item.competencies):
            judgement = judged.get(_key(framework, ref), "no judgement")
            if judgement not in BELOW_MET:
                yield Finding(
                    "IMH706",
                    f"feed-forward names competency {ref}, which is judged {judgement}",
                    "name competencies judged not-met or partially-met",
                    ("feedback", "feed_forward", i, "competencies", j),
                )


def _key(framework: Framework | None, ref: str | float | int) -> str:
    comp = framework.resolve(ref) if framework is not None else None
    return comp.id if comp is not None else str(ref)


@review_rule("IMH707")
def self_level_feedback(ctx: ReviewContext) -> Iterator[Finding]:
    """IMH707 (warning): feedback tagged at the `self` level ("well done, you are a
    natural"). Hattie and Timperley (2007) found praise of the person the least
    effective kind of feedback; say what was done well in the task or the process.
    """
    feedback = ctx.review.feedback
    tagged = [
        (("feedback", "feed_up"), feedback.feed_up),
        (("feedback", "feed_back"), feedback.feed_back),
        *((("feedback", "feed_forward", i), f) for i, f in enumerate(feedback.feed_forward)),
    ]
    for loc, item in tagged:
        if item.level == "self":
            yield Finding(
                "IMH707",
                "feedback about the self is the least effective kind",
                "say what went well in the task, the process or self-regulation",
                (*loc, "level"),
            )


@review_rule("IMH104", "IMH712")
def decisions(ctx: ReviewContext) -> Iterator[Finding]:
    """IMH104: a decision (revision-requested, signed-off, not-approved) without the
    `date` it was made.
    IMH712 (warning): a decision whose feed-up or feed-back text is empty.
    """
    review = ctx.review
    if review.state not in DECISIONS:
        return
    if review.date is None:
        yield Finding(
            "IMH104",
            f"`state: {review.state}` needs the `date` of the decision",
            "add `date:` written YYYY-MM-DD",
            ("state",),
        )
    for name in ("feed_up", "feed_back"):
        if not getattr(review.feedback, name).text.strip():
            yield Finding(
                "IMH712",
                f"a decision with no {name.replace('_', '-')} text",
                "answer the question before sending the review",
                ("feedback", name, "text"),
            )


@review_rule("IMH708")
def evidence_in_bundle(ctx: ReviewContext) -> Iterator[Finding]:
    """IMH708: a competency's `evidence` path is not a file in the bundle's payload.
    Paths are written as in the portfolio (`entries/2025/visit.md`), without `data/`.
    """
    if ctx.bundle is None:
        return
    payload = ctx.bundle.payload
    for ref, item in ctx.review.competencies.items():
        for i, path in enumerate(item.evidence):
            if path not in payload and path.removeprefix("data/") not in payload:
                yield Finding(
                    "IMH708",
                    f"evidence {path!r} is not in the bundle",
                    "write the path as the report lists it, e.g. entries/2025/visit.md",
                    (*_KEYS, ref, "evidence", i),
                )


@review_rule("IMH709")
def about_this_bundle(ctx: ReviewContext) -> Iterator[Finding]:
    """IMH709: the bundle given is not the one the review names: its sha256 differs
    (the review is about another bundle, or the bundle was changed), or its file name does.
    """
    bundle, named = ctx.bundle, ctx.review.bundle
    if bundle is None:
        return
    if bundle.sha256 != named.sha256:
        yield Finding(
            "IMH709",
            f"the review names a bundle with sha256 {named.sha256[:12]}..., "
            f"but {bundle.name} has {bundle.sha256[:12]}...",
            "check the review against the bundle it was written for",
            ("bundle", "sha256"),
        )
    elif bundle.name != named.name:
        yield Finding(
            "IMH709",
            f"the review names {named.name!r}; the bundle is called {bundle.name!r}",
            "a renamed bundle: correct `bundle.name`",
            ("bundle", "name"),
        )


@review_rule("IMH710")
def decided_after_bagging(ctx: ReviewContext) -> Iterator[Finding]:
    """IMH710: the review's `date` is before the bundle's Bagging-Date: a decision
    cannot come before the bundle was made.
    """
    bundle, review = ctx.bundle, ctx.review
    if bundle is None or bundle.bagging_date is None or review.date is None:
        return
    if review.date < bundle.bagging_date:
        yield Finding(
            "IMH710",
            f"`date` {review.date.isoformat()} is before the bundle was made "
            f"({bundle.bagging_date.isoformat()})",
            "check the year and month of the decision",
            ("date",),
        )


@review_rule("IMH401", "IMH402", "IMH403", "IMH404", "IMH405")
def identifiers_in_review(ctx: ReviewContext) -> Iterator[Finding]:
    """IMH401-IMH405 in a review: an NHS number, a postcode, a phone number, an e-mail
    address other than the assessor's own, or a date of birth, anywhere in the file
    (comments too). A review goes to the practitioner and into their portfolio, and
    its feedback page may be shared: it names no family. A review with one is not
    signed, rendered or accepted.
    """
    from imhcli.rules.identifiers import find_identifiers, mask
    from imhcli.rules.privacy import WHAT

    own = (ctx.review.assessor.email or "").casefold()
    for hit in find_identifiers(ctx.text):
        if hit.code == "IMH404" and hit.text.casefold() == own:
            continue
        line = ctx.text.count("\n", 0, hit.start) + 1
        column = hit.start - (ctx.text.rfind("\n", 0, hit.start) + 1) + 1
        yield Finding(
            hit.code,
            f"{WHAT[hit.code]} in the review: {mask(hit.text)}",
            "remove or anonymise it: a review names no family",
            line=line,
            column=column,
        )
