"""Generate docs/codes.md from the code table and the rules' docstrings.

Run ``python -m imhcli.output.codes_doc`` to rewrite it; a test fails when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from imhcli.codes import CODES

HEADER = """\
# Finding codes

Every finding `imh check` reports has one of these codes. Errors make `imh check`
exit 1; warnings do so only with `--strict`. Privacy rules (IMH4xx) can be allowed,
per file with `allow: [NAME]` in the front matter, or per line with
`<!-- imh-allow: NAME -->`, which covers its own line and the next. Review codes
(IMH7xx) are reported by `imh review check` and `imh review verify` about an
assessor's review file.

This page is generated from imh's code table and rule docstrings
(`python -m imhcli.output.codes_doc`); do not edit it by hand.

| code | name | severity | finding |
|---|---|---|---|
"""


#: Codes found while reading files rather than by a registered rule.
READING = {
    "IMH101": "portfolio.yaml is missing, or is not a mapping of `key: value` lines. "
    "Run `imh init` or restore the file.",
    "IMH102": "The YAML cannot be parsed; the line and column are the parser's. Also "
    "reported for YAML that nests too deeply or expands hugely through aliases.",
    "IMH103": "An entry has no front matter, an unterminated block (no closing `---` or "
    "`...`), or front matter that is empty or not a mapping.",
    "IMH104": "A required field is missing: `type`, `title` (except self-assessments), "
    "`date`, and `hours` for cpd and supervision entries; in portfolio.yaml `format`, "
    "`framework`, `level` and `practitioner.name`.",
    "IMH105": "A field has the wrong type or a value outside its set. YAML 1.2 reads "
    "`yes`/`no` as text, so booleans must be `true`/`false`.",
    "IMH106": 'A field imh does not know, with a "did you mean". List deliberate extra '
    "keys (Obsidian properties) under `extra_fields:` in portfolio.yaml.",
    "IMH107": "A key appears twice in the same mapping.",
    "IMH108": "The file is not UTF-8 text (binary, UTF-16, or another encoding).",
    "IMH109": "The file cannot be read: larger than 2 MiB, no permission, or a link "
    "that leaves the portfolio, dangles or loops.",
    "IMH703": "A review's `judgement` is not one of not-assessed, not-met, partially-met "
    'or met (found while reading the review, with a "did you mean").',
    "IMH711": "`imh review verify` and `imh review accept`: the review has no signature "
    "file, was signed by a key the allowed-signers file does not list for the "
    "namespace imh-review, or was changed after it was signed.",
    "IMH111": "A value that is still read but has a newer form (a warning): "
    "`kind: group` on supervision is read as `kind: reflective, mode: group`; "
    "the hint gives what to write instead.",
    "IMH801": "`imh framework import-grid`: the grid has no header row, no id or statement "
    "column, or two columns for the same field. Name the headers as docs/interop.md lists, "
    "or map them with `--map 'HEADER=FIELD'`.",
    "IMH802": "`imh framework import-grid`: a row has no competency id, or one that is not "
    "`D.NN` (the domain number, a dot, the competency's number).",
    "IMH803": "`imh framework import-grid`: two rows have the same id, or ids that are the "
    "same number (`1.1` and `1.10`), which an unquoted id in a portfolio cannot tell apart.",
    "IMH804": "`imh framework import-grid`: a competency's statement cell is empty.",
    "IMH805": "`imh framework import-grid`: a level column (`Level 4`) names a level the "
    "base framework does not define; choose another `--base` or map the column.",
    "IMH806": "`imh framework import-grid`: a column that is neither a known header nor "
    "mapped; it is left out of the framework.",
}


def render() -> str:
    from imhcli.rules import all_rules

    rows = [f"| {c.code} | `{c.name}` | {c.severity.value} | {c.summary} |" for c in CODES.values()]
    sections = [f"### {code}\n\n{text}\n" for code, text in READING.items()]
    for rule in sorted(all_rules(), key=lambda r: r.codes):
        if rule.doc:
            doc = "\n".join(line.strip() for line in rule.doc.splitlines())
            sections.append(f"### {', '.join(rule.codes)}: `{rule.name}`\n\n{doc}\n")
    return HEADER + "\n".join(rows) + "\n\n## Rules\n\n" + "\n".join(sections)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0].startswith("-")):
        sys.stderr.write(
            "usage: python -m imhcli.output.codes_doc [PATH]   (default: docs/codes.md)\n"
        )
        return 0 if args and args[0] in {"-h", "--help"} else 2
    target = Path(args[0]) if args else Path("docs/codes.md")
    target.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
