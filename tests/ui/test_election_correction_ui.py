"""Correcting a saved election in the window: the dialog opens with its values, asks for the
reason, and the committee page saves the correction and shows its history."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QDialogButtonBox

from partybook.ui import messages
from partybook.ui.dialogs import history_dialog
from partybook.ui.dialogs.election_dialog import ElectionDialog
from partybook.ui.pages.committee_page import CommitteePage


def _ok(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_the_dialog_opens_with_the_saved_values_and_needs_a_reason(qtbot, demo_book) -> None:
    e = demo_book.committee.elections()[0]
    dialog = ElectionDialog(demo_book, None, e)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "修改选举记录"
    assert dialog.date.readable_value() == e.on
    assert dialog.present.value() == e.present and dialog.seats.value() == e.seats
    read = dialog.election()
    assert read.id == e.id
    assert [(c.name, c.votes, c.post) for c in read.candidates] == [
        (c.name, c.votes, c.post) for c in e.candidates
    ]
    assert not _ok(dialog) and "更正的原因" in dialog.problems.text()
    dialog.correction.setText("得票录错")
    assert _ok(dialog)


def test_the_page_saves_a_correction_and_shows_the_history(qtbot, demo_book, monkeypatch) -> None:
    page = CommitteePage(demo_book)
    qtbot.addWidget(page)
    page.reload()
    page.election_view.selectRow(0)
    e = page.election_proxy.row_at(0).election
    changed = tuple(
        dataclasses.replace(c, votes=c.votes + (c.name == "王志强")) for c in e.candidates
    )
    corrected = dataclasses.replace(e, candidates=changed)
    monkeypatch.setattr(
        ElectionDialog, "ask_correction", classmethod(lambda cls, *a: (corrected, "得票录错"))
    )
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    page.correct_election_button.click()
    saved = demo_book.committee.get_election(e.id)
    assert {c.name: c.votes for c in saved.candidates}["王志强"] == 15
    shown = []
    monkeypatch.setattr(
        history_dialog.HistoryDialog,
        "show_for",
        classmethod(lambda cls, p, t, lines: shown.append(lines)),
    )
    page.election_view.selectRow(0)
    page.election_history_button.click()
    assert any("14 → 15" in line.details for line in shown[0])
