"""Privacy beyond entries: evidence text, carried framework files, names, git (IMH407, IMH408).

A bundle carries more than entries: the evidence they name, a custom framework or
requirement profile, and every file and folder name. These rules read them by the
same detectors as entry bodies, so whatever would leave the machine is checked first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from imhcli.base.git import git_dir
from imhcli.diagnostics import Finding
from imhcli.load.portfolio import ENTRIES_DIR, Portfolio, Record
from imhcli.load.walk import PRIVATE_DIR, walk
from imhcli.rules import portfolio_rule
from imhcli.rules.identifiers import Hit, mask, mask_hits
from imhcli.rules.privacy import NAME_OF, WHAT, finding, inline_allows, scan

EVIDENCE_DIR = "evidence"
#: Evidence read as text and scanned like an entry body.
TEXT_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".csv", ".tsv", ".html", ".htm", ".json", ".yaml", ".yml"}
)
#: In a name, these separate words: "ls6-2ab" is a postcode, "kowalski-family" a name.
_NAME_SEPARATORS = str.maketrans({"-": " ", "/": " ", "+": " "})
_MASKED = "masked-names"


# --- Names (IMH408) -----------------------------------------------------------------------


def name_hits(portfolio: Portfolio, rel: str) -> list[Hit]:
    """Identifiers in a portfolio-relative path, at their offsets in ``rel``."""
    return scan(portfolio, as_words(rel))


def as_words(rel: str) -> str:
    """A path as the privacy rules read it, the same length: hyphens and slashes as spaces."""
    return rel.translate(_NAME_SEPARATORS)


def shown_path(portfolio: Portfolio, rel: str) -> str:
    """``rel`` as output may show it: a file or folder name holding an identifier is masked."""
    masked: dict[str, str] = portfolio.memo.get(_MASKED, {})
    for real, shown in masked.items():
        if rel == real or rel.startswith(real + "/"):
            return shown + rel[len(real) :]
    return rel


@portfolio_rule("IMH408")
def identifying_names(portfolio: Portfolio) -> Iterator[tuple[Record, Finding]]:
    """IMH408: a file or folder name under entries/ or evidence/ (or a file that an entry
    names as evidence) holds an identifier, found by the rules of IMH401-IMH406 with
    hyphens read as spaces (``visit-to-ls6-2ab.md`` holds a postcode). Names travel
    further than contents: into zip listings, reports, git history and e-mail
    attachments. The finding shows the name with the identifier masked, and so does
    every other finding on that file.
    """
    masked: dict[str, str] = {}
    portfolio.memo[_MASKED] = masked
    for rel in sorted(_published_names(portfolio)):
        hits = name_hits(portfolio, rel)
        if not hits:
            continue
        for hit in hits:
            cut = rel.find("/", hit.start + len(hit.text))
            part = rel if cut == -1 else rel[:cut]
            if part in masked:
                continue
            shown = mask_hits(part, [h for h in hits if h.start < len(part)])
            masked[part] = shown
            kind = "file" if part == rel else "folder"
            yield (
                Record(rel=shown),
                Finding(
                    "IMH408",
                    f"the {kind} name holds {WHAT[hit.code]}: {mask(hit.text)}",
                    "rename it: names are copied into bundles, reports and git history",
                ),
            )
    portfolio.memo[_MASKED] = dict(sorted(masked.items(), key=lambda kv: -len(kv[0])))


def _published_names(portfolio: Portfolio) -> set[str]:
    found = {e.rel for e in portfolio.entries}
    if portfolio.files is not None:
        tops = (ENTRIES_DIR + "/", EVIDENCE_DIR + "/")
        found.update(n for n in portfolio.files.names if n.startswith(tops))
    else:
        found.update(portfolio.entry_files)  # the loader's walk of entries/
        found.update(rel for rel, problem in walk(portfolio.root, EVIDENCE_DIR, portfolio.ignore))
    found.update(_evidence_files(portfolio))
    return found


# --- Evidence text and carried files (IMH401-IMH406 on them) ------------------------------


def _evidence_files(portfolio: Portfolio) -> Iterator[str]:
    """Every file the entries name as evidence, folders expanded."""
    seen: set[str] = set()
    for entry in portfolio.entries:
        for ref in entry.model.evidence if entry.model is not None else []:
            ref = ref.rstrip("/")
            if ref in seen:
                continue
            seen.add(ref)
            yield from _expand(portfolio, ref)


def _expand(portfolio: Portfolio, ref: str) -> Iterator[str]:
    if portfolio.files is not None:
        prefix = ref + "/"
        yield from (n for n in portfolio.files.names if n == ref or n.startswith(prefix))
    elif (portfolio.root / ref).is_dir():
        yield from (
            rel for rel, problem in walk(portfolio.root, ref, portfolio.ignore) if not problem
        )
    else:
        yield ref


def carried_config_files(portfolio: Portfolio) -> Iterator[str]:
    """A custom framework or requirement profile that portfolio.yaml names by path."""
    from imhcli.base import resources

    config = portfolio.config
    if config is None:
        return
    if resources.bundled_framework(config.framework) is None:
        yield config.framework
    for ref in config.requirements:
        if resources.bundled_profile(ref) is None:
            yield ref


@portfolio_rule("IMH401", "IMH402", "IMH403", "IMH404", "IMH405", "IMH406")
def evidence_privacy(portfolio: Portfolio) -> Iterator[tuple[Record, Finding]]:
    """The same rules read the text of evidence files an entry names (.txt, .md, .csv,
    .tsv, .html, .json, .yaml) and a custom framework or requirement profile that
    portfolio.yaml names, since a bundle carries them, and the summary of practice it
    names (``practitioner.summary_of_practice``), which the HCPC pack prints. Other
    evidence (PDFs, images) is not read: check it yourself before bundling. In a text
    file a finding is silenced with ``<!-- imh-allow: postcode -->`` on its line or the
    line above.
    """
    texts = sorted(
        {*_evidence_files(portfolio), *carried_config_files(portfolio), *_summary(portfolio)}
    )
    for rel in texts:
        if PurePosixPath(rel).suffix.lower() not in TEXT_SUFFIXES:
            continue
        text = _read_text(portfolio, rel)
        if text is None:
            continue
        hits = scan(portfolio, text)
        if not hits:
            continue
        record = Record(rel=rel)
        inline = inline_allows(text) if "imh-allow" in text else {}
        for hit in hits:
            line = text.count("\n", 0, hit.start)
            if NAME_OF[hit.code] in inline.get(line, ()):
                continue
            column = hit.start - (text.rfind("\n", 0, hit.start) + 1) + 1
            yield record, finding(hit, "the file", line=line + 1, column=column, entry=False)


def _summary(portfolio: Portfolio) -> Iterator[str]:
    """The summary of practice portfolio.yaml names, if any."""
    if portfolio.config is not None and portfolio.config.practitioner.summary_of_practice:
        yield portfolio.config.practitioner.summary_of_practice


def _read_text(portfolio: Portfolio, rel: str) -> str | None:
    from imhcli.base.files import EVIDENCE_TEXT, safe_read
    from imhcli.errors import UnsafeFileError

    try:
        if portfolio.files is not None:
            raw = portfolio.files.read(rel) if rel in portfolio.files.names else None
        else:
            raw = safe_read(portfolio.root / rel, EVIDENCE_TEXT, root=portfolio.root)
    except (UnsafeFileError, KeyError, OSError):
        return None  # IMH203, IMH204 and IMH109 say why
    if raw is None:
        return None
    return raw.decode("utf-8-sig", errors="replace")


# --- Git (IMH407) ------------------------------------------------------------------------------


@portfolio_rule("IMH407")
def private_in_git(portfolio: Portfolio) -> Iterator[tuple[Record, Finding]]:
    """IMH407: a file under private/, or the deny-list, is tracked or staged in the git
    repository that holds the portfolio (as `git ls-files` lists it). A pushed commit
    keeps the names in the repository's history for good: unstage it with
    `git rm --cached`, and keep the .gitignore that `imh init` writes. Without git, or
    outside a repository, there is nothing to check and no finding.
    """
    if portfolio.files is not None:
        return
    for rel in tracked_private_files(portfolio):
        yield (
            portfolio.config_record,
            Finding(
                "IMH407",
                f"{mask_private(rel)} is tracked or staged in git",
                f"run `git rm --cached {mask_private(rel)}` and commit; keep private/ in "
                ".gitignore (imh init writes it)",
            ),
        )


def mask_private(rel: str) -> str:
    """A private file's path with its name shown by shape (its name may be a family's)."""
    folder, _, name = rel.rpartition("/")
    return f"{folder}/{mask(name)}" if folder else mask(name)


def tracked_private_files(portfolio: Portfolio) -> list[str]:
    """Files under private/ (and the deny-list) that git tracks or has staged, or none."""
    if not _inside_git(portfolio.root) or shutil.which("git") is None:
        return []
    privacy = portfolio.config.privacy if portfolio.config else None
    deny = privacy.deny_list if privacy else None
    paths = [PRIVATE_DIR, deny] if deny else [PRIVATE_DIR]
    try:
        done = subprocess.run(
            ["git", "-C", str(portfolio.root), "ls-files", "-z", "--cached", "--", *paths],
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    names = {n for n in done.stdout.decode("utf-8", errors="replace").split("\0") if n}
    if deny and privacy is not None and privacy.deny_list_published:
        names.discard(os.path.normpath(deny))
    return sorted(names)


def _inside_git(root: Path) -> bool:
    return git_dir(root) is not None
