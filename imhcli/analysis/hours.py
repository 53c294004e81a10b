"""CPD hours: exact totals of final entries, grouped and windowed.

Hours are read from YAML as floats and turned into :class:`~decimal.Decimal`
through their shortest text (``Decimal(str(x))``), so 0.1 + 0.2 is 0.3 exactly.

A multi-day activity counts once, on its start date, unless ``spread`` divides
its hours over its days. Grouping by competency (or domain) divides an entry's
hours between the competencies it lists. Both divisions hand out the hours in
the entry's smallest unit (hundredths at least) so that the parts always add up
to the whole: every grouping sums to the total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from imhcli.analysis.windows import Window
from imhcli.errors import UsageError
from imhcli.load.portfolio import Portfolio
from imhcli.models.entries import Cpd, EntryBase, Plan, Supervision
from imhcli.models.framework import Framework
from imhcli.models.verdicts import Counting, ExactHours

GroupBy = Literal[
    "type", "activity", "kind", "mode", "month", "quarter", "year", "domain", "competency"
]
GROUP_BY: tuple[str, ...] = get_args(GroupBy)
_TIME_KEYS = frozenset({"month", "quarter", "year"})
#: Key of the group for entries that list no (known) competency.
NO_COMPETENCY = "none"


class HoursGroup(BaseModel):
    key: str
    label: str | None = None
    hours: ExactHours
    entries: int


class Breakdown(BaseModel):
    """The splits the regulators ask about, whatever the grouping."""

    cpd_participatory: ExactHours = Decimal(0)
    cpd_non_participatory: ExactHours = Decimal(0)
    supervision_received: ExactHours = Decimal(0)
    supervision_given: ExactHours = Decimal(0)


class HoursReport(BaseModel):
    """What ``imh hours`` shows. ``from`` is written ``from_`` in Python."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    portfolio: str
    from_: dt.date | None = Field(alias="from")
    to: dt.date | None
    by: GroupBy
    spread: bool
    total: ExactHours
    entries: int
    groups: list[HoursGroup]
    breakdown: Breakdown
    #: Month by month over the same window, for the text's sparkline; not in the JSON.
    months: list[HoursGroup] = Field(default_factory=list, exclude=True)


@dataclass(frozen=True, slots=True)
class Portion:
    """Hours of one entry that fall on one day (the whole entry unless spread)."""

    rel: str
    model: EntryBase
    day: dt.date
    hours: Decimal


def exact(value: float | int) -> Decimal:
    """A YAML number as an exact decimal, through its shortest text."""
    return Decimal(str(value))


def split(amount: Decimal, parts: int) -> list[Decimal]:
    """Divide ``amount`` into ``parts`` shares that add up to it exactly.

    Shares are whole multiples of the amount's smallest unit (at least 0.01);
    the first ones get one unit more when it does not divide evenly.
    """
    if parts <= 1:
        return [amount]
    exponent = min(int(amount.as_tuple().exponent), -2)
    unit = Decimal(1).scaleb(exponent)
    units = int(amount / unit)
    base, extra = divmod(units, parts)
    return [(base + (1 if i < extra else 0)) * unit for i in range(parts)]


def portions(
    portfolio: Portfolio, *, counting: Counting, spread: bool = False
) -> Iterator[Portion]:
    """The hours of every entry that counts, as one portion (or one per day when spread).

    Plans are left out: the hours of a plan are intended, not spent.
    """
    for entry in portfolio.entries:
        model = entry.model
        if model is None or not model.is_final or not counting.counts(entry.rel):
            continue
        if model.hours is None or isinstance(model, Plan):
            continue
        hours = exact(model.hours)
        if spread and model.end is not None and model.end > model.date:
            days = (model.end - model.date).days + 1
            for offset, share in enumerate(split(hours, days)):
                yield Portion(entry.rel, model, model.date + dt.timedelta(days=offset), share)
        else:
            yield Portion(entry.rel, model, model.date, hours)


def in_window(
    portfolio: Portfolio, window: Window, *, counting: Counting, spread: bool = False
) -> list[Portion]:
    """The portions that fall in ``window``."""
    found = portions(portfolio, counting=counting, spread=spread)
    return [p for p in found if window.contains(p.day)]


def tally(
    portfolio: Portfolio,
    *,
    counting: Counting,
    by: str = "type",
    start: dt.date | None = None,
    end: dt.date | None = None,
    spread: bool = False,
) -> HoursReport:
    """Sum the hours of entries that count between ``start`` and ``end`` (inclusive), grouped."""
    if by not in GROUP_BY:
        raise UsageError(f"cannot group hours by {by!r} (choose from {', '.join(GROUP_BY)})")
    found = in_window(portfolio, Window(start=start, end=end), counting=counting, spread=spread)
    framework = _framework_for(portfolio, by)
    groups = _group(found, _keyer(by, framework))
    return HoursReport(
        months=_by_month(found, start, end),
        portfolio=portfolio.label,
        from_=start,
        to=end,
        by=by,
        spread=spread,
        total=sum((p.hours for p in found), Decimal(0)),
        entries=len({p.rel for p in found}),
        groups=_ordered(groups, by, framework),
        breakdown=breakdown(found),
    )


def monthly(
    portfolio: Portfolio,
    *,
    counting: Counting,
    start: dt.date | None = None,
    end: dt.date | None = None,
    spread: bool = False,
    keep: Callable[[Portion], bool] | None = None,
) -> list[HoursGroup]:
    """Hours month by month (``YYYY-MM``), months without hours included as zero.

    ``keep`` chooses the portions counted (CPD only, say); by default, all.
    """
    found = in_window(portfolio, Window(start=start, end=end), counting=counting, spread=spread)
    if keep is not None:
        found = [p for p in found if keep(p)]
    return _by_month(found, start, end)


def _by_month(found: list[Portion], start: dt.date | None, end: dt.date | None) -> list[HoursGroup]:
    days = [p.day for p in found]
    if not days and (start is None or end is None):
        return []
    first = start or min(days)
    last = end or max(days)
    by_month = {g.key: g for g in _group(found, lambda p: [(_month(p.day), p.hours)])}
    return [
        by_month.get(key, HoursGroup(key=key, hours=Decimal(0), entries=0))
        for key in _months(first, last)
    ]


def is_cpd(portion: Portion) -> bool:
    return isinstance(portion.model, Cpd)


def is_participatory_cpd(portion: Portion) -> bool:
    return isinstance(portion.model, Cpd) and portion.model.participatory


def is_practice(portion: Portion) -> bool:
    return _type_of(portion) == "practice"


def breakdown(found: Iterable[Portion]) -> Breakdown:
    out = Breakdown()
    for p in found:
        if isinstance(p.model, Cpd):
            name = "cpd_participatory" if p.model.participatory else "cpd_non_participatory"
        elif isinstance(p.model, Supervision):
            name = f"supervision_{p.model.role}"
        else:
            continue
        setattr(out, name, getattr(out, name) + p.hours)
    return out


Keyer = Callable[[Portion], list[tuple[str, Decimal]]]


def _keyer(by: str, framework: Framework | None) -> Keyer:
    if by in {"competency", "domain"}:
        assert framework is not None
        return lambda p: _by_competency(p, framework, domains=by == "domain")
    key: Callable[[Portion], str] = _SIMPLE_KEYS[by]
    return lambda p: [(key(p), p.hours)]


def _type_of(p: Portion) -> str:
    return str(getattr(p.model, "type", "entry"))


def _activity(p: Portion) -> str:
    if isinstance(p.model, Cpd):
        return p.model.activity or "unspecified"
    return f"({_type_of(p)})"


def _kind(p: Portion) -> str:
    if isinstance(p.model, Supervision):
        kind = p.model.kind or "unspecified"
        return kind if p.model.role == "received" else f"{kind} (given)"
    return f"({_type_of(p)})"


def _mode(p: Portion) -> str:
    if isinstance(p.model, Supervision):
        return p.model.mode if p.model.role == "received" else f"{p.model.mode} (given)"
    return f"({_type_of(p)})"


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


_SIMPLE_KEYS: dict[str, Callable[[Portion], str]] = {
    "type": _type_of,
    "activity": _activity,
    "kind": _kind,
    "mode": _mode,
    "month": lambda p: _month(p.day),
    "quarter": lambda p: f"{p.day.year:04d}-Q{(p.day.month - 1) // 3 + 1}",
    "year": lambda p: f"{p.day.year:04d}",
}


def _by_competency(p: Portion, framework: Framework, *, domains: bool) -> list[tuple[str, Decimal]]:
    ids = framework.resolved_ids(p.model.competencies)
    if not ids:
        return [(NO_COMPETENCY, p.hours)]
    keys = [_domain_key(framework, c) if domains else c for c in ids]
    return list(zip(keys, split(p.hours, len(ids)), strict=True))


def _domain_key(framework: Framework, comp_id: str) -> str:
    comp = framework.resolve(comp_id)
    assert comp is not None
    return str(framework.domain_of(comp).id)


def _group(found: Iterable[Portion], keyer: Keyer) -> list[HoursGroup]:
    hours: dict[str, Decimal] = {}
    entries: dict[str, set[str]] = {}
    for p in found:
        for key, share in keyer(p):
            hours[key] = hours.get(key, Decimal(0)) + share
            entries.setdefault(key, set()).add(p.rel)
    return [HoursGroup(key=k, hours=h, entries=len(entries[k])) for k, h in hours.items()]


def _ordered(groups: list[HoursGroup], by: str, framework: Framework | None) -> list[HoursGroup]:
    if by in _TIME_KEYS:
        return sorted(groups, key=lambda g: g.key)
    if framework is not None and by in {"competency", "domain"}:
        return _framework_order(groups, by, framework)
    return sorted(groups, key=lambda g: (-g.hours, g.key))


def _framework_order(groups: list[HoursGroup], by: str, framework: Framework) -> list[HoursGroup]:
    if by == "domain":
        order = [(str(d.id), d.title) for d in framework.domains]
    else:
        order = [(c.id, c.group or c.statement) for c in framework.competencies]
    rank = {key: (i, label) for i, (key, label) in enumerate(order)}
    labelled = [
        g.model_copy(update={"label": rank[g.key][1]}) if g.key in rank else g for g in groups
    ]
    return sorted(labelled, key=lambda g: rank.get(g.key, (len(rank), ""))[0])


def _framework_for(portfolio: Portfolio, by: str) -> Framework | None:
    if by in {"competency", "domain"}:
        return portfolio.require_framework(f"grouping hours by {by}")
    return portfolio.framework


def _months(first: dt.date, last: dt.date) -> list[str]:
    keys: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys
