"""The roster tab (党员花名册): search, filters, counts, add / edit / leave, import, export."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book, Change
from partybook.domain.discipline import NO_VOTE, Discipline
from partybook.domain.errors import PartyBookError
from partybook.domain.members import Member, Stage
from partybook.domain.search import matcher
from partybook.support.files import safe_file_name
from partybook.ui import messages
from partybook.ui.dialogs.leave_dialog import LeaveDialog
from partybook.ui.dialogs.member_dialog import MemberDialog
from partybook.ui.models.table_model import BATCH, Column, ColumnTableModel, read_only_view
from partybook.ui.tabs.base import Tab

ACTIVE, LEFT, EVERYONE = "在册人员", "已离开", "全部（含已离开）"
ALL_GROUPS = "全部党小组"
SEARCH_HINT = "搜索：姓名、拼音首字母（如 zs 找张三）、身份证号或电话"


def _age(m: Member) -> str:
    return f"{m.birth_date:%Y.%m}" if m.birth_date else ""


_AFTER_STATUS: list[Column[Member]] = [
    Column("党小组", lambda m: m.group),
    Column("党内职务", lambda m: m.party_post),
    Column("入党日期", lambda m: m.joined_on, align_center=True),
    Column("转正日期", lambda m: m.full_on, align_center=True),
    Column("学历", lambda m: m.education),
    Column("工作单位及职务", lambda m: m.position),
    Column("联系电话", lambda m: m.phone),
    Column("公民身份号码", lambda m: m.id_number),
]

DISCIPLINED = "留党察看中"
DISCIPLINE_COLOUR = "#9a6700"


def roster_columns(marks: Mapping[int, Discipline]) -> list[Column[Member]]:
    """The roster's columns; `marks` (member id -> the 留党察看 in force today, filled in by
    the tab) puts "留党察看（至 …）" beside the status of those under it."""

    def status(m: Member) -> str:
        d = marks.get(m.id) if m.active else None
        return f"{m.status_text}　{d.mark}" if d else m.status_text

    def colour(m: Member) -> str | None:
        if not m.active:
            return "#888888"
        return DISCIPLINE_COLOUR if m.id in marks else None

    def tip(m: Member) -> str:
        d = marks.get(m.id) if m.active else None
        if d is None:
            return m.left_note
        return f"{d.summary}。期间照常参加组织生活，{NO_VOTE}，没有选举权和被选举权。"

    return [
        Column("姓名", lambda m: m.name),
        Column("性别", lambda m: m.sex, align_center=True),
        Column("民族", lambda m: m.ethnicity, align_center=True),
        Column("出生年月", _age, align_center=True),
        Column("人员类别", status, colour=colour, tip=tip),
        *_AFTER_STATUS,
    ]


_STAGE_NAMES = {s.value for s in Stage}


class MembersTab(Tab):
    """Lists everyone on the roster; writes go through the Book, then `changed` is emitted."""

    SHOWS = Change.MEMBERS

    def __init__(self, book: Book, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(book, parent, lazy=lazy)
        self._marks: dict[int, Discipline] = {}  # the 留党察看 in force today, by member
        self.model = ColumnTableModel(roster_columns(self._marks), self, batch=BATCH)
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(SEARCH_HINT)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(360)
        self.status_filter = QComboBox()
        self.status_filter.addItem(ACTIVE)
        for stage in Stage:
            self.status_filter.addItem(stage.value)
        self.status_filter.addItems([DISCIPLINED, LEFT, EVERYONE])
        self.group_filter = QComboBox()
        self.group_filter.setMinimumContentsLength(8)

        self.add_button = QPushButton("新增人员")
        self.edit_button = QPushButton("修改")
        self.leave_button = QPushButton("离开支部…")
        self.discipline_button = QPushButton("留党察看…")
        self.discipline_button.setToolTip("记录、修改或提前结束所选党员的留党察看处分")
        self.import_button = QPushButton("从 Excel 导入…")
        self.export_button = QPushButton("导出花名册…")
        self.history_button = QPushButton("改动历史…")

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.status_filter)
        top.addWidget(self.group_filter)
        top.addStretch(1)
        for button in (self.import_button, self.export_button):
            top.addWidget(button)
        actions = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.leave_button,
            self.discipline_button,
            self.history_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        # under the table, not beside the buttons: the row then fits a 1024-pixel screen
        self.counts = QLabel()
        self.counts.setWordWrap(True)

        self.table, self.proxy = read_only_view(self.model, self)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.table)
        layout.addWidget(self.counts)

        self.search.textChanged.connect(self._apply_filter)
        self.status_filter.currentTextChanged.connect(self._apply_filter)
        self.group_filter.currentTextChanged.connect(self._apply_filter)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.leave_button.clicked.connect(self._on_leave_clicked)
        self.discipline_button.clicked.connect(self._on_discipline_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.history_button.clicked.connect(self._on_history_clicked)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    # reading ----------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        members = self._book.members.all()
        self._marks.clear()
        self._marks.update(self._book.members.disciplined())
        self.model.set_rows(members)
        current = self.group_filter.currentText()
        self.group_filter.blockSignals(True)
        self.group_filter.clear()
        self.group_filter.addItem(ALL_GROUPS)
        self.group_filter.addItems(sorted({m.group for m in members if m.group}))
        if self.group_filter.findText(current) >= 0:
            self.group_filter.setCurrentText(current)
        self.group_filter.blockSignals(False)
        self._apply_filter()
        self.table.resizeColumnsToContents()

    def _predicate(self) -> Callable[[Member], bool]:
        """Whether a person passes the filters as they are set now (read from the widgets
        once, not once per row)."""
        status = self.status_filter.currentText()
        group = self.group_filter.currentText()
        query = matcher(self.search.text())
        marks = self._marks

        def accepts(m: Member) -> bool:
            if status == ACTIVE and not m.active:
                return False
            if status == LEFT and m.active:
                return False
            if status == DISCIPLINED and not (m.active and m.id in marks):
                return False
            if status in _STAGE_NAMES and not (m.active and m.stage.value == status):
                return False
            if group and group != ALL_GROUPS and m.group != group:
                return False
            return query(m.name, m.id_number, m.phone)

        return accepts

    @Slot()
    def _apply_filter(self) -> None:
        self.proxy.set_predicate(self._predicate())
        self._update_counts()
        self._update_buttons()

    def _update_counts(self) -> None:
        active = [m for m in self.model.rows() if m.active]
        by_stage = Counter(m.stage for m in active)
        parts = [f"{s.value} {by_stage[s]}" for s in Stage if by_stage[s]]
        watched = sum(1 for m in active if m.id in self._marks)
        if watched:
            parts.append(f"其中留党察看 {watched}")
        shown = self.proxy.shown_count()
        self.counts.setText(
            f"在册 {len(active)} 人（{'，'.join(parts) or '无'}）　当前列出 {shown} 人"
        )

    def selected(self) -> Member | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.row_at(rows[0].row()) if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        member = self.selected()
        self.edit_button.setEnabled(member is not None)
        self.leave_button.setEnabled(member is not None)
        self.discipline_button.setEnabled(
            member is not None and member.active and member.stage is Stage.FULL
        )
        if member is not None and not member.active:
            self.leave_button.setText("撤销离开")
        else:
            self.leave_button.setText("离开支部…")

    def select_member(self, member_id: int) -> None:
        row = self.proxy.find_row(lambda m: m.id == member_id)
        if row >= 0:
            index = self.proxy.index(row, 0)
            self.table.selectionModel().select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    # writing ----------------------------------------------------------------
    def _after_write(self, member_id: int | None, what: str) -> None:
        self.reload()
        if member_id is not None:
            self.select_member(member_id)

    @Slot()
    def _on_add_clicked(self) -> None:
        member = MemberDialog.ask(self, self._book)
        if member is None:
            return
        try:
            saved = self._book.members.add(member)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after_write(saved.id, "members")

    @Slot()
    def _on_edit_clicked(self) -> None:
        current = self.selected()
        if current is None:
            return
        member = MemberDialog.ask(self, self._book, current)
        if member is None:
            return
        try:
            self._book.members.update(member)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after_write(member.id, "members")

    @Slot()
    def _on_leave_clicked(self) -> None:
        current = self.selected()
        if current is None:
            return
        try:
            if not current.active:
                if messages.confirm(
                    self, f"把 {current.name} 恢复为在册人员（撤销“{current.left_reason}”记录）？"
                ):
                    self._book.members.undo_leave(current.id)
                    self._after_write(current.id, "members")
                return
            answer = LeaveDialog.ask(self, current, self._book.today())
            if answer is None:
                return
            self._book.members.leave(current.id, answer.reason, answer.on, answer.note)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after_write(current.id, "members")

    @Slot()
    def _on_discipline_clicked(self) -> None:
        current = self.selected()
        if current is None:
            return
        from partybook.ui.dialogs.discipline_dialog import DELETE, DisciplineDialog

        recorded = self._book.members.disciplines(current.id)
        shown = self._marks.get(current.id) or (recorded[-1] if recorded else None)
        answer = DisciplineDialog.ask(self, self._book, current, shown)
        if answer is None:
            return
        members = self._book.members
        try:
            if answer.action == DELETE:
                if not messages.confirm(
                    self,
                    f"删除 {current.name} 的留党察看记录（{answer.original.summary}）？\n"
                    "（每天的自动备份中仍保留删除前的数据。）",
                    yes="删除",
                ):
                    return
                members.delete_discipline(current.id, answer.original.start)
            else:
                members.record_discipline(
                    current.id,
                    answer.start,
                    answer.months,
                    answer.notes,
                    ended_on=answer.ended_on,
                    end_notes=answer.end_notes,
                    event_id=answer.original.event_id if answer.original else None,
                )
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after_write(current.id, "members")

    @Slot()
    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "选择要导入的花名册", "", "表格文件 (*.xlsx *.xls *.csv)"
        )
        if not path:
            return
        from partybook.ui.dialogs.import_dialog import ImportDialog  # the importer: when used

        added = ImportDialog.ask(self, self._book, Path(path))
        if added:
            messages.show_info(self, f"已导入 {added} 人。")
            self._after_write(None, "members")

    @Slot()
    def _on_export_clicked(self) -> None:
        default = safe_file_name(f"{self._book.branch().name or '党支部'}党员花名册.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, "导出党员花名册", default, "Excel 文件 (*.xlsx)"
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            count = self._book.members.export(Path(path))
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(self, f"已导出党员花名册，共 {count} 人：\n{path}")

    @Slot()
    def _on_history_clicked(self) -> None:
        m = self.selected()
        from partybook.ui.dialogs.history_dialog import show_history

        show_history(self, self._book, "member", m and m.id, m.name if m else "")
