"""The change log: every write of every ledger table is logged by the database's triggers,
cannot be altered, and reads per record as old → new."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date

import pytest

from partybook.domain.meetings import Attendee, Meeting, MeetingKind, Presence
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.study import Session
from partybook.store.audit import audited_models


def _member(name="张三", **kw) -> Member:
    values = dict(name=name, stage=Stage.FULL, sex="男", joined_on=date(2010, 7, 1))
    values.update(kw)
    return Member(**values)


def test_member_changes_read_as_old_to_new(quiet_book) -> None:
    m = quiet_book.members.add(_member(phone="13812345678"))
    quiet_book.members.update(dataclasses.replace(m, name="张山", phone="13912345678"))
    quiet_book.members.update(
        dataclasses.replace(quiet_book.members.get(m.id))
    )  # no change: no line
    quiet_book.members.leave(m.id, LeaveReason.TRANSFERRED, date(2026, 11, 1), "转到县一中")
    lines = quiet_book.history.of("member", m.id)
    assert [line.action for line in lines] == ["修改", "修改", "新增"]
    assert lines[1].details == "姓名：张三 → 张山；联系电话：13812345678 → 13912345678"
    assert "离开原因：（空） → 转出" in lines[0].details and "离开日期" in lines[0].details
    assert lines[2].what == "人员信息" and "姓名：张三" in lines[2].details
    assert all(line.at[:4].isdigit() for line in lines)


def test_a_meeting_and_its_attendance_are_one_history(quiet_book) -> None:
    committee = quiet_book.meetings.default_attendees(MeetingKind.COMMITTEE, on=date(2026, 11, 3))
    people = [quiet_book.members.get(a.member_id) for a in committee]
    saved = quiet_book.meetings.save(
        Meeting(
            MeetingKind.COMMITTEE,
            date(2026, 11, 3),
            place="会议室",
            attendees=[Attendee(p.id, Presence.PRESENT) for p in people],
        )
    )
    again = dataclasses.replace(
        saved,
        place="三楼会议室",
        attendees=[
            dataclasses.replace(a, presence=Presence.LEAVE, reason="病假") if i == 0 else a
            for i, a in enumerate(saved.attendees)
        ],
    )
    quiet_book.meetings.save(again)
    lines = quiet_book.history.of("meeting", saved.id)
    whats = [line.what for line in lines]
    assert whats.count("出席情况") >= 4 and "会议记录" in whats
    assert any("地点：会议室 → 三楼会议室" in line.details for line in lines)
    assert any(people[0].name in line.details for line in lines if line.what == "出席情况")


def test_every_ledger_table_is_audited_and_the_log_is_append_only(quiet_book) -> None:
    tables = {m._meta.table_name for m in audited_models()}
    assert {"member", "event", "meeting", "attendance", "vote", "study"} <= tables
    assert "setting" not in tables and "change_log" not in tables
    someone = quiet_book.members.all()[0].id
    quiet_book.study.save(
        Session(date(2026, 10, 9), "学习党章", "集中学习", 2, participants=(someone,))
    )
    path = quiet_book.path
    before = quiet_book.history.count()
    assert before > 0
    quiet_book.close(auto_backup=False)
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="只能追加"):
        con.execute("DELETE FROM change_log")
    with pytest.raises(sqlite3.DatabaseError, match="只能追加"):
        con.execute("UPDATE change_log SET new = NULL")
    assert con.execute("SELECT count(*) FROM change_log").fetchone()[0] == before
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    con.close()
    assert {f"audit_{t}_{op}" for t in tables for op in ("insert", "update", "delete")} <= triggers


def test_a_refused_write_leaves_no_log_line(quiet_book) -> None:
    from partybook.domain.errors import PartyBookError

    before = quiet_book.history.count()
    with pytest.raises(PartyBookError):
        quiet_book.members.add(_member(name="", id_number="123"))
    assert quiet_book.history.count() == before


def test_a_data_package_carries_the_change_log_without_adding_to_it(demo_book, tmp_path) -> None:
    from partybook.book import Book

    m = demo_book.members.all()[0]
    demo_book.members.update(dataclasses.replace(m, address="青山镇一号"))
    before = demo_book.history.count()
    history = demo_book.history.of("member", m.id)
    out = tmp_path / "包.zip"
    demo_book.packages.export(out)
    demo_book.close(auto_backup=False)
    other = Book.open(tmp_path / "new.sqlite", auto_backup=False)
    other.packages.import_file(out)
    assert other.history.count() == before
    # the same lines, each marked as having come in with the package (issue 22)
    imported = other.history.of("member", m.id)
    assert [(h.at, h.what, h.details) for h in imported] == [
        (h.at, h.what, h.details) for h in history
    ]
    assert all(h.action.endswith("（随数据包导入）") for h in imported)
    other.members.update(dataclasses.replace(other.members.get(m.id), address="青山镇二号"))
    assert other.history.count() == before + 1  # logging is on again after the import
    other.close(auto_backup=False)


def test_a_year_package_leaves_the_change_log_out(demo_book, tmp_path) -> None:
    import json
    import zipfile

    assert demo_book.history.count() > 0
    out = tmp_path / "2026.zip"
    demo_book.packages.export(out, year=2026)
    with zipfile.ZipFile(out) as zf:
        name = next(n for n in zf.namelist() if "change_log" in n)
        data = json.loads(zf.read(name))
    rows = data["rows"] if isinstance(data, dict) else data
    assert rows == []
