"""The 三会一课 workbook read back: meetings sheet and the attendance matrix."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from partybook.export.meetings import MEETING_COLUMNS


def test_meetings_sheet_and_attendance_matrix(demo_book, tmp_path) -> None:
    path = tmp_path / "三会一课.xlsx"
    count = demo_book.meetings.export(path, 2026)
    assert count == len(demo_book.meetings.all(2026)) > 30
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["会议记录", "出勤表"]
    ws = wb["会议记录"]
    assert [c.value for c in ws[3]] == [c.header for c in MEETING_COLUMNS]
    assert ws["B4"].value == "2026年第1次支部委员会会议"
    assert isinstance(ws["C4"].value, datetime) and ws["C4"].number_format == "yyyy-mm-dd"
    assert ws.print_title_rows == "$3:$3"
    grid = wb["出勤表"]
    header = [c.value for c in grid[3]]
    assert header[0] == "姓名" and header[-1] == "出席率" and len(header) == count + 2
    rows = {r[0].value: [c.value for c in r] for r in grid.iter_rows(min_row=4)}
    huang = rows["黄伟"]
    assert "缺" in huang and huang[-1] == "29%"
    assert set(huang[1:-1]) <= {"出", "假", "缺", "不计", None}
