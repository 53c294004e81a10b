"""Checks of portfolio.yaml beyond its schema."""

from __future__ import annotations

from collections.abc import Iterator

from imhcli.base import resources
from imhcli.diagnostics import Finding
from imhcli.load.portfolio import Portfolio, Record
from imhcli.load.refs import ignored_ref, ref_root, resolve_ref
from imhcli.rules import portfolio_rule


@portfolio_rule("IMH105")
def level_defined(portfolio: Portfolio) -> Iterator[tuple[Record, Finding]]:
    """IMH105: the portfolio's `level` must be one the framework defines."""
    config, framework = portfolio.config, portfolio.framework
    if config is None or framework is None or framework.level(config.level) is not None:
        return
    levels = ", ".join(str(lv.id) for lv in framework.levels)
    yield (
        portfolio.config_record,
        Finding(
            "IMH105",
            f"`level` {config.level} is not a level of framework {framework.id}",
            f"use one of: {levels}",
            loc=("level",),
        ),
    )


@portfolio_rule("IMH205")
def requirement_profiles_exist(portfolio: Portfolio) -> Iterator[tuple[Record, Finding]]:
    """IMH205: every id under `requirements:` names a bundled profile or a profile file,
    and that profile is valid (a mistake in a profile file is reported with its line).
    """
    config = portfolio.config
    if config is None or not config.requirements:
        return
    from imhcli.load.profiles import read_profile

    known = resources.bundled_profiles()
    for index, ref in enumerate(config.requirements):
        path = resolve_ref("profile", ref, base=portfolio.root)
        if path is None:
            from imhcli.base.words import did_you_mean

            hint = did_you_mean(ref, known) or (
                f"bundled profiles: {', '.join(known)}"
                if known
                else "give a path to a profile file"
            )
            yield (
                portfolio.config_record,
                Finding(
                    "IMH205",
                    f"unknown requirement profile {ref!r}",
                    hint,
                    loc=("requirements", index),
                ),
            )
            continue
        excluded = ignored_ref(
            portfolio.ignore, ref, "requirement profile", ("requirements", index)
        )
        if excluded is not None and resources.bundled_profile(ref) is None:
            yield portfolio.config_record, excluded
            continue
        _, problems = read_profile(path, root=ref_root(portfolio.root, ref, path))
        for problem in problems:
            where = f"{ref}:{problem.line}:{problem.column}" if problem.line else ref
            yield (
                portfolio.config_record,
                Finding(
                    "IMH205",
                    f"requirement profile {where}: {problem.message}",
                    "fix the profile file; docs/requirements.md describes its fields",
                    loc=("requirements", index),
                ),
            )
