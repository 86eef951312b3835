"""The 学习记录 tab: the year's sessions with search, and each member's hours against the
requirement, members behind their pro-rata target highlighted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book, Change
from partybook.domain.errors import PartyBookError
from partybook.domain.study import MemberHours, Session, hours_text
from partybook.support.files import safe_file_name
from partybook.ui import messages, printing
from partybook.ui.dialogs.history_dialog import show_history
from partybook.ui.dialogs.study_dialog import StudyDialog
from partybook.ui.models.table_model import BATCH, Column, ColumnTableModel, read_only_view
from partybook.ui.tabs.base import Tab, fit_rows_view
from partybook.ui.widgets import listed

BEHIND = "#fde2e1"


class SessionRow:
    """A session as the list shows it, with the names needed to search it."""

    def __init__(self, s: Session, names: dict[int, str], meeting: str) -> None:
        self.session = s
        self.who = names.get(s.member_id, "") if s.personal else f"{len(s.participants)} 人"
        self.meeting = meeting
        self.people = {names.get(i, "") for i in s.participants}
        self.text = " ".join(
            (
                s.topic,
                s.form,
                s.materials,
                s.presenter,
                s.place,
                s.guests,
                s.notes,
                meeting,
                self.who,
            )
        )


SESSION_COLUMNS: list[Column[SessionRow]] = [
    Column("日期", lambda r: r.session.on),
    Column("学习主题", lambda r: r.session.topic),
    Column("形式", lambda r: r.session.form),
    Column("学时", lambda r: hours_text(r.session.hours), align_center=True),
    Column("参加", lambda r: r.who, align_center=True),
    Column("主讲人", lambda r: r.session.presenter),
    Column("地点", lambda r: r.session.place),
    Column("关联会议", lambda r: r.meeting),
]


def _state(r: MemberHours) -> str:
    if r.met:
        return "已完成全年要求"
    if not r.member.active:
        return r.member.status_text
    if r.behind:
        return f"落后进度，差 {r.shortfall:.1f} 学时"
    return "按进度"


def _behind(r: MemberHours) -> str | None:
    return BEHIND if r.behind else None


HOURS_COLUMNS: list[Column[MemberHours]] = [
    Column("姓名", lambda r: r.member.name, background=_behind),
    Column("党内职务", lambda r: r.member.party_post, background=_behind),
    Column("集体学习", lambda r: f"{r.sessions} 次", align_center=True, background=_behind),
    Column(
        "个人学习", lambda r: hours_text(r.personal_hours), align_center=True, background=_behind
    ),
    Column(
        "建账前",
        lambda r: hours_text(r.opening_hours) if r.opening_hours else "",
        align_center=True,
        background=_behind,
        tip=lambda r: "建账以前本年已学的学时（期初数据），已计入合计" if r.opening_hours else "",
    ),
    Column("合计学时", lambda r: hours_text(r.hours), align_center=True, background=_behind),
    Column("按进度应有", lambda r: f"{r.target:.1f}", align_center=True, background=_behind),
    Column("全年要求", lambda r: f"{r.requirement:g}", align_center=True, background=_behind),
    Column(
        "情况",
        _state,
        colour=lambda r: "#c62828" if r.behind else None,
        background=_behind,
    ),
]


class StudyTab(Tab):
    SHOWS = Change.MEMBERS | Change.MEETINGS | Change.STUDY | Change.SETTINGS | Change.OPENING

    def __init__(self, book: Book, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(book, parent, lazy=lazy)
        self._only: int | None = None  # show one member's sessions only
        self.sessions_model = ColumnTableModel(SESSION_COLUMNS, self, batch=BATCH)
        self.hours_model = ColumnTableModel(HOURS_COLUMNS, self, batch=BATCH)
        self.table, self.proxy = read_only_view(self.sessions_model, self)
        self.hours_view, self.hours_proxy = read_only_view(self.hours_model, self)
        self.year = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索主题、内容、主讲人、参加人员")
        self.search.setClearButtonEnabled(True)
        self.only_button = QPushButton()
        self.only_button.setToolTip("点击后显示全部学习记录")
        self.only_button.hide()
        self.add_button = QPushButton("登记学习活动…")
        self.personal_button = QPushButton("登记个人学习…")
        self.edit_button = QPushButton("修改…")
        self.delete_button = QPushButton("删除…")
        self.signin_button = QPushButton("打印签到表…")
        self.signin_pdf_button = QPushButton("签到表存为 PDF…")
        self.export_button = QPushButton("导出 Excel…")
        self.history_button = QPushButton("改动历史…")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._layout()
        self._connect()
        self._fill_years()
        self.refresh()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        top.addWidget(self.search, 1)
        top.addWidget(self.only_button)
        actions = QHBoxLayout()
        for b in (
            self.add_button,
            self.personal_button,
            self.edit_button,
            self.delete_button,
            self.signin_button,
            self.signin_pdf_button,
            self.export_button,
            self.history_button,
        ):
            actions.addWidget(b)
        actions.addStretch(1)
        people = QGroupBox("每名党员的学时（红底为落后于进度的；双击某人只看他参加的学习）")
        QVBoxLayout(people).addWidget(self.hours_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(people)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def _connect(self) -> None:
        self.year.currentIndexChanged.connect(self.load_now)
        self.search.textChanged.connect(self._apply_filter)
        self.only_button.clicked.connect(lambda: self.show_only(None))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.personal_button.clicked.connect(self._on_personal_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.signin_button.clicked.connect(self._on_signin_clicked)
        self.signin_pdf_button.clicked.connect(self._on_signin_pdf_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.history_button.clicked.connect(self._on_history_clicked)
        self.hours_view.doubleClicked.connect(self._on_person_double_clicked)

    def _fill_years(self) -> None:
        years = self._book.study.years()
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(f"{y} 年", y)
        self.year.setCurrentIndex(max(0, self.year.findData(current)))
        self.year.blockSignals(False)

    def current_year(self) -> int:
        return self.year.currentData() or self._book.today().year

    def _load_key(self) -> int | None:
        return self.year.currentData()

    @Slot()
    def reload(self) -> None:
        year = self.current_year()
        names = self._book.members.names()
        sessions = self._book.study.sessions(year)
        # a linked session takes its meeting's date (Book.session_from_meeting), so the year's
        # titles are enough: not the 8 000 of a township's five years
        titles = self._book.meetings.titles(year)
        self.sessions_model.set_rows(
            [SessionRow(s, names, titles.get(s.meeting_id, "")) for s in sessions]
        )
        on = min(self._book.today(), date(year, 12, 31))
        rows = self._book.study.hours(year, on)
        # behind first, each part by name: a stable split of the rows sorted by name gives
        # the order of sorting by (not behind, name) without comparing 10 000 tuples
        by_name = sorted(rows, key=lambda r: r.member.name)
        late = [r.behind for r in by_name]
        self.hours_model.set_rows(
            [r for r, b in zip(by_name, late, strict=True) if b]
            + [r for r, b in zip(by_name, late, strict=True) if not b]
        )
        group = [s for s in sessions if not s.personal]
        behind = [r.member.name for r in rows if r.behind]
        settings = self._book.study.settings()
        total = hours_text(sum(s.hours for s in group))
        self.summary.setText(
            f"{year} 年集体学习 {len(group)} 次，共 {total} 学时；"
            f"个人学习 {len(sessions) - len(group)} 条。全年要求：党员 "
            f"{settings.member_hours:g} 学时，书记和支委 {settings.leader_hours:g} 学时。"
            + (f"落后进度：{listed(behind, '、', '人')}。" if behind else "没有落后进度的党员。")
        )
        self._apply_filter()
        for view in (self.table, self.hours_view):
            fit_rows_view(view)

    # filtering --------------------------------------------------------------
    @Slot()
    def _apply_filter(self) -> None:
        words = self.search.text().split()
        only = self._only

        def accept(r: SessionRow) -> bool:
            if only is not None and only not in r.session.participants:
                return False
            return all(w in r.text or any(w in p for p in r.people) for w in words)

        self.proxy.set_predicate(accept)

    def show_only(self, member_id: int | None) -> None:
        self._only = member_id
        if member_id is None:
            self.only_button.hide()
        else:
            self.only_button.setText(f"只看：{self._book.members.get(member_id).name}  ✕")
            self.only_button.show()
        self._apply_filter()

    @Slot()
    def _on_person_double_clicked(self) -> None:
        rows = self.hours_view.selectionModel().selectedRows()
        if rows:
            self.show_only(self.hours_proxy.row_at(rows[0].row()).member.id)

    # actions ----------------------------------------------------------------
    def selected(self) -> Session | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.row_at(rows[0].row()).session if rows else None

    def _save(self, s: Session | None) -> None:
        if s is None:
            return
        try:
            with self.saving():
                self._book.study.save(s)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after_change()

    def _after_change(self) -> None:
        self._fill_years()
        self.load_saved()

    @Slot()
    def _on_add_clicked(self) -> None:
        self._save(StudyDialog.ask(self, self._book))

    @Slot()
    def _on_personal_clicked(self) -> None:
        self._save(StudyDialog.ask(self, self._book, personal=True))

    @Slot()
    def _on_edit_clicked(self) -> None:
        current = messages.picked(self, self.selected(), "一条学习记录")
        if current is None:
            return
        self._save(StudyDialog.ask(self, self._book, current))

    @Slot()
    def _on_delete_clicked(self) -> None:
        current = messages.picked(self, self.selected(), "一条学习记录")
        if current is None:
            return
        if not messages.confirm(
            self,
            f"删除这条学习记录？\n\n{current.on}　{current.topic}"
            f"（{hours_text(current.hours)} 学时）\n\n"
            "只有录错或重复录入时才需要删除；参加人员的学时会相应减少。",
            yes="删除",
        ):
            return
        try:
            self._book.study.delete(current.id)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after_change()

    def _sheet(self):
        current = self.selected()
        if current is None:
            messages.show_info(
                self,
                "请先在列表中选择一次学习。\n要在学习之前打印，请在“登记学习活动”窗口里点“打印签到表（学习前）”。",
            )
            return None
        if current.personal:
            messages.show_info(self, "个人学习没有签到表，请选择一次集体学习。")
            return None
        return self._book.study.signin_sheet(current)

    @Slot()
    def _on_signin_clicked(self) -> None:
        sheet = self._sheet()
        if sheet is not None:
            printing.preview_signin(self, sheet)

    @Slot()
    def _on_signin_pdf_clicked(self) -> None:
        printing.save_signin_pdf_as(self, self._sheet())

    @Slot()
    def _on_export_clicked(self) -> None:
        year = self.current_year()
        name = safe_file_name(f"{self._book.branch().name}{year}年学习记录.xlsx")
        target, _ = QFileDialog.getSaveFileName(self, "导出学习记录", name, "Excel 工作簿 (*.xlsx)")
        if not target:
            return
        try:
            count = self._book.study.export(Path(target), year)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(self, f"已导出 {year} 年学习记录 {count} 条和学时统计：\n{target}")

    @Slot()
    def _on_history_clicked(self) -> None:
        s = self.selected()
        show_history(self, self._book, "study", s and s.id, f"{s.on} {s.topic}" if s else "")
