"""Entering a meeting: its record fields, attendance by ticking names, a vote, checked live.
应到 comes from the roster on the meeting's day; leaving someone out of it takes a reason
from the rules' list."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
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
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.errors import InvalidValue
from partybook.domain.meetings import (
    EXCLUSION_SOURCE,
    Attendee,
    Meeting,
    MeetingKind,
    Presence,
    Roll,
    Vote,
    VoteOn,
    absent_voters,
    count_vote,
    vote_on,
)
from partybook.domain.members import Stage
from partybook.ui import messages, printing
from partybook.ui.attachments import Owner, strip_for
from partybook.ui.models.attendance_model import (
    EXCLUDED,
    EXCLUDED_CHOICES,
    NAME,
    REASON,
    AttendanceModel,
)
from partybook.ui.widgets import (
    AsksBeforeDiscarding,
    DateField,
    ErrorLabel,
    keep_room_when_hidden,
    ok_cancel_buttons,
)

Index = QModelIndex | QPersistentModelIndex
MAX_WIDTH, MAX_HEIGHT = 1024, 690  # the smallest screens the program is used on


class ExclusionDelegate(QStyledItemDelegate):
    """The 不计入应到 column edited with a list: 计入应到, or one of the reasons the rules
    allow (EXCLUSION_REASONS); free words go in the reason column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index):
        box = QComboBox(parent)
        box.addItems(list(EXCLUDED_CHOICES))
        box.setToolTip(EXCLUSION_SOURCE)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or EXCLUDED_CHOICES[0]
        editor.setCurrentIndex(max(0, editor.findText(value)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


NOBODY_MARKED = "没有勾选任何人出席或请假，全部记为缺席吗？\n（点“全部出席”可一次勾选所有人。）"
TEXTS = ("start", "end", "place", "host", "recorder", "observers", "lecturer", "topic")
LONG_TEXTS = ("agenda", "content", "resolutions")
LONG_STRETCH = {"agenda": 1, "content": 3, "resolutions": 2}  # shares of the room left
MIN_LINES = {"agenda": 2, "content": 4, "resolutions": 3}  # the least each shows
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


class _Body(QWidget):
    """The dialog's record and people, in a scroll area: as tall as the area when it has the
    room (the texts grow), never taller than its minimum asks (a wrapped label's height for
    the width would make the area scroll with room to spare)."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self.minimumSizeHint().height()


class MeetingDialog(AsksBeforeDiscarding, QDialog):
    """OK saves only a record that is sound: past date, everyone the roster expects on the
    list, reasons for leaving anyone out of 应到, host and recorder present, quorum for a
    vote, counts that add up."""

    def __init__(self, book: Book, meeting: Meeting | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self._original = meeting
        self._names = {m.id: m.name for m in book.members.all()}
        self._roll: Roll | None = None
        self._roll_key: tuple | None = None
        self.setWindowTitle("修改会议记录" if meeting and meeting.id else "新建会议记录")
        self.setMaximumSize(MAX_WIDTH, MAX_HEIGHT)
        self.resize(1000, 660)
        self.kind = QComboBox()
        for kind in MeetingKind:
            self.kind.addItem(kind.value, kind.value)
        self.theme_day = QCheckBox("同时作为主题党日")
        self.group = QComboBox()
        self.group.addItems(sorted({m.group for m in book.members.all() if m.group}))
        self.date = DateField()
        self.date.setMinimumWidth(130)
        self.fields = {name: QLineEdit() for name in TEXTS}
        self.fields["start"].setPlaceholderText("如 15:30")
        self.fields["end"].setPlaceholderText("如 17:00")
        self.fields["lecturer"].setPlaceholderText("书记讲党课请写书记姓名")
        self.long = {name: QPlainTextEdit() for name in LONG_TEXTS}
        line = self.fontMetrics().lineSpacing()
        for name, edit in self.long.items():  # they grow with the dialog; below their least
            # height (会议内容 four lines) the record scrolls instead of squeezing them
            edit.setMinimumHeight(MIN_LINES[name] * line + 12)
        self.copy_button = QPushButton("复制上次同类会议")
        self.all_present = QPushButton("全部出席")
        self.signin_button = QPushButton("打印签到表（会前）…")
        self.minutes_button = QPushButton("打印会议记录…")
        self.minutes_pdf_button = QPushButton("会议记录存为 PDF…")
        self.minutes_word_button = QPushButton("存为 Word…")
        for b in (self.minutes_button, self.minutes_pdf_button, self.minutes_word_button):
            b.setToolTip("按表中现在填写的内容（保存前也可以）")
        self.add_person = QComboBox()
        self.add_person.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_person.setMinimumContentsLength(10)
        self.add_person.setToolTip("列席或受邀的党员（按花名册应到的人已在名单中）")
        self.remove_person = QPushButton("移出所选")
        self.model = AttendanceModel([], self._names, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)  # twenty names in view
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setItemDelegateForColumn(EXCLUDED, ExclusionDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.roster_note = QLabel()
        self.roster_note.setWordWrap(True)
        self.roster_note.setStyleSheet("color: #9a6700;")
        self.roster_note.hide()
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
                self._about(VoteOn.ADMIT, m.id, m.name, "（第15步）")
            elif m.stage is Stage.PROBATIONARY:
                self._about(VoteOn.CONVERT, m.id, m.name, "（第23步）")
        for m in book.members.all(include_left=False):
            if m.stage is Stage.PROBATIONARY:
                self._about(VoteOn.CANCEL, m.id, m.name, "（党章第七条）")
        self.vote_about.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.vote_about.setMinimumContentsLength(12)
        self.vote_method = QComboBox()
        self.vote_method.addItems(["举手表决", "无记名投票"])
        self.vote_label = QLabel()
        self.vote_label.setWordWrap(True)
        self.problems = ErrorLabel()
        self.problems.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.problems_area = QScrollArea()  # two lines in view, the rest scrolled to
        self.problems_area.setWidget(self.problems)
        self.problems_area.setWidgetResizable(True)
        self.problems_area.setFrameShape(QFrame.Shape.NoFrame)
        self.problems_area.setFixedHeight(2 * self.fontMetrics().lineSpacing() + 6)
        keep_room_when_hidden(self.problems_area)  # the form does not jump as problems show
        self.problems_area.hide()
        self._layout()
        self._load(meeting)
        self.group.setEnabled(MeetingKind(self.kind.currentData()) is MeetingKind.GROUP)
        self._connect()
        self.revalidate()
        self.keep_form()  # 取消 asks once something here has changed

    def _about(self, kind: VoteOn, member_id: int, name: str, note: str) -> None:
        self.vote_about.addItem(f"{kind.matter(name)}{note}", (member_id, int(kind), name))

    def _layout(self) -> None:
        head = QFormLayout()
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        kind_row.addWidget(QLabel("党小组"))
        kind_row.addWidget(self.group)
        kind_row.addStretch(1)
        head.addRow("会议类别", kind_row)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.theme_day)
        date_row.addWidget(self.copy_button)
        head.addRow("日期", date_row)
        grid = QGridLayout()
        for i, name in enumerate(TEXTS):
            grid.addWidget(QLabel(LABELS[name]), i // 2, (i % 2) * 2)
            grid.addWidget(self.fields[name], i // 2, (i % 2) * 2 + 1)
        for i, name in enumerate(LONG_TEXTS):
            label = QLabel(LABELS[name])
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, 4 + i, 0)
            grid.addWidget(self.long[name], 4 + i, 1, 1, 3)
            grid.setRowStretch(4 + i, LONG_STRETCH[name])  # the room left goes to the texts
        record = QWidget()
        left = QVBoxLayout(record)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(head)
        left.addLayout(grid, 1)
        people = QGroupBox("应到人员（按当天的花名册；勾出席或请假，都不勾为缺席）")
        right = QVBoxLayout(people)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.all_present)
        buttons_row.addWidget(self.signin_button)
        buttons_row.addStretch(1)
        right.addLayout(buttons_row)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.add_person, 1)
        edit_row.addWidget(self.remove_person)
        right.addLayout(edit_row)
        right.addWidget(self.table, 1)
        right.addWidget(self.roster_note)
        right.addWidget(self.quorum_label)
        # the photos and scans sit with the people: the texts on the left keep their height
        right.addWidget(strip_for(self._book, Owner.MEETING, self._original))
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
            self.votes[key].setMaximumWidth(64)
            vl.addWidget(self.votes[key])
        holder = _Body()
        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(record, 4)
        columns.addWidget(people, 7)
        body = QVBoxLayout(holder)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(columns, 1)
        body.addWidget(vote)
        body.addWidget(self.vote_label)
        # the record, the people and the vote scroll when the screen is lower than they need
        # (a 1366×768 screen at 125%); the problems and the buttons stay in view
        self.body_area = QScrollArea()
        self.body_area.setWidget(holder)
        self.body_area.setWidgetResizable(True)
        self.body_area.setFrameShape(QFrame.Shape.NoFrame)
        self.buttons = ok_cancel_buttons("保存")
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body_area, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.minutes_button)
        bottom.addWidget(self.minutes_pdf_button)
        bottom.addWidget(self.minutes_word_button)
        # what stops 保存, beside it: two lines kept, so nothing moves as problems come and go
        bottom.addWidget(self.problems_area, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    def _load(self, m: Meeting | None) -> None:
        if m is None:
            self.date.set_value(self._book.today())
            self._sync_roll(reset=True)
            return
        self.kind.setCurrentIndex(self.kind.findData(m.kind.value))
        self.theme_day.setChecked(m.theme_day)
        self.group.setCurrentText(m.group)
        self.date.set_value(m.on)
        for name in TEXTS:
            self.fields[name].setText(getattr(m, name))
        for name in LONG_TEXTS:
            self.long[name].setPlainText(getattr(m, name))
        self._set_rows(m.attendees)
        self._sync_roll()  # a saved list the roster finds short: those added are 缺席
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
        self.minutes_button.clicked.connect(self._on_minutes_clicked)
        self.minutes_pdf_button.clicked.connect(self._on_minutes_pdf_clicked)
        self.minutes_word_button.clicked.connect(self._on_minutes_word_clicked)
        self.add_person.activated.connect(self._on_add_person)
        self.remove_person.clicked.connect(self._on_remove_person)
        self.all_present.clicked.connect(lambda: self.model.set_all_present())
        self.date.textChanged.connect(self._on_date_changed)
        self.vote_matter.textChanged.connect(self.revalidate)
        self.vote_about.currentIndexChanged.connect(self._on_vote_about_changed)
        for spin in self.votes.values():
            spin.valueChanged.connect(self.revalidate)
        for name in ("host", "recorder", "lecturer"):
            self.fields[name].textChanged.connect(self.revalidate)

    # the roster on the day ---------------------------------------------------
    def _set_rows(self, attendees: list[Attendee], added: set[int] | None = None) -> None:
        roll = self._roll
        no_vote = {}
        if roll is not None:
            no_vote = {a.member_id: roll.no_vote_reason(a.member_id) for a in attendees}
        self.model = AttendanceModel(attendees, self._names, self, no_vote, added or set())
        self.table.setModel(self.model)
        self.model.edited.connect(self.revalidate)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(NAME, max(self.table.columnWidth(NAME), 96))
        self.table.setColumnWidth(REASON, min(max(self.table.columnWidth(REASON), 90), 100))

    def _sync_roll(self, *, reset: bool = False) -> None:
        """Take the roster on the meeting's day: everyone expected is on the list (added
        unticked, i.e. 缺席, when not: a new list starts with nobody ticked, 全部出席 ticks
        everyone; on a saved list it is said so), nobody who was not a Party member of the
        branch that day, each marked with their vote.
        reset: the list of a new kind or group, keeping what was ticked for the same people."""
        on = self.date.readable_value()
        if on is None:
            return
        kind = MeetingKind(self.kind.currentData())
        group = self.group.currentText() if kind is MeetingKind.GROUP else ""
        key = (kind, on, group)
        if key == self._roll_key and not reset:
            return
        self._roll_key = key
        roll = self._roll = self._book.meetings.roll(kind, on, group)
        before = {a.member_id: a for a in self.model.attendees()}
        rows = []
        keep = roll.expected if reset else [*before, *roll.expected]
        added, dropped = [], []
        for member_id in dict.fromkeys(keep):
            if member_id not in roll.allowed:
                dropped.append(self._names.get(member_id, ""))
                continue
            a = before.get(member_id)
            if a is None:
                a = Attendee(member_id, Presence.ABSENT)
                if not reset and self._original is not None and self._original.id:
                    added.append(member_id)
            rows.append(dataclasses.replace(a, can_vote=member_id in roll.voters))
        self._set_rows(rows, set(added))
        self._fill_add_person(roll)
        notes = []
        if added:
            who = "、".join(self._names.get(i, "") for i in added)
            notes.append(f"按花名册补入应到人员 {who}（暂记为缺席，底色标出），请核对出席情况。")
        if dropped and not reset:
            notes.append(f"{'、'.join(dropped)} 在 {on} 不是本支部党员，已移出名单（可写入列席）。")
        self.roster_note.setText("".join(notes))
        self.roster_note.setVisible(bool(notes))

    def _fill_add_person(self, roll: Roll) -> None:
        self.add_person.clear()
        self.add_person.addItem("添加列席或受邀党员…", None)
        for member_id, name in roll.names.items():
            if member_id in roll.allowed and member_id not in roll.expected:
                self.add_person.addItem(name, (member_id, member_id in roll.voters))

    @Slot()
    def _on_date_changed(self) -> None:
        self._sync_roll()
        self.revalidate()

    @Slot()
    def _on_kind_changed(self) -> None:
        kind = MeetingKind(self.kind.currentData())
        self.group.setEnabled(kind is MeetingKind.GROUP)
        self._sync_roll(reset=True)
        self.revalidate()

    @Slot()
    def _on_copy_clicked(self) -> None:
        """Take place, host, recorder, times and who came from the last meeting of this kind."""
        last = self._book.meetings.last(MeetingKind(self.kind.currentData()))
        if last is None:
            self._show_problems("还没有这类会议的记录可以复制。", warning=True)
            return
        for name in ("start", "end", "place", "host", "recorder"):
            self.fields[name].setText(getattr(last, name))
        self._set_rows(last.attendees)
        self._roll_key = None  # then the roster on this meeting's day, as for a new list
        self._sync_roll()
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
        expected = set(self._roll.expected) if self._roll is not None else set()
        kept = []
        for row in rows:
            member_id = self.model.member_ids()[row]
            if member_id in expected:
                kept.append(self._names.get(member_id, ""))
                continue
            self.model.remove(row)
        if kept:
            self._show_problems(
                f"{'、'.join(kept)} 按花名册应当参加，不能移出：没来的标请假或缺席；确实不能"
                "参加的（出国出境、长期外出、卧床等），在“不计入应到”一栏选择原因。",
                warning=True,
            )

    @Slot()
    def _on_vote_about_changed(self) -> None:
        about = self.vote_about.currentData()
        if about is not None:
            self.vote_matter.setText(VoteOn(about[1]).matter(about[2]))
        self.revalidate()

    @Slot()
    def _on_signin_clicked(self) -> None:
        """Print the sheet for a meeting still to be held: nothing needs to be saved first."""
        m = self.meeting()
        if m is None:
            self._show_problems("请先填写会议日期。")
            return
        printing.preview_signin(self, self._book.meetings.signin_sheet(m))

    def _typed(self) -> Meeting | None:
        """The meeting as typed now, for its minutes (None, and a word why, without a date)."""
        m = self.meeting()
        if m is None:
            self._show_problems("请先填写会议日期。")
        return m

    def minutes_html(self) -> str | None:
        """The 会议记录 of the meeting as typed now (None, and a word why, without a date)."""
        m = self._typed()
        return None if m is None else self._book.meetings.minutes_html(m)  # keeps 第几次…

    @Slot()
    def _on_minutes_clicked(self) -> None:
        html = self.minutes_html()
        if html is not None:
            printing.preview(self, html, "会议记录")

    @Slot()
    def _on_minutes_pdf_clicked(self) -> None:
        html = self.minutes_html()
        if html is not None:
            printing.save_pdf_as(self, html, "会议记录")

    @Slot()
    def _on_minutes_word_clicked(self) -> None:
        """The 会议记录 as typed now, as an editable Word document (the same content)."""
        m = self._typed()
        if m is None:
            return
        name = f"{m.on:%Y-%m-%d}{m.kind.value}会议记录.docx"
        printing.save_word_as(
            self, "会议记录", name, lambda path: self._book.meetings.minutes_docx(m, path)
        )

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

    def _headcount(self, m: Meeting) -> str:
        """应到 from the roster, 有表决权 among them, 实到 and who is left out of 应到."""
        q = self._book.meetings.quorum(m)
        out = sum(1 for a in m.attendees if a.excluded)
        text = f"按花名册应到 {m.should_attend} 人"
        if m.kind is not MeetingKind.GENERAL:
            text += f"（其中有表决权 {q.should_attend} 人）"
        text += f"，实到 {m.present} 人" + (f"，不计入应到 {out} 人" if out else "") + "。"
        return text + (q.text() if m.kind is MeetingKind.GENERAL else "")

    @Slot()
    def revalidate(self) -> list[str]:
        m = self.meeting()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if m is None:
            self._show_problems("请填写会议日期，如 2026-11-22。")
            ok.setEnabled(False)
            return ["date"]
        self.quorum_label.setText(self._headcount(m))
        self.vote_label.setText("")
        if m.votes:
            q = self._book.meetings.quorum(m)
            try:
                self.vote_label.setText(count_vote(m.votes[0], q, absent_voters(q)).text())
            except InvalidValue as exc:
                self.vote_label.setText(str(exc))
            if vote_on(m.votes[0].step) is VoteOn.CANCEL:
                self.vote_label.setText(
                    self.vote_label.text()
                    + "通过后，此人在会议当天以“取消预备党员资格”离开花名册（须报上级党组织批准）。"
                )
        problems = self._book.meetings.problems(m)
        self._show_problems("\n".join(problems))
        ok.setEnabled(not problems)
        return problems

    def _show_problems(self, text: str, warning: bool = False) -> None:
        self.problems.show_message(text, warning)
        self.problems_area.setVisible(bool(text))

    def _on_ok(self) -> None:
        if self.revalidate():
            return
        if self.model.nobody_marked() and not messages.confirm(
            self, NOBODY_MARKED, "还没有勾选出席", yes="全部记为缺席"
        ):
            return  # back to the list to tick who came
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, book: Book, meeting: Meeting | None = None):
        dialog = cls(book, meeting, parent)
        return dialog.meeting() if dialog.exec() == QDialog.DialogCode.Accepted else None
