"""Syndication and near-duplicates: MinHash over word shingles, LSH bands in a table.

The same wire story reappears on many sites with a new headline, a trimmed last paragraph or a
local sentence added. Counting it once per site would make an agency's framing look like a
consensus, so each copy is linked to the earliest one (``documents.duplicate_of``).

Cost stays bounded at any corpus size: a document's MinHash signature is cut into bands, each
band hashed to one integer and stored in ``shingle_bands``; only documents sharing a band row
are candidates, and only the few best candidates are compared exactly (Jaccard of shingles).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

# Word 5-grams: long enough that two unrelated articles rarely share one, short enough that a
# small edit only disturbs the few shingles that span it.
SHINGLE_WORDS = 5
# 60 hash functions in 20 bands of 3: two texts with shingle Jaccard s share at least one band
# with probability 1 - (1 - s^3)^20 — 0.99 at s = 0.6, 0.93 at s = 0.5, 0.02 at s = 0.1 (what
# unrelated articles sharing an outlet's boilerplate reach). So edited copies are found and
# unrelated texts rarely become candidates.
NUM_PERM = 60
BANDS = 20
ROWS = NUM_PERM // BANDS
# Fixed seed: the stored band hashes must stay comparable across runs and versions. Changing
# any of the four numbers above means re-indexing every stored document.
SEED = 20_201_203
# Exact check of at most this many candidates (most shared bands first).
MAX_CANDIDATES = 20
# Jaccard of word shingles from which a document counts as a copy. Lower when both carry the
# same dateline agency: a wire story re-edited by each site (new lede, cut ending) keeps its
# agency line, which is independent evidence of syndication.
DUPLICATE_THRESHOLD = 0.7
SAME_AGENCY_THRESHOLD = 0.5
# Texts shorter than this many words are not indexed: briefs and stubs share boilerplate.
MIN_WORDS = 40

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK32 = np.uint64(0xFFFFFFFF)
_rng = np.random.RandomState(SEED)
# Multiply-shift hashing h(x) = ((a·x + b) mod 2^64) >> 32 with odd a: a universal family.
_A = np.frombuffer(_rng.bytes(8 * NUM_PERM), dtype="<u8") | np.uint64(1)
_GRAM_BASE = np.uint64(1_000_003)  # odd multiplier combining a 5-gram's word hashes
_B = np.frombuffer(_rng.bytes(8 * NUM_PERM), dtype="<u8")


@dataclass(frozen=True)
class Fingerprint:
    """A text's shingle set and its LSH band hashes (empty when too short to index)."""

    shingles: frozenset[int]
    bands: tuple[int, ...]


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def shingles(text: str) -> frozenset[int]:
    """32-bit hashes of the text's lower-cased word 5-grams.

    Each word is hashed once (CRC-32: stable across processes, in C) and a 5-gram's hash is a
    fixed polynomial of its words' hashes, computed for all positions at once with numpy.
    """
    tokens = words(text)
    if len(tokens) < SHINGLE_WORDS:
        return frozenset()
    h = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), np.uint64, len(tokens))
    n = len(tokens) - SHINGLE_WORDS + 1
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE_WORDS):
            acc = acc * _GRAM_BASE + h[k : k + n]
    return frozenset(((acc >> np.uint64(16)) & _MASK32).tolist())


def fingerprint(text: str) -> Fingerprint:
    """The shingles and band hashes of ``text``."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return Fingerprint(frozenset(), ())
    sh = shingles(text)
    if not sh:
        return Fingerprint(sh, ())
    x = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    with np.errstate(over="ignore"):
        hashed = ((x[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)) & _MASK32
    signature = hashed.min(axis=0).astype("<u4")
    bands = []
    for b in range(BANDS):
        chunk = signature[b * ROWS : (b + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([b]) + chunk, digest_size=8).digest()
        bands.append(int.from_bytes(digest, "little", signed=True))  # fits BIGINT
    return Fingerprint(sh, tuple(bands))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def threshold(agency_a: str | None, agency_b: str | None) -> float:
    """The similarity from which two documents count as copies (see the constants)."""
    if agency_a and agency_b and agency_a.strip().lower() == agency_b.strip().lower():
        return SAME_AGENCY_THRESHOLD
    return DUPLICATE_THRESHOLD
