"""Loading framework files, bundled or by path."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import ValidationError

from imhcli.base import resources
from imhcli.base.files import FRAMEWORK, file_identity, safe_read
from imhcli.errors import FrameworkError, UnsafeFileError
from imhcli.load.refs import resolve_ref
from imhcli.load.yaml_loaders import YamlProblem, load_fast
from imhcli.models.framework import Framework

#: Largest framework file read, in bytes.
MAX_FRAMEWORK_BYTES = FRAMEWORK.cap


def find_framework(ref: str, *, base: Path) -> Path:
    """The file a framework reference names. Raises :class:`FrameworkError` if none."""
    path = resolve_ref("framework", ref, base=base)
    if path is None:
        known = ", ".join(resources.bundled_frameworks()) or "none"
        raise FrameworkError(f"unknown framework {ref!r} (bundled: {known}; or give a path)")
    return path


def load_framework(ref: str, *, base: Path | None = None) -> Framework:
    """Load a framework by bundled id or path. Raises :class:`FrameworkError`."""
    return load_framework_file(find_framework(ref, base=base or Path.cwd()))


@cache
def _load_cached(path: Path, root: Path | None, identity: tuple[int, ...]) -> Framework:
    """Parsed once per process while the file's identity (``file_identity``) holds."""
    try:
        text = safe_read(path, FRAMEWORK, root=root).decode("utf-8-sig")
    except UnsafeFileError as exc:
        raise FrameworkError(exc.message, path=path) from None
    except UnicodeDecodeError as exc:
        raise FrameworkError(f"cannot be read ({exc})", path=path) from None
    return _parse(text, path=path)


def load_framework_bytes(raw: bytes, *, name: str) -> Framework:
    """Load a framework from a file's bytes (a framework inside a bundle, say)."""
    if len(raw) > MAX_FRAMEWORK_BYTES:
        raise FrameworkError("file is too large to be a framework", path=name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FrameworkError(f"cannot be read ({exc})", path=name) from None
    return _parse(text, path=name)


def _parse(text: str, *, path: Path | str) -> Framework:
    try:
        data = load_fast(text)
    except YamlProblem as exc:
        raise FrameworkError(f"line {exc.line}: {exc.message}", path=path) from None
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        raise FrameworkError(f"not a valid framework: {_first_error(exc)}", path=path) from None


def load_framework_file(path: Path, *, root: Path | None = None) -> Framework:
    """Load a framework file; with ``root``, one whose links leave ``root`` is refused."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise FrameworkError(f"cannot be read ({exc.strerror})", path=path) from None
    return _load_cached(path, root, file_identity(stat))


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]
