"""Study through the Book: sessions linked to meetings, hours, due items, settings, outputs."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from partybook.domain.errors import RuleViolation
from partybook.domain.meetings import Meeting, MeetingKind, Presence
from partybook.domain.members import LeaveReason
from partybook.domain.study import Session, StudySettings


def _ids(book) -> dict[str, int]:
    return {m.name: m.id for m in book.members.all()}


def _row(book, name, year=2026):
    return next(r for r in book.study.hours(year) if r.member.name == name)


def test_a_session_with_participants_changes_their_totals_only(quiet_book) -> None:
    ids = _ids(quiet_book)
    before = _row(quiet_book, "李国平").hours
    saved = quiet_book.study.save(
        Session(
            date(2026, 10, 9),
            " 学习党章 ",
            "集中学习",
            2.5,
            participants=(ids["李国平"], ids["刘建华"], ids["李国平"]),
        )
    )
    assert saved.id is not None
    assert saved.topic == "学习党章" and saved.participants == (ids["李国平"], ids["刘建华"])
    assert _row(quiet_book, "李国平").hours == before + 2.5
    assert _row(quiet_book, "赵春梅").hours == 0
    assert quiet_book.study.session(saved.id) == saved


def test_a_session_linked_to_a_meeting_takes_its_date_place_and_who_came(quiet_book) -> None:
    people = quiet_book.meetings.default_attendees(MeetingKind.LECTURE)
    away = people[0].member_id
    people[0] = dataclasses.replace(people[0], presence=Presence.LEAVE, reason="病假")
    lecture = quiet_book.meetings.save(
        Meeting(
            MeetingKind.LECTURE,
            date(2026, 9, 25),
            attendees=people,
            place="多功能厅",
            lecturer="刘建华",
            topic="弘扬教育家精神",
        )
    )
    s = quiet_book.study.save(
        Session(date(2000, 1, 1), "弘扬教育家精神", "支部书记讲党课", 2, meeting_id=lecture.id)
    )
    assert (s.on, s.place, s.presenter) == (date(2026, 9, 25), "多功能厅", "刘建华")
    assert away not in s.participants and len(s.participants) == len(people) - 1
    # the meeting is corrected afterwards: the linked session follows in the same write
    people[0] = dataclasses.replace(people[0], presence=Presence.PRESENT, reason="")
    quiet_book.meetings.save(dataclasses.replace(lecture, attendees=people, place="会议室"))
    (again,) = quiet_book.study.sessions(2026)
    assert away in again.participants and again.place == "会议室"


def test_refusals_save_nothing(quiet_book) -> None:
    ids = _ids(quiet_book)
    with pytest.raises(RuleViolation, match="晚于今天"):
        quiet_book.study.save(
            Session(date(2026, 11, 23), "学习", "自学", 1, participants=(ids["郑敏"],))
        )
    with pytest.raises(RuleViolation, match="半小时"):
        quiet_book.study.save(
            Session(date(2026, 11, 2), "学习", "自学", 0.3, participants=(ids["郑敏"],))
        )
    with pytest.raises(RuleViolation, match="林海 已于 .* 离开支部"):
        quiet_book.study.save(
            Session(date(2026, 11, 2), "学习", "集中学习", 1, participants=(ids["林海"],))
        )
    assert quiet_book.study.sessions() == []


def test_personal_study_counts_for_its_member(quiet_book) -> None:
    ids = _ids(quiet_book)
    quiet_book.study.save(
        Session(
            date(2026, 5, 3),
            "学习强国",
            "网络学习",
            3,
            participants=(ids["郑敏"],),
            member_id=ids["郑敏"],
        )
    )
    row = _row(quiet_book, "郑敏")
    assert (row.hours, row.personal_hours, row.sessions) == (3, 3, 0)


def test_due_lists_members_behind_with_the_shortfall(demo_book, capsys) -> None:
    from partybook.cli import main

    items = [i for i in demo_book.due_items() if i.kind == "study"]
    # 谢婷 too: the May sessions before the day she was admitted (05-21) no longer count
    assert {i.member for i in items} == {"黄伟", "吴晓燕", "谢婷"}
    huang = next(i for i in items if i.member == "黄伟")
    row = _row(demo_book, "黄伟")
    assert huang.shortfall == row.shortfall == pytest.approx(32 * 10 / 12 - row.hours, abs=0.01)
    path = str(demo_book.path)
    demo_book.close(auto_backup=False)
    on = "2026-11-22"  # the demo's 'now': the CLI counts from the real today otherwise
    assert main(["--db", path, "due", "--on", on, "--json"]) == 0
    study = [d for d in json.loads(capsys.readouterr().out) if d["kind"] == "study"]
    assert {d["member"] for d in study} == {"黄伟", "吴晓燕", "谢婷"}
    assert all(d["shortfall"] > 0 for d in study)
    assert main(["--db", path, "study", "--year", "2026", "--on", on, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["member"] for r in rows if r["behind"]} == {"黄伟", "吴晓燕", "谢婷"}
    leader = next(r for r in rows if r["member"] == "刘建华")
    assert leader["requirement"] == 56 and not leader["behind"]


def test_the_demo_links_every_lecture_and_leaves_a_left_member_unflagged(demo_book) -> None:
    lectures = [m for m in demo_book.meetings.all(2026) if m.kind is MeetingKind.LECTURE]
    linked = {s.meeting_id for s in demo_book.study.sessions(2026) if s.meeting_id}
    assert linked == {m.id for m in lectures}
    lin = _row(demo_book, "林海")
    assert lin.requirement < 32 and not lin.behind


def test_settings_are_saved_and_checked(book) -> None:
    book.study.save_settings(StudySettings(40, 60, ("集中学习", "读书班", "集中学习")))
    assert book.study.settings() == StudySettings(40, 60, ("集中学习", "读书班"))
    with pytest.raises(RuleViolation, match="至少要有一种"):
        book.study.save_settings(StudySettings(40, 60, ()))
    with pytest.raises(RuleViolation, match="1 到 500"):
        book.study.save_settings(StudySettings(-1, 60, ("自学",)))


def test_delete_removes_a_mistaken_session(quiet_book) -> None:
    ids = _ids(quiet_book)
    s = quiet_book.study.save(
        Session(date(2026, 6, 1), "重复录入", "集中学习", 2, participants=(ids["郑敏"],))
    )
    quiet_book.study.delete(s.id)
    assert quiet_book.study.sessions() == []
    assert _row(quiet_book, "郑敏").hours == 0


def test_the_workbook_lists_every_session_and_every_members_hours(demo_book, tmp_path) -> None:
    out = tmp_path / "学习.xlsx"
    count = demo_book.study.export(out, 2026)
    sessions = demo_book.study.sessions(2026)
    assert count == len(sessions)
    wb = load_workbook(out)
    assert wb.sheetnames == ["学习记录", "学时统计"]
    ws = wb["学习记录"]
    headers = [c.value for c in ws[3]]
    assert headers[:4] == ["序号", "日期", "学习主题", "学习形式"]
    body = [r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert len(body) == len(sessions)
    assert body[0][1].date() == sessions[0].on and body[0][2] == sessions[0].topic
    assert sum(r[7] for r in body) == sum(s.hours for s in sessions)
    hours = wb["学时统计"]
    rows = {r[1]: r for r in hours.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)}
    head = [c.value for c in hours[3]]
    assert head[5:10] == [
        "个人自学（学时）",
        "建账前已学（学时）",
        "合计学时",
        "全年要求（学时）",
        "完成情况",
    ]
    assert rows["黄伟"][7] == _row(demo_book, "黄伟").hours
    assert rows["黄伟"][6] is None  # no 期初数据 in the demo book
    assert rows["刘建华"][8] == 56
    assert rows["黄伟"][9].startswith("落后进度")
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.orientation == "landscape"


def test_a_study_signin_sheet_lists_the_participants(demo_book) -> None:
    s = demo_book.study.sessions(2026)[1]
    sheet = demo_book.study.signin_sheet(s)
    assert sheet.title == "青山镇中心小学党支部学习签到表"
    assert len(sheet.names) == len(s.participants)
    assert any(s.topic in line for line in sheet.lines)
    blank = Session(date(2026, 12, 1), "计划", "集中学习", 2)
    assert len(demo_book.study.signin_sheet(blank).names) == len(
        demo_book.study.default_participants()
    )


def test_cli_lists_exports_and_prints(demo_book, tmp_path, capsys) -> None:
    from partybook.cli import main

    first = demo_book.study.sessions(2026)[0]
    path = str(demo_book.path)
    demo_book.close(auto_backup=False)
    assert main(["--db", path, "study", "--sessions"]) == 0
    assert first.topic in capsys.readouterr().out
    out = tmp_path / "s.xlsx"
    assert main(["--db", path, "export", "study", "--year", "2026", "--out", str(out)]) == 0
    assert out.is_file()
    pdf = tmp_path / "s.pdf"
    assert main(["--db", path, "print", "signin", "--study", str(first.id), "--pdf", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["--db", path, "print", "signin", "--study", "9999", "--pdf", str(pdf)]) == 2
    assert "没有编号为 9999" in capsys.readouterr().err


def test_leaving_ends_the_window(quiet_book) -> None:
    ids = _ids(quiet_book)
    quiet_book.members.leave(ids["郑敏"], LeaveReason.TRANSFERRED, date(2026, 4, 30))
    row = _row(quiet_book, "郑敏")
    assert row.requirement == pytest.approx(32 * 4 / 12, abs=0.01) and not row.behind
