"""The startup password in the window: the unlock dialog's tries, and setting it from the menu."""

from __future__ import annotations

from partybook.ui import messages
from partybook.ui.dialogs.password_dialog import TRIES, PasswordDialog, UnlockDialog
from partybook.ui.main_window import MainWindow


def test_unlock_accepts_the_right_password_after_a_wrong_one(qtbot, quiet_book) -> None:
    quiet_book.security.set_password("abcd", hint="四个字母")
    dialog = UnlockDialog(quiet_book)
    qtbot.addWidget(dialog)
    assert "四个字母" in dialog.hint.text()
    dialog.password.setText("abce")
    dialog._on_ok()
    assert "密码不对" in dialog.error.text() and dialog.password.text() == ""
    assert dialog.result() != UnlockDialog.DialogCode.Accepted
    dialog.password.setText("abcd")
    dialog._on_ok()
    assert dialog.result() == UnlockDialog.DialogCode.Accepted


def test_unlock_gives_up_after_the_last_try(qtbot, quiet_book) -> None:
    quiet_book.security.set_password("abcd")
    dialog = UnlockDialog(quiet_book)
    qtbot.addWidget(dialog)
    for _ in range(TRIES):
        dialog.password.setText("wrong")
        dialog._on_ok()
    assert dialog.result() == UnlockDialog.DialogCode.Rejected and dialog.tries == TRIES


def test_password_dialog_checks_length_and_repeat(qtbot) -> None:
    dialog = PasswordDialog(has_password=False)
    qtbot.addWidget(dialog)
    assert dialog.remove.isHidden()
    dialog.new.setText("abc")
    dialog.repeat.setText("abc")
    dialog._on_ok()
    assert "至少要 4 个字符" in dialog.error.text()
    dialog.new.setText("abcd")
    dialog._on_ok()
    assert "两次输入的新密码不一样" in dialog.error.text()
    dialog.repeat.setText("abcd")
    dialog._on_ok()
    assert dialog.result() == PasswordDialog.DialogCode.Accepted


def test_menu_sets_and_removes_the_password(qtbot, quiet_book, monkeypatch) -> None:
    window = MainWindow(quiet_book)
    qtbot.addWidget(window)
    infos, errors = [], []
    monkeypatch.setattr(messages, "show_info", lambda p, t, title="提示": infos.append(t))
    monkeypatch.setattr(messages, "show_error", lambda p, t, title="出错了": errors.append(t))
    answers = iter([("", "secret1", "提示"), ("wrong", "", ""), ("secret1", "", "")])
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, p, had: next(answers)))
    window._on_password_triggered()
    assert quiet_book.security.check_password("secret1") and "已设置启动密码" in infos[-1]
    window._on_password_triggered()
    assert "密码不对" in errors[-1] and quiet_book.security.has_password()
    window._on_password_triggered()
    assert not quiet_book.security.has_password() and "已取消" in infos[-1]
