"""A build killed while its worker processes run (SIGKILL from the OOM killer, SIGTERM from a
deploy script's ``timeout``): the workers end with it and never keep the index's lock, so the
next run goes ahead; a run that has to wait on the lock says, in one line, for whom."""

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer import parallel
from indexer.store import IndexStore

from .conftest import PROGRAM_PAGE, write_corpus

#: ``python -m indexer build`` with two forked workers (a tiny corpus would get one) that stall
#: in the read phase, each first leaving a file named by its pid in the folder ``argv[1]``.
STALLED_BUILD = """
import os, sys, time
from pathlib import Path
from indexer import build, cli, parallel

markers = Path(sys.argv.pop(1))
parallel.workers_for = lambda documents: 2

def stalled_read(*args, **kwargs):
    (markers / str(os.getpid())).touch()
    time.sleep(600)

build.read_pages = stalled_read
cli.cli()
"""


def gone(pid: int) -> bool:
    """Whether a process has ended (a zombie waiting for its reaper has ended too)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] in "ZX"
    except (FileNotFoundError, ProcessLookupError):
        return True


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def deployment(tmp_path) -> Path:
    write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE, "kopia.html": PROGRAM_PAGE})
    return tmp_path


def indexer(folder: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "indexer", *args], cwd=folder, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_build_killed_while_its_workers_run_takes_them_along_and_the_next_run_goes_ahead(deployment, kill):
    markers = deployment / "workers"
    markers.mkdir()
    build = subprocess.Popen([sys.executable, "-c", STALLED_BUILD, str(markers), "build"], cwd=deployment)
    try:
        assert wait_until(lambda: len(list(markers.iterdir())) == 2, 30), "two workers started"
        workers = [int(marker.name) for marker in markers.iterdir()]
        build.send_signal(kill)
        build.wait(timeout=10)
        assert wait_until(lambda: all(gone(pid) for pid in workers), 5), "the workers end with the build"
    finally:
        build.kill()
        for pid in [int(marker.name) for marker in markers.iterdir()]:
            if not gone(pid):
                os.kill(pid, signal.SIGKILL)
    update = indexer(deployment, "update")
    assert update.returncode == 0, f"the next run is not blocked: {update.stderr}"
    assert "Rebuilt instance/index" in update.stdout, "it builds the index the killed run did not"


def holds_lock(state: dict, lock: str) -> list[str]:
    """In a worker: its open descriptors that name the lock file."""
    folder = Path("/proc/self/fd")
    return [fd.name for fd in folder.iterdir() if os.path.realpath(fd) == lock]


def test_a_worker_forked_while_the_lock_is_held_holds_no_share_of_it(tmp_path):
    store = IndexStore(tmp_path / "index")
    with store.lock(), parallel.Workers([1, 2], 2) as workers:
        held = workers.each(holds_lock, os.path.realpath(tmp_path / "index.lock"))
    assert held == [[], []], "no worker has the lock file open"


def test_a_run_that_waits_on_the_lock_says_who_holds_it_then_runs(deployment):
    store = IndexStore(deployment / "instance" / "index")
    with store.lock():
        update = subprocess.Popen(
            [sys.executable, "-m", "indexer", "update"],
            cwd=deployment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        said = select.select([update.stderr], [], [], 30)[0]
        first = update.stderr.readline() if said else "(nothing within 30 s)"
        time.sleep(0.5)
        assert update.poll() is None, "it waits while the lock is held"
    out, err = update.communicate(timeout=60)
    assert first == f"Waiting: pid {os.getpid()} holds instance/index.lock; this run starts when that one ends\n", (
        "one line names the holder"
    )
    assert update.returncode == 0, f"it runs once the lock is free: {err}"
    assert err == "", "and says nothing more on stderr"


#: ``python -m indexer update`` that stalls while it reads the changed pages, first leaving the file ``argv[1]``.
STALLED_UPDATE = """
import sys, time
from pathlib import Path
from indexer import build, cli

marker = Path(sys.argv.pop(1))

def stalled_read(*args, **kwargs):
    marker.touch()
    time.sleep(600)

build.read_pages = stalled_read
cli.cli()
"""


@pytest.fixture
def interrupted_update(deployment, request):
    """An update of a changed page stopped by ``request.param`` (Ctrl-C's SIGINT, a service manager's SIGTERM)
    while it reads: its output, exit code and the served generation before and after."""
    assert indexer(deployment, "build").returncode == 0, "a served index"
    store = IndexStore(deployment / "instance" / "index")
    served = store.target()
    (deployment / "corpus" / "program.html").write_text(PROGRAM_PAGE.replace("hamn", "hamnen"), encoding="utf-8")
    marker = deployment / "reading"
    update = subprocess.Popen(
        [sys.executable, "-c", STALLED_UPDATE, str(marker), "update"],
        cwd=deployment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_from_a_terminal,
    )
    try:
        assert wait_until(marker.exists, 30), "the update reads the changed page"
        update.send_signal(request.param)
        out, err = update.communicate(timeout=30)
    finally:
        update.kill()
        update.communicate()  # reaped and its pipes closed, also when it failed: no unclosed file for a later test
    return err, update.returncode, store, served


def _as_from_a_terminal() -> None:
    """Ctrl-C's SIGINT as a terminal delivers it: a suite started in the background of a shell (``./scripts/test &``)
    runs with SIGINT ignored, and its children would inherit that, so the update would never see the signal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(
    "interrupted_update", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"], indirect=True
)
def test_an_interrupted_update_says_in_one_line_that_nothing_was_written(interrupted_update):
    err, returncode, store, served = interrupted_update
    assert err == "Error: interrupted: nothing written; the served index is unchanged\n", "one line"
    assert returncode == 1, "exit 1: nothing written"
    assert store.target() == served, "the served generation is the one before"


@pytest.mark.parametrize(
    "interrupted_update", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"], indirect=True
)
def test_an_interrupted_update_is_recorded_as_interrupted(interrupted_update):
    _, _, store, _ = interrupted_update
    status = json.loads(store.status_path.read_text(encoding="utf-8"))  # as written, not as read_status infers it
    assert status["state"] == "interrupted", f"the status file says so: {status}"
    assert not list(store.generations.glob("*.partial")), "its unfinished generation is removed at once"
