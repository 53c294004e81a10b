"""The BagIt 1.0 text formats (RFC 8493): bagit.txt, manifests and bag-info.txt."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor

#: bagit.txt, byte for byte: no byte-order mark, LF line endings.
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
#: Payload manifests every imh bundle has.
PAYLOAD_ALGORITHMS = ("sha256", "sha512")
#: The tag manifest's algorithm.
TAG_ALGORITHM = "sha256"
#: Algorithms a manifest of a received bag may use (RFC 8493 section 2.4).
KNOWN_ALGORITHMS = ("md5", "sha1", "sha256", "sha512")
PAYLOAD_DIR = "data"

_MANIFEST_NAME = re.compile(r"^(tag)?manifest-([a-z0-9]+)\.txt$")


def manifest_name(algorithm: str, *, tag: bool = False) -> str:
    return f"{'tag' if tag else ''}manifest-{algorithm}.txt"


def parse_manifest_name(name: str) -> tuple[bool, str] | None:
    """``(is_tag_manifest, algorithm)`` for a manifest's file name, else None."""
    m = _MANIFEST_NAME.match(name)
    return (m.group(1) is not None, m.group(2)) if m else None


def encode_path(path: str) -> str:
    """A path as a manifest writes it: %, CR and LF percent-encoded (RFC 8493 2.1.3)."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def decode_path(path: str) -> str:
    return re.sub(
        r"%(0[AaDd]|25)", lambda m: {"0a": "\n", "0d": "\r", "25": "%"}[m.group(1).lower()], path
    )


def hash_chunks(
    chunks: Iterable[bytes],
    algorithms: Iterable[str],
    pool: Executor,
    sink: Callable[[bytes], object] | None = None,
) -> tuple[dict[str, str], int]:
    """Hex digests of a stream for each algorithm, and its length in bytes.

    Each algorithm runs in ``pool`` while ``sink`` (if any) takes the chunk: hashlib
    releases the GIL on large buffers, so two digests cost little more than one.
    """
    hashers = {alg: hashlib.new(alg) for alg in algorithms}
    length = 0
    for chunk in chunks:
        jobs = [pool.submit(hasher.update, chunk) for hasher in hashers.values()]
        if sink is not None:
            sink(chunk)
        length += len(chunk)
        for job in jobs:
            job.result()
    return {alg: hasher.hexdigest() for alg, hasher in hashers.items()}, length


def manifest_text(digests: Mapping[str, str]) -> str:
    """Manifest lines ``<hex>  <path>``, sorted by path; ``digests`` maps path to hex."""
    return "".join(f"{digests[path]}  {encode_path(path)}\n" for path in sorted(digests))


def parse_manifest(text: str) -> tuple[dict[str, str], list[int]]:
    """Path -> lower-case hex from a manifest, and the 1-based numbers of malformed lines."""
    found: dict[str, str] = {}
    bad: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split(None, 1)
        if len(parts) != 2 or not re.fullmatch(r"[0-9a-fA-F]+", parts[0]):
            bad.append(number)
            continue
        found[decode_path(parts[1].strip())] = parts[0].lower()
    return found, bad


def bag_info_text(fields: Iterable[tuple[str, str]]) -> str:
    """bag-info.txt from ``(label, value)`` pairs, in the order given; empty values left out."""
    return "".join(f"{label}: {_one_line(value)}\n" for label, value in fields if value)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def parse_bag_info(text: str) -> tuple[dict[str, list[str]], list[int]]:
    """Label -> values (a label may repeat), and the numbers of malformed lines."""
    fields: dict[str, list[str]] = {}
    bad: list[int] = []
    last: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if line[:1] in (" ", "\t") and last is not None:
            fields[last][-1] += " " + line.strip()  # a folded continuation line
            continue
        label, sep, value = line.partition(":")
        if not sep or not label.strip():
            bad.append(number)
            last = None
            continue
        last = label.strip()
        fields.setdefault(last, []).append(value.strip())
    return fields, bad


def payload_oxum(octets: int, count: int) -> str:
    return f"{octets}.{count}"
