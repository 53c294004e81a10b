"""A small revalidation portfolio for the pack tests: NMC, HCPC, SWE and endorsement at once.

As of 2027-03-01 it meets NMC revalidation (renewal 2027-03-31); it also has a draft,
which no pack may print, and a deny-listed name only in private/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from imhcli.models.reflective import NMC_FORM_SECTIONS
from tests.conftest import write_portfolio

AS_OF = dt.date(2027, 3, 1)

PORTFOLIO = """\
format: 1
framework: imhcf-2019
level: 2
practitioner:
  name: Sam Example
  role: Health visitor
  organisation: Example Community Health Service
  organisation_address: 1 Example Street, Exampletown
  summary_of_practice: profile/summary.md
  registrations:
    - body: NMC
      number: 00X0000X   # not a real PIN: NMC PINs never take this form
      renewal: 2027-03-31
    - body: HCPC
      renewal: 2027-08-31
    - body: SWE
requirements: [nmc-revalidation]
privacy:
  deny_list: private/names.txt
"""

NMC_BODY = f"""\
## {NMC_FORM_SECTIONS[0]}

A new birth visit where {{topic}}.

## {NMC_FORM_SECTIONS[1]}

I learned to slow down and watch the baby's cues before speaking.

## {NMC_FORM_SECTIONS[2]}

I now leave a pause at the start of every visit.

## {NMC_FORM_SECTIONS[3]}

- [x] Prioritise people
- [ ] Preserve safety

I listened to the parent first.
"""


def _entry(front: str, body: str = "Notes in my own words about what I learned.\n") -> str:
    return f"---\n{front.strip()}\n---\n\n{body}"


def sample_files() -> dict[str, str]:
    files: dict[str, str] = {
        "private/names.txt": "Kowalski\n",
        "profile/summary.md": "I am a health visitor in a community team. " * 10,
        "evidence/discussion-form.pdf": "%PDF-1.4 signed form\n",
        "evidence/confirmation-form.pdf": "%PDF-1.4 signed form\n",
    }
    for i, year in enumerate([2024, 2025, 2026]):
        files[f"entries/practice-{i}.md"] = _entry(
            f"type: practice\ntitle: Practice hours year {i + 1}\ndate: {year}-04-01\n"
            f"end: {year}-09-30\nhours: 160\nsetting: Community health visiting team"
        )
    for i, (day, hours, together) in enumerate(
        [("2024-09-10", 15, "true"), ("2025-05-05", 10, "true"), ("2026-02-02", 12, "false")]
    ):
        files[f"entries/cpd-{i}.md"] = _entry(
            f"type: cpd\ntitle: Course {i + 1} on infant cues\ndate: {day}\nhours: {hours}\n"
            f"participatory: {together}\nactivity: course\nprovider: Example provider"
        )
    for i in range(5):
        files[f"entries/feedback-{i}.md"] = _entry(
            f"type: feedback\ntitle: Feedback {i + 1}\ndate: 2025-0{i + 1}-15\nsource: parent",
            "## The feedback\n\nThe visit felt unhurried.\n\n## What I make of it\n\n"
            "I keep the pause.\n",
        )
    for i in range(5):
        files[f"entries/reflection-{i}.md"] = _entry(
            f"type: reflection\ntitle: Account {i + 1}\ndate: 2026-0{i + 1}-10\nmodel: NMC",
            NMC_BODY.format(topic=f"topic {i + 1}"),
        )
    files["entries/discussion.md"] = _entry(
        "type: discussion\ntitle: Reflective discussion\ndate: 2026-10-01\n"
        "partner_register: NMC\nform: evidence/discussion-form.pdf",
        "We talked through my five accounts and what they show about my practice.\n",
    )
    files["entries/confirmation.md"] = _entry(
        "type: confirmation\ntitle: Confirmation with my line manager\ndate: 2026-11-01\n"
        "confirmer_role: Team leader\nconfirmer_register: NMC\n"
        "form: evidence/confirmation-form.pdf",
        "",
    )
    for i, (day, kind) in enumerate(
        [("2025-04-02", "reflective"), ("2025-10-02", "reflective"), ("2026-04-02", "clinical")]
    ):
        files[f"entries/supervision-{i}.md"] = _entry(
            f"type: supervision\ntitle: Supervision {i + 1}\ndate: {day}\nhours: 2\n"
            f"kind: {kind}\nmode: individual\nsupervisor: IMH specialist\n"
            "provider_qualified: true",
            "We explored the feelings a visit stirred in me and how I held the baby in mind.\n",
        )
    files["entries/cpd-peer.md"] = _entry(
        "type: cpd\ntitle: Reading group on infant cues\ndate: 2026-12-05\nhours: 3\n"
        "activity: reading\nparticipatory: true\npeer_reflection: true",
        "Reading with colleagues changed how I describe cues to parents.\n",
    )
    files["entries/break.md"] = _entry(
        "type: break\ntitle: Parental leave\ndate: 2025-06-01\nend: 2025-09-30\n"
        "reason: Parental leave",
        "",
    )
    files["entries/draft.md"] = _entry(
        "type: reflection\ntitle: Draft never printed\ndate: 2026-05-05\nstatus: draft",
        "A draft account I am still writing.\n",
    )
    return files


def write_sample(root: Path) -> Path:
    """Write the sample portfolio at ``root`` and return it."""
    return write_portfolio(root, sample_files(), portfolio_yaml=PORTFOLIO)
