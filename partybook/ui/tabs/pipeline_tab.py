"""The 发展党员 tab: people by stage, each person's record and documents, what is due."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book, Change
from partybook.domain.deadlines import STATE_WORDS, DueItem
from partybook.domain.errors import PartyBookError
from partybook.domain.members import Member, Stage
from partybook.domain.pipeline import Event, next_step
from partybook.support.files import safe_file_name
from partybook.ui import messages, printing
from partybook.ui.dialogs.history_dialog import show_history
from partybook.ui.dialogs.import_dialog import PIPELINE, ImportDialog
from partybook.ui.dialogs.leave_dialog import LeaveDialog
from partybook.ui.dialogs.step_dialog import StepDialog
from partybook.ui.models.table_model import BATCH, Column, ColumnTableModel, read_only_view
from partybook.ui.tabs.base import Tab
from partybook.ui.tabs.home_tab import COLOURS
from partybook.ui.widgets import flow_row

PIPELINE_STAGES = [Stage.APPLICANT, Stage.ACTIVIST, Stage.CANDIDATE, Stage.PROBATIONARY]
ALL = "全部发展中的人员"
PEOPLE_COLUMNS: list[Column[Member]] = [
    Column("姓名", lambda m: m.name),
    Column("阶段", lambda m: m.stage.value),
]
EVENT_COLUMNS: list[Column[Event]] = [
    Column("日期", lambda e: e.on),
    Column("事项", lambda e: e.title),
    Column("相关人员", lambda e: e.people),
    Column("会议", lambda e: e.meeting),
    Column("数量", lambda e: f"{e.quantity:g}{e.unit}" if e.quantity else ""),
    Column(
        "例外",
        lambda e: e.exception or ("惯例提示" if e.violations else ""),
        colour=lambda e: "#b26a00" if e.exception or e.violations else None,
        tip=lambda e: f"当时的规则提示：{e.violations}" if e.violations else "",
    ),
    Column("备注", lambda e: e.notes),
]
DUE_COLUMNS: list[Column[DueItem]] = [
    Column("状态", lambda i: STATE_WORDS[i.state], colour=lambda i: COLOURS.get(i.state)),
    Column("日期", lambda i: i.date, colour=lambda i: COLOURS.get(i.state)),
    Column("姓名", lambda i: i.member),
    Column("事项", lambda i: (f"第{i.step}步 " if i.step else "") + i.title),
    Column("类型", lambda i: "最早可办" if i.type == "earliest" else "截止"),
    Column("依据", lambda i: i.basis, tip=lambda i: i.basis),
]


class PipelineTab(Tab):
    """Everything about developing new members; writes go through the Book."""

    SHOWS = Change.MEMBERS | Change.PIPELINE | Change.SETTINGS | Change.OPENING

    def __init__(self, book: Book, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(book, parent, lazy=lazy)
        self.people_model = ColumnTableModel(PEOPLE_COLUMNS, self, batch=BATCH)
        self.events_model = ColumnTableModel(EVENT_COLUMNS, self)
        self.due_model = ColumnTableModel(DUE_COLUMNS, self, batch=BATCH)
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.stage_filter = QComboBox()
        self.people_view, self.people_proxy = read_only_view(self.people_model, self)
        self.people_view.setSortingEnabled(True)
        self.people_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        left = QVBoxLayout()
        left.addWidget(self.stage_filter)
        left.addWidget(self.people_view)
        left_box = QWidget()
        left_box.setLayout(left)
        # room for a name and the longest stage (入党积极分子) on a 1024-pixel screen
        left_box.setMinimumWidth(self.fontMetrics().horizontalAdvance("入党积极分子") * 2 + 48)

        self.person_label = QLabel("请在左边选择一个人。")
        self.person_label.setWordWrap(True)
        self.add_button = QPushButton("记录一步…")
        self.edit_button = QPushButton("修改记录…")
        self.delete_button = QPushButton("删除记录")
        self.exit_button = QPushButton("停止培养/转出…")
        self.print_button = QPushButton("打印全程纪实表…")
        self.pdf_button = QPushButton("存为 PDF…")
        self.word_button = QPushButton("存为 Word…")
        self.export_button = QPushButton("导出发展台账…")
        self.import_button = QPushButton("导入原有台账…")
        self.history_button = QPushButton("改动历史…")
        # the middle column is narrow: its buttons wrap rather than widen the page
        buttons = flow_row(self.add_button, self.edit_button, self.delete_button, self.exit_button)
        printing_row = flow_row(
            self.print_button, self.pdf_button, self.word_button, self.history_button
        )
        self.events_view, self.events_proxy = read_only_view(self.events_model, self)
        self.materials = QListWidget()
        timeline = QGroupBox("发展纪实（每一步的日期、人员和会议）")
        tl = QVBoxLayout(timeline)
        tl.addWidget(self.person_label)
        tl.addLayout(buttons)
        tl.addLayout(printing_row)
        tl.addWidget(self.events_view)
        docs = QGroupBox("入党材料（已有的打勾）")
        dl = QVBoxLayout(docs)
        dl.addWidget(self.materials)
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(timeline)
        middle.addWidget(docs)
        middle.setSizes([640, 330])

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left_box)
        top.addWidget(middle)
        top.setSizes([240, 1000])

        self.due_view, self.due_proxy = read_only_view(self.due_model, self)
        self.due_label = QLabel()
        due_box = QGroupBox("到期和可以办理的事项（红色已逾期，橙色30天内到期，绿色已可办理）")
        db = QVBoxLayout(due_box)
        due_head = QHBoxLayout()
        due_head.addWidget(self.due_label, 1)
        due_head.addWidget(self.import_button)
        due_head.addWidget(self.export_button)
        db.addLayout(due_head)
        db.addWidget(self.due_view)

        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(top)
        outer.addWidget(due_box)
        layout = QVBoxLayout(self)
        layout.addWidget(outer)

        self.stage_filter.currentIndexChanged.connect(self._apply_filter)
        self.people_view.selectionModel().selectionChanged.connect(self._on_person_changed)
        self.events_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.events_view.doubleClicked.connect(self._on_edit_clicked)
        self.due_view.doubleClicked.connect(self._on_due_double_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.materials.itemChanged.connect(self._on_material_changed)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.exit_button.clicked.connect(self._on_exit_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.word_button.clicked.connect(self._on_word_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.history_button.clicked.connect(self._on_history_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)

    # reading ----------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        current = self.selected_person()
        people = [
            m for m in self._book.members.all(include_left=False) if m.stage in PIPELINE_STAGES
        ]
        self.people_model.set_rows(people)
        counts = Counter(m.stage for m in people)
        chosen = self.stage_filter.currentData()
        self.stage_filter.blockSignals(True)
        self.stage_filter.clear()
        self.stage_filter.addItem(f"{ALL}（{len(people)}）", None)
        for stage in PIPELINE_STAGES:
            self.stage_filter.addItem(f"{stage.value}（{counts[stage]}）", stage.value)
        self.stage_filter.setCurrentIndex(max(0, self.stage_filter.findData(chosen)))
        self.stage_filter.blockSignals(False)
        self._apply_filter()
        items = self._book.pipeline.due_items()
        self.due_model.set_rows(items)
        states = Counter(i.state for i in items)
        self.due_label.setText(
            f"已逾期 {states['overdue']} 项，30天内到期 {states['soon']} 项，"
            f"已可办理 {states['open']} 项。按 {self._book.rules.current().name} 计算。"
        )
        self.due_view.resizeColumnsToContents()
        if current is not None:
            self.select_person(current.id)
        else:
            self._show_person(None)

    @Slot()
    def _apply_filter(self) -> None:
        stage = self.stage_filter.currentData()
        self.people_proxy.set_predicate(lambda m: stage is None or m.stage.value == stage)

    def selected_person(self) -> Member | None:
        rows = self.people_view.selectionModel().selectedRows()
        return self.people_proxy.row_at(rows[0].row()) if rows else None

    def selected_event(self) -> Event | None:
        rows = self.events_view.selectionModel().selectedRows()
        return self.events_proxy.row_at(rows[0].row()) if rows else None

    def select_person(self, member_id: int) -> None:
        row = self.people_proxy.find_row(lambda m: m.id == member_id)
        if row >= 0:
            self.people_view.selectRow(row)
            return
        self._show_person(None)

    @Slot()
    def _on_person_changed(self) -> None:
        self._show_person(self.selected_person())

    def _show_person(self, member: Member | None) -> None:
        if member is None:
            self.person_label.setText("请在左边选择一个人。")
            self.events_model.set_rows([])
            self.materials.clear()
            self._update_buttons()
            return
        member = self._book.members.get(member.id)
        path = self._book.pipeline.path_of(member.id)
        end = path.probation_end(self._book.rules.current())
        extra = f"，预备期满 {end}" if end and member.stage is Stage.PROBATIONARY else ""
        self.person_label.setText(f"{member.name}：{member.stage.value}{extra}")
        self.events_model.set_rows(sorted(path.events, key=lambda e: (e.on, e.step or 0)))
        self.events_view.resizeColumnsToContents()
        self.materials.blockSignals(True)
        self.materials.clear()
        for doc in self._book.pipeline.materials(member.id):
            item = QListWidgetItem(f"{doc.name}" + (f"（{doc.how}）" if doc.how else ""))
            item.setData(Qt.ItemDataRole.UserRole, doc.name)
            item.setCheckState(Qt.CheckState.Checked if doc.present else Qt.CheckState.Unchecked)
            if doc.present and doc.how != "手工勾选":
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            self.materials.addItem(item)
        self.materials.blockSignals(False)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        person = self.selected_person() is not None
        self.add_button.setEnabled(person)
        self.print_button.setEnabled(person)
        self.exit_button.setEnabled(person)
        self.pdf_button.setEnabled(person)
        self.word_button.setEnabled(person)
        self.history_button.setEnabled(person)
        has_event = self.selected_event() is not None
        self.edit_button.setEnabled(has_event)
        self.delete_button.setEnabled(has_event)

    # writing ----------------------------------------------------------------
    def _save(self, event: Event | None) -> None:
        if event is None:
            return
        try:
            self._book.pipeline.record_event(event)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.refresh()

    def _next_step(self, member: Member) -> int | None:
        member = self._book.members.get(member.id)  # the stage as stored now
        return next_step(self._book.pipeline.path_of(member.id), member.stage)

    @Slot()
    def _on_add_clicked(self, suggested: int | None = None) -> None:
        member = self.selected_person()
        if member is None:
            return
        # The button's clicked(bool) passes False here: a bool is an int, but no step.
        given = isinstance(suggested, int) and not isinstance(suggested, bool)
        step = suggested if given else self._next_step(member)
        self._save(StepDialog.ask(self, self._book, member, None, step))

    @Slot()
    def _on_edit_clicked(self) -> None:
        member, event = self.selected_person(), self.selected_event()
        if member is None or event is None:
            return
        self._save(StepDialog.ask(self, self._book, member, event))

    @Slot()
    def _on_delete_clicked(self) -> None:
        member, event = self.selected_person(), self.selected_event()
        if member is None or event is None:
            return
        if not messages.confirm(
            self,
            f"删除 {member.name} 的“{event.title}”（{event.on}）这条记录？\n"
            "（每天的自动备份中仍保留删除前的数据。）",
            yes="删除",
        ):
            return
        self._book.pipeline.delete_event(event.id, member.id)
        self.refresh()

    @Slot()
    def _on_due_double_clicked(self) -> None:
        rows = self.due_view.selectionModel().selectedRows()
        if not rows:
            return
        item = self.due_proxy.row_at(rows[0].row())
        self.stage_filter.setCurrentIndex(0)
        self.select_person(item.member_id)
        if item.type == "deadline" or item.state == "open":
            self._on_add_clicked(item.step)

    @Slot(QListWidgetItem)
    def _on_material_changed(self, item: QListWidgetItem) -> None:
        member = self.selected_person()
        if member is None:
            return
        present = item.checkState() == Qt.CheckState.Checked
        self._book.pipeline.tick_material(member.id, item.data(Qt.ItemDataRole.UserRole), present)
        self._show_person(member)

    @Slot()
    def _on_print_clicked(self) -> None:
        member = self.selected_person()
        if member is not None:
            printing.preview(
                self, self._book.pipeline.record_html(member.id), f"{member.name} 全程纪实表"
            )

    @Slot()
    def _on_pdf_clicked(self) -> None:
        member = self.selected_person()
        if member is None:
            return
        default = safe_file_name(f"{member.name}发展党员全程纪实表.pdf")
        target, _ = QFileDialog.getSaveFileName(self, "存为 PDF", default, "PDF 文件 (*.pdf)")
        if target:
            printing.save_pdf(self._book.pipeline.record_html(member.id), Path(target))
            messages.show_info(self, f"已保存：\n{target}")

    @Slot()
    def _on_word_clicked(self) -> None:
        member = self.selected_person()
        if member is not None:
            printing.save_word_as(
                self,
                "全程纪实表",
                f"{member.name}发展党员全程纪实表.docx",
                lambda path: self._book.pipeline.record_docx(member.id, path),
            )

    @Slot()
    def _on_export_clicked(self) -> None:
        default = safe_file_name(f"{self._book.branch().name or '党支部'}发展党员工作台账.xlsx")
        target, _ = QFileDialog.getSaveFileName(
            self, "导出发展党员工作台账", default, "Excel 文件 (*.xlsx)"
        )
        if not target:
            return
        try:
            counts = self._book.pipeline.export_ledger(Path(target))
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        listed = "，".join(f"{k} {v} 人" for k, v in counts.items())
        messages.show_info(self, f"已导出（{listed}）：\n{target}")

    @Slot()
    def _on_exit_clicked(self) -> None:
        member = self.selected_person()
        if member is None:
            return
        answer = LeaveDialog.ask(self, member, self._book.today())
        if answer is None:
            return
        try:
            self._book.members.leave(member.id, answer.reason, answer.on, answer.note)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.refresh()

    @Slot()
    def _on_import_clicked(self) -> None:
        target, _ = QFileDialog.getOpenFileName(
            self, "选择原有的发展党员台账", "", "表格文件 (*.xlsx *.xls *.csv)"
        )
        if not target:
            return
        added = ImportDialog.ask(self, self._book, Path(target), PIPELINE)
        if added:
            messages.show_info(self, f"已导入 {added} 人的发展记录。")
            self.refresh()

    @Slot()
    def _on_history_clicked(self) -> None:
        m = self.selected_person()
        show_history(self, self._book, "member", m and m.id, m.name if m else "")
