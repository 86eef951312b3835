"""First start of the packaged program: keep the data on this PC, or beside the program
(a USB stick that goes from the school office to home)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QRadioButton, QVBoxLayout, QWidget

from partybook.support.paths import portable_dir, user_data_dir
from partybook.ui.widgets import ok_cancel_buttons


class StorageDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("台账数据保存在哪里")
        self.setMinimumWidth(560)
        intro = QLabel("第一次使用，请选择台账数据保存的位置（以后一直使用这个位置）：")
        intro.setWordWrap(True)
        self.local = QRadioButton(f"保存在这台电脑上（推荐）\n{user_data_dir()}")
        self.portable = QRadioButton(
            f"保存在程序所在的文件夹，随U盘带走（便携使用）\n{portable_dir()}"
        )
        self.local.setChecked(True)
        note = QLabel(
            "便携使用时，数据和自动备份都在U盘的 data 文件夹里；请经常用“文件 → 备份到…”"
            "另存一份到电脑上，U盘丢失或损坏时不至于丢失台账。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        buttons = ok_cancel_buttons("确定", "退出")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (intro, self.local, self.portable, note):
            layout.addWidget(w)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> bool | None:
        """True for portable, False for this PC, None when the user chose to quit."""
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.portable.isChecked()
