"""Submission bundles: BagIt 1.0 bags serialised as one deterministic zip.

:mod:`imhcli.bundle.build` makes a bundle from a portfolio, :mod:`imhcli.bundle.verify`
checks one an assessor received, :mod:`imhcli.bundle.bag` holds the BagIt text
formats both share, and :mod:`imhcli.bundle.zipsafe` the zip rules: how entries are
written reproducibly and which entries of an untrusted zip are refused.
"""
