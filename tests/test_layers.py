"""The import graph of imhcli: layers, lowest first, and no circles.

Every import counts, including those inside functions and under TYPE_CHECKING:
a function-level import is still a dependency, only a later one. An import may
go to a module of the same layer or of a layer above it in :data:`LAYERS`
(lower in the stack); never up. CONTRIBUTING.md describes the same layers.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "imhcli"

#: The layers, lowest first. A name is a package (or module) directly under imhcli/.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__init__", "errors", "codes", "diagnostics", "base", "models"),
    ("load",),
    ("rules",),
    ("analysis",),
    ("check",),
    ("output",),
    ("scaffold",),
    ("bundle",),
    ("review",),
    ("cohort",),
    ("register",),
    ("export",),
    ("packs",),
    ("cli", "__main__"),
)

#: Imports that are forbidden although they go down the layers.
FORBIDDEN: tuple[tuple[str, str], ...] = (
    ("analysis", "rules"),  # analysis is what rules and reports share; it never runs rules
)

Edge = tuple[str, str, int]  # importer, imported, line


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(module: str, node: ast.Import | ast.ImportFrom, is_package: bool) -> Iterator[str]:
    """The imhcli modules an import statement names (a submodule where it names one)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        parts = module.split(".")[: len(module.split(".")) + is_package - node.level]
        base = ".".join([*parts, *([node.module] if node.module else [])])
    for alias in node.names:
        yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base


def known(name: str) -> str | None:
    """The nearest module of imhcli that ``name`` is or lies in, if any."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name if name in MODULES else None


@functools.cache
def parsed(path: Path) -> ast.Module:
    """The syntax tree of one module of imhcli, parsed once for all the tests here."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@functools.cache
def all_edges() -> list[Edge]:
    """Every import in imhcli (read once, when a test first asks)."""
    return edges()


def edges() -> list[Edge]:
    found: list[Edge] = []
    for module, path in MODULES.items():
        tree = parsed(path)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for name in imported(module, node, path.name == "__init__.py"):
                    target = known(name)
                    if target is not None and target != module:
                        found.append((module, target, node.lineno))
    return found


def top(module: str) -> str:
    """The name directly under imhcli/ that a module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer(module: str) -> int:
    for index, names in enumerate(LAYERS):
        if top(module) in names:
            return index
    raise LookupError(module)


def test_every_module_has_a_layer() -> None:
    """A new package must be given its place in LAYERS (and in CONTRIBUTING.md)."""
    unplaced = sorted({top(m) for m in MODULES if not any(top(m) in n for n in LAYERS)})
    assert unplaced == []


def test_imports_only_go_down_the_layers() -> None:
    upward = [
        f"{src}:{line} imports {dst}"
        for src, dst, line in all_edges()
        if layer(dst) > layer(src) or (top(src), top(dst)) in FORBIDDEN
    ]
    assert upward == []


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for src, dst, _ in all_edges():
        graph[src].add(dst)
    assert find_cycles(graph) == []


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_the_checker_sees_function_level_imports_and_cycles() -> None:
    """The test itself: imports inside functions count, and a circle is found."""
    tree = ast.parse("def f():\n    from imhcli.check import cache\n")
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))
    assert list(imported("imhcli.cohort.run", node, False)) == ["imhcli.check.cache"]
    relative = ast.parse("from .cache import x\n").body[0]
    assert isinstance(relative, ast.ImportFrom)
    assert list(imported("imhcli.check.run", relative, False)) == ["imhcli.check.cache"]
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


MAX_LINES = 400


def test_no_module_is_too_long() -> None:
    lines = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    assert {m: n for m, n in lines.items() if n > MAX_LINES} == {}


def test_few_modules_at_the_package_root() -> None:
    assert len(list(PACKAGE.glob("*.py"))) <= 6


def test_contributing_lists_the_layers_in_order() -> None:
    text = (PACKAGE.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    packages = [n for names in LAYERS for n in names if (PACKAGE / n).is_dir()]
    where = [text.find(f"`imhcli/{name}/`") for name in packages]
    assert -1 not in where, [n for n, w in zip(packages, where, strict=True) if w == -1]
    assert where == sorted(where)


def test_every_error_class_is_in_errors_py() -> None:
    """One error hierarchy, in one module (internal signals like YamlProblem aside)."""
    elsewhere = [
        f"{module}:{node.lineno} {node.name}"
        for module, path in MODULES.items()
        if module != "imhcli.errors"
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.ClassDef)
        and any(_base_name(b).endswith("Error") for b in node.bases)
    ]
    assert elsewhere == []


def _base_name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def test_exit_codes_are_applied_in_one_place() -> None:
    """Commands return their result's exit code; only cli/app.py ends the process."""
    exits = [
        f"{module}:{node.lineno}"
        for module, path in MODULES.items()
        if module != "imhcli.cli.app"
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.Call) and _base_name(node.func) == "Exit"
    ]
    assert exits == []
