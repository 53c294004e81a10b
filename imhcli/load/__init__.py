"""Reading a portfolio into a :class:`~imhcli.load.portfolio.Portfolio`.

From a folder or a bundle's payload: :mod:`~imhcli.load.walk` (which files),
:mod:`~imhcli.load.frontmatter` and the YAML loaders (:mod:`~imhcli.load.yaml_loaders`),
:mod:`~imhcli.load.validate` (against the models), :mod:`~imhcli.load.frameworks`,
:mod:`~imhcli.load.profiles` and :mod:`~imhcli.load.refs` (what portfolio.yaml
names), :mod:`~imhcli.load.ignore` and the deny-list. Loading never raises on bad
input: a problem becomes a finding on the file it concerns.
"""
