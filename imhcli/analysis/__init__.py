"""What a loaded portfolio amounts to: results that :mod:`imhcli.output` renders.

:mod:`~imhcli.analysis.coverage` (each competency evidenced, claimed, planned or a
gap), :mod:`~imhcli.analysis.hours` (hours grouped and spread over time),
:mod:`~imhcli.analysis.requirements` (requirement profiles met or not, and what is
still needed) and :mod:`~imhcli.analysis.windows` (the date windows they count in).
Analysis reads a :class:`~imhcli.load.portfolio.Portfolio`; it never runs rules.
"""
