"""Regulator packs as printable HTML: one renderer per pack, chosen by name.

Each page has the report's style and print stylesheet; every form starts a new printed
page. The same contents give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from imhcli.output.registry import Registry

#: The page renderer of each pack, by the pack's name (imported when chosen).
PAGES: Registry[Callable[[Any], str]] = Registry("pack")
for _name in ("nmc", "hcpc", "swe", "endorsement"):
    PAGES.add_lazy(_name, f"imhcli.output.pack_page.{_name}_page:render_{_name}")
