"""Foundation shared by every layer, knowing nothing of portfolios.

:mod:`~imhcli.base.files` (bounded reads of regular files, atomic writes),
:mod:`~imhcli.base.walker` (the folder walker), :mod:`~imhcli.base.words` (plurals,
"did you mean"), :mod:`~imhcli.base.resources` (where bundled data lives),
:mod:`~imhcli.base.epoch` (SOURCE_DATE_EPOCH) and :mod:`~imhcli.base.git` (the
git index, found without running git).
"""
