"""Recording a 换届选举: 应到 computed from the roster on the day (shown, explained, never
typed; members left out of it with a listed reason), turnout checked against the 4/5 rule as it
is typed, 差额 (an exception with its reason when not met), candidates with their votes, who is
elected (more than half of those present) and the post each one takes. Also the small windows
for the members left out of 应到, the upper committee's approval of the 书记 and 副书记, and
the date of a committee elected before PartyBook was used."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.committee import (
    EXCLUSION_BASIS,
    EXCLUSION_REASONS,
    Candidate,
    Election,
    Exclusion,
    check_approval,
    check_posts,
    min_candidates,
    posts_to_approve,
    quorum_text,
)
from partybook.domain.errors import join_problems
from partybook.domain.members import PARTY_POSTS, Member, Stage
from partybook.domain.rules import ELECTION_RULES
from partybook.ui.widgets import DateField, ErrorLabel, ok_cancel_buttons

MAX_CANDIDATES = 12
MAX_EXCLUDED = 12
GREY = "color: #555;"


def _grey(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(GREY)
    return label


class ElectionDialog(QDialog):
    def __init__(
        self, book: Book, parent: QWidget | None = None, current: Election | None = None
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._current = current  # a saved election being corrected
        self._excluded: tuple[Exclusion, ...] = current.excluded if current else ()
        self.setWindowTitle("修改选举记录" if current else "记录换届选举")
        self.resize(860, 680)  # within 1024 × 690
        self._full = [m for m in book.members.all(include_left=False) if m.stage is Stage.FULL]
        if current is not None:  # its candidates, though some may have left since
            listed = {m.id for m in self._full}
            ids = {c.member_id for c in current.candidates} - listed
            self._full += [m for m in book.members.all() if m.id in ids]
        self.correction = QLineEdit()
        self.correction.setPlaceholderText("必填，如：得票录错，按计票单更正")
        self.date = DateField()
        self.date.set_value(book.today())
        # 应到 is the roster's: shown, never typed
        self.should = QLabel()
        self.should.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.exclude_button = QPushButton()
        self.roll_text = _grey()
        roll = book.committee.roll(book.today())
        self.present = self._spin(roll.should_attend)
        self.present.setMaximum(roll.should_attend)
        self.seats = self._spin(min(3, len(self._full)) or 1, top=15)
        self.margin = _grey()
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        self.notes = QLineEdit()
        self.notes.setPlaceholderText("如：差额选举，无记名投票；监票人、计票人")
        self.rows: list[tuple[QComboBox, QSpinBox, QComboBox, QLabel]] = []
        self.grid = QGridLayout()
        for col, title in enumerate(("候选人", "得票", "当选后职务", "结果")):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        self.add_button = QPushButton("添加候选人")
        self.override = QCheckBox("记录例外（差额不足，确属特殊情况）")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("写明理由，如：经镇党委同意实行等额选举（批复文号）")
        self.problems = ErrorLabel()
        self.buttons = ok_cancel_buttons("保存更正…" if current else "保存并更新职务…")
        if current is not None:
            self._fill(current)
        else:
            sitting = [m for m in self._full if m.party_post] or self._full[:3]
            self.seats.setValue(max(1, len(sitting)))  # as many seats as the last committee
            for m in sitting:
                self._add_row(m.id)
        self._layout()
        self.add_button.clicked.connect(lambda: self._add_row(None))
        self.exclude_button.clicked.connect(self._on_exclude_clicked)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.date.textChanged.connect(self.revalidate)
        for spin in (self.present, self.seats):
            spin.valueChanged.connect(self.revalidate)
        self.override.toggled.connect(self.revalidate)
        self.reason.textChanged.connect(self.revalidate)
        self.correction.textChanged.connect(self.revalidate)
        self.revalidate()

    def _fill(self, e: Election) -> None:
        """The saved election's values, to correct."""
        self.date.set_value(e.on)
        self.present.setMaximum(max(self.present.maximum(), e.present))
        self.present.setValue(e.present)
        self.seats.setValue(e.seats)
        self.notes.setText(e.notes)
        for c in e.candidates:
            self._add_row(c.member_id)
            who, votes, post, _ = self.rows[-1]
            votes.setValue(c.votes)
            post.setCurrentIndex(max(0, post.findText(c.post)) if c.post else 0)
        if e.exception:
            self.override.setChecked(True)
            self.reason.setText(e.exception)

    @staticmethod
    def _spin(value: int, top: int = 999) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, top)
        spin.setValue(value)
        spin.setSuffix(" 人")
        return spin

    def _layout(self) -> None:
        should = QHBoxLayout()
        should.addWidget(self.should)
        should.addSpacing(12)
        should.addWidget(self.exclude_button)
        should.addStretch(1)
        present = QHBoxLayout()
        present.addWidget(self.present)
        present.addSpacing(12)
        present.addWidget(self.quorum, 1)
        seats = QHBoxLayout()
        seats.addWidget(self.seats)
        seats.addSpacing(12)
        seats.addWidget(self.margin, 1)
        form = QFormLayout()
        form.addRow("选举日期", self.date)
        form.addRow("应到会有选举权的党员", should)
        form.addRow("", self.roll_text)
        form.addRow("实到", present)
        form.addRow("应选委员名额", seats)
        form.addRow("说明", self.notes)
        if self._current is not None:
            form.addRow("更正原因", self.correction)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.grid)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumHeight(150)  # four candidates without scrolling
        box = QGroupBox("候选人与得票（只有正式党员有被选举权）")
        QVBoxLayout(box).addWidget(scroll)
        rule = _grey(
            f"{ELECTION_RULES.cite('elected_numerator')}；过半数的多于名额时按得票多少依次当选。"
            "当选的委员请选好职务，其余人员的党内职务会被清除。"
        )
        exception = QHBoxLayout()
        exception.addWidget(self.override)
        exception.addWidget(self.reason, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box, 1)
        layout.addWidget(rule)
        layout.addLayout(exception)
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

    def excluded(self) -> tuple[Exclusion, ...]:
        return self._excluded

    def set_excluded(self, excluded: Sequence[Exclusion]) -> None:
        self._excluded = tuple(excluded)
        self.revalidate()

    @Slot()
    def _on_exclude_clicked(self) -> None:
        on = self.date.readable_value()
        if on is None:
            self.problems.show_message("请先填写选举日期：应到人数按那一天的花名册计算。")
            return
        chosen = ExclusionDialog.ask(self, self._book, on, self._excluded)
        if chosen is not None:
            self.set_excluded(chosen)

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
        current = self._current
        return Election(
            on,
            self._book.committee.roll(on, self._excluded).should_attend,
            self.present.value(),
            self.seats.value(),
            candidates,
            id=current.id if current else None,
            notes=self.notes.text().strip(),
            excluded=self._excluded,
            exception=self.reason.text().strip() if self.override.isChecked() else "",
            approved_on=current.approved_on if current else None,
            corrections=current.corrections if current else (),
        )

    def _show_roll(self, on: date | None) -> None:
        count = len(self._excluded)
        self.exclude_button.setText(f"不计入应到的党员（{count} 人）…")
        if on is None:
            self.should.setText("—")
            self.roll_text.setText("应到人数按选举那一天的花名册计算：请先填写选举日期。")
            return
        roll = self._book.committee.roll(on, self._excluded)
        self.should.setText(f"<b>{roll.should_attend} 人</b>")
        self.roll_text.setText(
            f"{roll.text()}。按花名册计算，不能手填（预备党员、受留党察看处分的党员没有选举权）；"
            "因病、出国等不能参加选举的，经上级党组织同意可点“不计入应到的党员”。"
        )
        self.present.setMaximum(roll.should_attend)

    @Slot()
    def revalidate(self) -> list[str]:
        """The problems that stop saving (差额 not met counts until an exception with its
        reason is given); the OK button and the message follow."""
        e = self.election()
        self._show_roll(e.on if e is not None else None)
        margin: list[str] = []
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
                verdict.setStyleSheet("color: #1b5e20;" if mid in elected else GREY)
            need = min_candidates(e.seats) if e.seats > 0 else 0
            percent = ELECTION_RULES.value("candidates_margin_percent")
            self.margin.setText(
                f"差额选举：候选人应至少 {need} 名（多于应选人数的 {percent}%），"
                f"现有 {len(e.candidates)} 名。"
            )
            problems = self._book.committee.check_election(e) or check_posts(e)
            margin = self._book.committee.margin_problems(e)
            if self._current is not None and not self.correction.text().strip():
                problems = [*problems, "请写明更正的原因。"]
        valid = e is not None and not self._book.committee.check_election(e)
        self.quorum.setStyleSheet("" if valid or e is None else "color: #c62828;")
        self.margin.setStyleSheet("color: #c62828;" if margin else GREY)
        self.override.setVisible(bool(margin))
        self.reason.setVisible(bool(margin))
        self.reason.setEnabled(self.override.isChecked())
        overridden = self.override.isChecked() and bool(self.reason.text().strip())
        if margin and not overridden:
            problems = [*problems, *margin]
            self.problems.show_message(
                join_problems(problems) + "\n如确属特殊情况，可以勾选“记录例外”并写明理由。"
            )
        elif margin and not problems:  # 差额 not met, the exception given: saved with it
            self.problems.show_message(join_problems(margin), warning=True)
        else:
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

    @classmethod
    def ask_correction(
        cls, parent: QWidget | None, book: Book, e: Election
    ) -> tuple[Election, str] | None:
        """The saved election corrected, with the reason; None when cancelled."""
        dialog = cls(book, parent, e)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        corrected = dialog.election()
        return (corrected, dialog.correction.text().strip()) if corrected else None


class ExclusionDialog(QDialog):
    """The members left out of an election's 应到: each a full member with a vote that day,
    a reason from the 选举工作条例's list and the details."""

    def __init__(
        self,
        book: Book,
        on: date,
        excluded: Sequence[Exclusion],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._on = on
        self.setWindowTitle("不计入应到的党员")
        self.resize(720, 420)
        self._voters: list[Member] = book.committee.voters(on)
        intro = QLabel(
            f"党员因下列情况不能参加 {on} 的选举，经上级党组织同意，可以不计算在应到会人数之内："
            f"{'；'.join(EXCLUSION_REASONS)}。其他没有到会的党员（如请假）仍计入应到。"
        )
        intro.setWordWrap(True)
        basis = _grey(EXCLUSION_BASIS)
        self.rows: list[tuple[QComboBox, QComboBox, QLineEdit, QPushButton]] = []
        self.grid = QGridLayout()
        for col, title in enumerate(("党员", "情形", "具体情况（去向、时间、上级同意）")):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        self.grid.setColumnStretch(2, 1)
        self.add_button = QPushButton("添加一名党员")
        self.error = ErrorLabel()
        self.buttons = ok_cancel_buttons("确定")
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.grid)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(basis)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for x in excluded:
            self._add_row(x)
        self.add_button.clicked.connect(lambda: self._add_row(None))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.revalidate()

    def _add_row(self, x: Exclusion | None) -> None:
        if len(self.rows) >= MAX_EXCLUDED or not self._voters:
            return
        who = QComboBox()
        for m in self._voters:
            who.addItem(m.name, m.id)
        if x is not None:
            who.setCurrentIndex(max(0, who.findData(x.member_id)))
        else:
            used = {r[0].currentData() for r in self.rows}
            free = [i for i in range(who.count()) if who.itemData(i) not in used]
            who.setCurrentIndex(free[0] if free else 0)
        reason = QComboBox()
        reason.addItem("（请选择）", "")
        for text in EXCLUSION_REASONS:
            reason.addItem(text, text)
        if x is not None:
            reason.setCurrentIndex(max(0, reason.findData(x.reason)))
        note = QLineEdit(x.note if x is not None else "")
        note.setPlaceholderText("如：2026年9月起赴外省进修一年，经镇党委同意")
        remove = QPushButton("删除")
        n = len(self.rows) + 1
        for col, widget in enumerate((who, reason, note, remove)):
            self.grid.addWidget(widget, n, col)
        entry = (who, reason, note, remove)
        self.rows.append(entry)
        remove.clicked.connect(lambda: self._remove_row(entry))
        who.currentIndexChanged.connect(self.revalidate)
        reason.currentIndexChanged.connect(self.revalidate)
        note.textChanged.connect(self.revalidate)
        self.revalidate()

    def _remove_row(self, entry: tuple[QComboBox, QComboBox, QLineEdit, QPushButton]) -> None:
        self.rows.remove(entry)
        for widget in entry:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.revalidate()

    def excluded(self) -> tuple[Exclusion, ...]:
        return tuple(
            Exclusion(who.currentData(), reason.currentData(), note.text().strip())
            for who, reason, note, _ in self.rows
        )

    @Slot()
    def revalidate(self) -> list[str]:
        problems = self._book.committee.check_exclusions(self._on, self.excluded())
        self.error.show_message(join_problems(problems))
        self.add_button.setEnabled(len(self.rows) < min(MAX_EXCLUDED, len(self._voters)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return problems

    def _on_ok(self) -> None:
        if not self.revalidate():
            self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, book: Book, on: date, excluded: Sequence[Exclusion]
    ) -> tuple[Exclusion, ...] | None:
        dialog = cls(book, on, excluded, parent)
        return dialog.excluded() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ApprovalDialog(QDialog):
    """The day the upper committee approved the 书记 and 副书记 an election elected."""

    def __init__(self, e: Election, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._election = e
        self._today = today
        self.setWindowTitle("上级党组织批准")
        self.setMinimumWidth(460)
        who = "、".join(f"{c.post} {c.name}" for c in posts_to_approve(e))
        intro = QLabel(
            f"{e.on} 换届选举产生的{who}，报上级党组织批准后，填写批准的日期。"
            "没有记录批准日期时，首页会一直提醒。"
        )
        intro.setWordWrap(True)
        basis = _grey(ELECTION_RULES.cite("posts_approval"))
        self.date = DateField()
        self.date.set_value(e.approved_on or today)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("批准日期", self.date)
        self.buttons = ok_cancel_buttons("保存")
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(basis)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def approved_on(self) -> date | None:
        return self.date.readable_value()

    def _on_ok(self) -> None:
        on = self.approved_on()
        if on is None:
            self.error.show_message("请填写批准日期，如 2026-12-05。")
            return
        problems = check_approval(self._election, on, self._today)
        if problems:
            self.error.show_message(join_problems(problems))
        else:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, e: Election, today: date) -> date | None:
        dialog = cls(e, today, parent)
        return dialog.approved_on() if dialog.exec() == QDialog.DialogCode.Accepted else None


class TermDialog(QDialog):
    """The election date of a committee elected before PartyBook was used."""

    def __init__(
        self,
        start: date | None,
        today: date,
        parent: QWidget | None = None,
        term: str = "",
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle("本届支委会任期")
        self.setMinimumWidth(440)
        term = term or f"每届 {ELECTION_RULES.value('term_years')} 年"
        intro = QLabel(
            f"填写本届支委会选举产生的日期，用于计算任期（{term}）和换届提醒。"
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
    def ask(
        cls, parent: QWidget | None, start: date | None, today: date, term: str = ""
    ) -> date | None:
        dialog = cls(start, today, parent, term)
        return dialog.start() if dialog.exec() == QDialog.DialogCode.Accepted else None
