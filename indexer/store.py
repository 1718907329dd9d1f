"""Where an index lives on disk, and how a new one replaces it atomically.

The index path the web app reads (say ``instance/index``) is a symbolic link
to one *generation*: a complete Whoosh index in a folder of its own under
``instance/index.generations/``. A new index is always written into a fresh
generation, flushed to disk (Whoosh itself does not fsync), and only then
published by replacing the link in one ``rename``. A reader therefore sees
either the old generation or the new one, never a half-written index, and a
crash at any point leaves the old generation serving.

Folders named ``*.partial`` are generations still being written; one left by
a crash is removed by the next run. Old generations are removed after a grace
period, so that a reader that opened one just before the switch can finish.

Beside the index path: ``index.lock``, which every writer holds (an OS lock:
a killed writer releases it, so it never goes stale), and ``index.status.json``,
what the last or current run did, for the web app's status endpoint. The lock
file names the pid that took it last, so a run that has to wait can say for
whom. An ``flock`` belongs to the open file, which a forked child shares: every
child forked while a lock is held lets go of its copy at once, so a worker left
behind by a killed run can never keep the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import shutil
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from .manifest import MANIFEST_FILE, Manifest

GENERATIONS_SUFFIX = ".generations"
PARTIAL_SUFFIX = ".partial"
GRACE_SECONDS = 60.0
WRITABLE_BY_OTHERS = 0o022  # group or others may write
FOLDER_MODE, FILE_MODE = 0o755, 0o644
CLEANED = "cleaned"  # the key of a run's summary that lists what it removed first


class IndexMissing(FileNotFoundError):
    """There is no index at the path yet."""


class IndexUnsafe(IndexMissing):
    """The index could be written by other users: opening it would unpickle their code."""


class IndexUnreadable(IndexMissing):
    """The generation is there but cannot be read (a truncated or damaged file): ``build``
    replaces it, ``update`` falls back to a full build, the web app answers 503."""


class IndexBusy(RuntimeError):
    """Another build or update holds the index's lock."""


#: The descriptors of the locks this process holds: a forked child lets go of them.
_HELD_LOCKS: set[int] = set()


def _let_go_of_inherited_locks() -> None:
    """In a forked child: point each held lock's descriptor at /dev/null, which drops the child's
    share of the lock (the number stays valid, so nothing else can be closed by mistake)."""
    if _HELD_LOCKS:
        null = os.open(os.devnull, os.O_RDONLY)
        for fd in _HELD_LOCKS:
            os.dup2(null, fd)
        os.close(null)
        _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_let_go_of_inherited_locks)


@dataclass(frozen=True)
class IndexStore:
    path: Path  # the public name: a symlink to the current generation

    @property
    def generations(self) -> Path:
        return self.path.with_name(self.path.name + GENERATIONS_SUFFIX)

    def target(self) -> Path:
        """Where the index link points now: one ``readlink``, microseconds. Everything
        after reads that folder, never the link again, so a switch in between cannot
        mix two generations."""
        return self.path.resolve()

    def current(self) -> Path:
        """The folder of the generation being served.

        Whoosh keeps the schema as a pickle, so opening an index runs code from it:
        a generation that another user owns, or that other users could write, is
        refused (IndexUnsafe) before anything in it is read.
        """
        generation = self.target()
        if not generation.is_dir() and self.path.is_symlink():  # published once, then deleted by hand
            raise IndexUnreadable(f"the index at {self.path} names {generation.name}, which is gone")
        if not generation.is_dir():
            raise IndexMissing(f"no index at {self.path}")
        _check_safe(generation)
        if not read_index(lambda: whoosh_index.exists_in(str(generation)), f"the index at {self.path} is unreadable"):
            raise IndexMissing(f"no index at {self.path}")
        return generation

    def open(self):
        return open_generation(self.current())

    def manifest(self) -> Manifest | None:
        try:
            return Manifest.read(self.current())
        except IndexMissing:
            return None

    def lock_path(self, name: str = "lock") -> Path:
        return self.path.with_name(f"{self.path.name}.{name}")

    @contextlib.contextmanager
    def lock(self, wait: bool = True, name: str = "lock"):
        """Hold the writers' lock (or the lock file ``name`` beside the index); IndexBusy if
        ``wait`` is false and another run holds it. Two ``open`` calls never share an
        ``flock``, so it excludes threads of one process as well as other processes."""
        path = self.lock_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise IndexBusy("another build or update is running") from None
            _HELD_LOCKS.add(handle.fileno())
            try:
                handle.truncate(0)
                handle.write(f"{os.getpid()}\n")  # who holds it, for a run that waits
                handle.flush()
                yield
            finally:
                _HELD_LOCKS.discard(handle.fileno())
                fcntl.flock(handle, fcntl.LOCK_UN)

    def holder(self) -> str | None:
        """Who holds the writers' lock, in a few words; None if no one does."""
        try:
            with self.lock(wait=False):
                return None
        except IndexBusy:
            pass
        path = self.lock_path()
        try:
            pid = int(path.read_text(encoding="utf-8").split()[0])
        except (OSError, ValueError, IndexError):
            return f"another process holds {path}"
        if not pid_alive(pid):
            return f"a process holds {path} that is not pid {pid}, which took it and has ended (fuser {path} names it)"
        status = self.read_status() or {}
        command = f" ({status['command']})" if status.get("pid") == pid and status.get("command") else ""
        return f"pid {pid}{command} holds {path}"

    @contextlib.contextmanager
    def run(self, command: str, wait: bool = True):
        """Hold the lock for one build or update and record it in the status file.

        Yields a dict for the run's summary, holding under ``CLEANED`` what the run
        removed before it began (the caller takes it out for its report). A run stopped
        by KeyboardInterrupt (Ctrl-C; the command line turns SIGTERM into one too) is
        recorded "interrupted"; one killed outright leaves the status "running" with its
        pid, and ``read_status`` then reports it interrupted all the same.
        """
        with self.lock(wait):
            started = time.time()
            # Clean first: what a run that hit a full disk left may be what fills it.
            summary: dict = {CLEANED: self.clean()}
            self.write_status(state="running", command=command, started=started, pid=os.getpid())
            try:
                yield summary
            except BaseException as error:
                self._remove_own_partials()  # at once: a full disk gets its space back
                with contextlib.suppress(OSError):  # the run's own error is the one to report
                    self.write_status(
                        state="interrupted" if isinstance(error, KeyboardInterrupt) else "failed",
                        command=command,
                        started=started,
                        finished=time.time(),
                        error=str(error) or type(error).__name__,
                    )
                raise
            self.write_status(state="done", command=command, started=started, finished=time.time(), summary=summary)

    @property
    def status_path(self) -> Path:
        return self.path.with_name(self.path.name + ".status.json")

    def write_status(self, **status) -> None:
        # one temporary file per thread: two webhook calls in one worker write at once
        temporary = self.status_path.with_name(f".{self.status_path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            temporary.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.status_path)
        except BaseException:
            temporary.unlink(missing_ok=True)  # a full disk leaves no empty file behind
            raise

    def read_status(self) -> dict | None:
        try:
            status = json.loads(self.status_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if status.get("state") in ("queued", "running") and not pid_alive(status.get("pid", 0)):
            status["state"] = "interrupted"
        return status

    def copy_current(self) -> Path:
        """A new partial generation holding the current one's files, as hard links:
        instant, and safe because Whoosh never changes a file once written."""
        current, partial = self.current(), self.new_generation()
        for path in current.iterdir():
            if path.is_file() and "LOCK" not in path.name and path.name != MANIFEST_FILE:
                os.link(path, partial / path.name)
        return partial

    def new_generation(self) -> Path:
        """An empty folder to write a new generation into."""
        self.generations.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        folder = self.generations / f"{stamp}-{time.time_ns() % 10**9:09d}-{os.getpid()}{PARTIAL_SUFFIX}"
        folder.mkdir()
        return folder

    def publish(self, partial: Path) -> Path:
        """Make a fully written generation the one served; return its final folder."""
        fsync_tree(partial)
        final = partial.with_name(partial.name.removesuffix(PARTIAL_SUFFIX))
        os.rename(partial, final)
        fsync_dir(final.parent)
        self._adopt_plain_directory()
        replaced = self.target() if self.path.is_symlink() else None
        link = self.path.with_name(f".{self.path.name}.{os.getpid()}.link")
        if link.is_symlink():
            link.unlink()
        link.symlink_to(os.path.relpath(final, self.path.parent))
        os.replace(link, self.path)
        fsync_dir(self.path.parent)
        if replaced is not None and replaced.is_dir():
            os.utime(replaced)  # its grace period starts now: requests may still be reading it
        return final

    def _adopt_plain_directory(self) -> None:
        """An index folder made by hand (not a link) becomes a generation first."""
        if self.path.is_dir() and not self.path.is_symlink():
            self.generations.mkdir(parents=True, exist_ok=True)
            os.rename(self.path, self.generations / f"adopted-{time.time_ns()}")

    def _remove_own_partials(self) -> None:
        """Remove the generations this process was writing (``clean`` keeps them: their writer is alive)."""
        if self.generations.is_dir():
            for folder in self.generations.iterdir():
                if folder.name.endswith(f"-{os.getpid()}{PARTIAL_SUFFIX}"):
                    shutil.rmtree(folder, ignore_errors=True)

    def clean(self, grace_seconds: float = GRACE_SECONDS) -> list[str]:
        """Remove what crashed runs left and generations past their grace period.

        Returns one line per thing removed, for the caller to report.
        """
        if not self.generations.is_dir():
            return []
        # Both sides resolved: with a relative index path (the default, instance/index)
        # a relative folder would never equal the link's absolute target.
        current = self.target() if self.path.exists() else None
        notes, now = [], time.time()
        for folder in sorted(self.generations.resolve().iterdir()):
            if folder == current or not folder.is_dir():
                continue
            writing = folder.name.endswith(PARTIAL_SUFFIX)
            if writing and _owner_alive(folder):
                continue
            age = now - folder.stat().st_mtime
            if writing or age > grace_seconds:
                shutil.rmtree(folder, ignore_errors=True)
                what = "an unfinished index left by an interrupted run" if writing else "an old index"
                notes.append(f"removed {what}: {folder.name}")
        return notes


def published(generation: Path) -> float:
    """When a generation was published: the time of its folder, whose last file was written just before the
    switch (a published generation is never written again)."""
    return generation.stat().st_mtime


def _check_safe(generation: Path) -> None:
    """IndexUnsafe unless the serving user (or root) owns the generation and only its owner may write it."""
    trusted = {0, os.geteuid()}
    for path in (generation, *generation.iterdir()):
        stat = path.lstat()
        if stat.st_uid not in trusted:
            raise IndexUnsafe(
                f"{generation} is owned by another user ({path.name}, uid {stat.st_uid}): "
                "refusing to open it, since Whoosh unpickles its schema"
            )
        if stat.st_mode & WRITABLE_BY_OTHERS:
            raise IndexUnsafe(
                f"{generation} can be written by other users ({path.name}): "
                "refusing to open it, since Whoosh unpickles its schema"
            )


def open_generation(folder: Path):
    """The Whoosh index in a generation folder; IndexUnreadable if its files are damaged or gone."""
    return read_index(lambda: whoosh_index.open_dir(str(folder)), f"the index in {folder.name} is unreadable")


def read_index(read, message: str):
    """``read()``, with any error while Whoosh reads an index's files as IndexUnreadable: a
    damaged file fails in many ways (EOFError, TypeError, struct.error). The file Whoosh
    leaves open on the way is closed here, quietly."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return read()
        except Exception as error:
            kind = type(error)
            failure = f"{kind.__module__}.{kind.__name__}" if kind.__name__.islower() else kind.__name__  # struct.error
        gc.collect()
    raise IndexUnreadable(f"{message} ({failure})")


def _owner_alive(partial: Path) -> bool:
    """A partial generation is named after the process writing it."""
    try:
        pid = int(partial.name.removesuffix(PARTIAL_SUFFIX).rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return False
    return pid_alive(pid)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fsync_tree(folder: Path) -> None:
    """Flush every file of a generation to disk, readable by all, writable only by its owner."""
    for path in folder.iterdir():
        if path.is_file():
            os.chmod(path, FILE_MODE)
            with open(path, "rb") as f:
                os.fsync(f.fileno())
    os.chmod(folder, FOLDER_MODE)
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
