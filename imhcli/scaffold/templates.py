"""Texts that `imh init` and `imh new` write. The bodies guide the writer."""

from __future__ import annotations

from imhcli.models.reflective import CODE_THEMES, ReflectiveModel

PORTFOLIO_YAML = """\
# yaml-language-server: $schema={schema}
# Your infant mental health portfolio, imh format 1.1. `imh check` checks it.
format: 1.1
framework: {framework}
level: {level}
practitioner:
  name: {name}
  # role: Health visitor
  # organisation: Example NHS Trust
  # email: you@example.org          # never flagged by the privacy checks
  # registrations:
  #   - body: NMC
  #     number: 99Z9999Z               # your PIN (this one is made up)
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


def _sections(*sections: tuple[str, str]) -> str:
    """Headings, each with its prompt as an HTML comment (invisible once rendered)."""
    return "".join(f"## {title}\n\n<!-- {prompt} -->\n\n" for title, prompt in sections)


def _checklist(items: tuple[str, ...]) -> str:
    return "".join(f"- [ ] {item}\n" for item in items) + "\n"


BODIES: dict[str, str] = {
    "practice": _sections(
        ("Context", "The setting and the family, anonymised: roles and ages, never names."),
        ("What I did", "Your part in the work, step by step."),
        (
            "What I noticed about the baby and the relationship",
            "The baby's cues and experience; how parent and baby were with each other.",
        ),
        (
            "What it shows about my practice",
            "What this evidences, competency by competency, and what you would do again.",
        ),
    ),
    "cpd": _sections(
        ("What I learned", "The two or three things that stay with you."),
        ("How it will change my practice", "What you will do differently with families."),
        (
            "Learning with others",
            "Was it participatory: did you learn with other people, in person or online "
            "(a course, a workshop, a group discussion)? If so, set participatory: true above. "
            "Reading or e-learning on your own is not participatory.",
        ),
        (
            "The Code",
            "For the NMC register: tick the themes of the Code the activity relates to, say "
            "how, and list them under code_theme: above (e.g. [preserve safety]). Delete "
            "this section if you are not on the NMC register.",
        ),
    )
    + _checklist(CODE_THEMES)
    + _sections(
        (
            "Evidence",
            "List certificates under evidence: above, e.g. evidence/2025-03-04-certificate.pdf.",
        )
    ),
    "supervision": _sections(
        (
            "What I brought",
            "A family or a theme from your work, anonymised, and why you brought it.",
        ),
        (
            "What we explored",
            "The baby's experience, the parent's, and your own responses to the work.",
        ),
        ("What I take away", "What you will do, or think about, differently."),
    ),
    "feedback": _sections(
        ("The feedback", "What was said or written, and by whom (a role, never a name)."),
        ("What I make of it", "What it tells you about your practice."),
        ("What I will do with it", "A change you will make, or something to keep doing."),
    ),
    "discussion": _sections(
        (
            "Who with",
            "Your partner's role and register (for NMC revalidation, another NMC registrant: "
            "set partner_register: NMC above). Their name, PIN and contact details go on the "
            "signed discussion form, not here: keep the form under evidence/ and point form: "
            "above at it.",
        ),
        (
            "What we discussed",
            "The reflective accounts you talked through, and the themes of the Code they touch.",
        ),
        ("What I take from it", "What you will do differently after the discussion."),
    ),
    "confirmation": _sections(
        (
            "The confirmer",
            "Their role, and the register they are on (set confirmer_register above). If "
            "they are not an NMC registrant, your reflective discussion partner must be. "
            "Their name and details go on the signed confirmation form: keep it under "
            "evidence/ and point form: above at it.",
        ),
        ("What we went through", "The evidence you showed, and anything they asked about."),
    ),
    "break": _sections(
        (
            "Time away",
            "Why you were away from practice (parental leave, illness, a career break), in "
            "as much or as little detail as you choose. Set end: above to the last day.",
        ),
        ("Coming back", "How you kept up or caught up, if you did."),
    ),
    "plan": _sections(
        ("Goal", "What you want to be able to do, and by when."),
        ("Why it matters for my practice", "The families, or the gap, it is for."),
        ("Steps", "One line per step; tick each when it is done."),
    )
    + "- [ ] \n- [ ] \n\n"
    + _sections(("How I will know it is done", "What you will see, or have, at the end.")),
    "self-assessment": _sections(
        (
            "Notes",
            "Rate each competency above as not-started, working-towards or achieved. Rate "
            "achieved only where a final entry evidences it (imh check warns otherwise). "
            "Write here anything your assessor should know about your ratings.",
        ),
    ),
}


def reflection_body(model: ReflectiveModel) -> str:
    """The sections of ``model``; the NMC form also gets the Code's themes to tick."""
    body = _sections(*model.sections)
    return body + _checklist(CODE_THEMES) if model.name == "NMC" else body
