"""表格格式设置: for each sheet of the 年度台账, which columns, their order, header text and the
date format, so the export matches the township's template."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partybook.export.layouts import (
    DATE_FORMATS,
    PRIVATE_FIELDS,
    SPECS,
    Layouts,
    SheetLayout,
    check_layout,
)
from partybook.ui.widgets import ErrorLabel, ok_cancel_buttons

HELP = (
    "勾选要导出的列；双击“表头文字”可改成上级表格里的写法；用“上移”“下移”调整列的顺序。"
    "改好的格式保存在本数据文件里，也可以在“年度统计”页点“导出表格格式…”存成文件，发给其他学校使用。"
)
_KEY = Qt.ItemDataRole.UserRole


class LayoutsDialog(QDialog):
    """Edits a copy of the layouts; nothing is saved until 确定 and every sheet checks out."""

    def __init__(self, layouts: Layouts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("年度台账表格格式设置")
        self.resize(760, 560)
        self._work = {name: layouts.of(name) for name in SPECS}
        self._changed = {name for name in layouts.sheets}
        self._current: str | None = None
        self.sheets = QListWidget()
        for name, spec in SPECS.items():
            self.sheets.addItem(name)
            self.sheets.item(self.sheets.count() - 1).setToolTip(spec.title)
        self.sheets.setMaximumWidth(170)
        self.columns = QTreeWidget()
        self.columns.setHeaderLabels(["列", "表头文字（双击修改）"])
        self.columns.setRootIsDecorated(False)
        self.columns.setColumnWidth(0, 200)
        self.date_format = QComboBox()
        for text in DATE_FORMATS:
            self.date_format.addItem(text, text)
        self.mask = QCheckBox(
            "隐藏身份证号、电话号码的中间几位（如 430521********0773、138****5678）"
        )
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.default_button = QPushButton("恢复这张表的默认格式")
        self.error = ErrorLabel()
        note = QLabel(HELP)
        note.setWordWrap(True)
        self.buttons = ok_cancel_buttons()

        moves = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.default_button):
            moves.addWidget(b)
        moves.addStretch(1)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("日期写成"))
        dates.addWidget(self.date_format)
        dates.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.columns, 1)
        right.addLayout(moves)
        right.addLayout(dates)
        right.addWidget(self.mask)
        body = QHBoxLayout()
        body.addWidget(self.sheets)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.sheets.currentRowChanged.connect(self._on_sheets_current_row_changed)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.default_button.clicked.connect(self._on_default_clicked)
        self.columns.itemChanged.connect(self._on_columns_item_changed)
        self.date_format.currentIndexChanged.connect(self._on_columns_item_changed)
        self.mask.toggled.connect(self._on_columns_item_changed)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        self.sheets.setCurrentRow(0)

    @classmethod
    def ask(cls, parent: QWidget | None, layouts: Layouts) -> Layouts | None:
        dialog = cls(layouts, parent)
        return dialog.result_layouts() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def result_layouts(self) -> Layouts:
        """Only sheets that differ from their default are kept, so defaults can improve later."""
        self._store_current()
        return Layouts(
            {
                name: lay
                for name, lay in self._work.items()
                if name in self._changed and lay != SPECS[name].default_layout()
            }
        )

    # editing ----------------------------------------------------------------------
    def _show(self, name: str) -> None:
        spec, layout = SPECS[name], self._work[name]
        chosen = dict(layout.columns)
        order = [k for k, _ in layout.columns] + [f.key for f in spec.fields if f.key not in chosen]
        self.columns.blockSignals(True)
        self.columns.clear()
        for key in order:
            f = spec.field(key)
            item = QTreeWidgetItem([f.header, chosen.get(key, f.header)])
            item.setData(0, _KEY, key)
            item.setFlags(
                item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(
                0, Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked
            )
            self.columns.addTopLevelItem(item)
        self.columns.blockSignals(False)
        self.date_format.blockSignals(True)
        self.date_format.setCurrentIndex(max(0, self.date_format.findData(layout.date_format)))
        self.date_format.blockSignals(False)
        self.mask.blockSignals(True)
        self.mask.setChecked(layout.mask_private)
        self.mask.setVisible(any(f.key in PRIVATE_FIELDS for f in spec.fields))
        self.mask.blockSignals(False)
        self._current = name
        self._check()

    def _layout_shown(self) -> SheetLayout:
        columns = []
        for i in range(self.columns.topLevelItemCount()):
            item = self.columns.topLevelItem(i)
            if item.checkState(0) == Qt.CheckState.Checked:
                columns.append((item.data(0, _KEY), item.text(1).strip()))
        return SheetLayout(tuple(columns), self.date_format.currentData(), self.mask.isChecked())

    def _store_current(self) -> None:
        if self._current is not None:
            self._work[self._current] = self._layout_shown()

    def _check(self) -> bool:
        """Show the first sheet with a problem; True when every sheet can be used."""
        self._store_current()
        for name, lay in self._work.items():
            problems = check_layout(name, lay)
            if problems:
                self.error.show_message(f"“{name}”：" + "；".join(problems))
                return False
        self.error.show_message("")
        return True

    def _move(self, step: int) -> None:
        row = self.columns.indexOfTopLevelItem(self.columns.currentItem())
        target = row + step
        if row < 0 or not 0 <= target < self.columns.topLevelItemCount():
            return
        self.columns.blockSignals(True)
        item = self.columns.takeTopLevelItem(row)
        self.columns.insertTopLevelItem(target, item)
        self.columns.setCurrentItem(item)
        self.columns.blockSignals(False)
        self._on_columns_item_changed()

    @Slot(int)
    def _on_sheets_current_row_changed(self, row: int) -> None:
        self._store_current()
        if row >= 0:
            self._show(self.sheets.item(row).text())

    @Slot()
    def _on_columns_item_changed(self, *_args) -> None:
        if self._current is not None:
            self._changed.add(self._current)
        self._check()

    @Slot()
    def _on_default_clicked(self) -> None:
        if self._current is None:
            return
        self._work[self._current] = SPECS[self._current].default_layout()
        self._changed.add(self._current)
        self._show(self._current)

    @Slot()
    def _on_accepted(self) -> None:
        if self._check():
            self.accept()
