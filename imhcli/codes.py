"""The table of finding codes (spec section 5), in one place.

Every diagnostic carries one of these codes. Reporters use the table for rule
metadata (SARIF rules, JUnit names) and the docs page of codes is generated
from it, so the table is the single source of truth for code, name and severity.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str


_E, _W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("IMH101", "portfolio-file", _E, "portfolio.yaml missing or not a mapping"),
        Code("IMH102", "yaml-syntax", _E, "YAML syntax error"),
        Code("IMH103", "front-matter", _E, "entry without front matter, or unterminated"),
        Code("IMH104", "required-field", _E, "required field missing"),
        Code("IMH105", "field-value", _E, "field has the wrong type or a value outside its set"),
        Code("IMH106", "unknown-field", _W, "unknown field"),
        Code("IMH107", "duplicate-key", _E, "duplicate key"),
        Code("IMH108", "not-utf8", _E, "file is not UTF-8 text"),
        Code("IMH109", "unreadable-file", _E, "file cannot be read (too large, a link, no access)"),
        Code("IMH110", "unfinished-entry", _W, "entry is unfinished: only its template"),
        Code("IMH111", "deprecated-value", _W, "deprecated value, with what to write instead"),
        Code("IMH201", "unknown-competency", _E, "unknown competency id"),
        Code("IMH202", "competency-level", _W, "competency does not apply at the level"),
        Code("IMH203", "missing-path", _E, "evidence or about path does not exist"),
        Code("IMH204", "path-outside", _E, "path leaves the portfolio or points into private/"),
        Code("IMH205", "unknown-reference", _E, "unknown framework or requirement profile"),
        Code("IMH206", "ambiguous-id", _W, "competency id written as an ambiguous number"),
        Code("IMH207", "about-draft", _W, "`about` points at a draft (a bundle would refuse it)"),
        Code("IMH301", "future-date", _W, "date in the future"),
        Code("IMH302", "end-before-date", _E, "end before date"),
        Code("IMH303", "implausible-hours", _E, "more than 24 hours per day of the activity"),
        Code("IMH401", "nhs-number", _E, "NHS number"),
        Code("IMH402", "postcode", _E, "full UK postcode"),
        Code("IMH403", "phone", _E, "UK telephone number"),
        Code("IMH404", "email", _E, "e-mail address other than the practitioner's own"),
        Code("IMH405", "date-of-birth", _E, "date of birth"),
        Code("IMH406", "deny-list", _E, "a term from the portfolio's deny-list"),
        Code("IMH407", "private-in-git", _E, "a private file is tracked or staged in git"),
        Code("IMH408", "identifying-name", _E, "a file or folder name holds an identifier"),
        Code("IMH501", "unevidenced-claim", _W, "self-assessed achieved with no final evidence"),
        Code("IMH601", "unsafe-name", _E, "bundle entry with an unsafe or colliding name"),
        Code("IMH602", "bundle-limits", _E, "bundle too large: too many files or bytes"),
        Code("IMH603", "bag-incomplete", _E, "bag file missing or not listed in a manifest"),
        Code("IMH604", "checksum-mismatch", _E, "payload or tag file does not match its checksum"),
        Code("IMH605", "bag-declaration", _E, "bagit.txt, bag-info.txt or a manifest is malformed"),
        Code("IMH606", "report-mismatch", _E, "the bundled report is not the payload's report"),
        Code("IMH607", "unlisted-tag-file", _W, "a file beside the payload no tag manifest lists"),
        Code("IMH701", "review-competency", _E, "review judges a competency not at its level"),
        Code("IMH702", "review-missing", _E, "review leaves out a competency at its level"),
        Code("IMH703", "judgement-value", _E, "judgement outside the set"),
        Code("IMH704", "sign-off-unmet", _E, "signed off while a competency is not met"),
        Code("IMH705", "revision-without-next", _E, "revision requested with no feed-forward item"),
        Code("IMH706", "feed-forward-met", _W, "feed-forward names a competency not below met"),
        Code("IMH707", "self-level-feedback", _W, "feedback about the self"),
        Code("IMH708", "review-evidence", _E, "review evidence path not in the bundle"),
        Code("IMH709", "review-bundle", _E, "review is about another bundle (sha256 or name)"),
        Code("IMH710", "decision-date", _E, "decision dated before the bundle was made"),
        Code("IMH711", "review-signature", _E, "signature missing, wrong key or review changed"),
        Code("IMH712", "decision-feedback", _W, "a decision without feedback text"),
        Code("IMH801", "grid-columns", _E, "grid: a needed column missing or repeated"),
        Code("IMH802", "grid-id", _E, "grid: a row without a usable competency id"),
        Code("IMH803", "grid-duplicate-id", _E, "grid: an id used twice, or equal as a number"),
        Code("IMH804", "grid-empty-statement", _E, "grid: a competency without a statement"),
        Code("IMH805", "grid-unknown-level", _E, "grid: a column for a level the framework lacks"),
        Code("IMH806", "grid-unused-column", _W, "grid: a column imh does not use"),
    )
}
