"""The items one line of the home page stands for ("17 名党员学时落后进度"), one per person:
double-click one to go where it is done."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from partybook.domain.deadlines import DueItem
from partybook.ui.models.table_model import Column, ColumnTableModel, read_only_view


class DueListDialog(QDialog):
    """The list, with the chosen item (double-clicked) kept in `chosen`."""

    def __init__(
        self,
        title: str,
        items: Sequence[DueItem],
        columns: list[Column[DueItem]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(860, 480)  # within a 1024×768 screen
        self.chosen: DueItem | None = None
        self.model = ColumnTableModel(columns, self)
        self.model.set_rows(list(items))
        self.view, self.proxy = read_only_view(self.model, self)
        self.view.resizeColumnsToContents()
        self.view.doubleClicked.connect(self._on_double_clicked)
        hint = QLabel(f"共 {len(items)} 项。双击一项，转到办理它的地方。")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def _on_double_clicked(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.chosen = self.proxy.row_at(rows[0].row())
            self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        items: Sequence[DueItem],
        columns: list[Column[DueItem]],
    ) -> DueItem | None:
        dialog = cls(title, items, columns, parent)
        dialog.exec()
        return dialog.chosen
