"""An Open Badges 3.0 OpenBadgeCredential for one listing (unsigned).

The credential names its subject by the name the register publishes, and its
achievement is the framework level, aligned to each competency of that level as
a CASE item (the URIs `imh framework export --format case-json --level N` gives).
"""

from __future__ import annotations

import json
from typing import Any

from imhcli.models.register import Listing, Register
from imhcli.output.framework.case import competency_uri, document_uri

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def achievement_id(register: Register, listing: Listing) -> str:
    return (
        f"{register.issuer.url.rstrip('/')}/achievements/{listing.framework}/level-{listing.level}"
    )


def badge(register: Register, listing: Listing) -> str:
    """The credential as indented JSON."""
    return json.dumps(credential(register, listing), indent=2, ensure_ascii=False) + "\n"


def credential(register: Register, listing: Listing) -> dict[str, Any]:
    """The credential as plain data."""
    title = f"{listing.framework_title}, level {listing.level}: {listing.level_title}"
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{listing.id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": register.issuer.url,
            "type": ["Profile"],
            "name": register.issuer.name,
        },
        "validFrom": f"{listing.recognised.isoformat()}T00:00:00Z",
        "name": title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": listing.name,
                }
            ],
            "achievement": {
                "id": achievement_id(register, listing),
                "type": ["Achievement"],
                "name": title,
                "description": f"Recognised at level {listing.level} ({listing.level_title}) "
                f"of {listing.framework_title}.",
                "criteria": {
                    "narrative": "A portfolio of evidence against every competency at this "
                    "level, reviewed by an assessor and signed off."
                },
                "alignment": _alignments(register, listing),
            },
        },
    }


def _alignments(register: Register, listing: Listing) -> list[dict[str, Any]]:
    framework = register.frameworks.get(listing.framework)
    if framework is None:
        return []
    document = document_uri(framework.id, listing.level, register.base_uri)
    return [
        {
            "type": ["Alignment"],
            "targetType": "CFItem",
            "targetCode": comp.id,
            "targetName": " ".join(comp.statement.split()),
            "targetUrl": competency_uri(document, comp.id),
            "targetFramework": framework.title,
        }
        for comp in framework.at_level(listing.level)
    ]
