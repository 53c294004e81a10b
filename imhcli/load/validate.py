"""Validate parsed YAML against the models and say what is wrong in plain words.

Pydantic's errors are turned into findings: IMH104 (missing), IMH105 (wrong
type or value), IMH106 (unknown field, a warning). The ``loc`` of each finding
is a path into the YAML, which the engine turns into a line and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from imhcli.base.words import closest, did_you_mean
from imhcli.diagnostics import Finding, Loc
from imhcli.models.entries import DEPRECATED, ENTRY_TYPES, EntryBase, fields_of
from imhcli.models.portfolio import PORTFOLIO_KEYS, PortfolioConfig

ModelT = TypeVar("ModelT", bound=BaseModel)

_ALL_ENTRY_FIELDS = frozenset().union(*(fields_of(t) for t in ENTRY_TYPES))
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


def validate_entry(
    data: dict[Any, Any], *, extra_fields: Iterable[str] = ()
) -> tuple[EntryBase | None, list[Finding]]:
    """Validate entry front matter; return the model (None if invalid) and findings."""
    entry_type = data.get("type")
    if "type" not in data or entry_type is None:
        types = ", ".join(ENTRY_TYPES)
        return None, [
            Finding(
                "IMH104", "required field `type` is missing", f"add `type:` with one of: {types}"
            )
        ]
    if not isinstance(entry_type, str) or entry_type not in ENTRY_TYPES:
        hint = did_you_mean(str(entry_type), ENTRY_TYPES) or f"use one of: {', '.join(ENTRY_TYPES)}"
        return None, [
            Finding("IMH105", f"`type` {entry_type!r} is not an entry type", hint, loc=("type",))
        ]
    allowed = fields_of(entry_type) | {"type"}
    extra = set(extra_fields)
    findings: list[Finding] = []
    known: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(key, str) and key in allowed:
            known[key] = value
        elif not (isinstance(key, str) and key in extra):
            findings.append(_unknown_entry_field(key, entry_type, allowed))
    findings.extend(_deprecated(entry_type, known))
    model_cls = ENTRY_TYPES[entry_type]
    try:
        return model_cls.model_validate(known), findings
    except ValidationError as exc:
        return None, findings + list(findings_from(exc, model_cls))


def _deprecated(entry_type: str, data: dict[str, Any]) -> Iterable[Finding]:
    """IMH111 for each value that is still read but has a newer way to be written."""
    for (owner, key, value), instead in DEPRECATED.items():
        if owner == entry_type and data.get(key) == value:
            yield Finding(
                "IMH111",
                f"`{key}: {value}` is deprecated; it is read as `{instead}`",
                f"write `{instead}`",
                loc=(key,),
            )


def _unknown_entry_field(key: Any, entry_type: str, allowed: frozenset[str]) -> Finding:
    name = str(key)
    if isinstance(key, str) and key in _ALL_ENTRY_FIELDS:
        owners = [t for t in ENTRY_TYPES if key in fields_of(t)]
        hint = f"`{key}` belongs to {', '.join(owners)} entries"
    else:
        hint = did_you_mean(name, allowed) or (
            "if it is an Obsidian property you keep on purpose, "
            "list it under `extra_fields:` in portfolio.yaml"
        )
    return Finding(
        "IMH106", f"unknown field `{name}` for a {entry_type} entry", hint, loc=(key,), key=True
    )


def validate_portfolio(data: dict[Any, Any]) -> tuple[PortfolioConfig | None, list[Finding]]:
    """Validate portfolio.yaml; unknown keys are warnings, as the spec asks."""
    findings: list[Finding] = []
    known = dict(data)
    for key in list(data):
        if not (isinstance(key, str) and key in PORTFOLIO_KEYS):
            hint = did_you_mean(str(key), PORTFOLIO_KEYS)
            findings.append(
                Finding(
                    "IMH106", f"unknown key `{key}` in portfolio.yaml", hint, loc=(key,), key=True
                )
            )
            del known[key]
    try:
        return PortfolioConfig.model_validate(known), findings
    except ValidationError as exc:
        found = list(findings_from(exc, PortfolioConfig))
        model = None
        if all(f.code == "IMH106" for f in found):
            model = without_extras(known, found, PortfolioConfig)
        return model, findings + found


def without_extras(
    data: dict[Any, Any], extras: Sequence[Finding], model_cls: type[ModelT]
) -> ModelT | None:
    """Validate again with nested unknown keys removed, so warnings keep a model."""
    import copy

    pruned = copy.deepcopy(data)
    for finding in extras:
        *parents, last = finding.loc
        node: Any = pruned
        for part in parents:
            node = node[part]
        node.pop(last, None)
    try:
        return model_cls.model_validate(pruned)
    except ValidationError:
        return None


def findings_from(exc: ValidationError, model_cls: type[BaseModel]) -> Iterable[Finding]:
    for err in exc.errors(include_url=False):
        yield _finding(err, model_cls)


def _finding(err: Any, model_cls: type[BaseModel]) -> Finding:
    loc: Loc = tuple(err["loc"])
    kind: str = err["type"]
    key = False
    if "[key]" in loc:
        loc = loc[: loc.index("[key]")]
        key = True
    name = _dotted(loc)
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return Finding(
            "IMH104", f"required field `{name}` is missing", _missing_hint(name), loc[:-1]
        )
    if kind == "extra_forbidden":
        options = _fields_at(model_cls, loc[:-1])
        return Finding(
            "IMH106",
            f"unknown key `{name}`",
            did_you_mean(str(loc[-1]), options),
            loc,
            key=True,
        )
    message, hint = _describe(kind, name, value, ctx, err.get("msg", ""))
    return Finding("IMH105", message, hint, loc, key=key)


def _describe(
    kind: str, name: str, value: Any, ctx: dict[str, Any], msg: str
) -> tuple[str, str | None]:
    shown = _show(value)
    if kind == "literal_error":
        options = [
            o.strip().strip("'")
            for o in str(ctx.get("expected", "")).replace(" or ", ",").split(",")
        ]
        options = [o for o in options if o]
        hint = did_you_mean(str(value), options) if isinstance(value, str) else None
        return f"`{name}` must be one of {', '.join(options)}; found {shown}", hint
    if kind == "bool_type":
        hint = "write true or false"
        if isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
            hint = f"YAML 1.2 reads `{value}` as text; write true or false"
        return f"`{name}` must be true or false; found {shown}", hint
    if kind in {"string_type", "str_type"}:
        return f"`{name}` must be text; found {shown}", "put the value in quotes"
    if kind in {"float_type", "int_type", "float_parsing", "int_parsing", "int_from_float"}:
        what = "a whole number" if kind.startswith("int") else "a number"
        return f"`{name}` must be {what}; found {shown}", "write it without quotes, e.g. 1.5"
    if kind in {"greater_than", "greater_than_equal"}:
        return f"`{name}` must be greater than {ctx.get('gt', ctx.get('ge'))}; found {shown}", None
    if kind in {"list_type", "tuple_type"}:
        return f"`{name}` must be a list; found {shown}", "write [a, b] or one `- item` per line"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"`{name}` must be a mapping of keys to values; found {shown}", None
    if kind == "string_too_short":
        return f"`{name}` must not be empty", None
    if kind == "value_error":
        reason = msg.removeprefix("Value error, ")
        return f"`{name}` {reason}; found {shown}", None
    return f"`{name}`: {msg}; found {shown}", None


def _missing_hint(name: str) -> str | None:
    return {
        "title": "add `title:` with a short title",
        "date": "add `date:` written YYYY-MM-DD",
        "hours": "add `hours:` with decimal hours, e.g. 1.5",
    }.get(name)


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "front matter"


def _fields_at(model_cls: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the nested model at ``loc`` (for 'did you mean')."""
    import typing

    current: Any = model_cls
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        fields = current.model_fields
        field = fields.get(str(part)) or next(
            (f for f in fields.values() if f.alias == part),
            None,  # `register` is `register_`
        )
        if field is None:
            return []
        current = field.annotation
        for arg in (*typing.get_args(current), current):
            candidates = [arg, *typing.get_args(arg)]
            found = next(
                (c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None
            )
            if found is not None:
                current = found
                break
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


__all__ = ["closest", "findings_from", "validate_entry", "validate_portfolio", "without_extras"]
