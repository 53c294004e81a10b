"""`imh review`: an assessor's review of a bundle, written, checked, signed, rendered, accepted.

:mod:`~imhcli.review.init` verifies a bundle and writes a review skeleton
(:mod:`~imhcli.review.skeleton`); :mod:`~imhcli.review.check` reads a review and
runs the review rules over it and, given the bundle (:mod:`~imhcli.review.bundle`),
compares the two; :mod:`~imhcli.review.signature` signs and verifies;
:mod:`~imhcli.review.accept` and :mod:`~imhcli.review.status` are the practitioner's side.

What other features build on (the recognition register, say):

* :func:`imhcli.load.review.read_review`: a review file, read warily, as a model
  (None if invalid), its findings and its sha256;
* :func:`imhcli.review.check.check_review`: every IMH7xx finding, against its bundle
  when given (the bundle's sha256 and name, IMH709);
* :func:`imhcli.review.signature.verify_review`: its signature against an
  allowed-signers file, and who signed;
* :func:`imhcli.bundle.verify.file_sha256`: the digest a review records for its bundle.
"""
