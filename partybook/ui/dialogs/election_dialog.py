"""Recording a 换届选举: turnout (checked against the 4/5 rule as it is typed), candidates with
their votes, who is elected (more than half of those present) and the post each one takes.
Also the small window for the date of a committee elected before PartyBook was used."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.committee import Candidate, Election, check_posts, quorum_text
from partybook.domain.errors import join_problems
from partybook.domain.members import PARTY_POSTS, Stage
from partybook.domain.rules import ELECTION_RULES
from partybook.ui.widgets import DateField, ErrorLabel, ok_cancel_buttons

MAX_CANDIDATES = 12


class ElectionDialog(QDialog):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self.setWindowTitle("记录换届选举")
        self.resize(700, 600)
        self._full = [m for m in book.members.all(include_left=False) if m.stage is Stage.FULL]
        self.date = DateField()
        self.date.set_value(book.today())
        self.should = self._spin(len(self._full))
        self.present = self._spin(len(self._full))
        self.seats = self._spin(min(3, len(self._full)) or 1, top=15)
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        self.notes = QLineEdit()
        self.notes.setPlaceholderText("如：差额选举，无记名投票；监票人、计票人")
        self.rows: list[tuple[QComboBox, QSpinBox, QComboBox, QLabel]] = []
        self.grid = QGridLayout()
        for col, title in enumerate(("候选人", "得票", "当选后职务", "结果")):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        self.add_button = QPushButton("添加候选人")
        self.problems = ErrorLabel()
        self.buttons = ok_cancel_buttons("保存并更新职务…")
        current = [m for m in self._full if m.party_post] or self._full[:3]
        self.seats.setValue(max(1, len(current)))  # usually as many seats as the last committee
        for m in current:
            self._add_row(m.id)
        self._layout()
        self.add_button.clicked.connect(lambda: self._add_row(None))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.date.textChanged.connect(self.revalidate)
        for spin in (self.should, self.present, self.seats):
            spin.valueChanged.connect(self.revalidate)
        self.revalidate()

    @staticmethod
    def _spin(value: int, top: int = 999) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, top)
        spin.setValue(value)
        spin.setSuffix(" 人")
        return spin

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("选举日期", self.date)
        form.addRow("应到会有选举权的党员", self.should)
        form.addRow("实到", self.present)
        form.addRow("", self.quorum)
        form.addRow("应选委员名额", self.seats)
        form.addRow("说明", self.notes)
        box = QGroupBox("候选人与得票（只有正式党员有被选举权）")
        column = QVBoxLayout(box)
        column.addLayout(self.grid)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        rule = QLabel(
            f"{ELECTION_RULES.cite('elected_numerator')}；得票过半数的多于应选名额时，"
            "按得票多少依次当选。当选的委员请选好职务，其余人员的党内职务会被清除。"
        )
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box, 1)
        layout.addWidget(rule)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def _add_row(self, member_id: int | None) -> None:
        if len(self.rows) >= MAX_CANDIDATES:
            return
        who = QComboBox()
        for m in self._full:
            who.addItem(m.name, m.id)
        if member_id is not None:
            who.setCurrentIndex(max(0, who.findData(member_id)))
        else:
            used = {r[0].currentData() for r in self.rows}
            free = [i for i in range(who.count()) if who.itemData(i) not in used]
            who.setCurrentIndex(free[0] if free else 0)
        votes = QSpinBox()
        votes.setRange(0, 999)
        votes.setSuffix(" 票")
        post = QComboBox()
        post.addItem("", "")
        post.addItems(PARTY_POSTS)
        m = next((x for x in self._full if x.id == who.currentData()), None)
        if m is not None and m.party_post in PARTY_POSTS:
            post.setCurrentText(m.party_post)
        verdict = QLabel()
        n = len(self.rows) + 1
        for col, widget in enumerate((who, votes, post, verdict)):
            self.grid.addWidget(widget, n, col)
        who.currentIndexChanged.connect(self.revalidate)
        votes.valueChanged.connect(self.revalidate)
        post.currentIndexChanged.connect(self.revalidate)
        self.rows.append((who, votes, post, verdict))
        self.revalidate()

    def election(self) -> Election | None:
        on = self.date.readable_value()
        if on is None:
            return None
        candidates = tuple(
            Candidate(
                who.currentData(),
                who.currentText(),
                votes.value(),
                post.currentData() or post.currentText(),
            )
            for who, votes, post, _ in self.rows
            if who.currentData() is not None
        )
        return Election(
            on,
            self.should.value(),
            self.present.value(),
            self.seats.value(),
            candidates,
            notes=self.notes.text().strip(),
        )

    @Slot()
    def revalidate(self) -> list[str]:
        e = self.election()
        if e is None:
            problems = ["请填写选举日期，如 2026-11-22。"]
        else:
            self.quorum.setText(quorum_text(e))
            result = self._book.committee.result(e)
            elected = {c.member_id for c in result.elected}
            tied = {c.member_id for c in result.tied}
            for who, _, _, verdict in self.rows:
                mid = who.currentData()
                word = "当选" if mid in elected else ("票数相等" if mid in tied else "未当选")
                verdict.setText(word)
                verdict.setStyleSheet("color: #1b5e20;" if mid in elected else "color: #555;")
            problems = self._book.committee.check_election(e) or check_posts(e)
        valid = e is not None and not self._book.committee.check_election(e)
        self.quorum.setStyleSheet("" if valid or e is None else "color: #c62828;")
        self.problems.show_message(join_problems(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return problems

    def _on_ok(self) -> None:
        if not self.revalidate():
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, book: Book) -> Election | None:
        dialog = cls(book, parent)
        return dialog.election() if dialog.exec() == QDialog.DialogCode.Accepted else None


class TermDialog(QDialog):
    """The election date of a committee elected before PartyBook was used."""

    def __init__(self, start: date | None, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle("本届支委会任期")
        self.setMinimumWidth(440)
        intro = QLabel(
            "填写本届支委会选举产生的日期，用于计算任期（每届 "
            f"{ELECTION_RULES.value('term_years')} 年）和换届提醒。"
            "以后在本程序中记录换届选举时会自动更新。"
        )
        intro.setWordWrap(True)
        self.date = DateField()
        self.date.set_value(start)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("选举日期", self.date)
        self.buttons = ok_cancel_buttons("保存")
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def start(self) -> date | None:
        return self.date.readable_value()

    def _on_ok(self) -> None:
        on = self.start()
        if on is None:
            self.error.show_message("请填写日期，如 2024-03-22。")
        elif on > self._today:
            self.error.show_message("选举日期不能晚于今天。")
        else:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, start: date | None, today: date) -> date | None:
        dialog = cls(start, today, parent)
        return dialog.start() if dialog.exec() == QDialog.DialogCode.Accepted else None
