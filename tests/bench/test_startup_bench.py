"""Benchmark (run on purpose): PartyBook's start-up against a bare PySide6 window, as a ratio.

python3 -m pytest tests/bench -q -s
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
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1]); w = QMainWindow(); w.show(); app.processEvents()
"""

OURS = """
import sys
from datetime import datetime
from partybook.app import make_application
from partybook.book import Book
from partybook.ui.main_window import MainWindow
app = make_application()
book = Book.open(sys.argv[1], auto_backup=False)
w = MainWindow(book); w.show(); app.processEvents()
book.close(auto_backup=False)
"""


def _time(code: str, *args: str, runs: int = 5) -> float:
    times = []
    subprocess.run([sys.executable, "-c", code, *args], check=True, timeout=120, env=ENV)  # warm
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, *args], check=True, timeout=120, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_startup_ratio_against_a_bare_window(tmp_path) -> None:
    from partybook.demo import write_demo

    book = write_demo(tmp_path / "demo.sqlite")
    bare = _time(BARE)
    ours = _time(OURS, str(book))
    print(
        f"\nbare PySide6 window: {bare:.3f} s, PartyBook on the demo book: {ours:.3f} s, "
        f"ratio {ours / bare:.2f}"
    )
    assert ours > 0 and bare > 0
