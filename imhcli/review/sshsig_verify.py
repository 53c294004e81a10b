"""Verifying a review's SSH signature in Python, for computers without ssh-keygen.

The ``sshsig`` package checks that the signature is valid for the review and the
namespace and returns the key inside it; this module then finds that key in the
allowed-signers file, as ``ssh-keygen -Y find-principals`` does, honouring a
line's ``namespaces=`` option. Certificate authorities and validity dates are
not supported here: such a line never matches, so it fails closed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from imhcli.errors import MissingToolError
from imhcli.models.review import SIGNATURE_NAMESPACE

INSTALL = (
    "install OpenSSH 8.1 or later (package openssh-client), or the Python package "
    "sshsig (`pip install sshsig`)"
)


def verify_in_python(message: bytes, signature: bytes, allowed: Path) -> tuple[str, str] | str:
    """(signer, key fingerprint) when the signature verifies, else why not."""
    try:
        import sshsig
    except ImportError:
        raise MissingToolError(tool="ssh-keygen", install=INSTALL) from None
    if b"-----BEGIN SSH SIGNATURE-----" not in signature:
        return NOT_A_SIGNATURE
    try:
        key = sshsig.check_signature(message, signature, namespace=SIGNATURE_NAMESPACE)
    except sshsig.InvalidSignature as exc:
        return _why(str(exc))
    except (ValueError, NotImplementedError) as exc:
        return f"the .sig file cannot be read as an SSH signature ({exc})"
    signer = _principal(key, allowed)
    if signer is None:
        return "signed by a key that the allowed-signers file does not list"
    return signer, f"{key.algo_name} key {key.sha256_str()}"


NOT_A_SIGNATURE = "the .sig file is not an SSH signature, or it is damaged"


def _why(said: str) -> str:
    if "namespace" in said.lower():
        return f"the signature was not made for {SIGNATURE_NAMESPACE!r} (a signature for git?)"
    if "end of input" in said.lower() or "armor" in said.lower():
        return NOT_A_SIGNATURE
    return "the review was changed after it was signed: the signature does not match it"


def _principal(key: Any, allowed: Path) -> str | None:
    """The principals of the first allowed-signers line that holds ``key`` for our namespace."""
    from sshsig import PublicKey
    from sshsig.allowed_signers import AllowedSigner

    from imhcli.base.files import safe_read
    from imhcli.load.review import ALLOWED_SIGNERS

    text = safe_read(allowed, ALLOWED_SIGNERS).decode("utf-8", errors="replace")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            entry = AllowedSigner.parse(line)
            listed = PublicKey.from_openssh_str(f"{entry.key_type} {entry.base64_key}")
        except (ValueError, NotImplementedError):
            continue
        options = entry.options or {}
        if {"cert-authority", "valid-after", "valid-before"} & set(options):
            continue
        namespaces = options.get("namespaces")
        if namespaces is not None and SIGNATURE_NAMESPACE not in namespaces.split(","):
            continue
        if listed == key:
            return entry.principals
    return None
