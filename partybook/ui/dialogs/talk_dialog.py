"""Entering a 谈心谈话: date, who talked with whom (a roster person or someone typed in), the
topic, a short content and the follow-up; checked live, OK only for a record that can be saved."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.committee import post_order
from partybook.domain.errors import join_problems
from partybook.domain.members import is_committee_member
from partybook.domain.talks import Talk
from partybook.ui.attachments import Owner, strip_for
from partybook.ui.widgets import DateField, ErrorLabel, ok_cancel_buttons

OUTSIDE = -1  # the 谈话对象 combo's entry for someone not on the roster


class TalkDialog(QDialog):
    def __init__(self, book: Book, talk: Talk | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self._original = talk
        self.setWindowTitle("修改谈心谈话记录" if talk and talk.id else "登记谈心谈话")
        self.resize(560, 520)
        keep = {talk.first_id, talk.second_id} if talk else set()
        people = [m for m in book.members.all() if (m.active or m.id in keep)]
        # 支委 first: they are the usual 谈话人
        people.sort(key=lambda m: (not is_committee_member(m), post_order(m)))
        self.date = DateField()
        self.first = QComboBox()
        self.second = QComboBox()
        self.second.addItem("（不在花名册上的人员，在下面填写）", OUTSIDE)
        for m in people:
            label = f"{m.name}（{m.party_post}）" if m.party_post and m.active else m.name
            if not m.active:
                label += "（已离开）"
            self.first.addItem(label, m.id)
            if m.active or m.id in keep:
                self.second.addItem(f"{m.name}（{m.stage.value}）", m.id)
        self.second_name = QLineEdit()
        self.second_name.setPlaceholderText("如：新入职教师李明（非党员）")
        self.topic = QLineEdit()
        self.topic.setPlaceholderText("如：思想和工作情况、家庭困难、入党动机")
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText("谈话的主要内容（简要）")
        self.follow_up = QPlainTextEdit()
        self.follow_up.setPlaceholderText("需要跟进的事，如：反映的困难已向学校汇报，下月回访")
        self.follow_up.setFixedHeight(70)
        self.problems = ErrorLabel()
        self.buttons = ok_cancel_buttons("保存")
        form = QFormLayout()
        form.addRow("谈话日期", self.date)
        form.addRow("谈话人", self.first)
        form.addRow("谈话对象", self.second)
        form.addRow("", self.second_name)
        form.addRow("谈话主题", self.topic)
        form.addRow("谈话内容", self.content)
        form.addRow("后续跟进", self.follow_up)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self._load(talk)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.date, self.second_name, self.topic):
            edit.textChanged.connect(self.revalidate)
        self.first.currentIndexChanged.connect(self.revalidate)
        self.second.currentIndexChanged.connect(self.revalidate)
        layout.insertWidget(
            layout.indexOf(self.buttons), strip_for(self._book, Owner.TALK, self._original)
        )
        self.revalidate()

    def _load(self, t: Talk | None) -> None:
        if t is None:
            self.date.set_value(self._book.today())
            self._suggest_second()
            return
        self.date.set_value(t.on)
        self.first.setCurrentIndex(max(0, self.first.findData(t.first_id)))
        which = t.second_id if t.second_id is not None else OUTSIDE
        self.second.setCurrentIndex(max(0, self.second.findData(which)))
        self.second_name.setText(t.second_name)
        self.topic.setText(t.topic)
        self.content.setPlainText(t.content)
        self.follow_up.setPlainText(t.follow_up)

    def _suggest_second(self) -> None:
        """A new talk offers the first member the talker has not talked with this year."""
        first = self.first.currentData()
        owed = [
            m.id
            for r in self._book.talks.coverage(self._book.today().year)
            if r.talker.id == first
            for m in r.missing
        ]
        others = [self.second.itemData(i) for i in range(1, self.second.count())]
        choice = next((i for i in owed if i in others), None)
        if choice is None:
            choice = next((i for i in others if i != first), OUTSIDE)
        self.second.setCurrentIndex(max(0, self.second.findData(choice)))

    def talk(self) -> Talk | None:
        on = self.date.readable_value()
        first = self.first.currentData()
        if on is None or first is None:
            return None
        second = self.second.currentData()
        base = self._original or Talk(on, first, "")
        return dataclasses.replace(
            base,
            on=on,
            first_id=first,
            second_id=None if second == OUTSIDE else second,
            second_name=self.second_name.text().strip() if second == OUTSIDE else "",
            topic=self.topic.text().strip(),
            content=self.content.toPlainText().strip(),
            follow_up=self.follow_up.toPlainText().strip(),
        )

    @Slot()
    def revalidate(self) -> list[str]:
        outside = self.second.currentData() == OUTSIDE
        self.second_name.setEnabled(outside)
        t = self.talk()
        if t is None:
            problems = ["请填写谈话日期，如 2026-11-22。"]
        else:
            problems = self._book.talks.check(t)
        self.problems.show_message(join_problems(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return problems

    def _on_ok(self) -> None:
        if not self.revalidate():
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, book: Book, talk: Talk | None = None) -> Talk | None:
        dialog = cls(book, talk, parent)
        return dialog.talk() if dialog.exec() == QDialog.DialogCode.Accepted else None
