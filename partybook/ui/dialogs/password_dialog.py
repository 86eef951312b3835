"""The startup password: asked before the window opens, and set, changed or removed from the
menu. It keeps others on a shared school PC out of the window; the file is not encrypted."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partybook.domain.errors import PartyBookError
from partybook.domain.privacy import MIN_PASSWORD_LENGTH, check_new_password
from partybook.ui.widgets import ErrorLabel, ok_cancel_buttons

HONEST = (
    "启动密码防止别人在这台电脑上随手打开台账（窗口和命令行都要输入它）。数据文件本身没有加密，"
    "请同时保管好U盘和备份文件。忘记密码时，请带上电脑找县里或镇里的信息技术老师帮助处理。"
)
TRIES = 5


def _secret() -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    return box


class UnlockDialog(QDialog):
    """Asks for the password before the window opens; a few tries, then the program closes."""

    def __init__(self, book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self.tries = 0
        self.setWindowTitle("请输入启动密码")
        self.setMinimumWidth(440)
        name = book.branch().name or "本支部"
        intro = QLabel(f"“{name}”的台账设置了启动密码。")
        intro.setWordWrap(True)
        self.password = _secret()
        self.hint = QLabel(f"密码提示：{book.security.hint()}" if book.security.hint() else "")
        self.hint.setVisible(bool(book.security.hint()))
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("密码", self.password)
        buttons = ok_cancel_buttons("打开台账", "退出")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, book, parent: QWidget | None = None) -> bool:
        """True when the right password was given."""
        return cls(book, parent).exec() == QDialog.DialogCode.Accepted

    @Slot()
    def _on_ok(self) -> None:
        if self._book.security.check_password(self.password.text()):
            self.accept()
            return
        self.tries += 1
        self.password.clear()
        if self.tries >= TRIES:
            self.reject()
            return
        self.error.show_message(f"密码不对，请再试一次（还可以试 {TRIES - self.tries} 次）。")


class PasswordDialog(QDialog):
    """Set, change or remove the password; returns what to do, checked by the Book."""

    def __init__(self, has_password: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("启动密码")
        self.setMinimumWidth(520)
        note = QLabel(HONEST)
        note.setWordWrap(True)
        self.current = _secret()
        self.new = _secret()
        self.new.setPlaceholderText(f"至少 {MIN_PASSWORD_LENGTH} 个字符")
        self.repeat = _secret()
        self.hint = QLineEdit()
        self.hint.setPlaceholderText("可不填；只有自己看得懂的提醒，不要写密码本身")
        self.remove = QCheckBox("取消启动密码（以后打开台账不再问密码）")
        self.remove.setVisible(has_password)
        self.error = ErrorLabel()
        form = QFormLayout()
        if has_password:
            form.addRow("原密码", self.current)
        form.addRow("新密码", self.new)
        form.addRow("再输入一次", self.repeat)
        form.addRow("密码提示", self.hint)
        self.remove.toggled.connect(self._on_remove_toggled)
        buttons = ok_cancel_buttons("保存")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.remove)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, has_password: bool) -> tuple[str, str, str] | None:
        """(current, new, hint); new is "" to remove the password. None when cancelled."""
        dialog = cls(has_password, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        new = "" if dialog.remove.isChecked() else dialog.new.text()
        return dialog.current.text(), new, dialog.hint.text()

    @Slot(bool)
    def _on_remove_toggled(self, removing: bool) -> None:
        for box in (self.new, self.repeat, self.hint):
            box.setEnabled(not removing)

    @Slot()
    def _on_ok(self) -> None:
        if not self.remove.isChecked():
            try:
                check_new_password(self.new.text())
            except PartyBookError as exc:
                self.error.show_message(str(exc))
                return
            if self.new.text() != self.repeat.text():
                self.error.show_message("两次输入的新密码不一样。")
                return
        self.accept()
