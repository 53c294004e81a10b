"""`imh bundle` as a library call: plan what goes in, then write the zip.

:func:`plan_bundle` loads and checks the portfolio and lists the payload; a plan
with errors is refused (its report says why). :func:`write_bundle` streams every
file once, in chunks, hashing and zipping at the same time, into a temporary file
that is renamed into place at the end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from imhcli import __version__
from imhcli.base.bundling import Limits
from imhcli.base.files import FileKind, atomic_writer, require_output_folder, safe_open
from imhcli.bundle import bag
from imhcli.bundle.zipsafe import (
    DEFLATE_LEVEL,
    entry_info,
    limit_problems,
    name_problems,
    zip_time,
)
from imhcli.diagnostics import CheckReport, Diagnostic, Finding
from imhcli.errors import (
    BundleLimitError,
    FileChangedError,
    ImhError,
    RefuseOverwriteError,
    UnsafeFileError,
)
from imhcli.load.portfolio import Entry, Portfolio, Record
from imhcli.models.bundle import BundleResult
from imhcli.rules.payload import REPORT_FILE

CHUNK = 1024 * 1024

#: ``progress(done_bytes, total_bytes)``, called as files are written.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class PayloadItem:
    """One payload file: its path under ``data/`` and where its bytes come from."""

    rel: str
    size: int
    source: Path | None = None  # None: ``content`` holds the bytes (the report)
    content: bytes = b""


@dataclass(slots=True)
class BundlePlan:
    """What a bundle will hold, or the findings that refuse it."""

    portfolio: Portfolio
    report: CheckReport
    date: dt.date
    when: tuple[int, int, int, int, int, int]
    items: list[PayloadItem] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.report.summary.errors > 0

    @property
    def payload_bytes(self) -> int:
        return sum(item.size for item in self.items)

    def default_name(self) -> str:
        """``<practitioner-slug>-level<N>-<date>.zip``."""
        from imhcli.scaffold.new import slugify

        config = self.portfolio.config
        who = slugify(config.practitioner.name) if config else "portfolio"
        level = config.level if config else 0
        return f"{who}-level{level}-{self.date.isoformat()}.zip"


def bundle_time(date: dt.date | None) -> tuple[dt.date, tuple[int, int, int, int, int, int]]:
    """The bagging date and the zip timestamp: ``--date``, else SOURCE_DATE_EPOCH, else today."""
    if date is not None:
        return date, zip_time(dt.datetime.combine(date, dt.time()))
    from imhcli.base.epoch import source_date

    moment = source_date()
    if moment is not None:
        return moment.date(), zip_time(moment)
    today = dt.date.today()
    return today, zip_time(dt.datetime.combine(today, dt.time()))


def plan_bundle(
    root: Path, *, date: dt.date | None = None, include_drafts: bool = False
) -> BundlePlan:
    """Load and check the portfolio at ``root`` and list what its bundle holds."""
    from imhcli.check.gate import not_a_draft, privacy_gate
    from imhcli.check.targets import label_for
    from imhcli.load.portfolio import load

    day, when = bundle_time(date)
    portfolio = load(root, label=label_for(root))
    chosen = [e for e in portfolio.entries if include_drafts or not_a_draft(e)]
    diagnostics = privacy_gate(portfolio, entries=chosen, action="write the bundle").diagnostics
    extra = list(_selection_problems(portfolio, chosen))
    items: list[PayloadItem] = []
    if not any(d.severity == "error" for d in diagnostics) and not extra:
        items, problems = _payload(portfolio, chosen)
        extra.extend(problems)
    diagnostics.extend(_placed(portfolio, extra))
    report = CheckReport.build(diagnostics, portfolios=1, files=len(portfolio.records))
    plan = BundlePlan(portfolio, report, day, when, items)
    if not plan.refused:
        plan.items.append(_report_item(replace(portfolio, entries=chosen), day))
        plan.items.sort(key=lambda item: item.rel)
    return plan


def _placed(portfolio: Portfolio, found: list[tuple[Record, Finding]]) -> Iterator[Diagnostic]:
    from imhcli.check.engine import to_diagnostics

    for record, finding in found:
        yield from to_diagnostics(portfolio.label, record, [finding])


def _selection_problems(
    portfolio: Portfolio, chosen: list[Entry]
) -> Iterator[tuple[Record, Finding]]:
    """An `about:` that points at an entry the bundle leaves out would dangle in it."""
    left_out = {e.rel for e in portfolio.entries} - {e.rel for e in chosen}
    for entry in chosen:
        refs = entry.model.about if entry.model is not None else []
        for index, ref in enumerate(refs):
            if ref in left_out:
                yield (
                    entry,
                    Finding(
                        "IMH203",
                        f"`about`: {ref!r} is a draft, which the bundle leaves out",
                        "make it final, remove it from `about:`, or bundle with --include-drafts",
                        ("about", index),
                    ),
                )


def _payload(
    portfolio: Portfolio, chosen: list[Entry]
) -> tuple[list[PayloadItem], list[tuple[Record, Finding]]]:
    """The files under ``data/`` (the report aside), and problems that refuse the bundle.

    The same judgement `imh check` reports (rule ``bundle_ready``), so a portfolio that
    checks clean is never refused here.
    """
    from imhcli.rules.payload import payload_files

    files, problems = payload_files(portfolio, chosen)
    return [PayloadItem(f.rel, f.size, f.source) for f in files], problems


def _report_item(portfolio: Portfolio, day: dt.date) -> PayloadItem:
    from imhcli.output.report import render_report

    html = render_report(portfolio, today=day).encode("utf-8")
    return PayloadItem(REPORT_FILE, len(html), None, html)


# --- writing ---------------------------------------------------------------------------


def write_bundle(
    plan: BundlePlan, out: Path, *, force: bool = False, progress: Progress | None = None
) -> BundleResult:
    """Write the planned bundle to ``out`` atomically; never over a file without ``force``."""
    if plan.refused:
        raise ImhError("the portfolio has errors; the bundle was not written")
    if out.exists() and not force:
        raise RefuseOverwriteError(path=out)
    require_output_folder(out)
    top = out.name.removesuffix(".zip") or "bundle"
    with atomic_writer(out, overwrite=force, mode=0o644) as handle:
        _write_zip(handle, plan, top, progress)
        handle.flush()
        handle.seek(0)
        digest = _sha256(handle)
    return BundleResult(
        path=str(out),
        size=out.stat().st_size,
        files=len(plan.items),
        payload_bytes=plan.payload_bytes,
        sha256=digest,
    )


def _write_zip(handle: IO[bytes], plan: BundlePlan, top: str, progress: Progress | None) -> None:
    """Entries in name order, so the manifests (after data/) are written last."""
    digests: dict[str, dict[str, str]] = {alg: {} for alg in bag.PAYLOAD_ALGORITHMS}
    tag_digests: dict[str, str] = {}
    total, done = plan.payload_bytes, 0
    with (
        zipfile.ZipFile(handle, "w", compresslevel=DEFLATE_LEVEL) as zf,
        ThreadPoolExecutor(max_workers=len(bag.PAYLOAD_ALGORITHMS)) as pool,
    ):

        def put_tag(name: str, text: str) -> None:
            data = text.encode("utf-8")
            zf.writestr(entry_info(f"{top}/{name}", plan.when, len(data)), data)
            tag_digests[name] = hashlib.new(bag.TAG_ALGORITHM, data).hexdigest()

        put_tag("bag-info.txt", _bag_info(plan, top))
        put_tag("bagit.txt", bag.BAGIT_TXT)
        for item in plan.items:
            name = f"{bag.PAYLOAD_DIR}/{item.rel}"
            found = _write_item(zf, f"{top}/{name}", item, plan.when, pool)
            for alg, hexdigest in found.items():
                digests[alg][name] = hexdigest
            done += item.size
            if progress is not None:
                progress(done, total)
        for alg in bag.PAYLOAD_ALGORITHMS:
            put_tag(bag.manifest_name(alg), bag.manifest_text(digests[alg]))
        tag_manifest = bag.manifest_text(tag_digests)
        name = bag.manifest_name(bag.TAG_ALGORITHM, tag=True)
        data = tag_manifest.encode("utf-8")
        zf.writestr(entry_info(f"{top}/{name}", plan.when, len(data)), data)
        _refuse_what_verify_would(zf.infolist())


def _refuse_what_verify_would(infos: list[zipfile.ZipInfo]) -> None:
    """Never publish a zip that `imh verify` would refuse (a ratio is known only now)."""
    problems = limit_problems(infos, Limits()) or name_problems(infos)
    if problems:
        raise BundleLimitError(
            [f"{p.name}: {p.message}" if p.name else p.message for p in problems]
        )


def _write_item(
    zf: zipfile.ZipFile,
    name: str,
    item: PayloadItem,
    when: tuple[int, int, int, int, int, int],
    pool: ThreadPoolExecutor,
) -> dict[str, str]:
    """Copy one file into the zip in chunks, hashing as it goes; return its digests."""
    with zf.open(entry_info(name, when, item.size), "w") as dest:
        digests, written = bag.hash_chunks(_chunks(item), bag.PAYLOAD_ALGORITHMS, pool, dest.write)
    if written != item.size:
        raise FileChangedError(path=item.source or Path(item.rel))
    return digests


def _chunks(item: PayloadItem) -> Iterator[bytes]:
    """The item's bytes: never more than one past its planned size (more is a change)."""
    if item.source is None:
        yield item.content
        return
    try:
        handle = safe_open(item.source, _PAYLOAD)
    except UnsafeFileError:
        raise FileChangedError(path=item.source) from None
    with handle:
        left = item.size + 1
        while left > 0 and (chunk := handle.read(min(CHUNK, left))):
            left -= len(chunk)
            yield chunk


#: A payload file: planned as a regular file; opened again as one, never past verify's limit.
_PAYLOAD = FileKind("payload file", Limits().max_bytes)


def _bag_info(plan: BundlePlan, top: str) -> str:
    config = plan.portfolio.config
    person = config.practitioner if config else None
    described = f"CPD portfolio, {config.framework} level {config.level}" if config else ""
    return bag.bag_info_text(
        [
            ("Bag-Software-Agent", f"imh {__version__}"),
            ("Bagging-Date", plan.date.isoformat()),
            ("Contact-Email", (person.email or "") if person else ""),
            ("Contact-Name", person.name if person else ""),
            ("External-Description", described),
            ("External-Identifier", top),
            ("Payload-Oxum", bag.payload_oxum(plan.payload_bytes, len(plan.items))),
            ("Source-Organization", (person.organisation or "") if person else ""),
        ]
    )


def _sha256(handle: IO[bytes]) -> str:
    hasher = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        hasher.update(chunk)
    return hasher.hexdigest()
