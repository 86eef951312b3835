"""The 民主评议党员 tab: the year's round, its steps, the tally and the committee's grades."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book, Change
from partybook.domain.appraisal import ROUND_MEETINGS, STEPS, blanks, check_round
from partybook.domain.errors import PartyBookError
from partybook.domain.meetings import meeting_titles
from partybook.support.files import safe_file_name
from partybook.ui import messages, printing
from partybook.ui.dialogs.history_dialog import show_history
from partybook.ui.models.appraisal_model import (
    GRADE,
    HANDLING,
    EntriesModel,
    GradeDelegate,
    HandlingDelegate,
)
from partybook.ui.tabs.base import Tab, fit_columns
from partybook.ui.widgets import LISTED, DateField, ErrorLabel, flow_row, listed


class AppraisalTab(Tab):
    SHOWS = Change.MEMBERS | Change.APPRAISAL | Change.SETTINGS

    def __init__(self, book: Book, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(book, parent, lazy=lazy)
        self._loading = True
        self.year = QComboBox()
        this = book.today().year
        for y in (this, this - 1, this - 2):
            self.year.addItem(f"{y} 年", y)
        self.on = DateField()
        self.handed_out = QSpinBox()
        self.returned = QSpinBox()
        for spin in (self.handed_out, self.returned):
            spin.setRange(0, 99_999)  # never clamp a stored count (999 would have cut 1 500)
        self.step_dates = {s: DateField() for s in STEPS}
        self.step_notes = {s: QLineEdit() for s in STEPS}
        for edit in self.step_notes.values():
            edit.setPlaceholderText("说明（可不填）")
        self.meeting = QComboBox()
        # as wide as its meetings' names whenever they are filled in (a book's first load may
        # come after the tab is up, when the list was still empty: it showed "（未关联会")
        self.meeting.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # and keeps the room of a usual name, so the row beside it stays put across years (Qt
        # counts the length in widths of an X, narrower than a Chinese character)
        metrics = self.meeting.fontMetrics()
        usual = metrics.horizontalAdvance("2026年第12次支部党员大会")
        self.meeting.setMinimumContentsLength(-(-usual // metrics.horizontalAdvance("X")))
        self.blanks = QLabel()
        self.blanks.setWordWrap(True)
        self.print_button = QPushButton("打印结果汇总表…")
        self.word_button = QPushButton("汇总表存为 Word…")
        self.table = QTableView()
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        # Columns sized by the first 100 rows (as the other tables): measuring a township's
        # 8 000 rows cost half a second.
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        self.table.setItemDelegateForColumn(GRADE, GradeDelegate(self.table))
        self.table.setItemDelegateForColumn(HANDLING, HandlingDelegate(self.table))
        self.status = QLabel()
        self.problems = ErrorLabel()
        self.save_button = QPushButton("保存")
        self.ballot_button = QPushButton("打印民主测评表…")
        self.export_button = QPushButton("导出结果汇总表…")
        self.history_button = QPushButton("改动历史…")
        self._layout()
        self.year.currentIndexChanged.connect(self.load_now)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.ballot_button.clicked.connect(self._on_ballot_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.history_button.clicked.connect(self._on_history_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.word_button.clicked.connect(self._on_word_clicked)
        for widget in (self.handed_out, self.returned):
            widget.valueChanged.connect(self._check)
        for field in (self.on, *self.step_dates.values()):
            field.textChanged.connect(self._check)
        self.refresh()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for label, widget in (
            ("年份", self.year),
            ("评议日期", self.on),
            ("会议", self.meeting),
            ("发出测评表", self.handed_out),
            ("收回", self.returned),
        ):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addStretch(1)
        actions = flow_row(  # wraps on a narrow screen
            self.save_button,
            self.ballot_button,
            self.print_button,
            self.word_button,
            self.export_button,
            self.history_button,
        )
        steps = QGroupBox("评议步骤（填上完成日期）")
        grid = QGridLayout(steps)
        for i, (name, field) in enumerate(self.step_dates.items()):
            grid.addWidget(QLabel(f"{i + 1}. {name}"), 0, i)
            grid.addWidget(field, 1, i)
            grid.addWidget(self.step_notes[name], 2, i)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(steps)
        layout.addWidget(self.status)
        layout.addWidget(
            QLabel(
                "计票和评定（双击单元格填写；评定等次由支部委员会决定，建议仅供参考；"
                "处理意见可从规定的处置方式中选，也可以直接写）"
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.blanks)
        layout.addWidget(self.problems)

    def _load_key(self) -> int | None:
        return self.year.currentData()

    @Slot()
    def reload(self) -> None:
        """The year's round (a year chosen loads through Tab.load_now: under the 请稍候 note
        when expected slow)."""
        self._loading = True
        year = self.year.currentData()
        r = self._book.appraisal.round(year)
        self._round = r
        self.on.set_value(r.on)
        self.handed_out.setValue(r.handed_out)
        self.returned.setValue(r.returned)
        for name, field in self.step_dates.items():
            on, note = r.steps.get(name) or (None, "")
            field.set_value(on)
            self.step_notes[name].setText(note)
        # only the two kinds a round is held at: their titles count among their own kind
        heads = self._book.meetings.heads(year, ROUND_MEETINGS)
        titles = meeting_titles(heads)  # as Book.meeting_titles(year) names them
        self.meeting.clear()
        self.meeting.addItem("（未关联会议）", None)
        for m in heads:
            self.meeting.addItem(titles[m.id], m.id)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(r.meeting_id)))
        graded, _ = self._book.appraisal.participants(year, r.on)
        self._graded = {m.id for m in graded}
        self._names = self._book.members.names()
        old = self.table.model()
        self.model = EntriesModel(
            r.entries, self._names, self._graded, self._book.appraisal.score_scheme(), self
        )
        self.table.setModel(self.model)
        if old is not None:
            old.deleteLater()
        self.model.edited.connect(self._check)
        fit_columns(
            self.table, self.model.texts(self.table.horizontalHeader().resizeContentsPrecision())
        )
        self._loading = False
        self.status.setText(
            f"参加评议 {len(r.entries)} 人，其中评定等次 {len(self._graded)} 人（优秀最多 "
            f"{len(self._graded) // 3} 人）。下一步：{r.next_step() or '已完成'}。"
        )
        self._check()

    def current_round(self):
        steps = {}
        for name, field in self.step_dates.items():
            steps[name] = (field.readable_value(), self.step_notes[name].text().strip())
        return dataclasses.replace(
            self._round,
            meeting_id=self.meeting.currentData(),
            on=self.on.readable_value(),
            handed_out=self.handed_out.value(),
            returned=self.returned.value(),
            steps=steps,
            entries=self.model.entries(),
        )

    @Slot()
    def _check(self) -> list[str]:
        if self._loading:
            return []
        r = self.current_round()
        problems = check_round(r, self._graded, self._names, self._book.today())
        self.problems.show_message(listed(problems, "；", "条", LISTED))
        empty, count = [], 0
        if r.returned:  # each count once: a township's round has 8 000 entries
            graded, names, returned = self._graded, self._names, r.returned
            for e in r.entries:
                n = blanks(e, returned) if e.member_id in graded else 0
                if n:
                    count += 1
                    if count <= LISTED:  # the rest are counted, not written out
                        empty.append(f"{names.get(e.member_id, '')} {n} 张")
        text = listed(empty, "，", "人", LISTED, total=count)
        self.blanks.setText("空白票（未勾选任何等次）：" + text if empty else "")
        self.save_button.setEnabled(not problems)
        return problems

    @Slot()
    def _on_save_clicked(self) -> None:
        try:
            with self.saving():
                self._book.appraisal.save(self.current_round())
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.load_saved()

    @Slot()
    def _on_ballot_clicked(self) -> None:
        copies = max(self.handed_out.value(), len(self._round.entries))
        printing.preview(
            self, self._book.appraisal.ballot_html(self.year.currentData(), copies), "民主测评表"
        )

    @Slot()
    def _on_print_clicked(self) -> None:
        printing.preview(
            self, self._book.appraisal.results_html(self.year.currentData()), "结果汇总表"
        )

    @Slot()
    def _on_word_clicked(self) -> None:
        year = self.year.currentData()
        printing.save_word_as(
            self,
            "结果汇总表",
            f"{self._book.branch().name}{year}年度民主评议党员结果汇总表.docx",
            lambda path: self._book.appraisal.results_docx(year, path),
        )

    @Slot()
    def _on_export_clicked(self) -> None:
        year = self.year.currentData()
        default = safe_file_name(f"{self._book.branch().name}{year}年度民主评议党员结果汇总表.xlsx")
        target, _ = QFileDialog.getSaveFileName(
            self, "导出结果汇总表", default, "Excel 文件 (*.xlsx)"
        )
        if not target:
            return
        try:
            counts = self._book.appraisal.export(Path(target), year)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        listed = "，".join(f"{k} {v} 名" for k, v in counts.items())
        messages.show_info(self, f"已导出（{listed}）：\n{target}")

    @Slot()
    def _on_history_clicked(self) -> None:
        r = self._round
        if r.id is None:
            messages.show_info(self, f"{r.year}年的民主评议还没有保存过，没有改动历史。")
            return
        show_history(self, self._book, "appraisal", r.id, f"{r.year}年民主评议党员")
