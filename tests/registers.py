"""A recognition register's inputs, made for the tests: bundles, reviews, SSH signatures.

Keys are throw-away ed25519 keys made with ssh-keygen; reviews judge every
competency at the level `met`, so that `imh review check` finds nothing wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from imhcli.bundle.build import plan_bundle, write_bundle
from imhcli.load.frameworks import load_framework
from tests.conftest import GOOD_ENTRY, write_portfolio

BAGGED = dt.date(2026, 11, 30)
DECIDED = dt.date(2026, 12, 10)
ASSESSOR = "assessor@example.org"


@dataclass(frozen=True)
class Person:
    name: str
    listed: bool | None = True
    display_name: str | None = None
    state: str = "signed-off"
    level: int = 2
    #: Judge the first competency partially met (an error under signed-off: IMH704).
    unmet: bool = False


def keypair(folder: Path, name: str) -> Path:
    """A private key file; its public half is beside it as NAME.pub."""
    folder.mkdir(parents=True, exist_ok=True)
    key = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True
    )
    return key


def allowed_signers(key: Path, path: Path) -> Path:
    public = key.with_name(key.name + ".pub").read_text("utf-8").split()
    path.write_text(f'{ASSESSOR} namespaces="imh-review" {public[0]} {public[1]}\n', "utf-8")
    return path


def portfolio_yaml(person: Person) -> str:
    text = (
        f"format: 1\nframework: imhcf-2019\nlevel: {person.level}\n"
        f"practitioner:\n  name: {json.dumps(person.name)}\n"
    )
    if person.listed is not None:
        text += f"register:\n  listed: {'true' if person.listed else 'false'}\n"
        if person.display_name:
            text += f"  display_name: {json.dumps(person.display_name)}\n"
    return text


def bundle(person: Person, folder: Path, name: str) -> Path:
    """Bundle a small clean portfolio of ``person`` as ``folder/name``."""
    root = write_portfolio(
        folder / f"portfolio-{name}",
        {"entries/a.md": GOOD_ENTRY},
        portfolio_yaml=portfolio_yaml(person),
    )
    out = folder / name
    write_bundle(plan_bundle(root, date=BAGGED), out, force=True)
    return out


def review_yaml(person: Person, bundle_path: Path, sha256: str | None = None) -> str:
    import hashlib

    digest = sha256 or hashlib.sha256(bundle_path.read_bytes()).hexdigest()
    comps = load_framework("imhcf-2019").at_level(person.level)
    judged = "\n".join(f'  "{c.id}": {{judgement: met, comment: "Shown."}}' for c in comps)
    if person.unmet:
        judged = judged.replace("judgement: met", "judgement: partially-met", 1)
    return (
        "format: 1\n"
        f"bundle: {{name: {bundle_path.name}, sha256: {digest}}}\n"
        f"practitioner: {json.dumps(person.name)}\n"
        f"level: {person.level}\nframework: imhcf-2019\n"
        f"assessor: {{name: A. Assessor, role: IMH assessor, email: {ASSESSOR}}}\n"
        f"state: {person.state}\ndate: {DECIDED.isoformat()}\n"
        f"competencies:\n{judged}\n"
        "feedback:\n"
        "  feed_up: {text: Level 2 asks for applied practice., level: task}\n"
        "  feed_back: {text: Every competency is evidenced., level: process}\n"
    )


def sign(review: Path, key: Path) -> Path:
    subprocess.run(
        ["ssh-keygen", "-Y", "sign", "-f", str(key), "-n", "imh-review", str(review)],
        check=True,
        capture_output=True,
    )
    return review.with_name(review.name + ".sig")


def submission(person: Person, folder: Path, key: Path, slug: str) -> Path:
    """A bundle and its signed review, side by side in ``folder``; the review's path."""
    made = bundle(person, folder / ".work", f"{slug}-level{person.level}.zip")
    target = folder / made.name
    made.replace(target)
    review = folder / f"{slug}-review.yaml"
    review.write_text(review_yaml(person, target), encoding="utf-8")
    sign(review, key)
    return review
