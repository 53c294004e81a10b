"""`imh verify` as a library call: is this bundle a complete, untampered, clean bag?

Nothing is extracted: every entry is read through ``ZipFile.open``. The zip's
names and sizes are screened first (IMH601, IMH602) and nothing more is read if
they fail. Then the bag is checked (IMH603-IMH605), and the payload is loaded as
a portfolio and run through the same rules as `imh check`.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from imhcli.base.bundling import Limits
from imhcli.base.files import BUNDLE, safe_open
from imhcli.bundle import bag
from imhcli.bundle.payload import READ_ERRORS, check_report, load_zip_payload, payload_checks
from imhcli.bundle.zipsafe import Problem, limit_problems, name_problems
from imhcli.diagnostics import CheckReport, Diagnostic, make
from imhcli.errors import UnreadableBundleError, UnsafeFileError
from imhcli.load.portfolio import PORTFOLIO_FILE, Portfolio
from imhcli.models.bundle import VerifyResult

#: Largest tag file (bagit.txt, bag-info.txt, a manifest) read, in bytes.
MAX_TAG_BYTES = 64 * 1024 * 1024
CHUNK = 1024 * 1024


@dataclass(slots=True)
class _Bag:
    """A zip's entries seen as a bag: names relative to the single top folder."""

    zf: zipfile.ZipFile
    label: str
    top: str
    files: dict[str, zipfile.ZipInfo]
    pool: Executor
    found: list[Diagnostic] = field(default_factory=list)
    #: Tag files some tag manifest lists (and the tag manifests themselves).
    covered: set[str] = field(default_factory=set)
    bagging_date: dt.date | None = None

    def add(self, code: str, message: str, path: str = "", hint: str | None = None) -> None:
        self.found.append(make(code, message, portfolio=self.label, path=path, hint=hint))

    @property
    def payload(self) -> dict[str, zipfile.ZipInfo]:
        prefix = bag.PAYLOAD_DIR + "/"
        return {name: info for name, info in self.files.items() if name.startswith(prefix)}

    def read_tag(self, name: str) -> str | None:
        """A tag file's text, or None (with a finding) if it is missing or unreadable."""
        info = self.files.get(name)
        if info is None:
            self.add("IMH603", f"the bag has no {name}", name)
            return None
        if info.file_size > MAX_TAG_BYTES:
            self.add("IMH602", f"{name} is too large to be a tag file", name)
            return None
        try:
            with self.zf.open(info) as handle:
                raw = handle.read(MAX_TAG_BYTES + 1)
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self.add("IMH605", f"{name} is not UTF-8 text", name)
        except READ_ERRORS as exc:
            self.add("IMH604", f"{name} is damaged and cannot be read ({exc})", name)
        return None


@dataclass(frozen=True, slots=True)
class VerifiedBundle:
    """A verify result with what verifying read, for callers that summarise the bundle.

    ``files`` are the bag's file names below its top folder; ``portfolio`` is the
    payload as loaded for its check (None when there is no payload portfolio).
    """

    result: VerifyResult
    files: list[str] = field(default_factory=list)
    portfolio: Portfolio | None = None


def verify(
    path: Path, *, today: dt.date | None = None, limits: Limits | None = None
) -> VerifyResult:
    """Verify the bundle at ``path``. Raises :class:`UnreadableBundleError` (exit 2)."""
    return verify_bundle(path, today=today, limits=limits).result


def open_zip(path: Path) -> tuple[BinaryIO, zipfile.ZipFile]:
    """The bundle at ``path`` opened as a regular file (a FIFO or device is refused before
    anything is read) and as a zip. Close both. Raises :class:`UnreadableBundleError`."""
    try:
        handle = safe_open(path, BUNDLE)
    except UnsafeFileError as exc:
        raise UnreadableBundleError(path=path, why=exc.message) from None
    try:
        return handle, zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        handle.close()
        raise UnreadableBundleError(path=path, why=str(exc) or type(exc).__name__) from None


def verify_bundle(
    path: Path,
    *,
    today: dt.date | None = None,
    limits: Limits | None = None,
    label: str | None = None,
) -> VerifiedBundle:
    """:func:`verify`, keeping the bag's file names and its loaded payload portfolio.

    ``label`` names the bundle in findings (default: its file name).
    """
    label = label or path.name
    handle, zf = open_zip(path)
    with handle, zf:
        infos = zf.infolist()
        screened = limit_problems(infos, limits or Limits()) or name_problems(infos)
        if screened:
            return VerifiedBundle(_result(path, None, [_diag(label, p) for p in screened], {}))
        top, outside = _top_folder(infos)
        if top is None:
            found = [_diag(label, p) for p in outside]
            return VerifiedBundle(_result(path, None, found, {}))
        files = {i.filename[len(top) + 1 :]: i for i in infos if not i.is_dir()}
        with ThreadPoolExecutor(max_workers=len(bag.PAYLOAD_ALGORITHMS)) as pool:
            checked = _Bag(zf, label, top, files, pool)
            _check_bag(checked)
        portfolio = None
        if PORTFOLIO_FILE in {n.removeprefix("data/") for n in checked.payload}:
            portfolio = _load_payload(checked, today)
            checked.found.extend(payload_checks(portfolio))
            _check_report(checked, portfolio)
        else:
            checked.add("IMH603", "the payload has no portfolio.yaml", "data/portfolio.yaml")
        result = _result(path, top, checked.found, checked.payload)
        result = _described(result, path, checked, portfolio)
        return VerifiedBundle(result, sorted(files), portfolio)


def _described(
    result: VerifyResult, path: Path, checked: _Bag, portfolio: Portfolio | None
) -> VerifyResult:
    """The result with who, which level, the Bagging-Date and the zip's sha256."""
    config = portfolio.config if portfolio is not None else None
    return result.model_copy(
        update={
            "practitioner": config.practitioner.name if config else None,
            "level": config.level if config else None,
            "bagging_date": checked.bagging_date.isoformat() if checked.bagging_date else None,
            "sha256": file_sha256(path),
        }
    )


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in chunks: what the practitioner's `imh bundle` printed."""
    import hashlib

    hasher = hashlib.sha256()
    with safe_open(path, BUNDLE) as handle:
        while chunk := handle.read(CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()


def _diag(label: str, problem: Problem) -> Diagnostic:
    return make(problem.code, problem.message, portfolio=label, path=problem.name)


def _result(
    path: Path, top: str | None, found: list[Diagnostic], payload: dict[str, zipfile.ZipInfo]
) -> VerifyResult:
    report = CheckReport.build(found, portfolios=1, files=len(payload))
    return VerifyResult(
        path=str(path),
        top=top,
        valid=report.summary.errors == 0,
        payload_files=len(payload),
        payload_bytes=sum(i.file_size for i in payload.values()),
        report=report,
    )


def _top_folder(infos: list[zipfile.ZipInfo]) -> tuple[str | None, list[Problem]]:
    """The single folder every entry is under; problems if there is none."""
    tops = {info.filename.split("/", 1)[0] for info in infos}
    loose = [i.filename for i in infos if "/" not in i.filename.rstrip("/")]
    if len(tops) == 1 and not [n for n in loose if not n.endswith("/")]:
        return tops.pop(), []
    if not infos:
        return None, [Problem("", "IMH603", "the zip is empty")]
    return None, [
        Problem(
            "",
            "IMH603",
            f"a bundle has one top folder; this zip has {len(tops)} top-level names "
            f"({', '.join(sorted(tops)[:5])})",
        )
    ]


# --- the bag -------------------------------------------------------------------------------


def _check_bag(checked: _Bag) -> None:
    declaration = checked.read_tag("bagit.txt")
    if declaration is not None and declaration.replace("\r\n", "\n") != bag.BAGIT_TXT:
        checked.add(
            "IMH605",
            "bagit.txt must be exactly `BagIt-Version: 1.0` and "
            "`Tag-File-Character-Encoding: UTF-8`, with no byte-order mark",
            "bagit.txt",
        )
    if not checked.payload:
        checked.add("IMH603", "the bag has no payload (no files under data/)", "data/")
    manifests = _manifests(checked)
    _check_listed(checked, manifests)
    _check_digests(checked, manifests)
    _check_tag_manifests(checked)
    _check_bag_info(checked)
    _check_unlisted_tags(checked)


def _manifests(checked: _Bag) -> dict[str, dict[str, str]]:
    """Algorithm -> (path -> hex) for every payload manifest; the required ones must exist."""
    found: dict[str, dict[str, str]] = {}
    for name in sorted(checked.files):
        kind = bag.parse_manifest_name(name)
        if kind is None or kind[0]:
            continue
        _, alg = kind
        if alg not in bag.KNOWN_ALGORITHMS:
            checked.add("IMH605", f"{name} uses an unknown algorithm {alg!r}", name)
            continue
        entries = _parse(checked, name)
        if entries is not None:
            found[alg] = entries
    for alg in bag.PAYLOAD_ALGORITHMS:
        if bag.manifest_name(alg) not in checked.files:
            checked.add(
                "IMH603", f"the bag has no {bag.manifest_name(alg)}", bag.manifest_name(alg)
            )
    return found


def _parse(checked: _Bag, name: str) -> dict[str, str] | None:
    text = checked.read_tag(name)
    if text is None:
        return None
    entries, bad = bag.parse_manifest(text)
    for number in bad[:10]:
        checked.add("IMH605", f"{name} line {number} is not `<checksum> <path>`", name)
    return entries


def _check_listed(checked: _Bag, manifests: dict[str, dict[str, str]]) -> None:
    for alg, entries in manifests.items():
        name = bag.manifest_name(alg)
        for path in sorted(set(entries) - set(checked.payload)):
            checked.add("IMH603", f"{path} is listed in {name} but is not in the bag", path)
        for path in sorted(set(checked.payload) - set(entries)):
            checked.add("IMH603", f"{path} is in the payload but not listed in {name}", path)


def _check_digests(checked: _Bag, manifests: dict[str, dict[str, str]]) -> None:
    """Hash every listed payload file once, with every manifest's algorithm at a time."""
    for path, info in sorted(checked.payload.items()):
        wanted = {alg: entries[path] for alg, entries in manifests.items() if path in entries}
        if not wanted:
            continue
        actual = _digest(checked, info, list(wanted))
        if actual is None:
            checked.add("IMH604", f"{path} is damaged and cannot be read", path)
            continue
        wrong = sorted(alg for alg, hexdigest in wanted.items() if actual[alg] != hexdigest)
        if wrong:
            checked.add(
                "IMH604",
                f"the file was changed: it does not match its {' and '.join(wrong)} "
                f"checksum{'s' if len(wrong) > 1 else ''}",
                path,
                "the bundle was altered after it was made; ask for it again",
            )


def _digest(checked: _Bag, info: zipfile.ZipInfo, algorithms: list[str]) -> dict[str, str] | None:
    try:
        with checked.zf.open(info) as handle:
            chunks = iter(lambda: handle.read(CHUNK), b"")
            return bag.hash_chunks(chunks, algorithms, checked.pool)[0]
    except READ_ERRORS:
        return None


def _check_tag_manifests(checked: _Bag) -> None:
    name = bag.manifest_name(bag.TAG_ALGORITHM, tag=True)
    if name not in checked.files:
        checked.add("IMH603", f"the bag has no {name}", name)
    for tag_name in sorted(checked.files):
        kind = bag.parse_manifest_name(tag_name)
        if kind is None or not kind[0] or kind[1] not in bag.KNOWN_ALGORITHMS:
            continue
        entries = _parse(checked, tag_name) or {}
        checked.covered.add(tag_name)
        checked.covered.update(entries)
        for path, hexdigest in sorted(entries.items()):
            info = checked.files.get(path)
            if info is None:
                checked.add("IMH603", f"{path} is listed in {tag_name} but is missing", path)
                continue
            actual = _digest(checked, info, [kind[1]])
            if actual is None or actual[kind[1]] != hexdigest:
                checked.add("IMH604", f"{path} does not match {tag_name}: it was changed", path)


def _check_bag_info(checked: _Bag) -> None:
    text = checked.read_tag("bag-info.txt")
    if text is None:
        return
    fields, bad = bag.parse_bag_info(text)
    for number in bad[:10]:
        checked.add("IMH605", f"bag-info.txt line {number} is not `Label: value`", "bag-info.txt")
    payload = checked.payload
    actual = bag.payload_oxum(sum(i.file_size for i in payload.values()), len(payload))
    oxum = fields.get("Payload-Oxum", [])
    if not oxum:
        checked.add("IMH605", "bag-info.txt has no Payload-Oxum", "bag-info.txt")
    elif oxum[0] != actual:
        checked.add(
            "IMH605",
            f"Payload-Oxum says {oxum[0]} (bytes.files) but the payload is {actual}",
            "bag-info.txt",
            "files were added to or removed from the payload",
        )
    dates = fields.get("Bagging-Date", [])
    if not dates or not _is_date(dates[0]):
        checked.add(
            "IMH605", "bag-info.txt needs a Bagging-Date written YYYY-MM-DD", "bag-info.txt"
        )
    else:
        checked.bagging_date = dt.date.fromisoformat(dates[0])


def _check_unlisted_tags(checked: _Bag) -> None:
    """A file beside data/ that no tag manifest lists could say anything: open-me.html."""
    prefix = bag.PAYLOAD_DIR + "/"
    for name in sorted(checked.files):
        if name.startswith(prefix) or name in checked.covered:
            continue
        kind = bag.parse_manifest_name(name)
        if kind is not None and not kind[0]:
            continue  # a payload manifest is listed in the tag manifest, or reported there
        checked.add(
            "IMH607",
            "this file is beside the payload but no tag manifest lists it: nothing vouches for it",
            name,
            "ignore it, and ask the practitioner why it is there",
        )


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


# --- the payload, as a portfolio ------------------------------------------------------------


def _load_payload(checked: _Bag, today: dt.date | None) -> Portfolio:
    prefix = bag.PAYLOAD_DIR + "/"
    infos = {name.removeprefix(prefix): info for name, info in checked.payload.items()}
    return load_zip_payload(checked.zf, infos, label=checked.label, today=today)


def _check_report(checked: _Bag, portfolio: Portfolio) -> None:
    """The bundled report must be the one the payload gives on the Bagging-Date (IMH606)."""
    for code, message, name, hint in check_report(
        checked.zf, checked.payload, portfolio, checked.bagging_date
    ):
        checked.add(code, message, name, hint)
