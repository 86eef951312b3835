"""Benchmark (run on purpose): a township collection of 30 branch packages (scale.py) —
building it, opening its view, the combined figures and the combined workbook.

    python3 -m pytest tests/bench/test_township_bench.py -q -s

The baseline is the least work any design must do: reading the 30 stored packages' bytes.
"""

from __future__ import annotations

import shutil
import time

import scale
from _measure import StallMeter, best, report


def test_township_view_with_30_branches(tmp_path, qapp) -> None:
    from partybook.book import Book
    from partybook.store import township as township_store
    from partybook.ui.pages.township_view import TownshipView

    path = scale.copy_of(scale.township_book(), tmp_path)
    book = Book.open(path, clock=lambda: scale.NOW, auto_backup=False)
    names = [p.branch for p in book.township.branches()]
    assert len(names) == 30
    base = best(lambda: [township_store.package_bytes(n) for n in names])
    meter = StallMeter()
    holder = []

    def open_view() -> None:  # built, shown, and its figures loaded (they load when shown)
        from PySide6.QtWidgets import QApplication

        holder.append(TownshipView(book))
        holder[0].show()
        while holder[0].summary.stale:
            QApplication.processEvents()

    took, stall = meter.run(open_view)
    noted = "请稍候 shown" if holder[0].summary.last_load_noted else "no note"
    print()
    report(f"open the township view (stall {stall * 1000:.0f} ms, {noted})", took, base, None)
    start = time.perf_counter()
    figs = book.summary.year_figures(scale.NOW.year - 1)
    report("combined figures of last year", time.perf_counter() - start, base, None)
    assert figs
    start = time.perf_counter()
    book.summary.export_year_workbook(tmp_path / "t.xlsx", scale.NOW.year)
    report("combined workbook", time.perf_counter() - start, base, None)
    book.close(auto_backup=False)


def test_collecting_30_packages(tmp_path) -> None:
    from partybook.book import Book

    packages = scale.township_packages()
    book = Book.open(tmp_path / "t.sqlite", clock=lambda: scale.NOW, auto_backup=False)
    start = time.perf_counter()
    book.packages.import_file(packages[0], township=True)
    for p in packages[1:]:
        book.packages.import_file(p)
    took = time.perf_counter() - start
    book.close(auto_backup=False)
    base = best(lambda: [p.read_bytes() for p in packages])
    print()
    report("import 30 packages into a township collection", took, base, None)
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)
