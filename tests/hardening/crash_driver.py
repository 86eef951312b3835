"""Child process of the crash harness: writes to a book through Book until it is killed.

Usage: python3 crash_driver.py BOOK JOURNAL SEED BASE

Before each write it appends a "begin" line to JOURNAL, after the Book call returns a "done"
line; each line is flushed and fsync'd, so a line in the journal means the step really got
that far. BASE makes every name this child writes differ from those of earlier children.
It prints "ready" once the book is open, then writes until SIGKILL ends it.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from partybook.book import Book
from partybook.domain.attachments import Owner
from partybook.domain.dates import add_years
from partybook.domain.errors import RuleViolation
from partybook.domain.idcard import make_id_number
from partybook.domain.meetings import Meeting, MeetingKind, Presence, Vote
from partybook.domain.members import Member, Stage
from partybook.domain.pipeline import Event, Kind
from partybook.domain.study import Session

NOW = datetime(2026, 11, 22, 9, 30)
TODAY = NOW.date()
# Names may not contain digits: numbers are written with these 20 characters instead.
_SIGNS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"
MAX_ATTENDEES = 30
STEP_DATES = {1: date(2025, 1, 10), 2: date(2025, 1, 30), 3: date(2025, 4, 20)}


def sign(n: int) -> str:
    out = ""
    while True:
        n, rest = divmod(n, len(_SIGNS))
        out = _SIGNS[rest] + out
        if not n:
            return out


def person(serial: int, name: str, stage: Stage = Stage.FULL) -> Member:
    """A valid person; serial (unique across the whole run) gives a unique ID number."""
    birth = date(1962, 1, 1) + timedelta(days=serial // 500)
    sex = "男" if serial % 2 else "女"
    joined = date(2000, 7, 1) + timedelta(days=serial % 3000)
    full = stage is Stage.FULL
    return Member(
        name=name,
        stage=stage,
        sex=sex,
        id_number=make_id_number("430521", birth, serial % 500, sex),
        joined_on=joined if full else None,
        full_on=add_years(joined, 1) if full else None,
        group="第一党小组",
    )


class Driver:
    def __init__(self, book: Book, journal: Path, seed: int, base: int) -> None:
        self.book = book
        self.journal = open(journal, "a", encoding="utf-8")  # noqa: SIM115 - open until killed
        self.rnd = random.Random(seed)
        self.base = base
        self.serial = base
        self.work = Path(journal).parent / f"imports-{base}"
        self.work.mkdir(exist_ok=True)

    def note(self, state: str, **data: object) -> None:
        self.journal.write(json.dumps({"state": state, **data}, ensure_ascii=False) + "\n")
        self.journal.flush()
        os.fsync(self.journal.fileno())

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    def tag(self, prefix: str) -> str:
        return prefix + sign(self.next_serial())

    # one write each -------------------------------------------------------------------------
    def add_member(self) -> None:
        serial = self.next_serial()
        stage = Stage.APPLICANT if self.rnd.random() < 0.4 else Stage.FULL
        name = ("申" if stage is Stage.APPLICANT else "试") + sign(serial)
        self.note("begin", op="member", name=name)
        self.book.members.add(person(serial, name, stage))
        self.note("done", op="member", name=name)

    def full_members(self) -> list[Member]:
        found = [m for m in self.book.members.all(include_left=False) if m.stage is Stage.FULL]
        return found[:MAX_ATTENDEES]

    def save_meeting(self) -> None:
        people = self.full_members()
        if not people:
            return self.add_member()
        tag = self.tag("会")
        on = TODAY - timedelta(days=self.rnd.randint(0, 300))
        # 应到 is the roster on the day: every Party member is listed, a few on leave
        roll = self.book.meetings.default_attendees(MeetingKind.GENERAL, on=on)
        absent = {a.member_id for a in roll[1:] if self.rnd.random() < 0.1}
        attendees = [
            dataclasses.replace(a, presence=Presence.LEAVE, reason="病假")
            if a.member_id in absent
            else a
            for a in roll
        ]
        present = sum(1 for a in attendees if a.can_vote and a.presence is Presence.PRESENT)
        votes = [Vote("通过本季度工作安排", yes=present)] if self.rnd.random() < 0.6 else []
        meeting = Meeting(
            MeetingKind.GENERAL, on, notes=tag, agenda="压力测试", attendees=attendees, votes=votes
        )
        self.note("begin", op="meeting", tag=tag, attendees=len(attendees), votes=len(votes))
        self.book.meetings.save(meeting)
        self.note("done", op="meeting", tag=tag, attendees=len(attendees), votes=len(votes))

    def record_step(self) -> None:
        waiting = []
        for m in self.book.members.all(include_left=False):
            if m.name.startswith("申"):
                done = {e.step for e in self.book.pipeline.path_of(m.id).events}
                if len(done) < len(STEP_DATES):
                    waiting.append((m, len(done) + 1))
        if not waiting:
            return self.add_member()
        member, step = self.rnd.choice(waiting)
        on = STEP_DATES[step]
        self.note("begin", op="step", name=member.name, step=step, on=on.isoformat())
        event = Event(member.id, Kind.STEP, on, step=step, exception="压力测试：按顺序补录")
        try:
            self.book.pipeline.record_event(event)
        except RuleViolation as exc:  # a refusal is an answer too: nothing was written
            self.note("refused", op="step", name=member.name, step=step, why=str(exc))
            return None
        self.note("done", op="step", name=member.name, step=step, on=on.isoformat())

    def save_study(self) -> None:
        people = self.full_members()
        if not people:
            return self.add_member()
        tag = self.tag("学")
        ids = tuple(m.id for m in people)
        on = TODAY - timedelta(days=self.rnd.randint(0, 300))
        self.note("begin", op="study", tag=tag, participants=len(ids))
        self.book.study.save(Session(on, tag, "集中学习", 1.5, participants=ids))
        self.note("done", op="study", tag=tag, participants=len(ids))

    def import_roster(self) -> None:
        tag = self.tag("导")
        rows = self.rnd.randint(5, 60)
        people = [person(self.next_serial(), f"{tag}号{sign(i)}") for i in range(rows)]
        path = self.work / f"{tag}.{self.rnd.choice(['xlsx', 'csv'])}"
        write_roster_file(path, people)
        plan = self.book.members.plan_import(path)
        if plan.errors:
            raise SystemExit(f"generated roster refused: {plan.errors[:3]}")
        self.note("begin", op="import", tag=tag, rows=rows)
        added = self.book.members.import_plan(plan)
        self.note("done", op="import", tag=tag, rows=len(added))

    def attach(self) -> None:
        """A photo (1–3 MB, now and then one attached before) onto a meeting."""
        meetings = self.book.meetings.all()
        if not meetings:
            return self.save_meeting()
        tag = self.tag("附")
        photo = self.work / f"{tag} 照片.jpg"
        if self.rnd.random() < 0.2 and list(self.work.glob("*.jpg")):
            photo.write_bytes(self.rnd.choice(sorted(self.work.glob("*.jpg"))).read_bytes())
        else:
            size = self.rnd.randint(1, 3) * 1024 * 1024
            photo.write_bytes(b"\xff\xd8\xff\xe0" + self.rnd.randbytes(size))
        meeting = self.rnd.choice(meetings)
        self.note("begin", op="attach", tag=tag, meeting=meeting.id)
        self.book.attachments.attach(photo, Owner.MEETING, meeting.id, caption=tag)
        self.note("done", op="attach", tag=tag, meeting=meeting.id)

    def run(self) -> None:
        ops = [self.add_member] * 3 + [self.save_meeting] * 3 + [self.record_step] * 2
        ops += [self.save_study] * 2 + [self.import_roster] * 2 + [self.attach] * 3
        while True:
            self.rnd.choice(ops)()


HEADERS = ["序号", "姓名", "性别", "身份证号", "入党时间", "转正时间", "人员类别", "党小组"]


def roster_rows(people: list[Member]) -> list[list[object]]:
    return [
        [i + 1, m.name, m.sex, m.id_number, m.joined_on, m.full_on, "正式党员", m.group]
        for i, m in enumerate(people)
    ]


def write_roster_file(path: Path, people: list[Member]) -> None:
    rows = roster_rows(people)
    if path.suffix == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f)
            out.writerow(HEADERS)
            out.writerows([[v.isoformat() if isinstance(v, date) else v for v in r] for r in rows])
        return
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(path)


def main(argv: list[str]) -> int:
    book_path, journal, seed, base = Path(argv[0]), Path(argv[1]), int(argv[2]), int(argv[3])
    book = Book.open(book_path, clock=lambda: NOW)
    driver = Driver(book, journal, seed, base)
    print("ready", flush=True)
    driver.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
