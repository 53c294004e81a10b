"""`imh review`: an assessor's review of a bundle, started and checked.

:mod:`~imhcli.review.init` verifies a bundle and writes a review skeleton
(:mod:`~imhcli.review.skeleton`); :mod:`~imhcli.review.check` reads a review and
runs the review rules over it and, given the bundle (:mod:`~imhcli.review.bundle`),
compares the two.
"""
