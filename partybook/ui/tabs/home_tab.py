"""首页: what needs doing now, most urgent first, one double-click from where it is done (items
alike for many people folded into one line); a few counts at a glance; and in a new book's
first week, the checklist of setting it up (建账清单). Calm on purpose: nothing else."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book, Change
from partybook.domain.deadlines import STATE_WORDS, DueItem, DueLine, grouped
from partybook.ui.models.table_model import BATCH, Column, ColumnTableModel, read_only_view
from partybook.ui.tabs.base import Tab

COLOURS = {"overdue": "#c62828", "soon": "#b26a00", "open": "#2e7d32"}  # a due item's state

KIND_WORDS = {
    "pipeline": "发展党员",
    "meeting": "三会一课",
    "appraisal": "民主评议",
    "study": "学习",
    "talk": "谈心谈话",
    "transfer": "组织关系转接",
    "committee": "支委会换届",
    "dues": "党费",
}

DUE_COLUMNS: list[Column[DueItem]] = [
    Column("状态", lambda i: STATE_WORDS[i.state], colour=lambda i: COLOURS.get(i.state)),
    Column("期限", lambda i: i.date, colour=lambda i: COLOURS.get(i.state)),
    Column("方面", lambda i: KIND_WORDS.get(i.kind, i.kind)),
    Column("人员", lambda i: i.member),
    Column("事项", lambda i: (f"第{i.step}步 " if i.step else "") + i.title),
    Column("依据", lambda i: i.basis, tip=lambda i: i.basis),
]


SET_UP = "setup:"  # go(SET_UP + step key, 0): open the place of a checklist step


class HomeTab(Tab):
    """`go` asks the window to open the place where an item is done: (kind, member id or 0),
    or where a checklist step is done: (SET_UP + its key, 0)."""

    SHOWS = Change.everything() & ~Change.LAYOUTS & ~Change.TOWNSHIP

    go = Signal(str, int)
    loaded = Signal()  # the due list and the counts are filled in

    def __init__(self, book: Book, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(book, parent, lazy=lazy)
        self.due_model = ColumnTableModel(DUE_COLUMNS, self, batch=BATCH)  # 11 000 on a big book
        self.due_view, self.due_proxy = read_only_view(self.due_model, self)
        self.counts: dict[str, QLabel] = {}
        self.heading = QLabel("正在整理需要办理的事项…")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.hint = QLabel("双击一项，转到办理它的地方。")
        self.hint.setStyleSheet("color: #555;")
        self.glance = QGroupBox("概况")
        self.glance_grid = QGridLayout(self.glance)
        self.checklist = QGroupBox(
            "建账清单：第一周把这几件事做好，以后的提醒就准确了（鼠标停在一项上可看说明）"
        )
        self.checklist_grid = QGridLayout(self.checklist)
        self.checklist_grid.setVerticalSpacing(2)
        for col in (0, 3):
            self.checklist_grid.setColumnStretch(col, 1)
        self.checklist.hide()
        self.checklist_steps: list[tuple[str, bool]] = []  # (key, done) as shown
        layout = QVBoxLayout(self)
        layout.addWidget(self.checklist)
        layout.addWidget(self.glance)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.due_view, 1)
        self.due_view.doubleClicked.connect(self._on_double_clicked)
        self.refresh()

    @Slot()
    def reload(self) -> None:
        items = self._book.due_items()
        lines = grouped(items)
        self.due_model.set_rows(lines)
        urgent = sum(1 for i in items if i.state in ("overdue", "soon"))
        self.heading.setText(
            f"需要办理的事项：{len(items)} 项，其中已逾期或即将到期 {urgent} 项"
            if items
            else "目前没有需要办理的事项。"
        )
        self._fill_checklist()
        for i, (title, text) in enumerate(self._book.summary.glance()):
            if title not in self.counts:
                head = QLabel(title)
                head.setStyleSheet("font-weight: bold;")
                self.counts[title] = QLabel()
                self.glance_grid.addWidget(head, i // 2, (i % 2) * 2)
                self.glance_grid.addWidget(self.counts[title], i // 2, (i % 2) * 2 + 1)
            self.counts[title].setText(text)
        self.due_view.resizeColumnsToContents()
        self.loaded.emit()

    def _fill_checklist(self) -> None:
        """The first-week checklist of a book with an opening date, until done or dismissed."""
        grid = self.checklist_grid
        while grid.count():
            grid.takeAt(0).widget().deleteLater()
        self.checklist_steps = []
        if not self._book.opening.checklist_shown():
            self.checklist.hide()
            return
        steps = self._book.opening.checklist()
        half = (len(steps) + 1) // 2  # two columns: the list below keeps its room
        for n, step in enumerate(steps):
            self.checklist_steps.append((step.key, step.done))
            row, col = n % half, (n // half) * 3
            mark = "✓" if step.done else "○"
            text = QLabel(f"{mark} {n + 1}. {step.title}")
            text.setStyleSheet("color: #2e7d32;" if step.done else "color: #b26a00;")
            text.setToolTip(step.hint)
            button = QPushButton("再看看" if step.done else "去办理")
            button.setToolTip(step.hint)
            button.clicked.connect(lambda _=False, key=step.key: self.go.emit(SET_UP + key, 0))
            grid.addWidget(text, row, col)
            grid.addWidget(button, row, col + 1)
        done = QPushButton("不再显示")
        done.setToolTip("以后可以在“文件 → 规则与提醒设置 → 建账”中修改建账日期和期初数据")
        done.clicked.connect(self._on_dismiss_clicked)
        grid.addWidget(done, half - 1, 6)
        self.checklist.show()

    @Slot()
    def _on_dismiss_clicked(self) -> None:
        self._book.opening.dismiss_checklist()

    def selected(self) -> DueItem | DueLine | None:
        rows = self.due_view.selectionModel().selectedRows()
        return self.due_proxy.row_at(rows[0].row()) if rows else None

    @Slot()
    def _on_double_clicked(self) -> None:
        item = self.selected()
        if isinstance(item, DueLine):
            from partybook.ui.dialogs.due_list_dialog import DueListDialog

            item = DueListDialog.ask(self, item.title, item.items, DUE_COLUMNS)
        if item is not None:
            self.go.emit(item.kind, item.member_id or 0)
