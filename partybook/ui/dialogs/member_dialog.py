"""The add/edit dialog for one person, with inline validation messages in Chinese."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.errors import InvalidValue
from partybook.domain.members import PARTY_POSTS, FieldProblem, Member, Stage
from partybook.domain.validation import fill_from_id_number
from partybook.ui import messages
from partybook.ui.attachments import Owner, strip_for
from partybook.ui.widgets import DateField, ErrorLabel, ok_cancel_buttons

ETHNICITIES = ["汉族", "壮族", "回族", "满族", "苗族", "土家族", "侗族", "瑶族", "彝族", "藏族"]
EDUCATION = ["研究生", "大学本科", "大学专科", "中专", "高中", "初中及以下"]
TEXT_FIELDS = ("name", "id_number", "native_place", "position", "phone", "address", "sponsors")
DATE_FIELDS = ("birth_date", "work_start", "joined_on", "full_on")
COMBO_FIELDS = ("sex", "ethnicity", "education", "party_post", "group")

DISCARD = "刚才填写的内容还没有保存，放弃这些内容吗？"

# (attribute, label) in the order of the form, two columns.
LAYOUT = [
    ("name", "姓名 *"),
    ("stage", "人员类别 *"),
    ("id_number", "公民身份号码"),
    ("sex", "性别"),
    ("birth_date", "出生日期"),
    ("ethnicity", "民族"),
    ("native_place", "籍贯"),
    ("education", "学历"),
    ("work_start", "参加工作日期"),
    ("position", "工作单位及职务"),
    ("joined_on", "入党日期"),
    ("full_on", "转正日期"),
    ("party_post", "党内职务"),
    ("group", "党小组"),
    ("phone", "联系电话"),
    ("sponsors", "入党介绍人"),
    ("address", "家庭住址"),
    ("flags", ""),
]


class MemberDialog(QDialog):
    """Edit one person; OK stays disabled while any field has an error."""

    def __init__(self, book: Book, member: Member | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self._original = member or Member(name="")
        self.setWindowTitle("修改人员信息" if member and member.id else "新增人员")
        self.setMinimumWidth(860)
        self.resize(900, 680)
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._build(book)
        self._load(self._original)
        self._loaded = self._typed()
        self._connect()
        self.revalidate()

    # building ---------------------------------------------------------------
    def _build(self, book: Book) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        groups = sorted({m.group for m in book.members.all() if m.group})
        for i, (attr, label) in enumerate(LAYOUT):
            row, col = (i // 2) * 2, (i % 2) * 2
            widget = self._make(attr, groups)
            self.widgets[attr] = widget
            if label:
                grid.addWidget(QLabel(label), row, col)
            grid.addWidget(widget, row, col + 1)
            error = ErrorLabel()
            self.errors[attr] = error
            grid.addWidget(error, row + 1, col + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("备注（可不填）")
        self.notes.setFixedHeight(60)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        form = QWidget()
        inner = QVBoxLayout(form)
        inner.addLayout(grid)
        inner.addWidget(QLabel("备注"))
        inner.addWidget(self.notes)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.buttons = ok_cancel_buttons("保存")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.summary)
        layout.addWidget(strip_for(self._book, Owner.MEMBER, self._original))
        layout.addWidget(self.buttons)

    def _make(self, attr: str, groups: list[str]) -> QWidget:
        if attr in DATE_FIELDS:
            return DateField()
        if attr == "stage":
            box = QComboBox()
            for stage in Stage:
                box.addItem(stage.value, stage)
            return box
        if attr == "flags":
            holder = QWidget()
            row = QVBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            self.lost_contact = QCheckBox("失联党员")
            self.floating = QCheckBox("流动党员")
            row.addWidget(self.lost_contact)
            row.addWidget(self.floating)
            return holder
        if attr in COMBO_FIELDS:
            box = QComboBox()
            choices = {
                "sex": ["", "男", "女"],
                "ethnicity": [""] + ETHNICITIES,
                "education": [""] + EDUCATION,
                "party_post": ["", *PARTY_POSTS],
                "group": [""] + groups,
            }[attr]
            box.addItems(choices)
            box.setEditable(attr in ("ethnicity", "education", "group"))
            return box
        edit = QLineEdit()
        if attr == "id_number":
            edit.setPlaceholderText("18位，出生日期和性别会自动填写")
            edit.setMaxLength(24)
        if attr == "phone":
            edit.setPlaceholderText("手机或座机")
        return edit

    def _connect(self) -> None:
        for widget in self.widgets.values():
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.revalidate)
            elif isinstance(widget, QComboBox):
                widget.currentTextChanged.connect(self.revalidate)
        self.widgets["id_number"].editingFinished.connect(self._on_id_number_finished)

    # values -----------------------------------------------------------------
    def _load(self, m: Member) -> None:
        for attr in TEXT_FIELDS:
            self.widgets[attr].setText(getattr(m, attr))
        for attr in DATE_FIELDS:
            self.widgets[attr].set_value(getattr(m, attr))
        for attr in COMBO_FIELDS:
            box: QComboBox = self.widgets[attr]
            value = getattr(m, attr)
            if box.findText(value) < 0:
                box.addItem(value)
            box.setCurrentText(value)
        stage_box: QComboBox = self.widgets["stage"]
        stage_box.setCurrentIndex(stage_box.findData(m.stage))
        self.lost_contact.setChecked(m.lost_contact)
        self.floating.setChecked(m.floating)
        self.notes.setPlainText(m.notes)

    def _read(self) -> tuple[Member, list[FieldProblem]]:
        """The member as typed, and problems with values that could not even be read."""
        values: dict[str, object] = {}
        unreadable = []
        for attr in TEXT_FIELDS:
            values[attr] = self.widgets[attr].text().strip()
        for attr in DATE_FIELDS:
            try:
                values[attr] = self.widgets[attr].value()
            except InvalidValue as exc:
                values[attr] = None
                unreadable.append(FieldProblem(attr, str(exc)))
        for attr in COMBO_FIELDS:
            values[attr] = self.widgets[attr].currentText().strip()
        values["stage"] = Stage(self.widgets["stage"].currentData())
        values["lost_contact"] = self.lost_contact.isChecked()
        values["floating"] = self.floating.isChecked()
        values["notes"] = self.notes.toPlainText().strip()
        return self._original.replace(**values), unreadable

    def member(self) -> Member:
        return self._read()[0]

    def _typed(self) -> tuple:
        """Everything as shown in the form (text as typed, even a date not yet readable)."""
        return (
            *(self.widgets[a].text() for a in (*TEXT_FIELDS, *DATE_FIELDS)),
            *(self.widgets[a].currentText() for a in COMBO_FIELDS),
            self.widgets["stage"].currentData(),
            self.lost_contact.isChecked(),
            self.floating.isChecked(),
            self.notes.toPlainText(),
        )

    def changed(self) -> bool:
        """Whether anything differs from what the form opened with."""
        return self._typed() != self._loaded

    def reject(self) -> None:  # 取消, Esc and the window's close button
        if self.changed() and not messages.confirm(self, DISCARD, "还没有保存", yes="放弃，关闭"):
            return
        super().reject()

    @Slot()
    def _on_id_number_finished(self) -> None:
        member, _ = self._read()
        filled = fill_from_id_number(member)
        if filled.birth_date and not member.birth_date:
            self.widgets["birth_date"].set_value(filled.birth_date)
        if filled.sex and not member.sex:
            self.widgets["sex"].setCurrentText(filled.sex)

    @Slot()
    def revalidate(self) -> list[FieldProblem]:
        member, problems = self._read()
        unreadable = {p.field for p in problems}
        try:
            problems += [p for p in self._book.members.check(member) if p.field not in unreadable]
        except InvalidValue as exc:  # e.g. an ID number that cannot even be normalised
            problems.append(FieldProblem("id_number", str(exc)))
        for attr, label in self.errors.items():
            mine = [p for p in problems if p.field == attr]
            errors = [p for p in mine if not p.warning]
            shown = errors or mine
            label.show_message("；".join(p.message for p in shown), warning=not errors)
        elsewhere = [p for p in problems if p.field not in self.errors and not p.warning]
        blocking = [p for p in problems if not p.warning]
        self.summary.setText("；".join(p.message for p in elsewhere))
        self.summary.setStyleSheet("color: #c62828;")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not blocking)
        ok.setToolTip("请先改正红色提示的内容" if blocking else "")
        return problems

    @classmethod
    def ask(cls, parent: QWidget | None, book: Book, member: Member | None = None) -> Member | None:
        """Show the dialog; the edited (not yet saved) member, or None if cancelled."""
        dialog = cls(book, member, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.member()
        return None
