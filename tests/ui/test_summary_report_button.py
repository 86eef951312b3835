"""年度统计's 写工作总结初稿 button: asks for the file, writes the draft, says what is left."""

from __future__ import annotations

import docx
from PySide6.QtWidgets import QFileDialog

from partybook.ui import messages
from partybook.ui.main_window import MainWindow


def test_the_button_writes_the_years_draft(qtbot, demo_book, tmp_path, monkeypatch) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.summary_tab)
    tab = window.summary_tab
    target = tmp_path / "总结"  # without the extension: .docx is added
    asked = []

    def ask(parent, caption, name, filters):
        asked.append(name)
        return str(target), ""

    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    monkeypatch.setattr(messages, "show_info", lambda parent, text: shown.append(text))
    tab.report_button.click()
    assert asked == ["青山镇中心小学党支部2026年度党建工作总结（初稿）.docx"]
    written = tmp_path / "总结.docx"
    first = docx.Document(str(written)).paragraphs[0].text
    assert first == "青山镇中心小学党支部2026年度党建工作总结"
    assert "【请填写】共" in shown[0] and str(written) in shown[0]
