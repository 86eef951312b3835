"""Benchmark (run on purpose): PartyBook's start-up against a bare PySide6 window, as a ratio.

python3 -m pytest tests/bench -q -s
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

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
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, *args], check=True, timeout=120)
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
