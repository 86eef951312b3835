"""Crash safety: a child writes through Book and is killed (SIGKILL) at random moments.

After every kill the book must open, pass PRAGMA integrity_check and `check`, hold every write
the child reported done, and hold no half of a meeting, study session or import.
Kills: PARTYBOOK_KILLS, else 200 with PARTYBOOK_SLOW=1, else 12.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partybook.book import Book
from partybook.domain.attachments import Owner
from partybook.domain.members import Branch
from partybook.store import attachments as attachment_store
from partybook.store.backup import list_backups, read_version
from tests.hardening.crash_driver import NOW, person

SLOW = os.environ.get("PARTYBOOK_SLOW") == "1"
KILLS = int(os.environ.get("PARTYBOOK_KILLS") or (200 if SLOW else 12))
SEED = int(os.environ.get("PARTYBOOK_SEED") or 20261122)
DRIVER = Path(__file__).with_name("crash_driver.py")
ROOT = Path(__file__).resolve().parents[2]
SERIALS_PER_CHILD = 5000


def _read_journal(path: Path) -> list[dict]:
    """Every complete line; the child may have been killed in the middle of the last one."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = []
    for i, line in enumerate(lines):
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            assert i == len(lines) - 1, f"journal line {i} is broken: {line!r}"
    return entries


def _run_child(book: Path, journal: Path, seed: int, base: int, delay: float) -> bool:
    """Start the driver, let it write for `delay` seconds, kill it; True if it was killed."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, str(DRIVER), str(book), str(journal), str(seed), str(base)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    try:
        ready = child.stdout.readline()
        assert ready.strip() == b"ready", child.stderr.read().decode(errors="replace")
        time.sleep(delay)
        assert child.poll() is None, child.stderr.read().decode(errors="replace")
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(10)
        child.stdout.close()
        child.stderr.close()
    return child.returncode == -signal.SIGKILL


def _verify(path: Path, entries: list[dict]) -> dict[str, int]:
    """Everything the journal says about the book holds; returns how many writes were done."""
    book = Book.open(path, clock=lambda: NOW)
    try:
        report = book.check()
        assert report.healthy, report.problems
        members = {m.name: m for m in book.members.all()}
        meetings: dict[str, list] = {}
        for m in book.meetings.all():
            assert m.attendees, f"a meeting without attendance: {m}"
            meetings.setdefault(m.notes, []).append(m)
        sessions: dict[str, list] = {}
        for s in book.study.sessions():
            assert s.participants, f"a study session without participants: {s}"
            sessions.setdefault(s.topic, []).append(s)
        # check() above found every attachment row's file present with its sha256; and no
        # file under a real name is half written, whether a row names it yet or not
        attached = book.attachments.all()
        for sha, blob in attachment_store.stored(book.attachments.folder):
            assert hashlib.sha256(blob.read_bytes()).hexdigest() == sha, blob
        done: dict[str, int] = {}
        for e in entries:
            finished = e["state"] == "done"
            if finished:
                done[e["op"]] = done.get(e["op"], 0) + 1
            if e["op"] == "member" and finished:
                assert e["name"] in members, e
            elif e["op"] == "meeting":
                found = meetings.get(e["tag"], [])
                assert len(found) <= 1, e
                if finished:
                    assert found, f"reported saved, missing: {e}"
                for m in found:
                    assert (len(m.attendees), len(m.votes)) == (e["attendees"], e["votes"]), e
            elif e["op"] == "study":
                found = sessions.get(e["tag"], [])
                assert len(found) <= 1, e
                if finished:
                    assert found, f"reported saved, missing: {e}"
                for s in found:
                    assert len(s.participants) == e["participants"], e
            elif e["op"] == "step" and finished:
                step = book.pipeline.path_of(members[e["name"]].id).step(e["step"])
                assert step is not None and step.on.isoformat() == e["on"], e
            elif e["op"] == "attach":
                found = [a for a in attached if a.caption == e["tag"]]
                assert len(found) <= 1, e
                if finished:
                    assert found, f"reported attached, missing: {e}"
                for a in found:
                    assert a.owner is Owner.MEETING and a.owner_id == e["meeting"], e
            elif e["op"] == "import":
                count = sum(1 for name in members if name.startswith(e["tag"] + "号"))
                assert count in ((e["rows"],) if finished else (0, e["rows"])), (e, count)
    finally:
        book.close(auto_backup=False)
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    return done


def _new_book(path: Path) -> None:
    book = Book.open(path, clock=lambda: NOW)
    book.save_branch(Branch(name="压力测试党支部", committee="中共青山镇委员会"))
    for serial in range(1, 7):
        book.members.add(person(serial, f"起{'甲乙丙丁戊己'[serial - 1]}"))
    book.close(auto_backup=False)


def test_killed_writes_leave_a_sound_complete_book(tmp_path) -> None:
    path = tmp_path / "book.sqlite"
    journal = tmp_path / "journal.jsonl"
    _new_book(path)
    rnd = random.Random(SEED)
    killed = mid_write = 0
    cut: dict[str, int] = {}  # kills in the middle of each kind of write
    for k in range(KILLS):
        # Mostly short runs (kills land early, in start-up and the first writes), some long.
        delay = rnd.uniform(0.0, 0.4) if rnd.random() < 0.6 else rnd.uniform(0.4, 1.5)
        killed += _run_child(
            path, journal, rnd.randrange(1 << 30), (k + 1) * SERIALS_PER_CHILD, delay
        )
        entries = _read_journal(journal)
        if entries and entries[-1]["state"] == "begin":
            mid_write += 1
            cut[entries[-1]["op"]] = cut.get(entries[-1]["op"], 0) + 1
        done = _verify(path, entries)
    assert killed == KILLS
    # A backup killed mid-copy leaves only a temporary file: every named backup is complete.
    backups = list_backups(path.parent / "backups", path.stem)
    assert backups
    for found, _, _ in backups:
        assert read_version(found) > 0, found
    # The harness proves something only if the children really wrote every kind of record.
    assert {"member", "meeting", "step", "study", "import", "attach"} <= set(done), done
    print(
        f"\ncrash harness: {KILLS} kills ({mid_write} in the middle of a write: {cut}), "
        f"done: {done}"
    )


@pytest.mark.parametrize("broken_line", ['{"state": "do', ""])
def test_a_torn_last_journal_line_is_ignored(tmp_path, broken_line) -> None:
    journal = tmp_path / "j.jsonl"
    journal.write_text('{"state": "done", "op": "member", "name": "甲"}\n' + broken_line)
    assert _read_journal(journal) == [{"state": "done", "op": "member", "name": "甲"}]
