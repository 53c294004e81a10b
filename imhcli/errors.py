"""One error hierarchy for the whole tool.

The core raises these; the CLI turns them into messages and exit codes in one
place (:class:`imhcli.cli.app.ImhGroup`). Findings about a portfolio are never
errors: they are :class:`~imhcli.diagnostics.Diagnostic` values.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from imhcli.base.words import plural

if TYPE_CHECKING:
    from imhcli.diagnostics import CheckReport


class ImhError(Exception):
    """Base class: the tool could not do what it was asked (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotAPortfolioError(ImhError):
    def __init__(self, *, path: Path) -> None:
        super().__init__(
            f"{path} is not inside a portfolio (no portfolio.yaml here or in any parent folder)",
            hint="run `imh init` to start one, or pass --portfolio PATH",
        )


class PathNotFoundError(ImhError):
    def __init__(self, *, path: Path) -> None:
        super().__init__(f"{path}: no such file or folder")


class FrameworkError(ImhError):
    """A framework could not be found or is invalid."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        prefix = f"{path}: " if path is not None else ""
        super().__init__(prefix + message)


class RefuseOverwriteError(ImhError):
    def __init__(self, *, path: Path) -> None:
        super().__init__(
            f"{path} already exists; nothing was written",
            hint="pass --force to overwrite it",
        )


class UsageError(ImhError):
    """Arguments that cannot work together or a value the tool cannot use."""


class UnsafeFileError(ImhError):
    """A file imh will not read: missing, not a regular file, a link leaving its folder,
    or larger than the cap for its kind. ``reason`` says which, for callers that word it
    their own way; ``message`` and ``hint`` are ready to use as a finding's."""

    def __init__(self, reason: str, message: str, *, path: Path, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason
        self.path = path


class ProfileError(ImhError):
    """A requirement profile that cannot be found or has a mistake."""


class FindingsError(ImhError):
    """Findings refuse the work (exit 1); ``report`` holds them and the CLI lists them first."""

    exit_code = 1

    def __init__(self, message: str, *, report: CheckReport, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.report = report


class PrivacyRefusedError(FindingsError):
    """What would leave the machine has privacy findings: nothing was written (exit 1)."""

    def __init__(self, *, action: str, report: CheckReport) -> None:
        n = report.summary.errors
        super().__init__(
            f"refused to {action}: {plural(n, 'privacy finding')} in what it would "
            "publish; nothing was written",
            report=report,
            hint="remove or anonymise each one; if one identifies nobody, allow it in its file "
            "(`allow: [postcode]` or `<!-- imh-allow: postcode -->`)",
        )


class BundleNotValidError(FindingsError):
    """A bundle given to `imh report`, `imh gaps`, ... does not verify (exit 1)."""

    def __init__(self, *, path: Path, report: CheckReport) -> None:
        super().__init__(
            f"{path} does not verify, so nothing in it is read",
            report=report,
            hint="ask the practitioner for the bundle again; `imh verify` shows each finding",
        )


class EntryRefusedError(FindingsError):
    """`imh new` would write an entry that `imh check` rejects: nothing was written.

    ``report`` holds the check's own findings; the CLI lists them before the message.
    The tool could not do what it was asked, so the exit code is 2.
    """

    exit_code = 2

    def __init__(self, *, report: CheckReport) -> None:
        first = report.diagnostics[0]
        super().__init__(
            f"refused to write the entry: {first.code} {first.message}; nothing was written",
            report=report,
            hint=first.hint,
        )


class FileChangedError(ImhError):
    """A file of the portfolio changed while its bundle was being written."""

    def __init__(self, *, path: Path) -> None:
        super().__init__(
            f"{path} changed while the bundle was written; nothing was written",
            hint="run `imh bundle` again when no program is writing to the portfolio",
        )


class BundleLimitError(ImhError):
    """The zip written would be refused by `imh verify` (a possible zip bomb, say)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            f"the bundle would be refused by `imh verify` ({'; '.join(problems)}); "
            "nothing was written",
            hint="leave out or shrink the file named (a file of repeated bytes compresses "
            "so well that it looks like a zip bomb)",
        )


class UnreadableBundleError(ImhError):
    """A bundle that cannot be opened as a zip at all."""

    def __init__(self, *, path: Path, why: str) -> None:
        super().__init__(
            f"{path} cannot be read as a zip: {why}",
            hint="ask for the bundle again; it may be damaged or not a bundle at all",
        )


class MissingFolderError(UsageError):
    """An output path (``-o``) in a folder that does not exist: imh creates no folders."""

    def __init__(self, *, path: Path) -> None:
        super().__init__(
            f"{path.parent} is not a folder; nothing was written to {path.name}",
            hint="create the folder first, or give a path in one that exists",
        )


class MissingToolError(ImhError):
    """A program imh runs (ssh-keygen) is not installed."""

    def __init__(self, *, tool: str, install: str) -> None:
        super().__init__(f"{tool} was not found on this computer", hint=install)


class NotThisPortfolioError(UsageError):
    """`imh review accept`: the review is about another portfolio or another bundle."""

    def __init__(self, why: str) -> None:
        super().__init__(
            f"the review is not about this portfolio: {why}; nothing was written",
            hint="accept it inside the portfolio that made the bundle, or pass --portfolio PATH",
        )


class PdfUnavailableError(ImhError):
    """Printing to PDF needs a package or program that is not installed (exit code 2)."""
