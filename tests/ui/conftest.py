"""Fixtures of the UI tests."""

from __future__ import annotations

import contextlib

import pytest


@pytest.fixture
def busy_notes(monkeypatch) -> list[str]:
    """The texts of the 请稍候 notes shown (ui.progress.busy_note), in order; none is painted."""
    from partybook.ui import progress

    notes: list[str] = []

    @contextlib.contextmanager
    def note(parent, text):
        notes.append(text)
        yield

    monkeypatch.setattr(progress, "busy_note", note)
    return notes
