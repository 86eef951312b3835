"""The member form keeps a roster date known only to its month: "1995.7" is saved as July 1995
and shown back as 1995.07; other forms' date boxes still read a month as its 1st."""

from __future__ import annotations

from datetime import date

from partybook.domain.dates import MonthDate, month_only
from partybook.ui.dialogs.member_dialog import MemberDialog
from partybook.ui.widgets import DateField


def test_the_member_form_keeps_a_month_alone(qtbot, demo_book) -> None:
    member = next(m for m in demo_book.members.all() if m.joined_on)
    dialog = MemberDialog(demo_book, member)
    qtbot.addWidget(dialog)
    box = dialog.widgets["work_start"]
    box.setText("2003年6月")
    box.editingFinished.emit()
    assert box.text() == "2003.06"
    entered = dialog.member()
    assert entered.work_start == MonthDate(2003, 6) and month_only(entered.work_start)
    saved = demo_book.members.update(entered)
    again = MemberDialog(demo_book, saved)
    qtbot.addWidget(again)
    assert again.widgets["work_start"].text() == "2003.06"
    dialog._loaded = dialog._typed()  # nothing to ask when the test closes it


def test_other_date_boxes_read_a_month_as_its_first_day(qtbot) -> None:
    box = DateField()
    qtbot.addWidget(box)
    box.setText("2026.11")
    assert box.value() == date(2026, 11, 1) and not month_only(box.value())
