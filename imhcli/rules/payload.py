"""What a bundle would carry, and why a file could not go in: one answer for check and bundle.

`imh bundle` refuses a portfolio whose files it cannot carry safely; `imh check`
must have said so first, with the same code on the same file. Both call
:func:`payload_files` (the bundle to build its payload, the rules below to report),
so the two cannot drift apart.
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from imhcli.base.bundling import Limits, collision_key, unsafe_name
from imhcli.base.files import describe_mode, real_path
from imhcli.diagnostics import Finding
from imhcli.load.portfolio import PORTFOLIO_FILE, Entry, Portfolio, Record
from imhcli.load.walk import PRIVATE_DIR, walk
from imhcli.rules import portfolio_rule
from imhcli.rules.paths import REAL_FOLDERS, known_path_problem
from imhcli.rules.privacy_files import carried_config_files

#: The files a bundle adds beside the payload: the report and the bag's tag files.
REPORT_FILE = "report.html"
EXTRA_FILES = 6


@dataclass(frozen=True, slots=True)
class CarriedFile:
    """A file of the portfolio as a bundle would carry it: its path, size and real location.

    (Not :class:`imhcli.load.sources.PayloadFile`, a file read from a bundle.)
    """

    rel: str
    size: int
    real: str

    @property
    def source(self) -> Path:
        return Path(self.real)


def _evidence_paths(portfolio: Portfolio, ref: str) -> Iterator[tuple[str, Finding | None]]:
    """The files an `evidence:` or `form:` path names: itself, or a folder's, walked
    (with the walk's problems: links that leave or dangle, FIFOs)."""
    ref = posixpath.normpath(ref)
    if os.path.isdir(os.path.join(portfolio.root, ref)):
        yield from walk(portfolio.root, ref, portfolio.ignore)
    else:
        yield ref, None


class _Judge:
    """Judges files of one portfolio for a bundle: (why not, or the payload file).

    Paths are plain strings here: a portfolio has thousands of files, and each
    pathlib object costs more than the system calls that judge the file.
    """

    def __init__(self, portfolio: Portfolio, walked: frozenset[str] = frozenset()) -> None:
        self.root = str(portfolio.root)
        self.inside = os.path.join(self.root, "")
        self.private = self.inside + PRIVATE_DIR
        #: files found by the walk of entries/, whose links were followed and judged there
        self.walked = walked
        deny = portfolio.config.privacy.deny_list if portfolio.config else None
        self.folders: dict[str, str] = portfolio.memo.setdefault(REAL_FOLDERS, {})
        self.deny = real_path(os.path.join(self.root, deny), self.folders) if deny else None
        self.memo: dict[str, tuple[Finding | None, CarriedFile | None]] = {}

    def __call__(self, rel: str) -> tuple[Finding | None, CarriedFile | None]:
        if rel not in self.memo:
            self.memo[rel] = self.judge(rel)
        return self.memo[rel]

    def judge(self, rel: str) -> tuple[Finding | None, CarriedFile | None]:
        walked = rel in self.walked
        source = self.inside + rel if walked else real_path(self.inside + rel, self.folders)
        if source is None:  # a NUL byte in the name, a loop
            return Finding("IMH109", f"{rel!r} cannot be read: its path cannot be resolved"), None
        why = None if walked else self.excluded(rel, source)
        if why is not None:
            return Finding("IMH204", f"{rel!r} cannot be bundled: {why}", "leave it out"), None
        why = unsafe_name(rel)
        if why is None and "%" in rel:
            why = "a '%' in a name is read differently by different BagIt tools"
        if why is not None:
            return Finding("IMH601", f"{rel!r} cannot be bundled: {why}", "rename it"), None
        try:
            found = os.stat(source)
        except (OSError, ValueError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return Finding("IMH109", f"{rel!r} cannot be read: {why}"), None
        if not stat.S_ISREG(found.st_mode):
            what = describe_mode(found.st_mode)
            return Finding("IMH204", f"{rel!r} is {what}, not a regular file", "leave it out"), None
        return None, CarriedFile(rel, found.st_size, source)

    def excluded(self, rel: str, real: str) -> str | None:
        """Why a file may never be in a bundle: outside, private, the deny-list, hidden."""
        private = self.private
        if not real.startswith(self.inside) or real == private or real.startswith(private + os.sep):
            return "it is outside the portfolio or in private/ (itself or through a link)"
        if real == self.deny:
            return "it is the deny-list, which is never bundled"
        if rel.startswith(".") or "/." in rel:
            return "it is a hidden file"
        return None


def carried_refs(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The paths an entry brings into a bundle: its ``evidence:`` and its signed ``form:``."""
    model = entry.model
    if model is None:
        return
    for index, ref in enumerate(model.evidence):
        yield ("evidence", index), ref
    form = getattr(model, "form", None)
    if isinstance(form, str):
        yield ("form",), form


def payload_files(
    portfolio: Portfolio, chosen: Iterable[Entry]
) -> tuple[list[CarriedFile], list[tuple[Record, Finding]]]:
    """The files a bundle of ``chosen`` carries under ``data/`` (the report aside), and
    the problems that refuse it, each on the record that brings the file in."""
    chosen = list(chosen)
    judge = _Judge(portfolio, frozenset(e.rel for e in chosen if portfolio.files is None))
    wanted: dict[str, Record] = {PORTFOLIO_FILE: portfolio.config_record}
    problems: list[tuple[Record, Finding]] = []
    for entry in chosen:
        wanted[entry.rel] = entry
        for loc, ref in carried_refs(entry):
            if known_path_problem(portfolio, ref) is not None:
                continue  # IMH203 or IMH204 on the path itself (rules/paths.py)
            for rel, walked in _evidence_paths(portfolio, ref):
                problem = judge(rel)[0] or walked
                if problem is not None:
                    problems.append((entry, replace(problem, loc=loc)))
                else:
                    wanted.setdefault(rel, entry)
    for ref in carried_config_files(portfolio):
        if os.path.lexists(os.path.join(portfolio.root, ref)):  # IMH205 reports a missing one
            wanted.setdefault(posixpath.normpath(ref), portfolio.config_record)
    files: list[CarriedFile] = []
    seen: dict[str, str] = {collision_key(REPORT_FILE): REPORT_FILE}
    for rel, record in sorted(wanted.items()):
        problem, found = judge(rel)
        other = seen.setdefault(collision_key(rel), rel)
        if problem is None and other != rel:
            problem = Finding(
                "IMH601",
                f"{rel!r} and {other!r} differ only in case or accents: one file once unzipped",
                "rename one of them",
            )
        if problem is not None:
            problems.append((record, problem))
        elif found is not None:
            files.append(found)
    return files, problems


def limit_findings(files: list[CarriedFile], limits: Limits) -> Iterator[Finding]:
    """IMH602 when the bundle would hold more files or bytes than `imh verify` accepts."""
    count = len(files) + EXTRA_FILES
    if count > limits.max_files:
        yield Finding(
            "IMH602",
            f"a bundle would hold {count:,} files; `imh verify` accepts {limits.max_files:,}",
            "list fewer evidence files, or bundle a folder of them as one zip",
        )
    total = sum(f.size for f in files)
    if total > limits.max_bytes:
        yield Finding(
            "IMH602",
            f"a bundle would hold {total:,} bytes; `imh verify` accepts {limits.max_bytes:,}",
            "leave out large evidence, or make it smaller",
        )


@portfolio_rule("IMH109", "IMH204", "IMH601", "IMH602")
def bundle_ready(portfolio: Portfolio) -> Iterator[tuple[Record, Finding]]:
    """IMH204: a file a bundle would carry that it must not: one in private/ or outside
    the portfolio through a link, the deny-list, a hidden file, a FIFO or device.
    IMH601: a name a bundle cannot hold (a control or bidi character, a backslash, '%',
    or one differing from another only in case or accents). IMH109: one that cannot
    be read. IMH602: more files or bytes than `imh verify` accepts.

    Drafts are judged too, as `imh bundle --include-drafts` would carry them; an
    `evidence:` path with a problem of its own (IMH203, IMH204) is reported once, by
    `linked_paths`.
    """
    if portfolio.files is not None:
        return  # a bundle's payload: `imh verify` screens the zip itself
    readable = [entry for entry in portfolio.entries if entry.data is not None]
    files, problems = payload_files(portfolio, readable)
    yield from problems
    for finding in limit_findings(files, Limits()):
        yield portfolio.config_record, finding
