"""Message boxes in plain Chinese: errors, confirmations, notices."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

T = TypeVar("T")


def show_error(parent: QWidget | None, text: str, title: str = "出错了") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("知道了")
    box.exec()


def show_info(parent: QWidget | None, text: str, title: str = "提示") -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.button(QMessageBox.StandardButton.Ok).setText("好")
    box.exec()


def picked(parent: QWidget | None, item: T | None, what: str) -> T | None:
    """`item` (what is selected in a list), or None after asking the user to choose `what`
    in the list first: `current = messages.picked(self, self.selected(), "一次会议")`."""
    if item is None:
        show_info(parent, f"请先在列表中选择{what}。")
    return item


def confirm(parent: QWidget | None, text: str, title: str = "请确认", yes: str = "确定") -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText("取消")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def choose(
    parent: QWidget | None, text: str, options: list[str], title: str = "请选择"
) -> int | None:
    """Ask which of a few options (each a button); returns its index, or None for 取消."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    buttons = [box.addButton(o, QMessageBox.ButtonRole.AcceptRole) for o in options]
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None
