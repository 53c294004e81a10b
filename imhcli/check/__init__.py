"""`imh check` as a library: which portfolios, every rule over each, and the cache.

:mod:`~imhcli.check.targets` turns paths into portfolios (and, for `imh cohort`,
bundles); :mod:`~imhcli.check.engine` loads one and runs every rule over it;
:mod:`~imhcli.check.cache` wraps that check, keyed by
:mod:`~imhcli.check.fingerprint`; :mod:`~imhcli.check.run` checks a list of
paths into one :class:`~imhcli.diagnostics.CheckReport`; :mod:`~imhcli.check.gate`
refuses output with privacy findings.
"""
