"""Entering a meeting: its record fields, attendance by ticking names, a vote, checked live."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.errors import InvalidValue
from partybook.domain.meetings import (
    Attendee,
    Meeting,
    MeetingKind,
    Presence,
    Vote,
    check_meeting,
    count_vote,
    quorum,
)
from partybook.domain.members import Stage
from partybook.ui import printing
from partybook.ui.models.attendance_model import AttendanceModel
from partybook.ui.widgets import DateField, ErrorLabel, ok_cancel_buttons

TEXTS = ("start", "end", "place", "host", "recorder", "observers", "lecturer", "topic")
LONG_TEXTS = ("agenda", "content", "resolutions")
LABELS = {
    "start": "开始时间",
    "end": "结束时间",
    "place": "地点",
    "host": "主持人",
    "recorder": "记录人",
    "observers": "列席人员",
    "lecturer": "党课主讲人",
    "topic": "党课题目",
    "agenda": "议题",
    "content": "会议内容",
    "resolutions": "决议",
}


class MeetingDialog(QDialog):
    """OK saves only a record that is sound: past date, quorum for a vote, counts that add up."""

    def __init__(self, book: Book, meeting: Meeting | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self._original = meeting
        self._names = {m.id: m.name for m in book.members.all()}
        self.setWindowTitle("修改会议记录" if meeting and meeting.id else "新建会议记录")
        self.resize(1000, 720)
        self.kind = QComboBox()
        for kind in MeetingKind:
            self.kind.addItem(kind.value, kind.value)
        self.theme_day = QCheckBox("同时作为主题党日")
        self.group = QComboBox()
        self.group.addItems(sorted({m.group for m in book.members.all() if m.group}))
        self.date = DateField()
        self.fields = {name: QLineEdit() for name in TEXTS}
        self.fields["start"].setPlaceholderText("如 15:30")
        self.fields["end"].setPlaceholderText("如 17:00")
        self.long = {name: QPlainTextEdit() for name in LONG_TEXTS}
        for edit in self.long.values():
            edit.setFixedHeight(52)
        self.copy_button = QPushButton("从上次同类会议复制")
        self.all_present = QPushButton("全部出席")
        self.signin_button = QPushButton("打印签到表（会前）…")
        self.add_person = QComboBox()
        self.add_person.addItem("添加应到人员…", None)
        for m in book.members.all(include_left=False):
            if m.stage.is_member:
                self.add_person.addItem(m.name, (m.id, m.stage is Stage.FULL))
        self.remove_person = QPushButton("移出所选")
        self.model = AttendanceModel([], self._names, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.quorum_label = QLabel()
        self.quorum_label.setWordWrap(True)
        self.vote_matter = QLineEdit()
        self.vote_matter.setPlaceholderText("表决事项，如：接收蒋涛为预备党员（不表决可不填）")
        self.votes = {k: QSpinBox() for k in ("yes", "no", "abstain", "written_yes")}
        for spin in self.votes.values():
            spin.setRange(0, 999)
        self.vote_about = QComboBox()
        self.vote_about.addItem("（不记入发展纪实）", None)
        for m in book.members.all(include_left=False):
            if m.stage is Stage.CANDIDATE:
                self.vote_about.addItem(f"接收{m.name}为预备党员（第15步）", (m.id, 15, m.name))
            elif m.stage is Stage.PROBATIONARY:
                self.vote_about.addItem(f"{m.name}转为正式党员（第23步）", (m.id, 23, m.name))
        self.vote_method = QComboBox()
        self.vote_method.addItems(["举手表决", "无记名投票"])
        self.vote_label = QLabel()
        self.vote_label.setWordWrap(True)
        self.problems = ErrorLabel()
        self._layout()
        self._load(meeting)
        self.group.setEnabled(MeetingKind(self.kind.currentData()) is MeetingKind.GROUP)
        self._connect()
        self.revalidate()

    def _layout(self) -> None:
        head = QFormLayout()
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        kind_row.addWidget(self.theme_day)
        kind_row.addWidget(QLabel("党小组"))
        kind_row.addWidget(self.group)
        kind_row.addWidget(self.copy_button)
        head.addRow("会议类别", kind_row)
        head.addRow("日期", self.date)
        grid = QGridLayout()
        for i, name in enumerate(TEXTS):
            grid.addWidget(QLabel(LABELS[name]), i // 2, (i % 2) * 2)
            grid.addWidget(self.fields[name], i // 2, (i % 2) * 2 + 1)
        for i, name in enumerate(LONG_TEXTS):
            grid.addWidget(QLabel(LABELS[name]), 4 + i, 0)
            grid.addWidget(self.long[name], 4 + i, 1, 1, 3)
        record = QWidget()
        left = QVBoxLayout(record)
        left.addLayout(head)
        left.addLayout(grid)
        left.addStretch(1)
        people = QGroupBox("应到人员（勾选出席或请假；都不勾为缺席）")
        right = QVBoxLayout(people)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.all_present)
        buttons_row.addWidget(self.signin_button)
        right.addLayout(buttons_row)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.add_person)
        edit_row.addWidget(self.remove_person)
        right.addLayout(edit_row)
        right.addWidget(self.table)
        right.addWidget(self.quorum_label)
        vote = QGroupBox("表决（支部党员大会）")
        vl = QHBoxLayout(vote)
        vl.addWidget(self.vote_about)
        vl.addWidget(self.vote_matter, 2)
        vl.addWidget(self.vote_method)
        for key, text in (
            ("yes", "同意"),
            ("no", "不同意"),
            ("abstain", "弃权"),
            ("written_yes", "书面同意"),
        ):
            vl.addWidget(QLabel(text))
            vl.addWidget(self.votes[key])
        body = QHBoxLayout()
        body.addWidget(record, 3)
        body.addWidget(people, 2)
        self.buttons = ok_cancel_buttons("保存")
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(vote)
        layout.addWidget(self.vote_label)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def _load(self, m: Meeting | None) -> None:
        if m is None:
            self.date.set_value(self._book.today())
            self._reset_attendees()
            return
        self.kind.setCurrentIndex(self.kind.findData(m.kind.value))
        self.theme_day.setChecked(m.theme_day)
        self.group.setCurrentText(m.group)
        self.date.set_value(m.on)
        for name in TEXTS:
            self.fields[name].setText(getattr(m, name))
        for name in LONG_TEXTS:
            self.long[name].setPlainText(getattr(m, name))
        self.model = AttendanceModel(m.attendees, self._names, self)
        self.table.setModel(self.model)
        if m.votes:
            v = m.votes[0]
            for i in range(self.vote_about.count()):
                data = self.vote_about.itemData(i)
                if data and (data[0], data[1]) == (v.member_id, v.step):
                    self.vote_about.setCurrentIndex(i)
            self.vote_matter.setText(v.matter)
            self.vote_method.setCurrentText(v.method)
            for key, spin in self.votes.items():
                spin.setValue(getattr(v, key))

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.group.currentIndexChanged.connect(self._on_kind_changed)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.signin_button.clicked.connect(self._on_signin_clicked)
        self.add_person.activated.connect(self._on_add_person)
        self.remove_person.clicked.connect(self._on_remove_person)
        self.all_present.clicked.connect(lambda: self.model.set_all_present())
        self.date.textChanged.connect(self.revalidate)
        self.vote_matter.textChanged.connect(self.revalidate)
        self.vote_about.currentIndexChanged.connect(self._on_vote_about_changed)
        for spin in self.votes.values():
            spin.valueChanged.connect(self.revalidate)
        self.model.edited.connect(self.revalidate)

    def _reset_attendees(self) -> None:
        kind = MeetingKind(self.kind.currentData())
        attendees = self._book.meetings.default_attendees(kind, self.group.currentText())
        self.model = AttendanceModel(attendees, self._names, self)
        self.table.setModel(self.model)
        self.model.edited.connect(self.revalidate)
        self.table.resizeColumnsToContents()

    @Slot()
    def _on_kind_changed(self) -> None:
        kind = MeetingKind(self.kind.currentData())
        self.group.setEnabled(kind is MeetingKind.GROUP)
        self._reset_attendees()
        self.revalidate()

    @Slot()
    def _on_copy_clicked(self) -> None:
        """Take place, host, recorder, times and who came from the last meeting of this kind."""
        last = self._book.meetings.last(MeetingKind(self.kind.currentData()))
        if last is None:
            self.problems.show_message("还没有这类会议的记录可以复制。", warning=True)
            return
        for name in ("start", "end", "place", "host", "recorder"):
            self.fields[name].setText(getattr(last, name))
        current = {
            a.member_id for a in self._book.meetings.default_attendees(last.kind, last.group)
        }
        kept = [a for a in last.attendees if a.member_id in current]
        self.model = AttendanceModel(kept, self._names, self)
        self.table.setModel(self.model)
        self.model.edited.connect(self.revalidate)
        self.revalidate()

    @Slot(int)
    def _on_add_person(self, index: int) -> None:
        data = self.add_person.itemData(index)
        if data is not None:
            self.model.add(Attendee(data[0], can_vote=data[1]))
        self.add_person.setCurrentIndex(0)

    @Slot()
    def _on_remove_person(self) -> None:
        rows = sorted(
            {i.row() for i in self.table.selectionModel().selectedIndexes()}, reverse=True
        )
        for row in rows:
            self.model.remove(row)

    @Slot()
    def _on_vote_about_changed(self) -> None:
        about = self.vote_about.currentData()
        if about is not None:
            self.vote_matter.setText(self.vote_about.currentText().split("（")[0])
        self.revalidate()

    @Slot()
    def _on_signin_clicked(self) -> None:
        """Print the sheet for a meeting still to be held: nothing needs to be saved first."""
        m = self.meeting()
        if m is None:
            self.problems.show_message("请先填写会议日期。")
            return
        printing.preview_signin(self, self._book.meetings.signin_sheet(m))

    def meeting(self) -> Meeting | None:
        on = self.date.readable_value()
        if on is None:
            return None
        kind = MeetingKind(self.kind.currentData())
        votes = []
        if self.vote_matter.text().strip():
            about = self.vote_about.currentData()
            link = {"member_id": about[0], "step": about[1]} if about else {}
            counts = {k: s.value() for k, s in self.votes.items()}
            votes.append(
                Vote(
                    self.vote_matter.text().strip(),
                    **counts,
                    **link,
                    method=self.vote_method.currentText(),
                )
            )
        base = self._original or Meeting(kind, on)
        return dataclasses.replace(
            base,
            kind=kind,
            on=on,
            theme_day=self.theme_day.isChecked(),
            group=self.group.currentText() if kind is MeetingKind.GROUP else "",
            attendees=self.model.attendees(),
            votes=votes,
            **{n: self.fields[n].text().strip() for n in TEXTS},
            **{n: self.long[n].toPlainText().strip() for n in LONG_TEXTS},
        )

    @Slot()
    def revalidate(self) -> list[str]:
        m = self.meeting()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if m is None:
            self.problems.show_message("请填写会议日期，如 2026-11-22。")
            ok.setEnabled(False)
            return ["date"]
        q = quorum(m.attendees)
        self.quorum_label.setText(
            f"应到 {m.should_attend} 人，实到 {m.present} 人。"
            + (q.text() if m.kind is MeetingKind.GENERAL else "")
        )
        self.vote_label.setText("")
        if m.votes:
            absent = sum(
                1
                for a in m.attendees
                if a.can_vote and not a.excluded and a.presence is not Presence.PRESENT
            )
            try:
                self.vote_label.setText(count_vote(m.votes[0], q, absent).text())
            except InvalidValue as exc:
                self.vote_label.setText(str(exc))
        problems = check_meeting(m, self._book.today())
        self.problems.show_message("；".join(problems))
        ok.setEnabled(not problems)
        return problems

    def _on_ok(self) -> None:
        if not self.revalidate():
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, book: Book, meeting: Meeting | None = None):
        dialog = cls(book, meeting, parent)
        return dialog.meeting() if dialog.exec() == QDialog.DialogCode.Accepted else None
