"""A small portfolio that exercises every part of the report page, hostile text included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import write_portfolio

#: The report date the tests render with.
REPORT_DAY = dt.date(2025, 11, 30)

PORTFOLIO_YAML = """\
format: 1
framework: imhcf-2019
level: 2
practitioner:
  name: Sam <b>Example</b> & Co
  role: Health visitor
  organisation: Example "Community" Trust
  registrations:
    - body: NMC
      number: 12A3456E
      renewal: 2027-03-31
requirements:
  - nmc-revalidation
  - no-such-profile
"""

HOSTILE_BODY = """\
## What happened

<script>alert("body")</script>

<img src=x onerror="document.title='pwned'">

A family at 12 Example Road, SW1A 1AA <!-- imh-allow: postcode --> agreed to this.

<!-- Template prompt: describe what happened.
     Keep it anonymised. -->

| Week | Visits |
|:-----|-------:|
| 1    | 2      |

![a photo of the room](https://example.com/photo.png) and a
[guideline](https://www.example.org/guideline) and [bad](javascript:alert(1)).

```text
<!-- this comment is part of a code sample and stays -->
```
"""

ENTRIES = {
    "entries/2025/2025-03-04-reflection.md": f"""\
---
type: reflection
title: Noticing a baby's cues
date: 2025-03-04
competencies: ["1.01", 1.1]
tags: ['"><img src=x onerror=alert(2)>', bonding]
model: Gibbs
---

{HOSTILE_BODY}""",
    "entries/2025/2025-03-10-course.md": """\
---
type: cpd
title: Video interaction guidance, day 1
date: 2025-03-10
hours: 6
activity: course
participatory: true
provider: Example Training <Ltd>
competencies: ["2.02"]
evidence: [evidence/certificate.pdf]
---

A day's course.
""",
    "entries/2025/2025-05-12-reading.md": """\
---
type: cpd
title: Reading on infant sleep
date: 2025-05-12
hours: 1.5
activity: reading
---

Notes.
""",
    "entries/2025/2025-05-20-supervision.md": """\
---
type: supervision
title: Monthly reflective supervision
date: 2025-05-20
hours: 1.5
kind: reflective
competencies: ["6.01"]
---

Talked about holding uncertainty.
""",
    "entries/2025/2025-06-01-feedback.md": """\
---
type: feedback
title: <script>alert("title")</script> thanks from a parent
date: 2025-06-01
source: parent
competencies: ["5.01"]
---

"You helped me see her smile."
""",
    "entries/2025/2025-07-01-draft.md": """\
---
type: reflection
title: Draft not to be shown
date: 2025-07-01
status: draft
---

Unfinished.
""",
    "entries/2025/2025-08-01-self-assessment.md": """\
---
type: self-assessment
date: 2025-08-01
ratings:
  "1.01": achieved
  "2.01": achieved
  "2.03": working-towards
---
""",
    "entries/2025/2025-08-02-plan.md": """\
---
type: plan
title: Learn more about assessment
date: 2025-08-02
due: 2026-03-31
competencies: ["3.01"]
---

Find a course.
""",
    "entries/broken.md": "No front matter here.\n",
    "evidence/certificate.pdf": "%PDF-1.4 not really\n",
}


def write_sample(root: Path) -> Path:
    """Write the sample portfolio under ``root`` and return ``root``."""
    return write_portfolio(root, ENTRIES, portfolio_yaml=PORTFOLIO_YAML)
