"""`imh review sign` and `imh review verify`: SSH signatures on review files."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from imhcli.cli.options import COLOR, Color, choices, value

SIGN_EPILOG = """[bold]Examples[/]

  imh review sign review.yaml                        git's user.signingkey, or ~/.ssh/id_ed25519
  imh review sign review.yaml --key ~/.ssh/id_ed25519
  imh review sign review.yaml --key ~/.ssh/id_ed25519.pub   a key held by ssh-agent
  imh review sign review.yaml --force                sign again after a change

The review is checked first; one with errors is not signed (exit 1). Writes
REVIEW.yaml.sig beside it (`ssh-keygen -Y sign -n imh-review`). No ssh-keygen: exit 2.
"""

VERIFY_EPILOG = """[bold]Examples[/]

  imh review verify review.yaml --allowed-signers allowed_signers
  imh review verify review.yaml --allowed-signers allowed_signers --format json

An allowed_signers line names who holds a key, as git's gpg.ssh.allowedSignersFile does:
  assessor@example.org namespaces="imh-review" ssh-ed25519 AAAA...

Exit codes: 0 a good signature (who signed is printed); 1 no signature, a key not
listed, or a review changed after signing; 2 a file cannot be read.
"""

VerifyFormat = choices("ReviewVerifyFormat", ["text", "json"])


def sign(
    review: Path = typer.Argument(..., help="The review file to sign."),
    key: Path = typer.Option(
        None, "--key", "-k", help="Private key, or public key of a key in ssh-agent."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing .sig file."),
    color: Color = COLOR,
) -> int:
    """Sign a review with your SSH key, as git signs commits; writes REVIEW.yaml.sig."""
    from imhcli.review.check import check_review
    from imhcli.review.signature import sign_review

    checked = check_review(review)
    if checked.report.summary.errors:
        from imhcli.output.findings import FINDINGS

        FINDINGS["text"](checked.report, out=sys.stderr, color=color.forced())
        sys.stderr.write("imh review: the review has errors; it was not signed\n")
        return 1
    written = sign_review(review, key=key, force=force)
    sys.stdout.write(f"{written}\n")
    line = _allowed_signers_line(key, checked.review.model)
    if line:
        sys.stderr.write(
            "Send the review with its .sig. Whoever verifies it lists your key in their "
            f"allowed_signers file:\n  {line}\n"
        )
    return 0


def _allowed_signers_line(key: Path | None, model: object) -> str | None:
    """The allowed_signers line for the key, when its public half is at hand."""
    from imhcli.models.review import SIGNATURE_NAMESPACE, Review

    if key is None or not isinstance(model, Review):
        return None
    public = key if key.suffix == ".pub" else key.with_name(key.name + ".pub")
    try:
        parts = public.read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        return None
    who = model.assessor.email or model.assessor.name.replace(" ", "_")
    if len(parts) < 2:
        return None
    return f'{who} namespaces="{SIGNATURE_NAMESPACE}" {parts[0]} {parts[1]}'


def verify(
    review: Path = typer.Argument(..., help="The review file."),
    allowed_signers: Path = typer.Option(
        ..., "--allowed-signers", "-a", help="Who may sign: an OpenSSH allowed_signers file."
    ),
    signature: Path = typer.Option(
        None, "--signature", "-s", help="The signature (default: REVIEW.yaml.sig beside it)."
    ),
    output_format: VerifyFormat = typer.Option(  # type: ignore[valid-type]
        "text", "--format", "-f", help="Output format: text or json."
    ),
    color: Color = COLOR,
) -> int:
    """Verify a review's signature against an allowed-signers file; print who signed it."""
    from imhcli.review.signature import verify_review

    result = verify_review(review, allowed_signers=allowed_signers, signature=signature)
    if value(output_format) == "json":
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    elif result.valid:
        sys.stdout.write(f"Good signature on {review} by {result.signer} ({result.key})\n")
    else:
        from imhcli.output.findings import FINDINGS

        FINDINGS["text"](result.report, out=sys.stdout, color=color.forced())
    return 0 if result.valid else 1


def register(app: typer.Typer) -> None:
    app.command("sign", epilog=SIGN_EPILOG)(sign)
    app.command("verify", epilog=VERIFY_EPILOG)(verify)
