"""Every `--format` is a registry's names; the registries load renderers only when asked."""

from __future__ import annotations

import io
import subprocess
import sys
from enum import StrEnum
from typing import Any

import pytest

from imhcli.output.registry import Registry


def _format_choices() -> list[tuple[type[StrEnum], Registry[Any]]]:
    from imhcli.cli import (
        bundle,
        calendar,
        cohort,
        framework,
        gaps,
        hours,
        options,
        requirements,
        verify,
    )
    from imhcli.output.bundles import BUNDLE, VERIFY
    from imhcli.output.calendar import CALENDAR
    from imhcli.output.cohort_table import COHORT
    from imhcli.output.findings import FINDINGS
    from imhcli.output.framework import EXPORTERS
    from imhcli.output.gaps_table import GAPS
    from imhcli.output.hours_table import HOURS
    from imhcli.output.requirements_table import REQUIREMENTS

    return [
        (options.FindingsFormat, FINDINGS),
        (gaps.GapsFormat, GAPS),
        (hours.HoursFormat, HOURS),
        (requirements.RequirementsFormat, REQUIREMENTS),
        (bundle.BundleFormat, BUNDLE),
        (verify.VerifyFormat, VERIFY),
        (framework.ExportFormat, EXPORTERS),
        (calendar.CalendarFormat, CALENDAR),
        (cohort.CohortFormat, COHORT),
    ]


def _id(value: object) -> str:
    """The enum's name; a registry has none of its own (nor a stable repr)."""
    return value.__name__ if isinstance(value, type) else "registry"


@pytest.mark.parametrize(("choices", "registry"), _format_choices(), ids=_id)
def test_the_format_choices_are_the_registry(
    choices: type[StrEnum], registry: Registry[Any]
) -> None:
    assert [str(c.value) for c in choices] == list(registry)


def test_a_lazy_renderer_is_imported_when_chosen() -> None:
    registry: Registry[object] = Registry("example")
    registry.add_lazy("dump", "json:dumps")
    assert "dump" in registry and len(registry) == 1
    import json

    assert registry["dump"] is json.dumps


def test_a_name_registered_twice_is_refused() -> None:
    registry: Registry[object] = Registry("example")
    registry.add("text")(print)
    with pytest.raises(ValueError, match="'text' is already registered"):
        registry.add("text")(repr)


def test_a_model_renders_as_its_json() -> None:
    from imhcli.models.bundle import BundleResult
    from imhcli.output.registry import render_json

    out = io.StringIO()
    result = BundleResult(path="a.zip", size=1, files=1, payload_bytes=1, sha256="0")
    render_json(result, out=out)
    assert out.getvalue() == result.model_dump_json(indent=2) + "\n"


def test_help_does_not_import_the_renderers_dependencies() -> None:
    """`imh --help` reads every registry's names, but pays for no model or renderer."""
    code = (
        "import sys\n"
        "from imhcli.cli import main\n"
        "sys.argv = ['imh', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'imhcli.analysis', 'imhcli.diagnostics') "
        "if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "[]"
