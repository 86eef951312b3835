"""Benchmark (run on purpose): the peak memory of importing a data package at the row cap
(issue 22, point 2: "using well under 1 GB of memory").

    QT_QPA_PLATFORM=offscreen python3 -m pytest tests/bench/test_package_memory_bench.py -q -s

A branch's package as scale.py makes them, its attendance grown (and trimmed) so that all its
tables hold exactly store.package.MAX_ROWS rows, is imported into a new book by the command
line in a new process; the parent reads that process's peak resident memory
(getrusage(RUSAGE_CHILDREN).ru_maxrss). Beside it, the demo package imported the same way (the
interpreter, the program's modules and a small book) is the baseline. Then a package of twice
the cap, refused: what reading it costs before the refusal.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from _measure import BENCH  # noqa: F401  (tests/bench on sys.path)
from scale import NOW, _as_tables, branch_rows

from partybook.store import package as package_store
from partybook.store.package import write_package
from partybook.store.records import AttendanceRecord

ROOT = Path(__file__).resolve().parents[2]
GOAL_MB = 1024 * 0.7  # "well under 1 GB"


def _package_at(target: Path, rows_wanted: int) -> int:
    """A branch package holding rows_wanted rows in all (most of them attendance)."""
    rows = branch_rows(
        "青山镇测试学校党支部", members=800, meetings=11_000, attendance=800_000, study=400
    )
    others = sum(len(v) for m, v in rows.items() if m is not AttendanceRecord)
    attendance = rows[AttendanceRecord]
    want = rows_wanted - others
    while len(attendance) < want:  # grown by repeating the pattern with new ids
        extra = [dict(r) for r in attendance[: want - len(attendance)]]
        for n, r in enumerate(extra, start=len(attendance) + 1):
            r["id"] = n
        attendance += extra
    if len(attendance) > want:  # fewer people at each meeting, every meeting keeping some
        by_meeting: dict[int, list[dict]] = {}
        for r in attendance:
            by_meeting.setdefault(r["meeting_id"], []).append(r)
        excess = len(attendance) - want
        while excess:
            for listed in by_meeting.values():
                if excess and len(listed) > 1:
                    listed.pop()
                    excess -= 1
        attendance[:] = [r for listed in by_meeting.values() for r in listed]
    who = {"name": "青山镇测试学校党支部", "committee": "中共青山镇委员会", "school": "测试学校"}
    write_package(target, _as_tables(rows), branch=who, year=None, created_at=NOW)
    return sum(len(v) for v in rows.values())


def _package_in_child(target: Path, rows_wanted: int) -> int:
    """_package_at in a new process: this one stays small (a child started by fork counts the
    parent's pages as its own resident memory at first, which would show as the import's)."""
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[3]); "
        "from test_package_memory_bench import _package_at; "
        "print(_package_at(Path(sys.argv[1]), int(sys.argv[2])))"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code, str(target), str(rows_wanted), str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
        check=True,
    )
    return int(done.stdout.split()[-1])


def _import_peak(package: Path, book: Path) -> tuple[float, float, int, str]:
    """(peak RSS in MB, seconds, exit code, last line) of `partybook import package` run in a
    new process, which tells its own peak (getrusage ru_maxrss, as the parent's
    RUSAGE_CHILDREN would show it, but one process each)."""
    code = (
        "import resource, sys\n"
        "from partybook.cli.parser import main\n"
        "try:\n"
        "    code = main(['--db', sys.argv[1], 'import', 'package', sys.argv[2]])\n"
        "finally:\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    print('PEAK', peak, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, str(book), str(package)],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    took = time.perf_counter() - start
    lines = (done.stdout + done.stderr).strip().splitlines()
    peak = next(int(x.split()[1]) for x in lines if x.startswith("PEAK "))
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert children >= peak  # the same figure, the largest child so far
    said = [x for x in lines if not x.startswith("PEAK ")]
    return peak / 1024, took, done.returncode, (said[-1] if said else "")[:160]


def test_importing_a_package_at_the_row_cap_stays_well_under_1_gb(tmp_path) -> None:
    from partybook.samples.demo import write_demo

    cap = package_store.MAX_ROWS
    demo = tmp_path / "demo.sqlite"
    write_demo(demo)
    from partybook.book import Book

    book = Book.open(demo, auto_backup=False)
    book.packages.export(tmp_path / "demo.zip")
    book.close(auto_backup=False)
    base, base_s, code, said = _import_peak(tmp_path / "demo.zip", tmp_path / "d.sqlite")
    assert code == 0, said
    at_cap = tmp_path / "cap.zip"
    rows = _package_in_child(at_cap, cap)
    size = at_cap.stat().st_size / 2**20
    ours, ours_s, code, said = _import_peak(at_cap, tmp_path / "c.sqlite")
    print(f"\nrow cap {cap:,}: a package of {rows:,} rows, {size:.1f} MB zipped")
    print(f"demo package imported:        peak {base:7.0f} MB  {base_s:6.1f} s")
    print(f"package at the cap: exit {code}  peak {ours:7.0f} MB  {ours_s:6.1f} s  ({said})")
    over = tmp_path / "over.zip"
    _package_in_child(over, 2 * cap)
    refused, refused_s, code2, said2 = _import_peak(over, tmp_path / "o.sqlite")
    print(f"twice the cap, refused: exit {code2}  peak {refused:7.0f} MB  {refused_s:6.1f} s")
    print(f"  ({said2})")
    assert code == 0, said
    assert code2 == 2 and "超过" in said2, said2
    assert ours < GOAL_MB, f"peak {ours:.0f} MB at the row cap (goal < {GOAL_MB:.0f} MB)"
