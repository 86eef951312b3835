"""Every dialog fits what a 1024×768 Windows screen leaves (about 1024×690): each dialog class is
opened on the demo book (a full one: its members, meetings, bases) and its minimum size, shown,
is within 1024×690; a dialog with more to show scrolls inside."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog

from partybook.domain.committee import Candidate, Election
from partybook.domain.members import Stage
from partybook.domain.transfers import Direction

WIDTH, HEIGHT = 1024, 690
TODAY = date(2026, 11, 22)


def _member(book, stage=None):
    people = book.members.all(include_left=False)
    return next(m for m in people if stage is None or m.stage is stage)


def _import_plan(book, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "性别", "民族", "身份证号", "出生日期", "入党日期", "工作单位及职务"])
    for m in book.members.all()[:12]:
        wb.active.append([m.name, m.sex, m.ethnicity, m.id_number, "", "", m.position])
    wb.save(tmp_path / "roster.xlsx")
    return book.members.plan_import(tmp_path / "roster.xlsx")


def _settings(book):
    from partybook.ui.dialogs.settings_dialog import Settings

    return Settings(
        book.rules.current().name,
        book.rules.practice(),
        book.meetings.frequency(),
        book.appraisal.settings(),
        book.study.settings(),
        book.talks.settings(),
        book.transfers.settings(),
        book.committee.settings(),
        book.dues.settings(),
        book.opening.date(),
        book.today(),
        book.rules.schedules(),
    )


def _dialogs(book, tmp_path):
    """(name, a function making the dialog) for every dialog class of ui/dialogs."""
    if book.opening.date() is None:  # the 期初数据 dialog needs a 建账日期
        book.opening.set_date(date(2026, 9, 1))
    from partybook.export.layouts import Layouts
    from partybook.ui.dialogs import (
        backfill_dialog,
        branch_dialog,
        discipline_dialog,
        due_list_dialog,
        dues_base_dialog,
        dues_pay_dialog,
        election_dialog,
        group_dialog,
        history_dialog,
        import_dialog,
        layouts_dialog,
        leave_dialog,
        meeting_dialog,
        member_dialog,
        opening_date_dialog,
        opening_dialog,
        password_dialog,
        settings_dialog,
        step_dialog,
        storage_dialog,
        study_dialog,
        talk_dialog,
        transfer_dialog,
    )
    from partybook.ui.tabs.home_tab import DUE_COLUMNS

    meeting = max(book.meetings.all(), key=lambda m: len(m.attendees) + len(m.votes))
    member = _member(book, Stage.FULL)
    applicant = _member(book, Stage.APPLICANT)
    return [
        ("BackfillDialog", lambda: backfill_dialog.BackfillDialog(book, 2026)),
        ("BranchDialog", lambda: branch_dialog.BranchDialog(book.branch(), True)),
        ("DisciplineDialog", lambda: discipline_dialog.DisciplineDialog(book, member, None)),
        (
            "DueListDialog",
            lambda: due_list_dialog.DueListDialog("到期事项", book.due_items(), DUE_COLUMNS),
        ),
        ("DuesBaseDialog", lambda: dues_base_dialog.DuesBaseDialog(book, 2026)),
        ("DuesPayDialog", lambda: dues_pay_dialog.DuesPayDialog(book, 2026)),
        ("DuesPayDialog one", lambda: dues_pay_dialog.DuesPayDialog(book, 2026, member.id)),
        ("ElectionDialog", lambda: election_dialog.ElectionDialog(book)),
        ("ExclusionDialog", lambda: election_dialog.ExclusionDialog(book, TODAY, ())),
        (
            "ApprovalDialog",
            lambda: election_dialog.ApprovalDialog(
                Election(
                    date(2026, 11, 20), 10, 10, 1, (Candidate(member.id, member.name, 10, "书记"),)
                ),
                TODAY,
            ),
        ),
        ("TermDialog", lambda: election_dialog.TermDialog(None, TODAY)),
        ("GroupDialog", lambda: group_dialog.GroupDialog(book)),
        (
            "HistoryDialog",
            lambda: history_dialog.HistoryDialog(member.name, book.history.of("member", member.id)),
        ),
        ("ImportDialog", lambda: import_dialog.ImportDialog(book, _import_plan(book, tmp_path))),
        ("LayoutsDialog", lambda: layouts_dialog.LayoutsDialog(Layouts())),
        ("LeaveDialog", lambda: leave_dialog.LeaveDialog(member, TODAY)),
        ("MeetingDialog new", lambda: meeting_dialog.MeetingDialog(book, None)),
        ("MeetingDialog", lambda: meeting_dialog.MeetingDialog(book, meeting)),
        ("MemberDialog", lambda: member_dialog.MemberDialog(book, member)),
        ("OpeningDateDialog", lambda: opening_date_dialog.OpeningDateDialog(None, TODAY, True)),
        ("BalancesDialog", lambda: opening_dialog.BalancesDialog(book)),
        ("UnlockDialog", lambda: password_dialog.UnlockDialog(book)),
        ("PasswordDialog", lambda: password_dialog.PasswordDialog(True)),
        ("SettingsDialog", lambda: settings_dialog.SettingsDialog(_settings(book))),
        ("StepDialog", lambda: step_dialog.StepDialog(book, applicant, None, None)),
        ("StorageDialog", lambda: storage_dialog.StorageDialog()),
        ("StudyDialog", lambda: study_dialog.StudyDialog(book)),
        ("StudyDialog personal", lambda: study_dialog.StudyDialog(book, personal=True)),
        ("TalkDialog", lambda: talk_dialog.TalkDialog(book)),
        ("TransferDialog in", lambda: transfer_dialog.TransferDialog(book, Direction.IN)),
        ("TransferDialog out", lambda: transfer_dialog.TransferDialog(book, Direction.OUT)),
    ]


def test_every_dialog_class_is_listed() -> None:
    """A new dialog class in ui/dialogs is added to the list above (by its name)."""
    import inspect
    import pkgutil
    from importlib import import_module

    import partybook.ui.dialogs as package

    classes = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = import_module(f"{package.__name__}.{info.name}")
        for name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__ == module.__name__:
                classes.add(name)
    source = inspect.getsource(_dialogs)
    missing = sorted(c for c in classes if f".{c}(" not in source)
    assert not missing, missing


@pytest.fixture
def program_font(qapp):
    """The program's own type size (app.make_application: 11 pt at least), not the test's."""
    before = qapp.font()
    font = QFont(before)
    font.setPointSize(max(font.pointSize(), 11))
    qapp.setFont(font)
    yield
    qapp.setFont(before)


def test_every_dialog_fits_1024_by_690(qtbot, demo_book, tmp_path, program_font) -> None:
    too_big = []
    for name, make in _dialogs(demo_book, tmp_path):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        hint = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if dialog.layout() is not None:
            hint = hint.expandedTo(dialog.layout().totalMinimumSize())
        size = dialog.size()
        if hint.width() > WIDTH or hint.height() > HEIGHT:
            too_big.append(f"{name}: needs {hint.width()}×{hint.height()}")
        elif size.width() > WIDTH or size.height() > HEIGHT:
            too_big.append(f"{name}: opens at {size.width()}×{size.height()}")
        dialog.close()
    assert not too_big, "\n".join(too_big)


def test_a_dialog_larger_than_the_screen_is_fitted_to_it(qtbot, qapp) -> None:
    from partybook.ui.widgets import TITLE_BAR, KeepDialogsOnScreen

    keeper = KeepDialogsOnScreen()
    qapp.installEventFilter(keeper)
    try:
        dialog = QDialog()
        qtbot.addWidget(dialog)
        dialog.resize(5000, 4000)
        dialog.move(-300, -200)
        dialog.show()
        room = dialog.screen().availableGeometry()
        assert dialog.width() <= room.width() and dialog.height() <= room.height() - TITLE_BAR
        assert room.contains(dialog.geometry().topLeft())
    finally:
        qapp.removeEventFilter(keeper)
