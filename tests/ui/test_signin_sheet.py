"""The 签到表: who is on it, its header lines, and page breaks for 5 and 60 names."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from partybook.domain.meetings import Meeting, MeetingKind
from partybook.ui.printing import save_signin_pdf


@pytest.fixture
def meeting(quiet_book) -> Meeting:
    return Meeting(
        MeetingKind.GENERAL,
        date(2026, 11, 28),
        start="15:30",
        end="17:00",
        place="学校会议室",
        host="刘建华",
        recorder="陈秀英",
        attendees=quiet_book.meetings.default_attendees(MeetingKind.GENERAL),
    )


def _pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def test_sheet_content(quiet_book, meeting) -> None:
    sheet = quiet_book.meetings.signin_sheet(meeting)
    assert sheet.title == "青山镇中心小学党支部2026年第1次支部党员大会签到表"
    assert "时间：2026年11月28日 15:30–17:00　　地点：学校会议室" in sheet.lines
    assert sheet.lines[-1].startswith("应到：19 人")
    assert len(sheet.names) == 19 and sheet.names[0] == "刘建华"
    assert sheet.notes[sheet.names.index("谢婷")] == "无表决权"


def test_excluded_members_are_not_on_the_sheet(quiet_book, meeting) -> None:
    first = dataclasses.replace(meeting.attendees[0], excluded=True, excluded_reason="长期病休")
    sheet = quiet_book.meetings.signin_sheet(
        dataclasses.replace(meeting, attendees=[first, *meeting.attendees[1:]])
    )
    assert "刘建华" not in sheet.names and len(sheet.names) == 18


@pytest.mark.parametrize(("count", "pages"), [(5, 1), (17, 1), (18, 2), (60, 4)])
def test_page_breaks(qapp, quiet_book, meeting, tmp_path, count, pages) -> None:
    people = (meeting.attendees * 4)[:count]
    sheet = quiet_book.meetings.signin_sheet(dataclasses.replace(meeting, attendees=people))
    out = tmp_path / "signin.pdf"
    assert save_signin_pdf(sheet, out) == pages
    assert out.read_bytes().startswith(b"%PDF") and _pages(out) == pages
