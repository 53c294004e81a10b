"""Signing and verifying reviews with SSH keys, as git signs commits.

Signing runs ``ssh-keygen -Y sign -n imh-review``, so a key in ssh-agent or on a
hardware token works as it does for git. Verifying runs ``ssh-keygen -Y
find-principals`` (who, by the allowed-signers file, holds the key that signed)
and then ``ssh-keygen -Y verify`` for that principal; where ssh-keygen is absent,
the ``sshsig`` package checks the signature in Python against the same file.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from imhcli.base.files import safe_read, write_atomic
from imhcli.diagnostics import CheckReport, make
from imhcli.errors import ImhError, MissingToolError, PathNotFoundError, UsageError
from imhcli.load.review import ALLOWED_SIGNERS, REVIEW_FILE, SIGNATURE
from imhcli.models.review import SIGNATURE_NAMESPACE, SignatureCheck

INSTALL_OPENSSH = (
    "install OpenSSH 8.1 or later: `apt-get install openssh-client` on Debian or Ubuntu, "
    "`dnf install openssh-clients` on Fedora; macOS has it; on Windows add the "
    "'OpenSSH Client' optional feature"
)
#: Seconds to wait for ssh-keygen: signing may wait for a touch of a hardware key.
SIGN_TIMEOUT = 120
VERIFY_TIMEOUT = 30
DEFAULT_KEYS = ("id_ed25519", "id_ecdsa", "id_rsa")


def read_signature(path: Path) -> bytes:
    """A .sig file's bytes, read as warily as any file from outside."""
    return safe_read(path, SIGNATURE)


def signature_path(review: Path) -> Path:
    """Where a review's detached signature lives: ``REVIEW.yaml.sig`` beside it."""
    return review.with_name(review.name + ".sig")


def ssh_keygen() -> str | None:
    return shutil.which("ssh-keygen")


def sign_review(review: Path, *, key: Path | None = None, force: bool = False) -> Path:
    """Sign ``review`` with an SSH key; write ``REVIEW.yaml.sig``, never over one without force."""
    tool = ssh_keygen()
    if tool is None:
        raise MissingToolError(tool="ssh-keygen", install=INSTALL_OPENSSH)
    if not review.is_file():
        raise PathNotFoundError(path=review)
    key = key or default_key()
    out = signature_path(review)
    if out.exists() and not force:
        from imhcli.errors import RefuseOverwriteError

        raise RefuseOverwriteError(path=out)
    ran = _run(
        [tool, "-Y", "sign", "-f", str(key), "-n", SIGNATURE_NAMESPACE],
        safe_read(review, REVIEW_FILE),
        SIGN_TIMEOUT,
    )
    if ran.returncode != 0 or b"BEGIN SSH SIGNATURE" not in ran.stdout:
        raise ImhError(
            f"ssh-keygen could not sign with {key}: {_said(ran)}",
            hint="check the key path, its passphrase, or that ssh-agent holds it",
        )
    write_atomic(out, ran.stdout, overwrite=force)
    return out


def default_key() -> Path:
    """git's ``user.signingkey`` when it is a file, else ~/.ssh/id_ed25519 (ecdsa, rsa)."""
    from imhcli.base.gitconfig import git_config

    configured = git_config("user.signingkey")
    if configured and Path(configured).expanduser().is_file():
        return Path(configured).expanduser()
    for name in DEFAULT_KEYS:
        candidate = Path.home() / ".ssh" / name
        if candidate.is_file():
            return candidate
    raise UsageError(
        "no SSH key to sign with",
        hint="pass --key PATH (a private key, or a public key in ssh-agent)",
    )


def verify_review(
    review: Path, *, allowed_signers: Path, signature: Path | None = None
) -> SignatureCheck:
    """Verify the review's detached signature against an allowed-signers file."""
    signature = signature or signature_path(review)
    for path in (review, allowed_signers):
        if not path.is_file():
            raise PathNotFoundError(path=path)
    result = SignatureCheck(
        review=str(review),
        signature=str(signature),
        valid=False,
        verifier="ssh-keygen" if ssh_keygen() else "sshsig",
        report=CheckReport.build([], portfolios=0, files=[("", str(review))]),
    )
    if not signature.is_file():
        return _failed(result, f"no signature: {signature.name} is missing", _ASK)
    safe_read(allowed_signers, ALLOWED_SIGNERS)  # a regular file of sane size, or exit 2
    read_signature(signature)
    tool = ssh_keygen()
    if tool is None:
        from imhcli.review.sshsig_verify import verify_in_python

        found = verify_in_python(
            safe_read(review, REVIEW_FILE), read_signature(signature), allowed_signers
        )
    else:
        found = _verify_with_ssh_keygen(tool, review, signature, allowed_signers)
    if isinstance(found, str):
        return _failed(result, found, _ASK)
    signer, key = found
    return result.model_copy(update={"valid": True, "signer": signer, "key": key})


_ASK = "ask the assessor for the review and its .sig again, exactly as signed"


def _verify_with_ssh_keygen(
    tool: str, review: Path, signature: Path, allowed: Path
) -> tuple[str, str] | str:
    """(signer, key) when the signature verifies, else why not."""
    found = _run(
        [tool, "-Y", "find-principals", "-s", str(signature), "-f", str(allowed)],
        b"",
        VERIFY_TIMEOUT,
    )
    principals = found.stdout.decode("utf-8", "replace").split()
    if found.returncode != 0 or not principals:
        return _why(_said(found))
    for principal in principals:
        ran = _run(
            [
                tool,
                "-Y",
                "verify",
                "-f",
                str(allowed),
                "-I",
                principal,
                "-n",
                SIGNATURE_NAMESPACE,
                "-s",
                str(signature),
            ],
            safe_read(review, REVIEW_FILE),
            VERIFY_TIMEOUT,
        )
        if ran.returncode == 0:
            said = ran.stdout.decode("utf-8", "replace")
            key = said.partition(" with ")[2].strip() or None
            return principal, key or ""
        last = _said(ran)
    return _why(last)


def _why(said: str) -> str:
    """ssh-keygen's reason in a reader's words."""
    if "incorrect signature" in said:
        return "the review was changed after it was signed: the signature does not match it"
    if "parse" in said or "armor" in said:
        return "the .sig file is not an SSH signature, or it is damaged"
    if "No principal matched" in said:
        return "signed by a key that the allowed-signers file does not list"
    if "namespace" in said:
        return f"the signature was not made for {SIGNATURE_NAMESPACE!r} (a signature for git?)"
    return f"the signature does not verify ({said})"


def _failed(result: SignatureCheck, message: str, hint: str) -> SignatureCheck:
    finding = make("IMH711", message, portfolio="", path=result.review, hint=hint)
    report = CheckReport.build([finding], portfolios=0, files=[("", result.review)])
    return result.model_copy(update={"valid": False, "report": report})


def _run(args: list[str], data: bytes, timeout: int) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(args, input=data, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ImhError(f"ssh-keygen did not answer within {timeout} seconds") from None
    except OSError as exc:
        raise ImhError(f"ssh-keygen could not be run: {exc.strerror}") from None


def _said(ran: subprocess.CompletedProcess[bytes]) -> str:
    lines = ran.stderr.decode("utf-8", "replace").splitlines()
    useful = [line for line in lines if "on standard input" not in line]
    return " ".join(useful).strip() or f"exit status {ran.returncode}"
