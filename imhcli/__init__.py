"""imh: plain-file CPD portfolios for infant mental health practice.

A library with a thin command line on top. Its packages are layers, each
importing only from those before it (CONTRIBUTING.md; ``tests/test_layers.py``):
the foundation (:mod:`imhcli.errors`, :mod:`imhcli.codes`, :mod:`imhcli.diagnostics`,
:mod:`imhcli.base`, :mod:`imhcli.models`), then :mod:`imhcli.load`,
:mod:`imhcli.rules`, :mod:`imhcli.analysis`, :mod:`imhcli.check`,
:mod:`imhcli.output`, one package per feature, and :mod:`imhcli.cli`.
"""

__version__ = "0.1.0"
