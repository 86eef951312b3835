"""Shared pieces of the benchmarks: timing, ratios, event-loop stalls, peak memory."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


def best(work: Callable[[], object], runs: int = 3) -> float:
    """The fastest of a few runs (seconds): the least disturbed by other processes."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def median(work: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(what: str, ours: float, base: float, goal: float | None, unit: str = "s") -> str:
    ratio = ours / base if base else float("inf")
    verdict = "" if goal is None else ("  ok" if ratio <= goal else f"  MISSES ≤{goal}×")
    line = f"{what:<44} {ours:9.3f} {unit} vs {base:9.3f} {unit}  ratio {ratio:6.2f}{verdict}"
    print(line)
    return line


class StallMeter:
    """The longest gap between ticks of a 5 ms timer while work runs from the event loop:
    how long the window could not repaint. Synchronous work shows its whole duration."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def run(self, work: Callable[[], object]) -> tuple[float, float]:
        """(seconds the work took, the longest stall) with the work started from the loop."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        took = [0.0]

        def go() -> None:
            start = time.perf_counter()
            work()
            took[0] = time.perf_counter() - start
            QTimer.singleShot(20, loop.quit)

        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()
        QTimer.singleShot(0, go)
        loop.exec()
        self.timer.stop()
        return took[0], max(self.gaps, default=0.0)
