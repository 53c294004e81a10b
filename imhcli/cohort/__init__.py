"""`imh cohort`: many portfolios and bundles checked in parallel, one row each.

:mod:`~imhcli.cohort.run` runs the targets (found by
:func:`imhcli.check.targets.find_targets`) in worker processes;
:mod:`~imhcli.cohort.rows` checks or verifies one target and summarises it as a
:class:`~imhcli.models.cohort.Row`, which :mod:`imhcli.output` writes.
"""
