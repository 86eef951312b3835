"""The branch's basic facts: asked on first start, editable later from the menu."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partybook.domain.members import Branch
from partybook.ui.widgets import ErrorLabel, ok_cancel_buttons


class BranchDialog(QDialog):
    """Four plain fields; only the branch name is required."""

    def __init__(self, branch: Branch, first_time: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("欢迎使用党支部工作台账" if first_time else "支部基本信息")
        self.setMinimumWidth(520)
        intro = QLabel(
            "请先填写本支部的基本信息。它们会出现在导出的表格和打印的签到表上，以后可以在"
            "“文件 → 支部基本信息”中修改。"
            if first_time
            else "修改后，新导出的表格和打印件会使用新的信息。"
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(branch.name)
        self.name.setPlaceholderText("如：青山镇中心小学党支部")
        self.committee = QLineEdit(branch.committee)
        self.committee.setPlaceholderText("如：中共青山镇委员会")
        self.school = QLineEdit(branch.school)
        self.secretary = QLineEdit(branch.secretary)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("支部名称 *", self.name)
        form.addRow("所属党委", self.committee)
        form.addRow("学校", self.school)
        form.addRow("支部书记", self.secretary)
        buttons = ok_cancel_buttons("保存", "以后再填" if first_time else "取消")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def branch(self) -> Branch:
        return Branch(
            name=self.name.text().strip(),
            committee=self.committee.text().strip(),
            school=self.school.text().strip(),
            secretary=self.secretary.text().strip(),
        )

    def _on_ok(self) -> None:
        if not self.branch().name:
            self.error.show_message("请填写支部名称。")
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, branch: Branch, first_time: bool = False) -> Branch | None:
        dialog = cls(branch, first_time, parent)
        return dialog.branch() if dialog.exec() == QDialog.DialogCode.Accepted else None
