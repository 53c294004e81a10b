"""Reading one file of a portfolio, from its folder or from a bundle, into text.

Whatever stops a file being read (missing, a FIFO, a link leaving the portfolio,
too large, not UTF-8) becomes a finding on the file, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from imhcli.base.files import FileKind, safe_read, too_large
from imhcli.diagnostics import Finding
from imhcli.errors import UnsafeFileError
from imhcli.load import frontmatter

PORTFOLIO_FILE = "portfolio.yaml"


class PayloadFiles(Protocol):
    """A portfolio's files read from elsewhere than its folder (a bundle's payload).

    ``names`` are POSIX paths relative to the portfolio; ``read`` raises KeyError
    for a name it does not hold.
    """

    names: frozenset[str]

    def size(self, rel: str) -> int: ...

    def read(self, rel: str) -> bytes: ...


class Source(Protocol):
    """A file to read: on disk (:class:`DiskFile`) or in a bundle (:class:`PayloadFile`)."""

    def read(self) -> bytes:
        """The file's bytes; raises UnsafeFileError for anything that stops reading it."""
        ...


@dataclass(frozen=True, slots=True)
class DiskFile:
    """A file of a portfolio folder, read through :func:`~imhcli.base.files.safe_read`."""

    root: Path
    rel: str
    kind: FileKind

    def read(self) -> bytes:
        return safe_read(self.root / self.rel, self.kind, root=self.root)


@dataclass(frozen=True, slots=True)
class PayloadFile:
    """A file of a bundle's payload, read within the cap of its kind."""

    files: PayloadFiles
    rel: str
    kind: FileKind

    def read(self) -> bytes:
        if self.rel not in self.files.names:
            raise UnsafeFileError("missing", "file does not exist", path=Path(self.rel))
        size = self.files.size(self.rel)
        if size > self.kind.cap:
            raise too_large(Path(self.rel), size, self.kind)
        try:
            data = self.files.read(self.rel)
        except OSError as exc:
            raise UnsafeFileError("unreadable", str(exc), path=Path(self.rel)) from None
        if len(data) > self.kind.cap:  # the zip said it was smaller
            raise too_large(Path(self.rel), len(data), self.kind)
        return data


def read_text(source: Source, rel: str, findings: list[Finding]) -> str | None:
    """The text of ``source`` (UTF-8, CRLF as LF); None, with a finding, when there is none."""
    try:
        raw = source.read()
    except UnsafeFileError as exc:
        findings.append(_unreadable(rel, exc))
        return None
    decoded = frontmatter.decode(raw)
    if isinstance(decoded, frontmatter.DecodeProblem):
        findings.append(
            Finding(
                "IMH108", decoded.message, decoded.hint, line=decoded.line, column=decoded.column
            )
        )
        return None
    return decoded


def _unreadable(rel: str, exc: UnsafeFileError) -> Finding:
    if exc.reason == "missing":
        code = "IMH101" if rel == PORTFOLIO_FILE else "IMH109"
        return Finding(code, f"{rel} is missing", "run `imh init` here")
    return Finding("IMH109", exc.message, exc.hint)
