"""A 党小组: its name, its leader and its members ticked from the roster."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.committee import PartyGroup, check_group
from partybook.domain.errors import join_problems
from partybook.ui.widgets import AsksBeforeDiscarding, ErrorLabel, ok_cancel_buttons

ID_ROLE = Qt.ItemDataRole.UserRole


class GroupDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, book: Book, group: PartyGroup | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"党小组：{group.name}" if group else "新建党小组")
        self.resize(460, 560)
        self.name = QLineEdit(group.name if group else "")
        self.name.setPlaceholderText("如：第一党小组、退休党小组")
        self.leader = QComboBox()
        self.people = QListWidget()
        chosen = set(group.member_ids) if group else set()
        self._names = {}
        for m in book.members.all(include_left=False):
            if not m.stage.is_member:
                continue
            self._names[m.id] = m.name
            now = f"（现在：{m.group}）" if m.group and m.id not in chosen else ""
            item = QListWidgetItem(m.name + now)
            item.setData(ID_ROLE, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = m.id in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self._leader = group.leader_id if group else None
        note = QLabel("勾选本小组的党员；勾选别的小组的人，会把他调到本小组。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.problems = ErrorLabel()
        self.buttons = ok_cancel_buttons("保存")
        form = QFormLayout()
        form.addRow("小组名称", self.name)
        form.addRow("组长", self.leader)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self._fill_leader()
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self.revalidate)
        self.people.itemChanged.connect(self._on_people_changed)
        self.leader.currentIndexChanged.connect(self.revalidate)
        self.revalidate()
        self.keep_form()  # 取消 asks once something here has changed

    def members(self) -> tuple[int, ...]:
        return tuple(
            self.people.item(i).data(ID_ROLE)
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        )

    def _fill_leader(self) -> None:
        current = self.leader.currentData() if self.leader.count() else self._leader
        self.leader.blockSignals(True)
        self.leader.clear()
        self.leader.addItem("（暂不指定）", None)
        for member_id in self.members():
            self.leader.addItem(self._names[member_id], member_id)
        self.leader.setCurrentIndex(max(0, self.leader.findData(current)))
        self.leader.blockSignals(False)

    @Slot()
    def _on_people_changed(self) -> None:
        self._fill_leader()
        self.revalidate()

    def group(self) -> PartyGroup:
        return PartyGroup(self.name.text().strip(), self.leader.currentData(), self.members())

    @Slot()
    def revalidate(self) -> list[str]:
        problems = check_group(self.group())
        self.problems.show_message(join_problems(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return problems

    def _on_ok(self) -> None:
        if not self.revalidate():
            self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, book: Book, group: PartyGroup | None = None
    ) -> PartyGroup | None:
        dialog = cls(book, group, parent)
        return dialog.group() if dialog.exec() == QDialog.DialogCode.Accepted else None
