"""The step dialog's date must be a day: "2019.7" is refused there (the deadlines count days),
not read as the 1st; the Book refuses such a step from any caller."""

from __future__ import annotations

import pytest

from partybook.domain.dates import MonthDate
from partybook.domain.errors import RuleViolation
from partybook.domain.pipeline import Event, Kind
from partybook.ui.dialogs.step_dialog import StepDialog


def test_the_step_dialog_refuses_a_month_alone(qtbot, demo_book) -> None:
    person = next(m for m in demo_book.members.all() if m.name == "邓佳")
    dialog = StepDialog(demo_book, person, None, None)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.date.setText("2026.11")
    assert "只有年月，请补全到日" in dialog.rules_label.text()
    assert not ok.isEnabled() and dialog.entered() is None
    dialog.date.editingFinished.emit()
    assert dialog.date.text() == "2026.11"  # not tidied into a made-up 2026-11-01
    dialog.date.setText("2026年11月")
    assert "只有年月" in dialog.rules_label.text() and not ok.isEnabled()
    dialog.date.setText(str(demo_book.today()))
    assert "只有年月" not in dialog.rules_label.text()
    dialog.keep_form()  # nothing to ask when the test closes it


def test_the_book_refuses_a_step_on_a_month_alone(demo_book) -> None:
    person = next(m for m in demo_book.members.all() if m.name == "唐颖")
    step = Event(person.id, Kind.STEP, MonthDate(2026, 11), step=2, exception="确有其事")
    with pytest.raises(RuleViolation, match="只有年月"):
        demo_book.pipeline.record_event(step)
