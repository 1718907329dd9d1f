"""The same content under several URLs is one result: near-duplicate sections, collapsed.

Old and new site generations keep both copies of a page, and news is
republished under a second path. Each section's title and text, normalised
(lower case, words only), becomes a set of word 3-shingles; a one-permutation
MinHash (``BINS`` bins of one 64-bit hash) sketches the set, and its bins,
cut into ``BANDS`` bands, are the keys under which candidates meet (LSH), so
finding them costs one dictionary look-up per band, never a comparison of all
pairs. Candidates whose sketches agree on at least ``THRESHOLD`` of their bins
(an estimate of the Jaccard similarity of their shingles) are one group;
sections shorter than ``MIN_WORDS`` words (a "Kontakt" line every page has)
are never collapsed.

Which copy is shown (the canonical one), in order: the site with the higher
``rank`` (``corpus/sites/<host>.toml``); a URL that does not look like an old
CMS's (``legacy_urls`` in ``page_rules.toml``); of copies on two sites, the
one updated last (the live site generation), of two addresses on one site, the
one published first (the original, republished later); the deeper address (a
shortcut or alias is shallower); the first id.
The others are not indexed: the canonical section lists their URLs in
``also_at``, and the result says where else the content is.

Hand-written rather than ``datasketch``: that package brings numpy and scipy
for what is forty lines here, and its MinHash with 128 permutations costs a
hash per shingle per permutation, where one permutation costs one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace

from .describe import Document

BINS = 32
BANDS = 16  # of two bins each: copies alike at 0.7 share one of 16 full bands 99.99% of the time
THRESHOLD = 0.7
EDITED = 0.4  # a section under the same heading on a page already found to be a copy
MIN_WORDS = 12
SHINGLE = 3

_WORDS = re.compile(r"[^\W_]+")
_EMPTY = -1


def sketch(text: str) -> tuple[int, ...]:
    """A one-permutation MinHash of the text's word shingles: the least hash in each of BINS bins."""
    words = _WORDS.findall(text.casefold())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    bins = [_EMPTY] * BINS
    for shingle in shingles:
        value = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        index, rest = value % BINS, value // BINS
        if bins[index] == _EMPTY or rest < bins[index]:
            bins[index] = rest
    return tuple(bins)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The share of bins, filled in either sketch, that agree: an estimate of the Jaccard similarity."""
    filled = [(x, y) for x, y in zip(a, b, strict=True) if x != _EMPTY or y != _EMPTY]
    return sum(x == y for x, y in filled) / len(filled) if filled else 0.0


def keys_of(document: Document) -> list[str]:
    """A document's band keys (none for a section too short to collapse)."""
    if len(_WORDS.findall(document.text)) < MIN_WORDS:
        return []
    return band_keys(sketch(f"{document.title}\n{document.text}"), _words(f"{document.title}\n{document.text}"))


def band_keys(signature: tuple[int, ...], wording: str = "") -> list[str]:
    """The keys under which near-duplicates meet: one per band of bins that are all filled (empty bins
    would make every short text meet every other), and one for the exact wording."""
    size = BINS // BANDS
    bands = [signature[n * size : (n + 1) * size] for n in range(BANDS)]
    keys = [f"{n}:{_digest(repr(band))}" for n, band in enumerate(bands) if _EMPTY not in band]
    return keys + ([f"w:{_digest(wording)}"] if wording else [])


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def collapse(documents: list[Document], preference: Callable[[Document], tuple]) -> list[Document]:
    """The documents with each group of near-duplicates reduced to its canonical one (``also_at`` filled).

    ``preference``: a sort key, the canonical copy first. Order is kept otherwise."""
    sketches = {
        doc.id: sketch(f"{doc.title}\n{doc.text}") for doc in documents if len(_WORDS.findall(doc.text)) >= MIN_WORDS
    }
    by_id = {doc.id: doc for doc in documents}
    parent = {doc_id: doc_id for doc_id in sketches}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    buckets: dict[str, list[str]] = {}
    for doc_id, signature in sketches.items():
        for key in band_keys(signature, _words(f"{by_id[doc_id].title}\n{by_id[doc_id].text}")):
            for other in buckets.setdefault(key, []):
                if (
                    by_id[other].page != by_id[doc_id].page
                    and root(other) != root(doc_id)
                    and similarity(signature, sketches[other]) >= THRESHOLD
                ):
                    parent[root(doc_id)] = root(other)
            buckets[key].append(doc_id)
    groups: dict[str, list[Document]] = {}
    for doc_id in sketches:
        groups.setdefault(root(doc_id), []).append(by_id[doc_id])
    copies: dict[str, list[Document]] = {}  # canonical id -> the copies collapsed into it
    for members in groups.values():
        if len(members) > 1:
            first, *others = sorted(members, key=preference)
            copies[first.id] = others
    _edited_copies(documents, copies)
    dropped = {doc.id for others in copies.values() for doc in others}
    canonical = {
        doc_id: replace(
            by_id[doc_id],
            also_at=tuple(dict.fromkeys(doc.url for doc in others)),
            also_pages=tuple(dict.fromkeys(doc.page for doc in others)),
        )
        for doc_id, others in copies.items()
    }
    return [canonical.get(doc.id, doc) for doc in documents if doc.id not in dropped]


def _edited_copies(documents: list[Document], copies: dict[str, list[Document]]) -> None:
    """On a page whose sections are copies of another page's, a section left over is a copy too when that
    page has one under the same heading and it is short (a "Kontakt" line) or at least ``EDITED`` alike
    (a lead with a sentence rewritten)."""
    by_id = {doc.id: doc for doc in documents}
    partner = {doc.page: by_id[doc_id].page for doc_id, others in copies.items() for doc in others}
    taken = {doc.id for others in copies.values() for doc in others} | set(copies)
    by_heading = {(doc.page, _words(doc.title)): doc for doc in documents}
    for doc in documents:
        if doc.id in taken or doc.page not in partner:
            continue
        original = by_heading.get((partner[doc.page], _words(doc.title)))
        if original is None or original.id in taken and original.id not in copies:
            continue
        short = len(_WORDS.findall(doc.text)) < 2 * MIN_WORDS
        if (
            short
            or _words(doc.text) == _words(original.text)
            or similarity(sketch(f"{doc.title}\n{doc.text}"), sketch(f"{original.title}\n{original.text}")) >= EDITED
        ):
            copies.setdefault(original.id, []).append(doc)
            taken.add(doc.id)


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))
