"""Synthetic portfolios for benchmarks and load tests.

``generate_portfolio(root, entries=150, seed=0)`` writes a portfolio that checks
clean: every entry type, realistic front matter, 150-400 word bodies without
anything the privacy rules would flag, evidence files for CPD certificates, some
drafts, and a self-assessment that rates achieved only what final entries show.
The same arguments always give the same files.

As a script::

    python benchmarks/generate.py OUT --entries 2000 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path

from imhcli.load.frameworks import load_framework
from imhcli.models.entry_types import EntryTypeName

#: How often each type appears (self-assessments are added separately, one a year).
#: Typed by the models' names, so a renamed entry type fails the type check here.
WEIGHTS: dict[EntryTypeName, float] = {
    "reflection": 5,
    "practice": 5,
    "cpd": 4,
    "supervision": 3,
    "feedback": 2,
    "discussion": 1,
    "plan": 1,
    "confirmation": 0.2,
    "break": 0.2,
}
TYPES = tuple(WEIGHTS)

NAMES = (
    "Sam Example",
    "Alex Taylor",
    "Jordan Patel",
    "Morgan Hughes",
    "Riley Evans",
    "Casey Okafor",
    "Jamie Walsh",
    "Robin Nowak",
    "Charlie Byrne",
    "Drew Campbell",
)
ROLES = {
    1: ("Early years practitioner", "Nursery room leader", "Childminder"),
    2: ("Health visitor", "Midwife", "Social worker", "Nursery manager"),
    3: ("Parent-infant psychotherapist", "Specialist health visitor", "Perinatal team lead"),
}
SUBJECTS = (
    "a new birth visit",
    "a baby who rarely cries",
    "settling into nursery",
    "a father's first visit",
    "feeding and closeness",
    "a parent who felt low",
    "watching a baby's cues",
    "a hard goodbye",
    "a group for new parents",
    "sleep worries",
    "a premature baby at home",
    "a first smile",
    "a review at six weeks",
    "talking about the pregnancy",
    "a family new to the area",
)
COURSES = (
    "Video interaction guidance",
    "Perinatal mental health",
    "Safeguarding babies",
    "Understanding attachment",
    "Newborn behavioural observation",
    "Infant massage",
    "Reflective practice",
    "The first 1001 days",
    "Solihull approach",
    "Working with fathers",
)
WORDS = (
    "the baby",
    "the parent",
    "watched",
    "noticed",
    "wondered",
    "responded",
    "slowly",
    "together",
    "held",
    "gaze",
    "turned away",
    "settled",
    "cried",
    "soothed",
    "smiled",
    "feeding",
    "sleep",
    "worry",
    "relationship",
    "attunement",
    "rupture",
    "repair",
    "curiosity",
    "supervision",
    "reflected",
    "practice",
    "felt",
    "anxious",
    "calm",
    "session",
    "visit",
    "home",
    "room",
    "play",
    "routine",
    "partner",
    "support",
    "listened",
    "paused",
    "named",
    "feelings",
    "in mind",
    "safe",
    "trust",
    "learning",
    "next time",
    "colleague",
    "team",
    "plan",
    "goal",
    "observation",
    "care",
    "warmth",
    "rhythm",
    "voice",
    "touch",
    "closeness",
    "distance",
)
ACTIVITIES = ("course", "workshop", "conference", "e-learning", "reading", "shadowing", "other")
KINDS = ("reflective", "clinical", "safeguarding", "restorative", "peer")
SOURCES = ("parent", "colleague", "manager", "student", "other")
MODELS = ("Gibbs", "Driscoll", "NMC form")


def generate_portfolio(
    root: Path,
    *,
    entries: int = 150,
    seed: int = 0,
    level: int | None = None,
    name: str | None = None,
    start: dt.date = dt.date(2021, 1, 4),
    end: dt.date = dt.date(2025, 12, 19),
    drafts: float = 0.05,
    requirements: Sequence[str] = (),
) -> Path:
    """Write a clean synthetic portfolio with ``entries`` entries under ``root``; return it."""
    rng = random.Random(seed)
    level = level or rng.choice((1, 2, 3))
    name = name or rng.choice(NAMES)
    framework = load_framework("imhcf-2019")
    ids = [c.id for c in framework.at_level(level)]
    root.mkdir(parents=True, exist_ok=True)
    (root / "evidence").mkdir(exist_ok=True)
    _write(root / "portfolio.yaml", _portfolio_yaml(rng, level, name, requirements))
    span = (end - start).days
    dates = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(entries))
    evidenced: set[str] = set()
    cpd_paths: list[str] = []
    assessments = max(1, entries // 60)
    for index, date in enumerate(dates[: entries - assessments]):
        entry_type = rng.choices(TYPES, tuple(WEIGHTS.values()))[0]
        draft = rng.random() < drafts
        comps = sorted(rng.sample(ids, rng.randint(1, 4)))
        if not draft and entry_type != "plan":
            evidenced.update(comps)
        rel = f"entries/{date.year}/{date.isoformat()}-{entry_type}-{index:05d}.md"
        fields = _type_fields(rng, entry_type, date, root, index, cpd_paths)
        if entry_type == "cpd":
            cpd_paths.append(rel)
        _write(root / rel, _entry(rng, entry_type, date, comps, fields, draft))
    for number, date in enumerate(dates[entries - assessments :]):
        rel = f"entries/{date.year}/{date.isoformat()}-self-assessment-{number:03d}.md"
        _write(root / rel, _self_assessment(rng, date, ids, evidenced))
    return root


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _portfolio_yaml(rng: random.Random, level: int, name: str, requirements: Sequence[str]) -> str:
    lines = [
        "format: 1",
        "framework: imhcf-2019",
        f"level: {level}",
        "practitioner:",
        f"  name: {name}",
        f"  role: {rng.choice(ROLES[level])}",
        "  organisation: Example Community Trust",
    ]
    if requirements:
        lines += ["requirements:", *(f"  - {r}" for r in requirements)]
    return "\n".join(lines) + "\n"


def _type_fields(
    rng: random.Random, entry_type: str, date: dt.date, root: Path, index: int, cpd: list[str]
) -> list[str]:
    if entry_type == "reflection":
        fields = [f"model: {rng.choice(MODELS)}"]
        if cpd and rng.random() < 0.3:
            fields.append(f"about: [{rng.choice(cpd)}]")
        return fields
    if entry_type == "practice":
        return [f"setting: {rng.choice(('Home visit', 'Clinic', 'Nursery', 'Children centre'))}"]
    if entry_type == "cpd":
        evidence = f"evidence/{date.isoformat()}-certificate-{index:05d}.pdf"
        _write(root / evidence, f"certificate {index}\n")
        days = rng.choice((0, 0, 0, 1, 2))
        fields = [
            f"hours: {rng.choice((1, 1.5, 2, 3, 6, 7.5)) * (days + 1):g}",
            f"activity: {rng.choice(ACTIVITIES)}",
            f"participatory: {rng.choice(('true', 'false'))}",
            "provider: Example Training Centre",
            f"evidence: [{evidence}]",
        ]
        if days:
            fields.append(f"end: {(date + dt.timedelta(days=days)).isoformat()}")
        return fields
    if entry_type == "supervision":
        return [f"hours: {rng.choice((1, 1.5, 2))}", f"kind: {rng.choice(KINDS)}"]
    if entry_type == "feedback":
        return [f"source: {rng.choice(SOURCES)}"]
    if entry_type == "discussion":
        return ["with_role: Registered health visitor", "partner_register: NMC"]
    if entry_type == "confirmation":
        form = f"evidence/{date.isoformat()}-confirmation-form-{index:05d}.pdf"
        _write(root / form, f"confirmation form {index}\n")
        return ["confirmer_role: Line manager", "confirmer_register: NMC", f"form: {form}"]
    if entry_type == "break":
        end = date + dt.timedelta(days=rng.randrange(14, 120))
        return [f"end: {end.isoformat()}", "reason: Annual leave and a course of treatment"]
    due = date + dt.timedelta(days=rng.randrange(60, 400))
    return [f"due: {due.isoformat()}", f"state: {rng.choice(('open', 'done'))}"]


def _title(rng: random.Random, entry_type: str) -> str:
    if entry_type == "cpd":
        part = rng.choice(("day one", "day two", "online module", "study day"))
        return f"{rng.choice(COURSES)}, {part}"
    if entry_type == "supervision":
        return f"Supervision: {rng.choice(SUBJECTS)}"
    if entry_type == "plan":
        return f"Learn more about {rng.choice(SUBJECTS)}"
    return rng.choice(SUBJECTS).capitalize()


def _entry(
    rng: random.Random,
    entry_type: str,
    date: dt.date,
    comps: list[str],
    fields: list[str],
    draft: bool,
) -> str:
    lines = [
        "---",
        f"type: {entry_type}",
        f'title: "{_title(rng, entry_type)}"',
        f"date: {date.isoformat()}",
        "competencies: [" + ", ".join(f'"{c}"' for c in comps) + "]",
        *fields,
        f"tags: [{rng.choice(('home-visit', 'nursery', 'clinic', 'training'))}]",
    ]
    if draft:
        lines.append("status: draft")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + _body(rng)


def _body(rng: random.Random) -> str:
    """Between 150 and 400 words in sentences and paragraphs, under a heading."""
    words: list[str] = []
    target = rng.randint(150, 400)
    while len(words) < target:
        words.extend(rng.choice(WORDS).split())
    words = words[:target]
    sentences: list[str] = []
    while words:
        size = rng.randint(6, 14)
        sentences.append(" ".join(words[:size]).capitalize() + ".")
        words = words[size:]
    paragraphs: list[str] = []
    while sentences:
        size = rng.randint(3, 6)
        paragraphs.append(" ".join(sentences[:size]))
        sentences = sentences[size:]
    heading = rng.choice(("What happened", "What I noticed", "Description"))
    return f"## {heading}\n\n" + "\n\n".join(paragraphs) + "\n"


def _self_assessment(rng: random.Random, date: dt.date, ids: list[str], evidenced: set[str]) -> str:
    lines = ["---", "type: self-assessment", f"date: {date.isoformat()}", "ratings:"]
    for comp in ids:
        if comp in evidenced and rng.random() < 0.6:
            rating = "achieved"
        else:
            rating = rng.choice(("not-started", "working-towards"))
        lines.append(f'  "{comp}": {rating}')
    lines.append("---")
    return "\n".join(lines) + "\n\nRatings after a review with my supervisor.\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("root", type=Path, help="folder to write the portfolio in")
    parser.add_argument("--entries", type=int, default=150)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--level", type=int, choices=(1, 2, 3))
    args = parser.parse_args(argv)
    generate_portfolio(args.root, entries=args.entries, seed=args.seed, level=args.level)
    print(args.root)


if __name__ == "__main__":
    main()
