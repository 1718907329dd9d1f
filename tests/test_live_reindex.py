"""Re-indexing under load, with real processes and real files: the production server
keeps answering from complete generations while the indexer updates, rebuilds,
or is killed at random moments."""

import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from testkit.server import get_json, indexer, running_server

from .conftest import REAL_CORPUS, age_generations

PAGE = "utveckla-svenska-stader.html"
EXTRA = '<h3 id="lulea-kommun">Luleå kommun</h3>\n<p>Hamnen i Luleå.</p>\n<h3 id="boverket">'


def toggle_section(corpus: Path, sections: int) -> int:
    """Add the extra section if it is absent, remove it if present; the expected total, given
    the ``sections`` the corpus has without it."""
    page = corpus / PAGE
    text = page.read_text(encoding="utf-8")
    if EXTRA in text:
        page.write_text(text.replace(EXTRA, '<h3 id="boverket">'), encoding="utf-8")
        return sections
    page.write_text(text.replace('<h3 id="boverket">', EXTRA), encoding="utf-8")
    return sections + 1


class Hammer:
    """Threads querying the server until stopped; every answer is checked."""

    def __init__(self, base: str, threads: int = 4):
        self.base, self.stop = base, threading.Event()
        self.failures, self.totals, self.requests = [], set(), 0
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def _run(self):
        while not self.stop.is_set():
            try:
                status, body = get_json(self.base, "/api/search", q="", per_page=1)
                hamn_status, _ = get_json(self.base, "/api/search", q="hamn")
            except Exception as error:  # connection refused, timeout: all failures
                with self.lock:
                    self.failures.append(repr(error))
                continue
            with self.lock:
                self.requests += 2
                if status != 200 or hamn_status != 200:
                    self.failures.append((status, hamn_status))
                else:
                    self.totals.add(body["total"])

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)


@dataclass
class Live:
    """A served corpus: the production server, and the indexer run as an operator runs it."""

    base: str
    corpus: Path
    index: Path  # as the commands name it: absolute, or relative to ``folder``
    folder: Path  # where the commands run
    sections: int  # how many sections the first build served

    def command(self, name: str) -> list[str]:
        return [sys.executable, "-m", "indexer", name, "--corpus", str(self.corpus), "--index", str(self.index)]

    def run(self, name: str) -> subprocess.CompletedProcess:
        age_generations(self.folder / self.index, served_only=True)  # as old as a served index usually is
        return indexer(name, "--corpus", str(self.corpus), "--index", str(self.index), cwd=self.folder)


@pytest.fixture(params=["absolute", "relative"])
def live(request, tmp_path):
    """With absolute paths, and with the product's defaults: ``--corpus corpus --index
    instance/index``, every process run in the deployment folder."""
    Path(shutil.copytree(REAL_CORPUS, tmp_path / "corpus"))
    if request.param == "absolute":
        corpus, index = tmp_path / "corpus", tmp_path / "instance" / "index"
    else:
        corpus, index = Path("corpus"), Path("instance") / "index"
    built = indexer("build", "--corpus", str(corpus), "--index", str(index), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    with running_server(index, cwd=tmp_path) as base:
        yield Live(base, corpus, index, tmp_path, get_json(base, "/api/search", per_page=1)[1]["total"])


def test_updates_and_rebuilds_under_load_fail_no_request_and_show_only_complete_generations(live):
    base, corpus = live.base, live.folder / live.corpus
    with Hammer(base) as hammer:
        for round_ in range(6):
            expected = toggle_section(corpus, live.sections)
            command = "build" if round_ % 3 == 2 else "update"
            served = (live.folder / live.index).resolve().name
            run = live.run(command)
            assert run.returncode == 0, run.stderr
            assert served not in run.stdout, "the generation served until the run is never removed by it"
            deadline = time.monotonic() + 5  # every worker serves it at its next request
            while get_json(base, "/api/search", per_page=1)[1]["total"] != expected:
                assert time.monotonic() < deadline, "the new generation is served within 5 s"
    assert hammer.failures == [], "no request failed"
    assert hammer.totals == {live.sections, live.sections + 1}, "only the old or the new total"
    assert hammer.requests > 50, "the hammer ran"


def test_indexer_killed_at_random_moments_leaves_the_old_index_serving_and_the_next_run_recovers(live):
    base, corpus, index = live.base, live.folder / live.corpus, live.folder / live.index
    rng = random.Random(5)
    with Hammer(base, threads=2) as hammer:
        for trial in range(10):
            expected = toggle_section(corpus, live.sections)
            command = "build" if trial % 2 else "update"
            age_generations(index, served_only=True)
            process = subprocess.Popen(
                live.command(command), cwd=live.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            time.sleep(rng.uniform(0.2, 1.2))
            process.send_signal(signal.SIGKILL)
            process.wait()
            status, body = get_json(base, "/api/search", per_page=1)
            assert status == 200, "answered"
            assert body["total"] in (live.sections, live.sections + 1), "the old or the new total"
    assert hammer.failures == [], "no request failed"
    assert hammer.totals <= {live.sections, live.sections + 1}, "only the old or the new total"
    recovered = live.run("update")
    assert recovered.returncode == 0, recovered.stderr
    assert get_json(base, "/api/search", per_page=1)[1]["total"] == expected
    partials = [p for p in (index.parent / "index.generations").iterdir() if p.name.endswith(".partial")]
    assert partials == []
