"""Benchmark (run on purpose): PartyBook's start-up against a bare PySide6 window, as ratios.

python3 -m pytest tests/bench/test_startup_bench.py -q -s

Both are started as a new process, as a double-click starts them, and both print the time of
their window's first paint event. Ours is the real program (`python -m partybook --db
BOOK` with PARTYBOOK_FIRST_PAINT_PROBE=1: argument parsing, logging, the lock, Book.open with
its daily backup, the window); it also prints when the home page's due list is filled in, which
the program does right after the first paint. Measured: from the process's start to the first
paint, to the home page filled, and to the process's end.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# As an installed program starts: from compiled bytecode. A shell with PYTHONDONTWRITEBYTECODE
# set would otherwise compile every module on every run (about 0.3 s here); the compiled files
# go to the git-ignored cache, not next to the sources.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPYCACHEPREFIX"] = str(Path(__file__).resolve().parent / ".cache" / "pycache")

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Probe(QObject):
    done = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(f"first-paint {time.time():.6f}", file=sys.stderr, flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 760)
probe = Probe(); w.installEventFilter(probe)
w.show(); app.exec()
"""


def _run(args: list[str]) -> dict[str, float]:
    """Seconds from the process's start to each printed mark, and to its end ("exit")."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, *args], check=True, timeout=120, env=ENV, capture_output=True, text=True
    )
    end = time.time()
    marks = {"exit": end - start}
    for line in done.stderr.splitlines():
        name, _, when = line.partition(" ")
        if name in ("first-paint", "home-filled"):
            marks[name] = float(when) - start
    return marks


def _median(args: list[str], runs: int = 7) -> dict[str, float]:
    _run(args)  # warm: the files in the cache, the day's first backup made
    results = [_run(args) for _ in range(runs)]
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


def test_startup_ratio_against_a_bare_window(tmp_path) -> None:
    from partybook.samples.demo import write_demo

    book = write_demo(tmp_path / "demo.sqlite")
    ENV["XDG_DATA_HOME"] = str(tmp_path / "home")  # the log goes here, not to ~
    bare = _median(["-c", BARE])
    ENV["PARTYBOOK_FIRST_PAINT_PROBE"] = "1"  # the bare window has no such switch
    ours = _median(["-m", "partybook", "--db", str(book)])
    paint = bare["first-paint"]
    print(f"\nbare PySide6 window: first paint {paint:.3f} s, process {bare['exit']:.3f} s")
    for what, key in (
        ("first paint", "first-paint"),
        ("home page filled", "home-filled"),
    ):
        print(f"PartyBook, demo book, {what}: {ours[key]:.3f} s, ratio {ours[key] / paint:.2f}")
    end = ours["exit"]
    print(f"PartyBook process to its end: {end:.3f} s, ratio {end / bare['exit']:.2f}")
    assert ours["first-paint"] <= ours["home-filled"] <= ours["exit"]
