"""Scaffolding: the files imh writes for a practitioner, never over one of theirs.

:mod:`~imhcli.scaffold.new` (`imh init` and `imh new`), its
:mod:`~imhcli.scaffold.templates`, and :mod:`~imhcli.scaffold.plans` (a draft plan
per coverage gap, `imh gaps --plan`).
"""
