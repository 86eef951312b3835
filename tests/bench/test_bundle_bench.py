"""Benchmark (run on purpose): the packaged PartyBook against a bare PySide6 window frozen the
same way (build/partybook.spec with PARTYBOOK_TARGET=hello): bundle sizes, and start-up time
to the first paint of the window, as ratios from one run.

    python3 -m pip install -e ".[build]"
    python3 -m pytest tests/bench/test_bundle_bench.py -q -s

It builds the four bundles into a temporary dist folder (about a minute on two cores), or uses
those already in dist/ when PARTYBOOK_BENCH_REUSE=1.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build"))

pytest.importorskip("PyInstaller", reason="pip install -e '.[build]' to benchmark the bundles")

from build import build, size_mb  # noqa: E402  (build/build.py)

EXE = ".exe" if sys.platform == "win32" else ""
RUNS = 7


def _bundles(dist: Path) -> dict[str, Path]:
    found = {
        "app-folder": dist / "PartyBook" / f"PartyBook{EXE}",
        "app-file": dist / "PartyBook-onefile" / f"PartyBook{EXE}",
        "hello-folder": dist / "hello" / f"hello{EXE}",
        "hello-file": dist / "hello-onefile" / f"hello{EXE}",
    }
    if os.environ.get("PARTYBOOK_BENCH_REUSE") == "1" and all(p.exists() for p in found.values()):
        return found
    for onefile in (False, True):
        for hello in (False, True):
            build(onefile=onefile, hello=hello, dist=dist)
    return found


def _first_paint(exe: Path, *args: str) -> float:
    """Seconds from starting the program to its window's first paint."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["PARTYBOOK_FIRST_PAINT_PROBE"] = "1"
    start = time.time()
    done = subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("first-paint "))
    return float(line.split()[1]) - start


def test_bundle_sizes_and_start_up_against_a_bare_window(tmp_path) -> None:
    from partybook.samples.demo import write_demo

    dist = ROOT / "dist" if os.environ.get("PARTYBOOK_BENCH_REUSE") == "1" else tmp_path / "dist"
    b = _bundles(dist)
    book = write_demo(tmp_path / "demo.sqlite")
    sizes = {
        "one folder": (size_mb(b["app-folder"].parent), size_mb(b["hello-folder"].parent)),
        "one file": (size_mb(b["app-file"]), size_mb(b["hello-file"])),
    }
    times: dict[str, list[float]] = {k: [] for k in b}
    for _ in range(RUNS):  # interleaved, so drift on a noisy machine hits both alike
        for key, exe in b.items():
            args = ("--db", str(book)) if key.startswith("app") else ()
            times[key].append(_first_paint(exe, *args))
    median = {k: statistics.median(v) for k, v in times.items()}
    print()
    for kind, (ours, bare) in sizes.items():
        print(
            f"size {kind}: PartyBook {ours:.1f} MB, bare window {bare:.1f} MB, "
            f"ratio {ours / bare:.3f}"
        )
    for kind in ("folder", "file"):
        ours, bare = median[f"app-{kind}"], median[f"hello-{kind}"]
        print(
            f"first paint, one {kind}: PartyBook {ours:.3f} s, bare window {bare:.3f} s, "
            f"ratio {ours / bare:.2f} (median of {RUNS})"
        )
    assert all(v > 0 for v in median.values())
