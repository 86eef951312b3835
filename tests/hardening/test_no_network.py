"""PartyBook never opens a network connection: a whole demo session with sockets forbidden."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from PySide6.QtWidgets import QApplication

from partybook.book import Book, Change
from partybook.samples.demo import write_demo
from tests.hardening.crash_driver import NOW, person, sign, write_roster_file


def _socket_fds() -> set[str]:
    """Sockets open in this process, also those made by Qt's C++ code, which no Python patch
    sees (Linux /proc)."""
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:"):
            found.add(target)
    return found


def test_a_full_demo_session_creates_no_socket(qtbot, tmp_path, monkeypatch) -> None:
    from partybook.ui import printing
    from partybook.ui.main_window import MainWindow

    tried = []

    def refuse(*args, **kwargs):
        tried.append(args[1:] or kwargs)
        raise AssertionError("PartyBook tried to use the network")

    monkeypatch.setattr(socket.socket, "__init__", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    before = _socket_fds()

    book = Book.open(write_demo(tmp_path / "demo.sqlite", now=NOW), clock=lambda: NOW)
    window = MainWindow(book)
    qtbot.addWidget(window)
    window.show()
    for i in range(window.tabs.count()):  # every tab shown, so every lazy tab loads
        window.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda: not window.tabs.currentWidget().stale, timeout=5000)
    year = NOW.year
    out = tmp_path / "out"
    out.mkdir()
    book.members.export(out / "花名册.xlsx", include_left=True)
    book.pipeline.export_ledger(out / "发展台账.xlsx")
    book.meetings.export(out / "三会一课.xlsx", year)
    book.appraisal.export(out / "民主评议.xlsx", year)
    book.study.export(out / "学习记录.xlsx", year)
    book.summary.export_year_workbook(out / "年度台账.xlsx", year)
    book.layouts.export(out / "格式.json")
    meeting = book.meetings.all(year)[-1]
    printing.save_signin_pdf(book.meetings.signin_sheet(meeting), out / "签到表.pdf")
    printing.save_pdf(book.meetings.minutes_html(meeting), out / "会议记录.pdf")
    printing.save_pdf(book.appraisal.ballot_html(year, 2), out / "测评表.pdf")
    printing.save_pdf(book.appraisal.results_html(year), out / "评议结果.pdf")
    candidate = next(m for m in book.members.all() if not m.stage.is_member)
    printing.save_pdf(book.pipeline.record_html(candidate.id), out / "纪实表.pdf")
    session = book.study.sessions(year)[-1]
    printing.save_signin_pdf(book.study.signin_sheet(session), out / "学习签到表.pdf")
    roster = tmp_path / "新名单.xlsx"
    write_roster_file(roster, [person(7000 + i, f"新来{sign(i)}") for i in range(5)])
    assert len(book.members.import_plan(book.members.plan_import(roster))) == 5
    window.book._core.announce(Change.everything())
    QApplication.processEvents()  # what the refresh posted (status text, stand-ins deleted)
    window.close()
    book.close()

    assert tried == []
    assert _socket_fds() <= before, "a socket was opened outside Python (Qt?)"
    assert len([p for p in Path(out).iterdir() if p.stat().st_size > 0]) == 13
