"""The 组织建设 tab: 谈心谈话, 组织关系转接 and 支委会与换届 as three pages."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book, Change
from partybook.domain.errors import PartyBookError
from partybook.domain.members import Member, Stage
from partybook.domain.talks import Coverage, Talk, names_text
from partybook.domain.transfers import Direction, Transfer
from partybook.ui import messages
from partybook.ui.dialogs.member_dialog import MemberDialog
from partybook.ui.dialogs.talk_dialog import TalkDialog
from partybook.ui.dialogs.transfer_dialog import TransferDialog
from partybook.ui.models.table_model import BATCH, Column, ColumnTableModel, read_only_view
from partybook.ui.pages.committee_page import CommitteePage
from partybook.ui.tabs.base import Tab, fit_rows_view
from partybook.ui.widgets import FlowLayout, flow_row, listed

LATE = "#fde2e1"


def buttons_row(*buttons: QPushButton) -> FlowLayout:
    return flow_row(*buttons)  # wraps on a narrow screen


class TalkRow:
    def __init__(self, t: Talk, names: dict[int, str]) -> None:
        self.talk = t
        self.first = names.get(t.first_id, "")
        self.second = names.get(t.second_id, "") if t.second_id is not None else t.second_name
        self.text = " ".join((self.first, self.second, t.topic, t.content, t.follow_up))


TALK_COLUMNS: list[Column[TalkRow]] = [
    Column("日期", lambda r: r.talk.on),
    Column("谈话人", lambda r: r.first),
    Column("谈话对象", lambda r: r.second),
    Column("主题", lambda r: r.talk.topic),
    Column("谈话内容", lambda r: r.talk.content, tip=lambda r: r.talk.content),
    Column("后续跟进", lambda r: r.talk.follow_up, tip=lambda r: r.talk.follow_up),
]

COVERAGE_COLUMNS: list[Column[Coverage]] = [
    Column("支委", lambda r: r.talker.name),
    Column("职务", lambda r: r.talker.party_post),
    Column("已谈", lambda r: f"{len(r.done)} 人", align_center=True),
    Column(
        "还需谈",
        lambda r: f"{len(r.missing)} 人" if r.missing else "已全部谈过",
        align_center=True,
        colour=lambda r: "#c62828" if r.missing else "#1b5e20",
    ),
    Column(
        "还没有谈过的党员",
        # a branch's whole list; a township's first hundred and the count (not 4 000 names)
        lambda r: listed([m.name for m in r.missing], "、", "人", limit=100),
        tip=lambda r: names_text(r.missing),
    ),
]


class TalksPage(QWidget):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self.model = ColumnTableModel(TALK_COLUMNS, self, batch=BATCH)  # a township: 20 000
        self.table, self.proxy = read_only_view(self.model, self)
        self.coverage_model = ColumnTableModel(COVERAGE_COLUMNS, self)
        self.coverage_view, _ = read_only_view(self.coverage_model, self)
        self.year = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索谈话人、对象、主题、内容")
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton("登记谈话…")
        self.edit_button = QPushButton("修改…")
        self.delete_button = QPushButton("删除…")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        top.addWidget(self.search, 1)
        box = QGroupBox("每名支委今年的谈心谈话（每年至少与每名党员谈一次）")
        QVBoxLayout(box).addWidget(self.coverage_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons_row(self.add_button, self.edit_button, self.delete_button))
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.year.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self._apply_filter)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)

    def _fill_years(self) -> None:
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in self._book.talks.years():
            self.year.addItem(f"{y} 年", y)
        self.year.setCurrentIndex(max(0, self.year.findData(current)))
        self.year.blockSignals(False)

    @Slot()
    def reload(self) -> None:
        if self.year.count() == 0:
            self._fill_years()
        year = self.year.currentData() or self._book.today().year
        names = self._book.members.names()
        talks = self._book.talks.all(year)
        self.model.set_rows([TalkRow(t, names) for t in talks])
        rows = self._book.talks.coverage(year)
        self.coverage_model.set_rows(rows)
        owed = sum(len(r.missing) for r in rows)
        settings = self._book.talks.settings()
        note = "" if settings.enabled else "（设置中已关闭谈心谈话提醒）"
        self.summary.setText(
            f"{year} 年谈心谈话 {len(talks)} 次。"
            + (f"支委还需谈话共 {owed} 人次。" if owed else "每名支委都已与每名党员谈过。")
            + note
        )
        self._apply_filter()
        for view in (self.table, self.coverage_view):
            fit_rows_view(view)

    @Slot()
    def _apply_filter(self) -> None:
        words = self.search.text().split()
        self.proxy.set_predicate(lambda r: all(w in r.text for w in words))

    def selected(self) -> Talk | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.row_at(rows[0].row()).talk if rows else None

    def _save(self, t: Talk | None) -> None:
        if t is None:
            return
        try:
            self._book.talks.save(t)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._fill_years()
        self.reload()

    @Slot()
    def _on_add_clicked(self) -> None:
        self._save(TalkDialog.ask(self, self._book))

    @Slot()
    def _on_edit_clicked(self) -> None:
        current = messages.picked(self, self.selected(), "一条谈话记录")
        if current is None:
            return
        self._save(TalkDialog.ask(self, self._book, current))

    @Slot()
    def _on_delete_clicked(self) -> None:
        current = messages.picked(self, self.selected(), "一条谈话记录")
        if current is None:
            return
        if not messages.confirm(
            self,
            f"删除这条谈话记录？\n\n{current.on}　{current.topic}\n\n只有录错时才需要删除。",
            yes="删除",
        ):
            return
        try:
            self._book.talks.delete(current.id)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.reload()


class TransferRow:
    def __init__(self, t: Transfer, names: dict[int, str], late: bool) -> None:
        self.transfer = t
        self.name = names.get(t.member_id, "")
        self.late = late


def _late(r: TransferRow) -> str | None:
    return LATE if r.late else None


TRANSFER_COLUMNS: list[Column[TransferRow]] = [
    Column("日期", lambda r: r.transfer.on, background=_late),
    Column("类别", lambda r: r.transfer.direction.value, align_center=True, background=_late),
    Column("姓名", lambda r: r.name, background=_late),
    Column(
        "转往 / 来自",
        lambda r: (
            ("转往" if r.transfer.direction is Direction.OUT else "来自") + r.transfer.organisation
        ),
        background=_late,
    ),
    Column("介绍信编号", lambda r: r.transfer.letter_no, background=_late),
    Column(
        "回执",
        lambda r: "已返回" if r.transfer.receipt_back else "未返回",
        align_center=True,
        colour=lambda r: "#c62828" if r.late else None,
        background=_late,
    ),
    Column("回执日期", lambda r: r.transfer.receipt_on, background=_late),
    Column("备注", lambda r: r.transfer.notes, background=_late),
]


class TransfersPage(QWidget):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self.model = ColumnTableModel(TRANSFER_COLUMNS, self)
        self.table, self.proxy = read_only_view(self.model, self)
        self.out_button = QPushButton("登记转出…")
        self.in_button = QPushButton("登记转入…")
        self.edit_button = QPushButton("修改…")
        self.delete_button = QPushButton("删除…")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        note = QLabel(
            "组织关系转接在全国党员管理信息系统中办理，这里记下本支部的台账；"
            "登记转出、转入时，花名册会同时更新。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(
            buttons_row(self.out_button, self.in_button, self.edit_button, self.delete_button)
        )
        layout.addWidget(note)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.out_button.clicked.connect(lambda: self._on_new(Direction.OUT))
        self.in_button.clicked.connect(lambda: self._on_new(Direction.IN))
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)

    @Slot()
    def reload(self) -> None:
        names = {m.id: m.name for m in self._book.members.all()}
        days = self._book.transfers.settings().receipt_days
        today = self._book.today()
        rows = [
            TransferRow(t, names, not t.receipt_back and t.on + timedelta(days=days) < today)
            for t in reversed(self._book.transfers.all())
        ]
        self.model.set_rows(rows)
        late = [r for r in rows if r.late]
        outs = sum(1 for r in rows if r.transfer.direction is Direction.OUT)
        self.summary.setText(
            f"共 {len(rows)} 条：转出 {outs} 人，转入 {len(rows) - outs} 人。"
            + (f"超过 {days} 天回执未返回的 {len(late)} 条（红底）。" if late else "")
        )
        self.table.resizeColumnsToContents()

    def selected(self) -> Transfer | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.row_at(rows[0].row()).transfer if rows else None

    def _after(self) -> None:
        self.reload()

    def _on_new(self, direction: Direction) -> None:
        t = TransferDialog.ask(self, self._book, direction)
        if t is None:
            return
        try:
            if direction is Direction.OUT:
                self._book.transfers.record_out(t)
            elif t.member_id is not None:
                self._book.transfers.record_in(t, self._book.members.get(t.member_id))
            else:
                member = MemberDialog.ask(self, self._book, self._newcomer(t))
                if member is None:
                    return
                self._book.transfers.record_in(t, member)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after()

    @staticmethod
    def _newcomer(t: Transfer) -> Member:
        return Member("", stage=Stage.FULL, notes=f"{t.on} 从{t.organisation}转入")

    @Slot()
    def _on_edit_clicked(self) -> None:
        current = messages.picked(self, self.selected(), "一条转接记录")
        if current is None:
            return
        t = TransferDialog.ask(self, self._book, current.direction, current)
        if t is None:
            return
        try:
            self._book.transfers.update(t)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after()

    @Slot()
    def _on_delete_clicked(self) -> None:
        current = messages.picked(self, self.selected(), "一条转接记录")
        if current is None:
            return
        effect = (
            "该党员会恢复到花名册上（撤销“转出”）。"
            if current.direction is Direction.OUT
            else "转入的人员仍留在花名册上；如需要，请在花名册中记录其离开。"
        )
        if not messages.confirm(
            self,
            f"删除这条{current.direction.value}记录？\n\n{effect}\n\n只有录错时才需要删除。",
            yes="删除",
        ):
            return
        try:
            self._book.transfers.delete(current.id)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after()


class OrgTab(Tab):
    """组织建设: three pages; a change the book announces reloads all three (posts feed the
    talks)."""

    SHOWS = Change.MEMBERS | Change.TALKS | Change.TRANSFERS | Change.COMMITTEE | Change.SETTINGS

    def __init__(self, book: Book, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(book, parent, lazy=lazy)
        self.talks = TalksPage(book)
        self.transfers = TransfersPage(book)
        self.committee = CommitteePage(book)
        self.pages = QTabWidget()
        self.pages.addTab(self.talks, "谈心谈话")
        self.pages.addTab(self.transfers, "组织关系转接")
        self.pages.addTab(self.committee, "支委会与换届")
        QVBoxLayout(self).addWidget(self.pages)
        self.refresh()

    def reload(self) -> None:
        for page in (self.talks, self.transfers, self.committee):
            page.reload()

    def show_page(self, kind: str) -> None:
        page = {"talk": self.talks, "transfer": self.transfers, "committee": self.committee}
        self.pages.setCurrentWidget(page.get(kind, self.talks))
