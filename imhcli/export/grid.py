"""`imh framework import-grid`: a framework file from an assessment grid CSV.

A grid has one row per competency: an id (``1.01``; the domain is the number
before the dot), a group heading, a statement, and a descriptor per level. The
levels, the framework's title and publisher, and the domains' titles and
summaries come from a base framework (``imhcf-2019`` unless told), unless the
grid has a domain column. Every problem is a finding at its row and column; the
file is made only when there is no error, and it always loads as a framework.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from imhcli.base.files import FileKind, safe_read
from imhcli.export.grid_columns import column_name, field_of, level_of
from imhcli.export.grid_data import Grid, GridRow
from imhcli.models.framework import Framework

GRID = FileKind("assessment grid", 5 * 1024 * 1024)
#: A descriptor cell with one of these says the competency does not apply at that level.
NOT_AT_LEVEL = frozenset({"-", "–", "—", "n/a", "na", "not applicable", "none"})


def read_grid(path: Path, *, mapping: dict[str, str], levels: set[int]) -> Grid:
    """Read a grid CSV (UTF-8, comma, semicolon or tab separated)."""
    grid = Grid(name=path.name, levels=levels)
    try:
        text = safe_read(path, GRID).decode("utf-8-sig")
    except UnicodeDecodeError:
        grid.add("IMH108", "the grid is not UTF-8 text", 1, None, "save it as 'CSV UTF-8'")
        return grid
    records = list(_records(text))
    if not records or not any(cell.strip() for cell in records[0][1]):
        grid.add("IMH801", "the grid has no header row", 1, 1, "the first row names the columns")
        return grid
    fields = _header(grid, records[0][1], mapping, levels)
    if not grid.has_errors:
        for line, cells in records[1:]:
            if any(c.strip() for c in cells):
                _row(grid, line, cells, fields)
        _duplicates(grid)
    return grid


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text.split("\n", 1)[0], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def _header(grid: Grid, header: list[str], mapping: dict[str, str], levels: set[int]) -> list[str]:
    fields: list[str] = []
    for index, name in enumerate(header):
        found = field_of(name, mapping) if name.strip() else "ignore"
        col = index + 1
        if found is None:
            grid.add(
                "IMH806",
                f"column {column_name(index)} ({name.strip()!r}) is not used",
                1,
                col,
                f"map it with --map '{name.strip()}=FIELD', or leave it",
            )
            found = "ignore"
        level = level_of(found)
        if level is not None and level not in levels:
            known = ", ".join(map(str, sorted(levels)))
            grid.add(
                "IMH805",
                f"column {column_name(index)} ({name.strip()!r}) is for level "
                f"{level}, which the framework does not know",
                1,
                col,
                f"the base framework has levels {known}; use --base or --map",
            )
        elif found != "ignore" and found in fields:
            grid.add(
                "IMH801",
                f"column {column_name(index)} ({name.strip()!r}) is a second {found} column",
                1,
                col,
                "map one of them with --map 'HEADER=ignore'",
            )
        fields.append(found)
    for needed in ("id", "statement"):
        if needed not in fields:
            grid.add(
                "IMH801",
                f"the grid has no {needed} column",
                1,
                None,
                f"name its header {needed!r}, or map it with --map 'HEADER={needed}'",
            )
    return fields


def _row(grid: Grid, line: int, cells: list[str], fields: list[str]) -> None:
    values: dict[str, tuple[str, int]] = {}
    for index, name in enumerate(fields):
        if name != "ignore":
            text = cells[index] if index < len(cells) else ""
            values[name] = (" ".join(text.split()), index + 1)
    comp_id, id_col = values["id"]
    statement, statement_col = values["statement"]
    if not _usable_id(comp_id):
        what = "has no competency id" if not comp_id else f"id {comp_id!r} is not D.NN"
        grid.add(
            "IMH802",
            f"row {line}: {what}",
            line,
            id_col,
            "write the competency's number, such as 1.01 (domain 1, competency 01)",
        )
        return
    if not statement:
        grid.add(
            "IMH804",
            f"row {line}: competency {comp_id} has an empty statement",
            line,
            statement_col,
            "copy the competency's statement into this cell",
        )
        return
    grid.rows.append(
        GridRow(
            line=line,
            id=comp_id,
            id_column=id_col,
            statement=statement,
            group=values.get("group", ("", 0))[0] or None,
            domain_title=values.get("domain", ("", 0))[0] or None,
            levels=_levels(values, grid.levels),
        )
    )


def _usable_id(comp_id: str) -> bool:
    head, dot, tail = comp_id.partition(".")
    return bool(dot) and head.isdigit() and bool(tail) and tail.isalnum()


def _levels(values: dict[str, tuple[str, int]], known: set[int]) -> dict[int, str | None]:
    """The levels a competency applies at; every level when the grid has no level columns."""
    if not any(level_of(name) is not None for name in values):
        return dict.fromkeys(sorted(known))
    out: dict[int, str | None] = {}
    for name, (text, _) in values.items():
        level = level_of(name)
        if level is not None and text.casefold() not in NOT_AT_LEVEL:
            out[level] = text or None
    return dict(sorted(out.items()))


def _duplicates(grid: Grid) -> None:
    seen: dict[str, GridRow] = {}
    numbers: dict[float, GridRow] = {}
    kept: list[GridRow] = []
    for row in grid.rows:
        first = seen.get(row.id) or numbers.get(_number(row.id))
        if first is not None:
            same = "is also" if first.id == row.id else f"is the same number as {first.id!r}"
            grid.add(
                "IMH803",
                f"row {row.line}: id {row.id!r} {same} on row {first.line}",
                row.line,
                row.id_column,
                "give every competency its own id; write 1.10, not 1.1",
            )
            continue
        seen[row.id] = row
        numbers[_number(row.id)] = row
        kept.append(row)
    grid.rows = kept


def _number(comp_id: str) -> float:
    try:
        return float(comp_id)
    except ValueError:
        return float("nan")  # never equal to anything, so only exact duplicates collide


@dataclass
class GridImport:
    """A grid read, and the framework file it gives (None while it has errors)."""

    grid: Grid
    text: str | None = None

    def exit_code(self) -> int:
        """1 while the grid has errors (no framework was made), else 0."""
        return 1 if self.text is None else 0


def import_grid(
    path: Path, *, base: Framework, framework_id: str, mapping: dict[str, str]
) -> GridImport:
    """Read the grid at ``path`` and, when it has no error, write its framework's YAML.

    The YAML is loaded back as a framework before it is returned, so what is
    returned always validates. Raises :class:`~imhcli.errors.UnsafeFileError`
    when the file cannot be read at all.
    """
    from imhcli.export.grid_yaml import framework_text
    from imhcli.load.frameworks import load_framework_bytes

    grid = read_grid(path, mapping=mapping, levels={lv.id for lv in base.levels})
    if grid.has_errors or not grid.rows:
        if not grid.has_errors:
            grid.add(
                "IMH802",
                "the grid has no competency rows",
                2,
                None,
                "one row per competency, under the header row",
            )
        return GridImport(grid)
    text = framework_text(grid, base, framework_id=framework_id)
    load_framework_bytes(text.encode("utf-8"), name=grid.name)
    return GridImport(grid, text)


def default_id(path: Path) -> str:
    """A framework id from a file name: ``My Grid (2024).csv`` gives ``my-grid-2024``."""
    words = "".join(ch if ch.isalnum() else " " for ch in path.stem.casefold()).split()
    return "-".join(words) or "imported-framework"
