"""Texts that `imh init` and `imh new` write. The bodies guide the writer."""

from __future__ import annotations

PORTFOLIO_YAML = """\
# yaml-language-server: $schema={schema}
# Your infant mental health portfolio, imh format 1. `imh check` checks it.
format: 1
framework: {framework}
level: {level}
practitioner:
  name: {name}
  # role: Health visitor
  # organisation: Example NHS Trust
  # email: you@example.org          # never flagged by the privacy checks
  # registrations:
  #   - body: NMC
  #     number: 12A3456E
  #     renewal: 2027-03-31          # anchors revalidation windows
register:
  listed: false                      # true: consent to be named on a recognition register
{requirements}privacy:
  deny_list: private/names.txt       # names that must never appear in an entry
"""

GITIGNORE = """\
# private/ holds notes and names that must never leave this machine.
private/
# imh's cache of check results
.imh-cache/
"""

DENY_LIST = """\
# One name or term per line. imh check reports any entry that contains one.
# This file stays in private/: it is never committed (see .gitignore) or bundled.
"""

README = """\
# My infant mental health portfolio

This folder is a portfolio in the imh format, kept as plain files.

- `portfolio.yaml`: who you are, the framework and level, the requirements you track.
- `entries/`: one Markdown file per reflection, practice record, CPD activity,
  supervision, feedback, discussion, self-assessment or plan.
  Start one with `imh new reflection "What I noticed at the 6-8 week review"`.
- `evidence/`: certificates and other files your entries point at.
- `private/`: anything that must never leave this machine (never committed, never bundled).

Check your work with `imh check`; see what is missing with `imh gaps`.
Never write anything that could identify a family: no names, dates of birth,
NHS numbers, addresses or phone numbers.
"""

REFLECTIVE_MODELS: dict[str, list[tuple[str, str]]] = {
    "Gibbs": [
        ("Description", "What happened? Who was there (roles, not names)?"),
        (
            "Feelings",
            "What were you thinking and feeling? What might the baby and parent have felt?",
        ),
        ("Evaluation", "What went well, and what did not?"),
        ("Analysis", "What sense can you make of it? What theory or research helps?"),
        ("Conclusion", "What else could you have done?"),
        ("Action plan", "What will you do next time, and what do you need to learn?"),
    ],
    "Driscoll": [
        ("What?", "Describe the event, your part in it and the baby's experience."),
        ("So what?", "What did it mean: for the infant, the parent, for you?"),
        ("Now what?", "What will you do differently, and how will you know it helped?"),
    ],
    "NMC form": [
        ("What was the nature of the activity, feedback, event or experience?", ""),
        ("What did you learn from it?", ""),
        ("How did you change or improve your practice as a result?", ""),
        (
            "How is this relevant to the Code?",
            "Prioritise people, practise effectively, "
            "preserve safety, promote professionalism and trust.",
        ),
    ],
}

BODIES: dict[str, str] = {
    "practice": (
        "## Context\n\nThe setting and the family, anonymised (roles and ages, never names).\n\n"
        "## What I did\n\n\n## What I noticed about the baby and the relationship\n\n\n"
        "## What it shows about my practice\n\n"
    ),
    "cpd": (
        "## What I learned\n\n\n## How it will change my practice\n\n\n"
        "## Evidence\n\nList certificates under `evidence:` above.\n"
    ),
    "supervision": ("## What I brought\n\n\n## What we explored\n\n\n## What I take away\n\n"),
    "feedback": "## The feedback\n\nWhat was said, anonymised.\n\n## What I make of it\n\n",
    "discussion": (
        "## Who with\n\nTheir role and registration (no names needed).\n\n"
        "## What we discussed\n\n\n## What I take from it\n\n"
    ),
    "plan": (
        "## Goal\n\n\n## Why it matters for my practice\n\n\n## Steps\n\n- [ ] \n\n"
        "## How I will know it is done\n\n"
    ),
    "self-assessment": (
        "Rate each competency as not-started, working-towards or achieved.\n"
        "Rate achieved only where a final entry evidences it (imh check warns otherwise).\n"
    ),
}


def reflection_body(model: str) -> str:
    headings = REFLECTIVE_MODELS.get(model)
    if headings is None:
        return "## What happened\n\n\n## What I make of it\n\n\n## What I will do next\n\n"
    return "".join(
        f"## {title}\n\n" + (f"<!-- {prompt} -->\n\n" if prompt else "\n")
        for title, prompt in headings
    )
