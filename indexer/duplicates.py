"""The same content under several URLs is one result: near-duplicate sections, collapsed.

Old and new site generations keep both copies of a page, and news is
republished under a second path. Each section's title and text, normalised
(lower case, words only), becomes a set of word 3-shingles; a one-permutation
MinHash (``BINS`` bins of one 64-bit hash) sketches the set, and its bins,
cut into ``BANDS`` bands, are the keys under which candidates meet (LSH), so
finding them costs one sort of each band's digests over the corpus (numpy),
never a comparison of all pairs. Candidates whose sketches agree on at least ``THRESHOLD`` of their bins
(an estimate of the Jaccard similarity of their shingles) are one group;
sections shorter than ``MIN_WORDS`` words (a "Kontakt" line every page has)
are never collapsed by likeness. Sections of any length with the same words
under the same URL are one section: a list's introduction on its first page
and on its second, which names the first as its canonical page.

Which copy is shown (the canonical one), in order: the site with the higher
``rank`` (``corpus/sites/<host>.toml``: the operator's word, even for an old
CMS whose every address has a query, ``sida.asp?id=5``, over a mirror's clean
one); of two addresses on one site, a URL without a query string (a print
version ``?print=1``, a list's ``?page=2``, a tracking parameter is a view of
the page, never the page); a URL that does not look like an old CMS's
(``legacy_urls`` in ``page_rules.toml``); of copies on two sites, the one
updated last (the live site generation); of two addresses on one site, the
one whose page names it its own (``<link rel="canonical">``) and was found
there (``Document.named``), then the one published first (the original,
republished later); the deeper address (a shortcut or alias is shallower);
then the URL, and only between copies at one URL the section id (a file's
name), so that which address is shown never depends on file names.
The others are not indexed: the canonical section lists their URLs in
``also_at`` (not its own, nor a view of it: its print version), and the
result says where else the content is.

Hand-written rather than ``datasketch``: that package brings scipy
for what is forty lines here, and its MinHash with 128 permutations costs a
hash per shingle per permutation, where one permutation costs one.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import numpy as np

from .describe import Document

BINS = 32
BANDS = 16  # of two bins each: copies alike at 0.7 share one of 16 full bands 99.99% of the time
THRESHOLD = 0.7
EDITED = 0.4  # a section under the same heading on a page already found to be a copy
MIN_WORDS = 12
SHINGLE = 3

_WORDS = re.compile(r"[^\W_]+")
_EMPTY = -1
_NONE = np.iinfo(np.uint64).max  # a bin no shingle fell in, while binning (a hash // BINS is smaller)


def sketch(text: str) -> tuple[int, ...]:
    """A one-permutation MinHash of the text's word shingles: the least hash in each of BINS bins."""
    return _sketch(_WORDS.findall(text.casefold()))


def _sketch(words: list[str]) -> tuple[int, ...]:
    """``sketch`` of the text's words (casefolded). Each shingle is hashed (blake2b, in C) and the hashes
    are binned together (numpy), not compared one at a time in Python: the same bins in 40% less time
    (the prints were 14% of a build's CPU, sampled at 5,000 sections)."""
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    digests = b"".join(hashlib.blake2b(shingle.encode(), digest_size=8).digest() for shingle in shingles)
    values = np.frombuffer(digests, dtype=">u8").astype(np.uint64)
    least = np.full(BINS, _NONE, dtype=np.uint64)
    np.minimum.at(least, values % BINS, values // BINS)
    return tuple(_EMPTY if rest == _NONE else rest for rest in least.tolist())


@dataclass(frozen=True)
class Print:
    """What finding near-duplicates needs of a section's text, so that it is computed where the
    text was read (an indexing worker, ``parallel.py``) and the text can stay there."""

    sketch: bytes  # the MinHash bins, packed (``signature``)
    words: int  # how many words the text has
    keys: bytes  # the digests of its keys, 8 bytes each: every band's (``full`` says which count), the wording's
    full: int  # bit n: band n has all its bins filled
    text_wording: bytes  # a digest of the text's words alone
    address: bytes  # a digest of the section's URL and its words: the same section twice under one URL


def print_of(document: Document) -> Print:
    title_words = _WORDS.findall(document.title.casefold())
    both_words = [*title_words, *_WORDS.findall(document.text.casefold())]  # the words of title and text
    signature_ = _sketch(both_words)
    full = dict(_bands(signature_))
    digests = [_wording_digest(repr(full[n])) if n in full else bytes(8) for n in range(BANDS)]
    return Print(
        array("q", signature_).tobytes(),
        len(_WORDS.findall(document.text)),
        b"".join([*digests, _wording_digest(" ".join(both_words))]),
        sum(1 << n for n in full),
        _wording_digest(" ".join(both_words[len(title_words) :]), size=16),
        _wording_digest(f"{document.url}\x1f{' '.join(both_words)}"),
    )


def signature(found: Print) -> tuple[int, ...]:
    """A print's sketch as ``sketch`` returns it."""
    return tuple(array("q", found.sketch))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The share of bins, filled in either sketch, that agree: an estimate of the Jaccard similarity."""
    filled = [(x, y) for x, y in zip(a, b, strict=True) if x != _EMPTY or y != _EMPTY]
    return sum(x == y for x, y in filled) / len(filled) if filled else 0.0


def keys_of(document: Document) -> list[str]:
    """A document's band keys (none for a section too short to collapse)."""
    return index_keys(print_of(document))


def index_keys(found: Print) -> list[str]:
    """The band keys the index holds for a section (``dupkeys``), so that an update finds the copies
    a change touches; for a section too short to collapse by likeness, its address's (``collapse``)."""
    if found.words < MIN_WORDS:
        return [f"a:{found.address.hex()}"]
    keys = [f"{n}:{found.keys[8 * n : 8 * n + 8].hex()}" for n in range(BANDS) if found.full >> n & 1]
    return keys + [f"w:{found.keys[8 * BANDS :].hex()}"]


def _bands(signature_: tuple[int, ...]):
    """The bands under which near-duplicates meet: (number, bins) of each band whose bins are all filled
    (empty bins would make every short text meet every other)."""
    size = BINS // BANDS
    for n in range(BANDS):
        band = signature_[n * size : (n + 1) * size]
        if _EMPTY not in band:
            yield n, band


def _meetings(prints: list[Print]):
    """Each pair (i, j), i < j, of prints that share a key (``index_keys``), as (j, i) in the order
    the sections would meet one by one: by j, then by key, then by i. Found by sorting each key's
    column of digests (numpy), not by a dictionary of every key: at 100,000 sections that would
    hold 1.7 million entries."""
    count = len(prints)
    digests = np.frombuffer(b"".join(p.keys for p in prints), dtype=">u8").reshape(count, BANDS + 1)
    masks = np.array([p.full for p in prints], dtype=np.int64)
    found = []
    for column in range(BANDS + 1):
        rows = np.arange(count) if column == BANDS else np.flatnonzero(masks >> column & 1)
        order = np.argsort(digests[rows, column], kind="stable")
        values = digests[rows[order], column]
        starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
        for start, end in zip(starts, [*starts[1:], len(values)], strict=True):
            members = rows[order[start:end]].tolist()
            found += [(j, column, i) for n, j in enumerate(members) for i in members[:n]]
    return [(j, i) for j, _, i in sorted(found)]


def _wording_digest(words: str, size: int = 8) -> bytes:
    return hashlib.blake2b(words.encode(), digest_size=size).digest()


def collapse(
    documents: list[Document], preference: Callable[[Document], tuple], prints: dict[str, Print] | None = None
) -> list[Document]:
    """The documents with each group of near-duplicates reduced to its canonical one (``also_at`` filled):
    sections alike (see the module docstring), and sections of any length with the same words under the same
    URL (a list's introduction on its first page and on its second, both naming the first as canonical).

    ``preference``: a sort key, the canonical copy first. Order is kept otherwise. ``prints``: each
    document's ``Print`` by id, when the documents come without their text (else computed here)."""
    if prints is None:
        prints = {doc.id: print_of(doc) for doc in documents}
    collapsible = [doc.id for doc in documents if prints[doc.id].words >= MIN_WORDS]
    by_id = {doc.id: doc for doc in documents}
    parent = {doc.id: doc.id for doc in documents}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for j, i in _meetings([prints[doc_id] for doc_id in collapsible]):
        doc_id, other = collapsible[j], collapsible[i]
        if (
            by_id[other].page != by_id[doc_id].page
            and root(other) != root(doc_id)
            and similarity(signature(prints[doc_id]), signature(prints[other])) >= THRESHOLD
        ):
            parent[root(doc_id)] = root(other)
    first_at: dict[bytes, str] = {}
    for doc in documents:
        other = first_at.setdefault(prints[doc.id].address, doc.id)
        if root(other) != root(doc.id):
            parent[root(doc.id)] = root(other)
    groups: dict[str, list[Document]] = {}
    for doc in documents:
        groups.setdefault(root(doc.id), []).append(doc)
    copies: dict[str, list[Document]] = {}  # canonical id -> the copies collapsed into it
    for members in groups.values():
        if len(members) > 1:
            first, *others = sorted(members, key=preference)
            copies[first.id] = others
    _edited_copies(documents, copies, prints)
    dropped = {doc.id for others in copies.values() for doc in others}
    canonical = {
        doc_id: replace(
            by_id[doc_id],
            also_at=tuple(dict.fromkeys(doc.url for doc in others if _elsewhere(doc.url, by_id[doc_id].url))),
            also_pages=tuple(dict.fromkeys(doc.page for doc in others)),
        )
        for doc_id, others in copies.items()
    }
    return [canonical.get(doc.id, doc) for doc in documents if doc.id not in dropped]


def _elsewhere(url: str, shown: str) -> bool:
    """Whether a copy's ``url`` is another place than the ``shown`` one's: not that very URL, nor a view of it
    (a print version, a list's second page, a tracking parameter: the same address but its query)."""
    return urlsplit(url)._replace(query="") != urlsplit(shown)._replace(query="")


def _edited_copies(documents: list[Document], copies: dict[str, list[Document]], prints: dict[str, Print]) -> None:
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
        mine, theirs = prints[doc.id], prints[original.id]
        if (
            mine.words < 2 * MIN_WORDS
            or mine.text_wording == theirs.text_wording
            or similarity(signature(mine), signature(theirs)) >= EDITED
        ):
            copies.setdefault(original.id, []).append(doc)
            taken.add(doc.id)


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))
