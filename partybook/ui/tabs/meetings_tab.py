"""The 三会一课 tab: the year's meetings, what is missing, and each member's attendance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book, Change
from partybook.domain.errors import PartyBookError
from partybook.domain.meetings import AttendanceStat, Meeting, MeetingLine, Requirement
from partybook.ui import messages, printing
from partybook.ui.attachments import minutes_with_photos_if_asked
from partybook.ui.dialogs.history_dialog import show_history
from partybook.ui.dialogs.meeting_dialog import MeetingDialog
from partybook.ui.models.table_model import BATCH, Column, ColumnTableModel, read_only_view
from partybook.ui.tabs.base import Tab, fit_rows_view


@dataclass(frozen=True)
class PersonRow:
    name: str
    stat: AttendanceStat


MEETING_COLUMNS: list[Column[MeetingLine]] = [
    Column("日期", lambda r: r.meeting.on),
    Column("会议名称", lambda r: r.title),
    Column("应到", lambda r: r.should_attend, align_center=True),
    Column("实到", lambda r: r.present, align_center=True),
    Column("地点", lambda r: r.meeting.place),
    Column("主持人", lambda r: r.meeting.host),
    Column("议题", lambda r: r.meeting.agenda or r.meeting.topic),
]
COMPLIANCE_COLUMNS: list[Column[Requirement]] = [
    Column("会议", lambda r: r.name),  # 党小组会（第一党小组）: each group its own
    Column("期间", lambda r: r.period.label),
    Column(
        "情况",
        # month-day by hand: a date's strftime imports a module each call (hundreds a row)
        lambda r: (
            "已召开 " + "、".join(f"{d.month:02d}-{d.day:02d}" for d in r.held)
            if r.met
            else "未召开"
        ),
        colour=lambda r: None if r.met else "#c62828",
    ),
]
PEOPLE_COLUMNS: list[Column[PersonRow]] = [
    Column("姓名", lambda p: p.name),
    Column("应参加", lambda p: p.stat.expected, align_center=True),
    Column("出席", lambda p: p.stat.attended, align_center=True),
    Column("请假", lambda p: p.stat.leave, align_center=True),
    Column("缺席", lambda p: p.stat.absent, align_center=True),
    Column("出席率", lambda p: f"{p.stat.rate:.0%}" if p.stat.rate is not None else ""),
    Column("提醒", lambda p: p.stat.flag, colour=lambda p: "#c62828" if p.stat.flag else None),
]


class MeetingsTab(Tab):
    SHOWS = Change.MEMBERS | Change.MEETINGS | Change.SETTINGS | Change.OPENING

    def __init__(self, book: Book, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(book, parent, lazy=lazy)
        self.meetings_model = ColumnTableModel(MEETING_COLUMNS, self)
        self.compliance_model = ColumnTableModel(COMPLIANCE_COLUMNS, self)
        # a township's 10 000 people: handed to the view 500 at a time, filtered in one pass
        self.people_model = ColumnTableModel(PEOPLE_COLUMNS, self, batch=BATCH)
        self.year = QComboBox()
        self.add_button = QPushButton("新建会议记录…")
        self.edit_button = QPushButton("修改…")
        self.signin_button = QPushButton("打印签到表…")
        self.signin_pdf_button = QPushButton("签到表存为 PDF…")
        self.minutes_button = QPushButton("打印会议记录…")
        self.history_button = QPushButton("改动历史…")
        self.table, self.proxy = read_only_view(self.meetings_model, self)
        self.compliance_view, self.compliance_proxy = read_only_view(self.compliance_model, self)
        self.people_view, _ = read_only_view(self.people_model, self)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        for b in (
            self.add_button,
            self.edit_button,
            self.signin_button,
            self.signin_pdf_button,
            self.minutes_button,
            self.history_button,
        ):
            top.addWidget(b)
        top.addStretch(1)
        top.addWidget(self.summary)
        gaps = QGroupBox("按规定应召开的会议（红色为未召开）")
        QVBoxLayout(gaps).addWidget(self.compliance_view)
        people = QGroupBox("每人出席情况（半年以上未参加组织生活的标红）")
        QVBoxLayout(people).addWidget(self.people_view)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(gaps)
        bottom.addWidget(people)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split)
        self.year.currentIndexChanged.connect(self.load_now)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.signin_button.clicked.connect(self._on_signin_clicked)
        self.signin_pdf_button.clicked.connect(self._on_signin_pdf_clicked)
        self.minutes_button.clicked.connect(self._on_minutes_clicked)
        self.history_button.clicked.connect(self._on_history_clicked)
        self._fill_years()
        self.refresh()

    def _fill_years(self) -> None:
        years = self._book.meetings.years()
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(f"{y} 年", y)
        self.year.blockSignals(False)

    def _load_key(self) -> int | None:
        return self.year.currentData()

    @Slot()
    def reload(self) -> None:
        """The year's meetings, what is missing and everyone's attendance (a year chosen or a
        meeting saved loads through Tab.load_now: under the 请稍候 note when expected slow)."""
        year = self.year.currentData() or self._book.today().year
        lines = self._book.meetings.lines(year)
        self.meetings_model.set_rows(lines)
        until = min(self._book.today(), date(year, 12, 31))
        required = self._book.meetings.compliance(year, until)
        self.compliance_model.set_rows(sorted(required, key=lambda r: r.met))  # gaps first
        stats = self._book.meetings.attendance(year)
        names = self._book.members.names()
        self.people_model.set_rows(
            sorted(
                (PersonRow(names.get(k, ""), s) for k, s in stats.items()),
                key=lambda p: (not p.stat.flag, p.name),
            )
        )
        missing = sum(1 for r in required if not r.met)
        self.summary.setText(f"{year} 年共 {len(lines)} 次会议，应开未开 {missing} 项。")
        for view in (self.table, self.compliance_view, self.people_view):
            fit_rows_view(view)

    def selected_line(self) -> MeetingLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.row_at(rows[0].row()) if rows else None

    def selected(self) -> Meeting | None:
        """The selected meeting with its attendance and votes, read afresh for editing."""
        line = self.selected_line()
        return self._book.meetings.get(line.meeting.id) if line else None

    def _save(self, meeting: Meeting | None) -> None:
        if meeting is None:
            return
        try:
            with self.saving():
                self._book.meetings.save(meeting)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._fill_years()
        self.load_saved()

    @Slot()
    def _on_add_clicked(self) -> None:
        self._save(MeetingDialog.ask(self, self._book))

    @Slot()
    def _on_edit_clicked(self) -> None:
        current = self.selected()
        if current is not None:
            self._save(MeetingDialog.ask(self, self._book, current))

    def _sheet_for_print(self):
        """The selected meeting's sheet, or a new meeting's (entered now, printed before it)."""
        current = messages.picked(self, self.selected(), "一次会议")
        if current is None:
            return None
        return self._book.meetings.signin_sheet(current)

    @Slot()
    def _on_signin_clicked(self) -> None:
        sheet = self._sheet_for_print()
        if sheet is not None:
            printing.preview_signin(self, sheet)

    @Slot()
    def _on_signin_pdf_clicked(self) -> None:
        printing.save_signin_pdf_as(self, self._sheet_for_print())

    @Slot()
    def _on_minutes_clicked(self) -> None:
        current = messages.picked(self, self.selected(), "一次会议")
        if current is None:
            return
        html = self._book.meetings.minutes_html(current)
        printing.preview(
            self, minutes_with_photos_if_asked(self, self._book, current, html), "会议记录"
        )

    @Slot()
    def _on_history_clicked(self) -> None:
        line = self.selected_line()
        key = line.meeting.id if line else None
        show_history(self, self._book, "meeting", key, line.title if line else "")
