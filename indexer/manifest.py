"""What a generation was built from: the manifest that makes updates incremental.

Each index generation holds ``corpus-manifest.json`` beside the Whoosh files:

* ``pages``: for every page, the SHA-256 of its bytes and the ids of its
  sections, so an update re-reads only pages whose bytes changed;
* ``corpus_data``: the hash of ``kinds.toml`` and ``overrides.toml`` (a change
  there can touch any section, so every page is re-read, though only changed
  sections are re-written);
* ``analysis``: a fingerprint of the analysis code and word data; when it
  changes, the terms in the index are stale and an update becomes a full build;
* ``baseline``: when the first generation was built. Sections first indexed
  later than that are new to visitors ("Ny").
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from .corpus import KINDS_FILE, OVERRIDES_FILE

MANIFEST_FILE = "corpus-manifest.json"
FORMAT = 1

#: The modules whose behaviour decides the terms in the index.
ANALYSIS_MODULES = ("analysis.py", "words.py", "compounds.py", "lexicon.py", "schema.py", "describe.py", "parse.py")


@dataclass(frozen=True)
class PageRecord:
    sha256: str
    sections: tuple[str, ...]


@dataclass
class Manifest:
    analysis: str
    corpus_data: str
    baseline: float
    pages: dict[str, PageRecord] = field(default_factory=dict)
    format: int = FORMAT

    def write(self, folder: Path) -> None:
        data = asdict(self)
        path = folder / MANIFEST_FILE
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)

    @classmethod
    def read(cls, folder: Path) -> Manifest | None:
        """The manifest of a generation; None if it has none or one of another format."""
        try:
            data = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("format") != FORMAT:
            return None
        pages = {name: PageRecord(p["sha256"], tuple(p["sections"])) for name, p in data["pages"].items()}
        return cls(data["analysis"], data["corpus_data"], data["baseline"], pages)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus_data_hash(corpus_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in (KINDS_FILE, OVERRIDES_FILE):
        path = corpus_dir / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return digest.hexdigest()


@cache
def analysis_fingerprint() -> str:
    """Changes whenever the code or data that make index terms change."""
    package = resources.files("indexer")
    digest = hashlib.sha256()
    for item in sorted((package / "data").iterdir(), key=lambda p: p.name):
        digest.update(item.name.encode() + b"\0" + item.read_bytes())
    for name in ANALYSIS_MODULES:
        digest.update(name.encode() + b"\0" + (package / name).read_bytes())
    return digest.hexdigest()[:16]
