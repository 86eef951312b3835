"""The 支委会与换届 page: the committee (from members' posts), its term (by branch type), the
elections with the upper committee's approval of the 书记 and 副书记, and the party groups
with their leaders."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.committee import (
    BRANCH_TYPES,
    SCHOOL,
    Election,
    PartyGroup,
    posts_to_approve,
    quorum_valid,
)
from partybook.domain.errors import PartyBookError
from partybook.domain.members import Member
from partybook.ui import messages
from partybook.ui.dialogs.election_dialog import ApprovalDialog, ElectionDialog, TermDialog
from partybook.ui.dialogs.group_dialog import GroupDialog
from partybook.ui.models.table_model import Column, ColumnTableModel, read_only_view
from partybook.ui.tabs.base import fit_rows_view

COMMITTEE_COLUMNS: list[Column[Member]] = [
    Column("职务", lambda m: m.party_post),
    Column("姓名", lambda m: m.name),
    Column("党小组", lambda m: m.group),
    Column("工作岗位", lambda m: m.position),
    Column("联系电话", lambda m: m.phone),
]


class ElectionRow:
    def __init__(self, e: Election, elected: list[str], names: dict[int, str]) -> None:
        self.election = e
        self.elected = "、".join(elected)
        self.excluded = "、".join(
            f"{names.get(x.member_id, '?')}（{x.reason}：{x.note}）" for x in e.excluded
        )
        notes = [e.notes] if e.notes else []
        if self.excluded:
            notes.append(f"不计入应到：{self.excluded}")
        if e.exception:
            notes.append(f"例外：{e.exception}（{e.violations}）")
        self.notes = "；".join(notes)

    @property
    def approval(self) -> str:
        if not posts_to_approve(self.election):
            return "—"
        return str(self.election.approved_on) if self.election.approved_on else "待批准"


ELECTION_COLUMNS: list[Column[ElectionRow]] = [
    Column("选举日期", lambda r: r.election.on),
    Column(
        "应到",
        lambda r: r.election.should_attend,
        align_center=True,
        tip=lambda r: f"不计入应到：{r.excluded}" if r.excluded else "",
    ),
    Column("实到", lambda r: r.election.present, align_center=True),
    Column(
        "选举",
        lambda r: "有效" if quorum_valid(r.election.should_attend, r.election.present) else "无效",
        align_center=True,
    ),
    Column("应选", lambda r: r.election.seats, align_center=True),
    Column("当选", lambda r: r.elected),
    Column(
        "书记批准",
        lambda r: r.approval,
        align_center=True,
        tip=lambda r: "上级党组织批准书记、副书记的日期",
        colour=lambda r: "#c62828" if r.approval == "待批准" else None,
    ),
    Column(
        "得票",
        lambda r: "，".join(f"{c.name} {c.votes}" for c in r.election.candidates),
    ),
    Column("说明", lambda r: r.notes, tip=lambda r: r.notes),
]


class GroupRow:
    def __init__(self, g: PartyGroup, names: dict[int, str]) -> None:
        self.group = g
        self.leader = names.get(g.leader_id, "")
        self.names = "、".join(names[i] for i in g.member_ids)


GROUP_COLUMNS: list[Column[GroupRow]] = [
    Column("党小组", lambda r: r.group.name),
    Column("组长", lambda r: r.leader),
    Column("人数", lambda r: len(r.group.member_ids), align_center=True),
    Column("成员", lambda r: r.names, tip=lambda r: r.names),
]


def _box(title: str, *widgets) -> QGroupBox:
    box = QGroupBox(title)
    column = QVBoxLayout(box)
    for w in widgets:
        if isinstance(w, QHBoxLayout):
            column.addLayout(w)
        else:
            column.addWidget(w)
    return box


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


class CommitteePage(QWidget):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self.committee_model = ColumnTableModel(COMMITTEE_COLUMNS, self)
        self.committee_view, _ = read_only_view(self.committee_model, self)
        self.election_model = ColumnTableModel(ELECTION_COLUMNS, self)
        self.election_view, self.election_proxy = read_only_view(self.election_model, self)
        self.group_model = ColumnTableModel(GROUP_COLUMNS, self)
        self.group_view, self.group_proxy = read_only_view(self.group_model, self)
        self.term = QLabel()
        self.term.setWordWrap(True)
        self.elect_button = QPushButton("记录换届选举…")
        self.term_button = QPushButton("修改任期…")
        self.approval_button = QPushButton("记录上级批准…")
        self.correct_election_button = QPushButton("修改选举记录…")
        self.correct_election_button.setToolTip("录错时更正（写明原因）；改动会记入改动历史")
        self.election_history_button = QPushButton("改动历史…")
        self.delete_election_button = QPushButton("删除选举记录…")
        self.add_group_button = QPushButton("新建党小组…")
        self.edit_group_button = QPushButton("修改党小组…")
        self.delete_group_button = QPushButton("撤销党小组…")
        note = QLabel("支委的党内职务在花名册中修改，或在这里记录换届选举后自动更新。")
        note.setStyleSheet("color: #555;")
        top = _box(
            "本届支委会",
            self.term,
            _row(self.elect_button, self.term_button),
            self.committee_view,
            note,
        )
        elections = _box(
            "换届选举记录",
            _row(
                self.approval_button,
                self.correct_election_button,
                self.election_history_button,
                self.delete_election_button,
            ),
            self.election_view,
        )
        groups = _box(
            "党小组",
            _row(self.add_group_button, self.edit_group_button, self.delete_group_button),
            self.group_view,
        )
        self.committee_view.setMinimumHeight(6 * 30)  # 书记 and up to four 委员 without scrolling
        self.election_view.setMinimumHeight(3 * 30)  # the latest elections with their approval
        split = QSplitter(Qt.Orientation.Vertical)
        for w in (top, elections, groups):
            split.addWidget(w)
        split.setSizes([330, 190, 170])
        QVBoxLayout(self).addWidget(split)
        self.elect_button.clicked.connect(self._on_elect_clicked)
        self.term_button.clicked.connect(self._on_term_clicked)
        self.approval_button.clicked.connect(self._on_approval_clicked)
        self.delete_election_button.clicked.connect(self._on_delete_election_clicked)
        self.correct_election_button.clicked.connect(self._on_correct_election_clicked)
        self.election_history_button.clicked.connect(self._on_election_history_clicked)
        self.add_group_button.clicked.connect(lambda: self._edit_group(None))
        self.edit_group_button.clicked.connect(self._on_edit_group_clicked)
        self.group_view.doubleClicked.connect(self._on_edit_group_clicked)
        self.delete_group_button.clicked.connect(self._on_delete_group_clicked)

    @Slot()
    def reload(self) -> None:
        self.committee_model.set_rows(self._book.committee.current())
        names = {m.id: m.name for m in self._book.members.all()}
        self.election_model.set_rows(
            [
                ElectionRow(e, [c.name for c in self._book.committee.result(e).elected], names)
                for e in reversed(self._book.committee.elections())
            ]
        )
        self.group_model.set_rows([GroupRow(g, names) for g in self._book.committee.groups()])
        start, end = self._book.committee.term_start(), self._book.committee.term_end()
        due = self._book.committee.due_items()
        if start is None:
            text = "还没有记录本届支委会的选举日期：请点“修改任期”填写，或记录一次换届选举。"
        else:
            text = f"本届任期：{start} 至 {end}（{self._term_words()}）。"
        for item in due:
            text += f"<br><span style='color:#c62828'>{item.title}。</span>"
        self.term.setText(text)
        for view in (self.committee_view, self.election_view, self.group_view):
            fit_rows_view(view)

    # elections --------------------------------------------------------------
    @Slot()
    def _on_elect_clicked(self) -> None:
        e = ElectionDialog.ask(self, self._book)
        if e is None:
            return
        changes = self._book.committee.post_changes(e)
        listed = "\n".join(c.text() for c in changes) or "（职务没有变化）"
        if not messages.confirm(
            self,
            f"保存这次换届选举，并按选举结果更新花名册中的党内职务：\n\n{listed}\n\n"
            f"新一届任期从 {e.on} 算起。",
            yes="保存并更新",
        ):
            return
        try:
            self._book.committee.record_election(e)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.reload()

    def _term_words(self) -> str:
        """e.g. 学校党支部每届 3 年 (the branch type is a setting)."""
        kind = self._book.committee.settings().branch_type or SCHOOL
        return f"{BRANCH_TYPES[kind]}每届 {self._book.committee.term_years()} 年"

    def _approval_election(self) -> Election | None:
        """The selected election, or else the latest one awaiting approval."""
        rows = self.election_view.selectionModel().selectedRows()
        if rows:
            return self.election_proxy.row_at(rows[0].row()).election
        waiting = [e for e in self._book.committee.elections() if posts_to_approve(e)]
        return waiting[-1] if waiting else None

    @Slot()
    def _on_approval_clicked(self) -> None:
        e = self._approval_election()
        if e is None:
            messages.show_info(self, "还没有选出书记、副书记的选举记录。")
            return
        if not posts_to_approve(e):
            messages.show_info(self, f"{e.on} 的选举没有选出书记或副书记，不需要上级批准。")
            return
        on = ApprovalDialog.ask(self, e, self._book.today())
        if on is None:
            return
        try:
            self._book.committee.record_approval(e.id, on)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.reload()

    @Slot()
    def _on_term_clicked(self) -> None:
        start = TermDialog.ask(
            self, self._book.committee.term_start(), self._book.today(), self._term_words()
        )
        if start is None:
            return
        try:
            self._book.committee.set_term_start(start)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.reload()

    def _selected_election(self) -> Election | None:
        rows = self.election_view.selectionModel().selectedRows()
        if not rows:
            messages.show_info(self, "请先在列表中选择一次选举。")
            return None
        return self.election_proxy.row_at(rows[0].row()).election

    @Slot()
    def _on_correct_election_clicked(self) -> None:
        e = self._selected_election()
        if e is None:
            return
        answer = ElectionDialog.ask_correction(self, self._book, e)
        if answer is None:
            return
        corrected, reason = answer
        if self._book.committee.is_latest(corrected):
            changes = self._book.committee.post_changes(corrected)
            listed = "\n".join(c.text() for c in changes) or "（职务没有变化）"
            if not messages.confirm(
                self,
                f"保存更正。这是最近一次选举，花名册中的党内职务随之更新：\n\n{listed}",
                yes="保存更正",
            ):
                return
        try:
            self._book.committee.correct_election(corrected, reason)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.reload()

    @Slot()
    def _on_election_history_clicked(self) -> None:
        e = self._selected_election()
        if e is None:
            return
        from partybook.ui.dialogs.history_dialog import show_history

        show_history(self, self._book, "election", e.id, f"{e.on} 换届选举")

    @Slot()
    def _on_delete_election_clicked(self) -> None:
        rows = self.election_view.selectionModel().selectedRows()
        if not rows:
            messages.show_info(self, "请先在列表中选择一次选举。")
            return
        e = self.election_proxy.row_at(rows[0].row()).election
        if not messages.confirm(
            self,
            f"删除 {e.on} 的换届选举记录？\n\n花名册中的党内职务和任期保持现在的样子，"
            "如需改正请在花名册中修改。只有录错时才需要删除。",
            yes="删除",
        ):
            return
        try:
            self._book.committee.delete_election(e.id)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.reload()

    # groups -----------------------------------------------------------------
    def _selected_group(self) -> PartyGroup | None:
        rows = self.group_view.selectionModel().selectedRows()
        return self.group_proxy.row_at(rows[0].row()).group if rows else None

    def _edit_group(self, current: PartyGroup | None) -> None:
        g = GroupDialog.ask(self, self._book, current)
        if g is None:
            return
        try:
            self._book.committee.save_group(g, current.name if current else None)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.reload()

    @Slot()
    def _on_edit_group_clicked(self) -> None:
        current = messages.picked(self, self._selected_group(), "一个党小组")
        if current is None:
            return
        self._edit_group(current)

    @Slot()
    def _on_delete_group_clicked(self) -> None:
        current = messages.picked(self, self._selected_group(), "一个党小组")
        if current is None:
            return
        if not messages.confirm(
            self,
            f"撤销“{current.name}”？\n\n本小组的 {len(current.member_ids)} 名党员"
            "将不属于任何党小组，可以再编入别的小组。",
            yes="撤销",
        ):
            return
        try:
            self._book.committee.delete_group(current.name)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.reload()
