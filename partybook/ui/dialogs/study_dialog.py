"""Entering a study session (participants ticked from the roster, or a linked meeting) or one
member's own study; checked live, OK only for a record that can be saved."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.study import MAX_HOURS, Session
from partybook.ui import printing
from partybook.ui.attachments import Owner, strip_for
from partybook.ui.widgets import DateField, ErrorLabel, ok_cancel_buttons

ID_ROLE = Qt.ItemDataRole.UserRole


class StudyDialog(QDialog):
    """A branch session (personal=False) or a member's own study (personal=True)."""

    def __init__(
        self,
        book: Book,
        session: Session | None = None,
        *,
        personal: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._original = session
        self.personal = session.personal if session is not None else personal
        editing = session is not None and session.id is not None
        what = "个人学习" if self.personal else "学习活动"
        self.setWindowTitle(f"修改{what}" if editing else f"登记{what}")
        self.resize(560 if self.personal else 980, 420 if self.personal else 640)
        self.date = DateField()
        self.topic = QLineEdit()
        self.topic.setPlaceholderText("如：学习《中国共产党章程》")
        self.form = QComboBox()
        self.form.setEditable(True)
        self.form.addItems(book.study.settings().forms)
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, MAX_HOURS)
        self.hours.setSingleStep(0.5)
        self.hours.setDecimals(1)
        self.hours.setSuffix(" 学时")
        self.hours.setValue(2)
        self.presenter = QLineEdit()
        self.place = QLineEdit()
        self.materials = QPlainTextEdit()
        self.materials.setPlaceholderText("学习的文件、篇目或课程名称")
        self.materials.setFixedHeight(60)
        self.guests = QLineEdit()
        self.guests.setPlaceholderText("不在花名册上的参加人员，如入党积极分子、列席的同志")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(52)
        self.meeting = QComboBox()
        self.meeting.addItem("（不是会议，单独记录）", None)
        titles = book.meetings.titles()
        for m in reversed(book.meetings.all()):
            self.meeting.addItem(f"{titles[m.id]}（{m.on}）", m.id)
        self.meeting_note = QLabel(
            "日期、地点和参加人员按这次会议的记录（出席的人）；以后修改会议记录，这里会一起更新。"
        )
        self.meeting_note.setWordWrap(True)
        self.meeting_note.setStyleSheet("color: #555;")
        self.meeting_note.hide()
        self.member = QComboBox()
        for m in book.members.all(include_left=False):
            if m.stage.is_member:
                self.member.addItem(m.name, m.id)
        self.people = QListWidget()
        self.count = QLabel()
        self.all_button = QPushButton("全选")
        self.none_button = QPushButton("全不选")
        self.copy_button = QPushButton("从上一次学习复制")
        self.copy_button.setToolTip("复制上一次集体学习的形式、学时、地点、主讲人和参加人员")
        self.signin_button = QPushButton("打印签到表（学习前）…")
        self.problems = ErrorLabel()
        self.buttons = ok_cancel_buttons("保存")
        self._fill_people(session)
        self._layout()
        self._load(session)
        self._connect()
        self.revalidate()

    # building ---------------------------------------------------------------
    def _fill_people(self, session: Session | None) -> None:
        ticked = set(session.participants if session else self._book.study.default_participants())
        keep = set(session.participants) if session else set()
        for m in self._book.members.all():
            if not (m.active and m.stage.is_member) and m.id not in keep:
                continue
            label = m.name if m.active else f"{m.name}（已离开）"
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if m.id in ticked else Qt.CheckState.Unchecked)
            self.people.addItem(item)

    def _layout(self) -> None:
        form = QFormLayout()
        if self.personal:
            form.addRow("党员", self.member)
        else:
            form.addRow("关联会议", self.meeting)
            form.addRow("", self.meeting_note)
        form.addRow("日期", self.date)
        form.addRow("学习主题", self.topic)
        form.addRow("学习形式", self.form)
        form.addRow("学时", self.hours)
        if not self.personal:
            form.addRow("主讲人/领学人", self.presenter)
            form.addRow("地点", self.place)
        form.addRow("学习内容", self.materials)
        if not self.personal:
            form.addRow("其他参加人员", self.guests)
        form.addRow("备注", self.notes)
        left = QVBoxLayout()
        if not self.personal:
            left.addWidget(self.copy_button)
        left.addLayout(form)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        if not self.personal:
            box = QGroupBox("参加人员（勾选）")
            column = QVBoxLayout(box)
            row = QHBoxLayout()
            row.addWidget(self.all_button)
            row.addWidget(self.none_button)
            row.addStretch(1)
            row.addWidget(self.count)
            column.addLayout(row)
            column.addWidget(self.people)
            body.addWidget(box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.problems)
        bottom = QHBoxLayout()
        if not self.personal:
            bottom.addWidget(self.signin_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addWidget(strip_for(self._book, Owner.STUDY, self._original))
        layout.addLayout(bottom)

    def _load(self, s: Session | None) -> None:
        if s is None:
            self.date.set_value(self._book.today())
            if self.personal:
                self.form.setCurrentText("自学")
            return
        self.date.set_value(s.on)
        self.topic.setText(s.topic)
        self.form.setCurrentText(s.form)
        self.hours.setValue(s.hours)
        self.presenter.setText(s.presenter)
        self.place.setText(s.place)
        self.materials.setPlainText(s.materials)
        self.guests.setText(s.guests)
        self.notes.setPlainText(s.notes)
        if s.member_id is not None:
            self.member.setCurrentIndex(max(0, self.member.findData(s.member_id)))
        if s.meeting_id is not None:
            self.meeting.setCurrentIndex(max(0, self.meeting.findData(s.meeting_id)))
            self._apply_meeting()

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.signin_button.clicked.connect(self._on_signin_clicked)
        self.meeting.currentIndexChanged.connect(self._on_meeting_changed)
        for edit in (self.date, self.topic, self.presenter, self.place, self.guests):
            edit.textChanged.connect(self.revalidate)
        self.form.currentTextChanged.connect(self.revalidate)
        self.hours.valueChanged.connect(self.revalidate)
        self.member.currentIndexChanged.connect(self.revalidate)
        self.people.itemChanged.connect(self.revalidate)

    # reacting ---------------------------------------------------------------
    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.people.blockSignals(True)
        for i in range(self.people.count()):
            self.people.item(i).setCheckState(state)
        self.people.blockSignals(False)
        self.revalidate()

    def _tick(self, ids: set[int]) -> None:
        self.people.blockSignals(True)
        for i in range(self.people.count()):
            item = self.people.item(i)
            on = item.data(ID_ROLE) in ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.people.blockSignals(False)

    @Slot()
    def _on_meeting_changed(self) -> None:
        self._apply_meeting(fill=True)
        self.revalidate()

    def _apply_meeting(self, fill: bool = False) -> None:
        """A linked meeting decides date, place and who took part; they are shown, not typed."""
        meeting_id = self.meeting.currentData()
        linked = meeting_id is not None
        for widget in (self.date, self.place, self.people, self.all_button, self.none_button):
            widget.setEnabled(not linked)
        self.meeting_note.setVisible(linked)
        if not linked:
            return
        m = self._book.meetings.get(meeting_id)
        s = self._book.study.from_meeting(
            Session(m.on, "", "", 1, presenter=self.presenter.text().strip()), m
        )
        self.date.set_value(s.on)
        self.place.setText(s.place)
        self._tick(set(s.participants))
        if fill:
            self.presenter.setText(s.presenter)
            if not self.topic.text().strip():
                self.topic.setText(m.topic or m.agenda)
            if m.kind.value == "党课" and self.form.currentText() in ("", "集中学习"):
                self.form.setCurrentText("专题党课")

    @Slot()
    def _on_copy_clicked(self) -> None:
        last = self._book.study.last_session()
        if last is None:
            self.problems.show_message("还没有以前的学习记录可以复制。", warning=True)
            return
        self.form.setCurrentText(last.form)
        self.hours.setValue(last.hours)
        self.place.setText(last.place)
        self.presenter.setText(last.presenter)
        self.guests.setText(last.guests)
        active = {m.id for m in self._book.members.all(include_left=False)}
        self._tick({i for i in last.participants if i in active})
        self.revalidate()

    @Slot()
    def _on_signin_clicked(self) -> None:
        s = self.session()
        if s is None:
            self.problems.show_message("请先填写日期。")
            return
        printing.preview_signin(self, self._book.study.signin_sheet(s))

    # the result -------------------------------------------------------------
    def participants(self) -> tuple[int, ...]:
        return tuple(
            self.people.item(i).data(ID_ROLE)
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        )

    def session(self) -> Session | None:
        on = self.date.readable_value()
        if on is None:
            return None
        base = self._original or Session(on, "", "", 0)
        common = dict(
            on=on,
            topic=self.topic.text().strip(),
            form=self.form.currentText().strip(),
            hours=self.hours.value(),
            materials=self.materials.toPlainText().strip(),
            notes=self.notes.toPlainText().strip(),
        )
        if self.personal:
            member_id = self.member.currentData()
            people = (member_id,) if member_id is not None else ()
            return dataclasses.replace(
                base, **common, participants=people, member_id=member_id, meeting_id=None
            )
        return dataclasses.replace(
            base,
            **common,
            presenter=self.presenter.text().strip(),
            place=self.place.text().strip(),
            guests=self.guests.text().strip(),
            participants=self.participants(),
            meeting_id=self.meeting.currentData(),
            member_id=None,
        )

    @Slot()
    def revalidate(self) -> list[str]:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.count.setText(f"已勾选 {len(self.participants())} 人")
        s = self.session()
        if s is None:
            self.problems.show_message("请填写日期，如 2026-11-22。")
            ok.setEnabled(False)
            return ["date"]
        if self.personal and s.member_id is None:
            problems = ["花名册中还没有党员。"]
        else:
            problems = self._book.study.check(s)
        self.problems.show_message("；".join(problems))
        ok.setEnabled(not problems)
        return problems

    def _on_ok(self) -> None:
        if not self.revalidate():
            self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        book: Book,
        session: Session | None = None,
        *,
        personal: bool = False,
    ) -> Session | None:
        dialog = cls(book, session, personal=personal, parent=parent)
        return dialog.session() if dialog.exec() == QDialog.DialogCode.Accepted else None
