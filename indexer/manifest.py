"""What a generation was built from: the manifest that makes updates incremental.

Each index generation holds ``corpus-manifest.json`` beside the Whoosh files:

* ``pages``: for every page, the SHA-256 of its bytes and the ids of its
  sections, so an update re-reads only pages whose bytes changed;
* ``corpus_data``: the hash of ``kinds.toml``, ``overrides.toml`` and the site
  rules in ``sites/`` (a change there can touch any section, so every page is re-read, though only changed
  sections are re-written);
* ``analysis``: a fingerprint of the analysis code and word data; when it
  changes, the terms in the index are stale and an update becomes a full build;
* ``baseline``: when the first generation was built. Sections first indexed
  later than that are new to visitors ("Ny").
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from .corpus import KINDS_FILE, OVERRIDES_FILE
from .sites import SITES_FOLDER
from .synonyms import FILE_NAME as SYNONYMS_FILE

# Data files of the package that only the search reads: an edit to them needs no re-index.
QUERY_SIDE_DATA = frozenset({f"data/{SYNONYMS_FILE}"})

MANIFEST_FILE = "corpus-manifest.json"
FORMAT = 1

#: The phases that turn a page into the document the index stores: ``describe`` (page -> document, with its
#: parser, gazetteer and corpus data), ``duplicates`` (which copies are left out, and the ``dupkeys`` terms) and
#: ``schema`` (fields and the analysis chain). Every module they import, directly or not, decides index terms
#: too; ``term_modules`` finds them, so none is ever left out by hand.
DOCUMENT_PHASES = ("describe", "duplicates", "schema")


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


def corpus_data_hash(corpus_dir: Path) -> str:
    digest = hashlib.sha256()
    sites = sorted(path.relative_to(corpus_dir).as_posix() for path in (corpus_dir / SITES_FOLDER).glob("*.toml"))
    for name in (KINDS_FILE, OVERRIDES_FILE, *sites):
        path = corpus_dir / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return digest.hexdigest()


def package_imports(source: str) -> set[str]:
    """The modules of this package that a module's source imports: ``from .x import …``,
    ``from . import x``, ``from indexer.x import …``, ``import indexer.x``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 1 and module:
                found.add(module.split(".")[0])
            elif node.level == 1 or module == "indexer":
                found.update(alias.name for alias in node.names)
            elif module.startswith("indexer."):
                found.add(module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[1] for alias in node.names if alias.name.startswith("indexer."))
    return found


def term_modules(package: Path) -> list[str]:
    """Every module of the package that the document phases reach through imports, sorted."""
    seen: set[str] = set()
    todo = list(DOCUMENT_PHASES)
    while todo:
        name = todo.pop()
        path = package / f"{name}.py"
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        todo.extend(package_imports(path.read_text(encoding="utf-8")))
    return sorted(seen)


def fingerprint_of(package: Path) -> str:
    """A hash of the term modules' sources and of every data file under ``data/`` that the
    index reads (not the query side's, ``QUERY_SIDE_DATA``)."""
    digest = hashlib.sha256()
    for item in sorted((package / "data").rglob("*")):
        if item.is_file() and item.relative_to(package).as_posix() not in QUERY_SIDE_DATA:
            digest.update(item.relative_to(package).as_posix().encode() + b"\0" + item.read_bytes())
    for name in term_modules(package):
        digest.update(name.encode() + b"\0" + (package / f"{name}.py").read_bytes())
    return digest.hexdigest()[:16]


@cache
def analysis_fingerprint() -> str:
    """Changes whenever the code or data that make index terms change."""
    return fingerprint_of(Path(str(resources.files("indexer"))))
