"""Watching the corpus: a burst of saves is one update, after a quiet period."""

from pathlib import Path

from indexer.watch import snapshot, watch


class FakeTime:
    def __init__(self):
        self.now = 0.0

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_a_burst_of_saves_is_one_update_after_the_quiet_period(tmp_path: Path):
    page = tmp_path / "a.html"
    page.write_text("<h1>A</h1><p>1</p>", encoding="utf-8")
    fake, updates, steps = FakeTime(), [], iter(range(30))

    def keep_going():
        step = next(steps, None)
        if step in (2, 3, 4):  # three saves, a second apart
            page.write_text(f"<h1>A</h1><p>{'x' * step}</p>", encoding="utf-8")
        return step is not None

    watch(
        tmp_path,
        lambda: updates.append(fake.now),
        interval=1.0,
        quiet=2.0,
        keep_going=keep_going,
        clock=fake.clock,
        sleep=fake.sleep,
    )
    assert updates == [7.0]  # last change seen at 5 s, quiet until 7 s: one update


def test_snapshot_sees_pages_and_data_files_but_not_other_files(tmp_path: Path):
    (tmp_path / "a.html").write_text("x", encoding="utf-8")
    (tmp_path / "kinds.toml").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert sorted(Path(p).name for p in snapshot(tmp_path)) == ["a.html", "kinds.toml"]
