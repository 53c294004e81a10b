"""A registry of renderers for one kind of result; its names are a command's ``--format`` choices.

Every result a command prints (findings, gaps, hours, requirements, a cohort, a
verified or a built bundle) has one registry, made beside its renderers::

    GAPS: Registry[Renderer[CoverageReport]] = Registry("gaps")

    @GAPS.add("markdown")
    def render_markdown(report: CoverageReport, *, out: TextIO, color: bool | None) -> None:
        ...

The command builds its ``--format`` option from the registry
(``imhcli.cli.options.choices``) and calls ``GAPS[name](report, out=..., color=...)``,
so a new format is one function. A renderer that needs a heavy module of its own
may be registered by its dotted path (``add_lazy``); it is imported only when chosen.
Keep a module that holds a registry cheap to import: the commands read the names
when ``imh --help`` runs, so heavy imports go inside the renderers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from typing import TYPE_CHECKING, Generic, Protocol, TextIO, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

T = TypeVar("T")
R_contra = TypeVar("R_contra", contravariant=True)


class Renderer(Protocol[R_contra]):
    """Writes one result to ``out``; ``color`` is None for "on a terminal without NO_COLOR"."""

    def __call__(self, result: R_contra, /, *, out: TextIO, color: bool | None) -> None: ...


class Registry(Generic[T]):
    """Named entries, in the order they were added; ``registry[name]`` gives one."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._entries: dict[str, T | str] = {}

    def add(self, name: str) -> Callable[[T], T]:
        """A decorator that registers what it decorates under ``name``."""

        def register(entry: T) -> T:
            self._put(name, entry)
            return entry

        return register

    def add_lazy(self, name: str, target: str) -> None:
        """Register ``"package.module:attribute"``, imported when ``name`` is first asked for."""
        self._put(name, target)

    def __getitem__(self, name: str) -> T:
        entry = self._entries[name]
        if isinstance(entry, str):
            module, _, attribute = entry.partition(":")
            entry = self._entries[name] = getattr(import_module(module), attribute)
        assert not isinstance(entry, str)
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def _put(self, name: str, entry: T | str) -> None:
        if name in self._entries:
            raise ValueError(f"{self.what}: a renderer named {name!r} is already registered")
        self._entries[name] = entry


def render_json(result: BaseModel, *, out: TextIO, color: bool | None = None) -> None:
    """The JSON format of every result that is a model: the model itself, indented."""
    out.write(result.model_dump_json(indent=2) + "\n")
