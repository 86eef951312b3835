"""The Word buttons beside 存为 PDF: the meeting dialog's 会议记录 (as typed, before saving too),
the 发展党员 tab's 全程纪实表 and the 民主评议 tab's 结果汇总表. Each asks for a file, writes
an editable .docx with the record's own content, and says where; a file held open is said so."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtWidgets import QFileDialog

from partybook.domain.errors import PartyBookError
from partybook.ui import messages
from partybook.ui.dialogs.meeting_dialog import MeetingDialog
from partybook.ui.tabs.appraisal_tab import AppraisalTab
from partybook.ui.tabs.pipeline_tab import PipelineTab


@pytest.fixture
def answers(monkeypatch, tmp_path):
    """The save dialog answers tmp/<name without .docx>; what was shown is kept."""
    seen = {"asked": [], "info": [], "error": []}

    def ask(parent, caption, name, filters):
        seen["asked"].append(name)
        assert "docx" in filters
        return str(tmp_path / name.removesuffix(".docx")), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    monkeypatch.setattr(messages, "show_info", lambda p, t: seen["info"].append(t))
    monkeypatch.setattr(messages, "show_error", lambda p, t: seen["error"].append(t))
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    return seen


def _text(path) -> str:
    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def test_the_meeting_dialog_writes_the_minutes_as_typed(qtbot, demo_book, answers, tmp_path):
    meeting = demo_book.meetings.all()[-1]
    dialog = MeetingDialog(demo_book, meeting)
    qtbot.addWidget(dialog)
    dialog.long["resolutions"].setPlainText("决议：下月开展送教下乡。")  # typed, not saved
    dialog.minutes_word_button.click()
    (name,) = answers["asked"]
    assert name.endswith("会议记录.docx") and str(meeting.on) in name
    written = tmp_path / name
    assert written.exists() and str(written) in answers["info"][0]
    text = _text(written)
    assert "决议：下月开展送教下乡。" in text and meeting.topic in text


def test_the_pipeline_tab_writes_the_persons_record(qtbot, demo_book, answers, tmp_path):
    tab = PipelineTab(demo_book)
    qtbot.addWidget(tab)
    person = next(m for m in demo_book.members.all() if m.name == "彭浩")  # a 预备党员
    tab.select_person(person.id)
    assert tab.word_button.isEnabled()
    tab.word_button.click()
    assert answers["asked"] == [f"{person.name}发展党员全程纪实表.docx"]
    text = _text(tmp_path / answers["asked"][0])
    assert "发展党员全程纪实表" in text and person.name in text and "预备党员" in text


def test_the_appraisal_tab_writes_the_results(qtbot, demo_book, answers, tmp_path, monkeypatch):
    tab = AppraisalTab(demo_book)
    qtbot.addWidget(tab)
    year = tab.year.currentData()
    tab.word_button.click()
    (name,) = answers["asked"]
    assert name == f"{demo_book.branch().name}{year}年度民主评议党员结果汇总表.docx"
    assert "结果汇总表" in _text(tmp_path / name)
    # a refusal from the book (the file open in Word…) is shown, nothing claimed as saved
    refused = PartyBookError("文件正被 Word 或 WPS 打开")
    monkeypatch.setattr(
        demo_book.appraisal, "results_docx", lambda *a: (_ for _ in ()).throw(refused)
    )
    tab.word_button.click()
    assert answers["error"] == ["文件正被 Word 或 WPS 打开"] and len(answers["info"]) == 1
