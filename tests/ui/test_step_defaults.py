"""The step dialog opens on the person's next step, and keeps its height as hints come and go."""

from __future__ import annotations

import pytest

from partybook.ui.dialogs.step_dialog import StepDialog
from partybook.ui.tabs.pipeline_tab import PipelineTab


@pytest.fixture
def tab(qtbot, demo_book):
    widget = PipelineTab(demo_book)
    qtbot.addWidget(widget)
    return widget


def _id(book, name):
    return next(m.id for m in book.members.all() if m.name == name)


def _asked(monkeypatch) -> list[int | None]:
    """The step each StepDialog.ask was given (the dialog is not shown)."""
    asked: list[int | None] = []

    def ask(cls, parent, book, member, event=None, suggested=None):
        asked.append(suggested)
        return None

    monkeypatch.setattr(StepDialog, "ask", classmethod(ask))
    return asked


@pytest.mark.parametrize(
    ("name", "step"),
    [("唐颖", 2), ("许俊杰", 3), ("冯磊", 6), ("邓佳", 14), ("蒋涛", 17), ("彭浩", 21)],
)
def test_the_add_button_suggests_the_next_step(tab, demo_book, monkeypatch, name, step) -> None:
    asked = _asked(monkeypatch)
    tab.select_person(_id(demo_book, name))
    tab.add_button.click()  # clicked(False): not a step
    assert asked == [step]


def test_a_due_item_still_suggests_its_own_step(tab, demo_book, monkeypatch) -> None:
    asked = _asked(monkeypatch)
    tab.select_person(_id(demo_book, "彭浩"))
    tab._on_add_clicked(23)
    assert asked == [23]


def test_the_dialog_opens_on_the_next_step(qtbot, demo_book) -> None:
    person = demo_book.members.get(_id(demo_book, "邓佳"))
    dialog = StepDialog(demo_book, person, None, None)
    qtbot.addWidget(dialog)
    assert dialog.choice.currentData()[1] == 14
    given = StepDialog(demo_book, person, None, 15)
    qtbot.addWidget(given)
    assert given.choice.currentData()[1] == 15


def test_the_dialog_keeps_its_height_when_a_hint_appears(qtbot, demo_book) -> None:
    person = demo_book.members.get(_id(demo_book, "韩雪"))
    dialog = StepDialog(demo_book, person, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.sizeHint().height()
    shown = dialog.rules_label.text()
    assert shown == ""  # step 6 today: nothing to say
    dialog.date.setText("2026-12-30")  # in the future: a hint
    assert "晚于今天" in dialog.rules_label.text() and dialog.rules_label.text() != shown
    assert dialog.sizeHint().height() == before
    dialog.date.setText(str(demo_book.today()))  # the hint goes again
    assert dialog.rules_label.text() == shown
    assert dialog.sizeHint().height() == before
