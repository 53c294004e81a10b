"""A 1EdTech CASE 1.1 package (CFPackage JSON) of a framework.

The document holds one CFItem per domain and per competency, and isChildOf
associations: each domain a child of the document, each competency of its
domain, numbered in the framework's order. Every identifier is a uuid5 of the
node's URI, and every URI is built from the base URI, the framework id and the
node's own id, so exporting the same framework twice gives the same package.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from imhcli.models.framework import Competency, Domain, Framework
from imhcli.output.framework import ExportOptions, descriptors, domains_at, title_at

CASE_VERSION = "1.1"


def document_uri(framework_id: str, level: int | None, base_uri: str) -> str:
    """The URI of the CASE document of a framework (or of one level of it)."""
    suffix = "" if level is None else f"/level-{level}"
    return f"{base_uri}{framework_id}{suffix}"


def competency_uri(document: str, competency_id: str) -> str:
    """The URI of a competency's CFItem in the document at ``document``."""
    return f"{document}/competencies/{competency_id}"


def identifier(uri: str) -> str:
    """The stable lowercase UUID of a URI (uuid5 in the URL namespace)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, uri))


def render(framework: Framework, options: ExportOptions) -> str:
    """The package as indented JSON, keys in a fixed order."""
    return json.dumps(package(framework, options), indent=2, ensure_ascii=False) + "\n"


def package(framework: Framework, options: ExportOptions) -> dict[str, Any]:
    """The CFPackage as plain data."""
    stamp = options.changed.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    doc_uri = document_uri(framework.id, options.level, options.base_uri)
    doc = _link(title_at(framework, options.level), doc_uri)
    items: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for d_index, (domain, comps) in enumerate(domains_at(framework, options.level), start=1):
        d_item = _domain_item(domain, doc_uri, doc, stamp)
        items.append(d_item)
        links.append(_child_of(d_item, doc, d_index, doc, stamp))
        for c_index, comp in enumerate(comps, start=1):
            c_item = _competency_item(framework, comp, options.level, doc_uri, doc, stamp)
            items.append(c_item)
            links.append(_child_of(c_item, _link_of(d_item), c_index, doc, stamp))
    return {
        "CFDocument": _document(framework, options.level, doc, stamp),
        "CFItems": items,
        "CFAssociations": links,
    }


def _link(title: str, uri: str) -> dict[str, str]:
    return {"title": title, "identifier": identifier(uri), "uri": uri}


def _link_of(item: dict[str, Any]) -> dict[str, str]:
    return {"title": item["fullStatement"], "identifier": item["identifier"], "uri": item["uri"]}


def _document(
    framework: Framework, level: int | None, doc: dict[str, str], stamp: str
) -> dict[str, Any]:
    notes = [f"Wording: {framework.wording}."]
    if framework.wording_note:
        notes.append(" ".join(framework.wording_note.split()))
    if framework.source:
        notes.append(f"Source: {' '.join(framework.source.split())}")
    return {
        "identifier": doc["identifier"],
        "uri": doc["uri"],
        "creator": framework.publisher,
        "title": doc["title"],
        "lastChangeDateTime": stamp,
        "publisher": framework.publisher,
        "version": framework.version,
        "language": "en",
        "notes": " ".join(notes),
        "caseVersion": CASE_VERSION,
    }


def _domain_item(domain: Domain, doc_uri: str, doc: dict[str, str], stamp: str) -> dict[str, Any]:
    uri = f"{doc_uri}/domains/{domain.id}"
    return {
        "identifier": identifier(uri),
        "uri": uri,
        "fullStatement": domain.title,
        "humanCodingScheme": str(domain.id),
        "CFItemType": "Domain",
        "notes": " ".join(domain.summary.split()),
        "language": "en",
        "lastChangeDateTime": stamp,
        "CFDocumentURI": doc,
    }


def _competency_item(
    framework: Framework,
    comp: Competency,
    level: int | None,
    doc_uri: str,
    doc: dict[str, str],
    stamp: str,
) -> dict[str, Any]:
    uri = competency_uri(doc_uri, comp.id)
    item: dict[str, Any] = {
        "identifier": identifier(uri),
        "uri": uri,
        "fullStatement": " ".join(comp.statement.split()),
        "humanCodingScheme": comp.id,
        "CFItemType": "Competency",
    }
    if comp.group:
        item["conceptKeywords"] = [comp.group]
    levels = descriptors(framework, comp, level)
    if levels:
        item["notes"] = "\n".join(levels)
    item.update(language="en", lastChangeDateTime=stamp, CFDocumentURI=doc)
    return item


def _child_of(
    child: dict[str, Any], parent: dict[str, str], number: int, doc: dict[str, str], stamp: str
) -> dict[str, Any]:
    uri = f"{child['uri']}/isChildOf"
    return {
        "identifier": identifier(uri),
        "associationType": "isChildOf",
        "sequenceNumber": number,
        "uri": uri,
        "originNodeURI": _link_of(child),
        "destinationNodeURI": parent,
        "lastChangeDateTime": stamp,
        "CFDocumentURI": doc,
    }
