"""`imh review sign` and `verify`: throw-away ed25519 keys made by ssh-keygen in the test."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from imhcli.review import signature
from imhcli.review.signature import sign_review, verify_review
from tests.conftest import Run
from tests.reviews import edit, make_bundle_at, make_folio, signed_off, start_review


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An assessor's key, a stranger's key, and an allowed_signers file naming the first."""
    folder = tmp_path_factory.mktemp("keys")
    for name in ("assessor", "stranger"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", folder / name],
            check=True,
        )
    public = (folder / "assessor.pub").read_text().split()
    (folder / "allowed_signers").write_text(
        f'assessor@example.org namespaces="imh-review" {public[0]} {public[1]}\n'
    )
    return folder


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The text of a finished, signed-off review."""
    tmp = tmp_path_factory.mktemp("sign")
    review = start_review(make_bundle_at(make_folio(tmp / "folio"), tmp / "in"))
    edit(review, signed_off)
    return review.read_text(encoding="utf-8")


@pytest.fixture
def review(finished: str, tmp_path: Path) -> Path:
    path = tmp_path / "review.yaml"
    path.write_text(finished, encoding="utf-8")
    return path


def test_sign_then_verify_names_the_signer(run: Run, review: Path, keys: Path) -> None:
    ran = run("review", "sign", review, "--key", keys / "assessor")
    assert ran.stdout.strip() == f"{review}.sig"
    assert 'assessor@example.org namespaces="imh-review" ssh-ed25519 ' in ran.stderr
    assert Path(f"{review}.sig").read_text().startswith("-----BEGIN SSH SIGNATURE-----")
    ran = run("review", "verify", review, "--allowed-signers", keys / "allowed_signers")
    assert "Good signature" in ran.stdout and "by assessor@example.org" in ran.stdout
    ran = run("review", "verify", review, "-a", keys / "allowed_signers", "--format", "json")
    found = json.loads(ran.stdout)
    assert (found["valid"], found["signer"]) == (True, "assessor@example.org")
    assert found["key"].startswith("ED25519 key SHA256:")


def test_a_review_changed_after_signing_fails(run: Run, review: Path, keys: Path) -> None:
    sign_review(review, key=keys / "assessor")
    review.write_text(review.read_text().replace("judgement: met", "judgement: not-met", 1))
    ran = run("review", "verify", review, "-a", keys / "allowed_signers", expect=1)
    assert "IMH711" in ran.stdout and "changed after it was signed" in ran.stdout


def test_a_key_that_is_not_allowed_fails(review: Path, keys: Path) -> None:
    sign_review(review, key=keys / "stranger")
    result = verify_review(review, allowed_signers=keys / "allowed_signers")
    assert not result.valid
    (diag,) = result.report.diagnostics
    assert diag.code == "IMH711" and "does not list" in diag.message


def test_no_signature_and_a_damaged_one(review: Path, keys: Path) -> None:
    result = verify_review(review, allowed_signers=keys / "allowed_signers")
    assert "is missing" in result.report.diagnostics[0].message
    Path(f"{review}.sig").write_text("not a signature\n")
    result = verify_review(review, allowed_signers=keys / "allowed_signers")
    assert "not an SSH signature" in result.report.diagnostics[0].message


def test_a_signature_for_another_namespace_fails(review: Path, keys: Path) -> None:
    made = subprocess.run(
        ["ssh-keygen", "-Y", "sign", "-f", keys / "assessor", "-n", "git"],
        input=review.read_bytes(),
        capture_output=True,
        check=True,
    )
    Path(f"{review}.sig").write_bytes(made.stdout)
    result = verify_review(review, allowed_signers=keys / "allowed_signers")
    assert not result.valid


def test_a_review_with_errors_is_not_signed(run: Run, review: Path, keys: Path) -> None:
    edit(review, lambda d: d.__setitem__("state", "revision-requested"))
    ran = run("review", "sign", review, "--key", keys / "assessor", expect=1)
    assert "IMH705" in ran.stderr and "not signed" in ran.stderr
    assert not Path(f"{review}.sig").exists()


def test_a_signature_is_not_replaced_without_force(run: Run, review: Path, keys: Path) -> None:
    sig = sign_review(review, key=keys / "assessor")
    before = sig.read_bytes()
    run("review", "sign", review, "--key", keys / "stranger", expect=2)
    assert sig.read_bytes() == before
    run("review", "sign", review, "--key", keys / "stranger", "--force")
    assert sig.read_bytes() != before


def test_no_ssh_keygen_to_sign_is_exit_2_with_what_to_install(
    run: Run, review: Path, keys: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signature, "ssh_keygen", lambda: None)
    ran = run("review", "sign", review, "--key", keys / "assessor", expect=2)
    assert "ssh-keygen was not found" in ran.stderr and "openssh-client" in ran.stderr


@pytest.mark.parametrize(
    ("signer", "change", "expected"),
    [
        ("assessor", False, None),
        ("assessor", True, "changed after it was signed"),
        ("stranger", False, "does not list"),
    ],
)
def test_without_ssh_keygen_the_sshsig_package_verifies(
    review: Path,
    keys: Path,
    monkeypatch: pytest.MonkeyPatch,
    signer: str,
    change: bool,
    expected: str | None,
) -> None:
    sign_review(review, key=keys / signer)
    if change:
        review.write_text(review.read_text() + "# a late comment\n")
    monkeypatch.setattr(signature, "ssh_keygen", lambda: None)
    result = verify_review(review, allowed_signers=keys / "allowed_signers")
    assert result.verifier == "sshsig"
    if expected is None:
        assert (result.valid, result.signer) == (True, "assessor@example.org")
        assert result.key is not None and "SHA256:" in result.key
    else:
        assert not result.valid and expected in result.report.diagnostics[0].message
