"""Benchmarks (run on purpose) on the township-sized book of scale.py: each tab opened and
searched against the raw SQL fetching the same rows, the longest event-loop stall, the year
workbook against plain openpyxl, the 10 000-row roster import against peewee insert_many, a
60-name sign-in sheet PDF, and peak memory against a bare window.

    python3 -m pytest tests/bench/test_big_book_bench.py -q -s

The first run builds the scale data (about a minute and a half); later runs reuse it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import date

import _measure
import pytest
import scale
from _measure import StallMeter, best, median, report

YEAR = scale.NOW.year
RUNS = int(os.environ.get("PARTYBOOK_BENCH_RUNS", "2"))  # 1 for a quick look at the workbook
Y0, Y1 = f"{YEAR}-01-01", f"{YEAR}-12-31"
MEMBERS = "SELECT * FROM member ORDER BY id"
NAMES = "SELECT id, name FROM member"
YEAR_MEETINGS = f"SELECT * FROM meeting WHERE \"on\" BETWEEN '{Y0}' AND '{Y1}' ORDER BY \"on\", id"
YEAR_ATTENDANCE = (
    "SELECT a.* FROM attendance a JOIN meeting m ON m.id = a.meeting_id "
    f"WHERE m.\"on\" BETWEEN '{Y0}' AND '{Y1}' ORDER BY a.id"
)
YEAR_STUDY = f"SELECT * FROM study WHERE \"on\" BETWEEN '{Y0}' AND '{Y1}' ORDER BY \"on\", id"
YEAR_PARTICIPANTS = (
    "SELECT p.* FROM study_participant p JOIN study s ON s.id = p.study_id "
    f"WHERE s.\"on\" BETWEEN '{Y0}' AND '{Y1}' ORDER BY p.id"
)
EVENTS = 'SELECT * FROM event ORDER BY "on", id'
APPRAISAL = (
    f"SELECT * FROM appraisal WHERE year = {YEAR - 1}",
    "SELECT e.* FROM appraisal_entry e JOIN appraisal a ON a.id = e.appraisal_id "
    f"WHERE a.year = {YEAR - 1}",
)
EVERYTHING = (MEMBERS, EVENTS, YEAR_MEETINGS, YEAR_ATTENDANCE, YEAR_STUDY, YEAR_PARTICIPANTS)
# tab attribute -> the raw queries fetching the rows it shows
TABS = {
    "home_tab": EVERYTHING,
    "members_tab": (MEMBERS,),
    "pipeline_tab": (
        "SELECT * FROM member WHERE left_reason IS NULL AND stage != '正式党员'",
        EVENTS,
    ),
    "meetings_tab": (YEAR_MEETINGS, YEAR_ATTENDANCE, NAMES),
    "appraisal_tab": (*APPRAISAL[:1], APPRAISAL[1], NAMES),
    "study_tab": (YEAR_STUDY, YEAR_PARTICIPANTS, NAMES),
    "org_tab": (
        f"SELECT * FROM talk WHERE \"on\" BETWEEN '{Y0}' AND '{Y1}'",
        "SELECT * FROM transfer",
        "SELECT * FROM party_group",
        MEMBERS,
    ),
    "dues_tab": (
        f"SELECT * FROM dues_base WHERE year = {YEAR}",
        f"SELECT * FROM dues_payment WHERE year = {YEAR}",
        MEMBERS,
    ),
    "summary_tab": EVERYTHING + APPRAISAL,
}


def _raw(path, queries) -> float:
    def work() -> None:
        con = sqlite3.connect(path)
        for q in queries:
            con.execute(q).fetchall()
        con.close()

    return best(work)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return scale.copy_of(scale.big_book(), tmp_path_factory.mktemp("big"))


def test_tabs_and_search_against_raw_sql(big, qapp) -> None:
    from partybook.book import Book
    from partybook.ui.main_window import MainWindow

    book = Book.open(big, clock=lambda: scale.NOW, auto_backup=False)
    meter = StallMeter()
    start = time.perf_counter()
    w = MainWindow(book)
    w.show()
    qapp.processEvents()
    print(f"\nmain window with the big book, to first paint: {time.perf_counter() - start:.3f} s")
    lines = []
    for attr, queries in TABS.items():
        tab = getattr(w, attr)
        if attr == "appraisal_tab":  # the year with a finished round
            w.tabs.setCurrentWidget(tab)
            tab.year.setCurrentIndex(max(0, tab.year.findData(YEAR - 1)))

        # a lazy tab loads when shown; the appraisal tab, already shown for its year, reloads
        def show(tab=tab) -> None:
            if not tab.stale:
                tab.refresh()
                return
            w.tabs.setCurrentWidget(tab)
            while tab.stale:  # a slow load starts right after the tab has come up
                qapp.processEvents()

        took, stall = meter.run(show)
        base = _raw(big, queries)
        note = ", 请稍候 note" if tab.last_load_noted else ""
        lines.append(report(f"open {attr} (stall {stall * 1000:.0f} ms{note})", took, base, 3))
    # a search: the name of someone in the middle of the roster
    name = sqlite3.connect(big).execute("SELECT name FROM member WHERE id = 5000").fetchone()[0]
    w.tabs.setCurrentWidget(w.members_tab)
    took, stall = meter.run(lambda: w.members_tab.search.setText(name))
    like = "SELECT * FROM member WHERE name LIKE ? OR id_number LIKE ? OR phone LIKE ?"
    base = best(lambda: sqlite3.connect(big).execute(like, (f"%{name}%",) * 3).fetchall())
    lines.append(report(f"search the roster (stall {stall * 1000:.0f} ms)", took, base, 3))
    w.tabs.setCurrentWidget(w.study_tab)
    took, stall = meter.run(lambda: w.study_tab.search.setText("专题1"))
    like = YEAR_STUDY.replace("ORDER", "AND topic LIKE '%专题1%' ORDER")
    base = best(lambda: sqlite3.connect(big).execute(like).fetchall())
    lines.append(report(f"search study (stall {stall * 1000:.0f} ms)", took, base, 3))
    w.close()
    book.close(auto_backup=False)
    assert lines


def _styled_cells(path):
    """(sheet, [(row, col, value, style key)], {style key: NamedStyle}) of a written workbook."""
    from copy import copy

    from openpyxl import load_workbook
    from openpyxl.styles import NamedStyle

    wb = load_workbook(path)
    styles, sheets = {}, []
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                key = tuple(c._style)  # the cell's style ids (its font, border… are proxies)
                if key not in styles:
                    s = NamedStyle(name=f"s{len(styles)}")
                    s.font, s.border, s.alignment = copy(c.font), copy(c.border), copy(c.alignment)
                    s.fill, s.number_format = copy(c.fill), c.number_format
                    styles[key] = s
                cells.append((c.row, c.column, c.value, styles[key].name))
        sheets.append((ws.title, cells))
    return sheets, list(styles.values())


def test_year_workbook_against_plain_openpyxl(big, tmp_path) -> None:
    from openpyxl import Workbook

    from partybook.book import Book

    book = Book.open(big, clock=lambda: scale.NOW, auto_backup=False)
    target = tmp_path / "year.xlsx"
    ours = best(lambda: book.summary.export_year_workbook(target, YEAR), runs=RUNS)
    book.close(auto_backup=False)
    sheets, styles = _styled_cells(target)

    def plain() -> None:
        wb = Workbook()
        wb.remove(wb.active)
        for s in styles:
            wb.add_named_style(s)
        for title, cells in sheets:
            ws = wb.create_sheet(title)
            for r, c, v, s in cells:
                cell = ws.cell(r, c, v)
                cell.style = s
        wb.save(tmp_path / "plain.xlsx")

    base = best(plain, runs=RUNS)
    count = sum(len(c) for _, c in sheets)
    report(f"year workbook ({count} cells, {len(styles)} styles)", ours, base, 1.2)


def test_roster_import_against_insert_many(tmp_path) -> None:
    from partybook.book import Book
    from partybook.store.records import MemberRecord
    from partybook.store.store import _to_row

    roster = scale.roster_xlsx(tmp_path)
    book = Book.open(tmp_path / "ours.sqlite", clock=lambda: scale.NOW, auto_backup=False)
    start = time.perf_counter()
    plan = book.members.plan_import(roster)
    planned = time.perf_counter() - start
    start = time.perf_counter()
    book.members.import_plan(plan)
    ours = time.perf_counter() - start
    assert len(book.members.all()) == len(plan.new_members) == 10_000
    book.close(auto_backup=False)
    rows = [_to_row(m) for m in plan.new_members]
    other = Book.open(tmp_path / "base.sqlite", clock=lambda: scale.NOW, auto_backup=False)
    start = time.perf_counter()
    with other._core.store.atomic():
        for i in range(0, len(rows), 30):
            MemberRecord.insert_many(rows[i : i + 30]).execute()
    base = time.perf_counter() - start
    other.close(auto_backup=False)
    from openpyxl import load_workbook

    def read_only() -> None:
        wb = load_workbook(roster, read_only=True)
        for _ in wb.worksheets[0].iter_rows(values_only=True):
            pass
        wb.close()

    print()
    report("roster import: write 10 000 (both audited)", ours, base, 2)
    report("roster import: read and check vs openpyxl read", planned, best(read_only, 1), None)


def test_signin_sheet_pdf(big, tmp_path, qapp) -> None:
    from partybook.book import Book
    from partybook.domain.meetings import Attendee, Meeting, MeetingKind
    from partybook.ui import printing

    book = Book.open(big, clock=lambda: scale.NOW, auto_backup=False)
    meeting = Meeting(
        MeetingKind.GENERAL, date(YEAR, 11, 20), attendees=[Attendee(i) for i in range(1, 61)]
    )
    sheet = book.meetings.signin_sheet(meeting)
    book.close(auto_backup=False)
    took = median(lambda: printing.save_signin_pdf(sheet, tmp_path / "s.pdf"))
    print(f"\n60-name sign-in sheet PDF: {took * 1000:.1f} ms (goal < 50 ms)")
    assert took > 0


RSS = """
import sys
if sys.argv[1] == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    w = QMainWindow(); w.resize(1280, 760); w.show(); app.processEvents()
else:  # as the program starts (partybook.app: the ledger's modules, then Qt)
    from datetime import datetime
    from partybook.app import make_application
    from partybook.book import Book
    from partybook.ui.main_window import MainWindow
    app = make_application()
    book = Book.open(sys.argv[1], clock=lambda: datetime(2026, 11, 22, 9, 30), auto_backup=False)
    w = MainWindow(book); w.resize(1280, 760); w.show(); app.processEvents()
    while w.township_view is not None and w.township_view.summary.stale:  # its figures
        app.processEvents()
    tabs = getattr(w, "tabs", None)  # (a township collection has its view instead)
    for i in range(0 if tabs is None else tabs.count() if sys.argv[2] == "every" else 1):
        w.tabs.setCurrentIndex(i)
        while w.tabs.widget(i).stale:  # a slow first load starts right after the tab is up
            app.processEvents()
        app.processEvents()
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child started from pytest
# would report at least the size of the pytest process that forked it
print(next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")))
"""


def test_peak_memory_against_a_bare_window(big, tmp_path) -> None:
    """Peak RSS with the big book open on its home page, and after every tab was visited;
    the demo book the same way, for what the program costs before a township's records."""
    from partybook.samples.demo import write_demo

    def rss(*args: str) -> float:
        out = subprocess.run(
            [sys.executable, "-c", RSS, *args], capture_output=True, text=True, check=True
        )
        return int(out.stdout.split()[-1]) / 1024

    demo = str(write_demo(tmp_path / "demo.sqlite"))
    bare = rss("bare")
    print()
    report("peak RSS, big book open (home page)", rss(str(big), "open"), bare, 2, "MB")
    report("peak RSS, big book, every tab visited", rss(str(big), "every"), bare, 2, "MB")
    town = str(scale.copy_of(scale.township_book(), tmp_path))
    report("peak RSS, township collection open (30)", rss(town, "open"), bare, 2, "MB")
    report("peak RSS, demo book open (home page)", rss(demo, "open"), bare, 2, "MB")
    report("peak RSS, demo book, every tab visited", rss(demo, "every"), bare, 2, "MB")
    assert _measure


def _window(big):
    from partybook.book import Book
    from partybook.ui.main_window import MainWindow

    book = Book.open(big, clock=lambda: scale.NOW, auto_backup=False)
    w = MainWindow(book)
    w.show()
    return book, w


def _show(w, tab, qapp) -> None:
    """Switch to a tab and wait for its load (a slow first load starts right after it is up)."""
    w.tabs.setCurrentWidget(tab)
    while tab.stale:
        qapp.processEvents()


def _noted(tab) -> str:
    """Whether the tab's last load showed the 请稍候 note (a stall over 100 ms is allowed then)."""
    return ", 请稍候 note" if tab.last_load_noted else ""


def test_meetings_tab_year_switch_and_save(big, qapp) -> None:
    """三会一课 on the big book: opened, another year chosen, back, and a meeting saved (the
    tab reloads after it); each against the raw SQL of the rows shown, with the stall."""
    book, w = _window(big)
    qapp.processEvents()
    tab, meter = w.meetings_tab, StallMeter()
    base = _raw(big, TABS["meetings_tab"])
    print()
    took, stall = meter.run(lambda: _show(w, tab, qapp))
    report(f"三会一课 opened (stall {stall * 1000:.0f} ms{_noted(tab)})", took, base, 3)
    for year in (YEAR - 1, YEAR):
        queries = [
            q.replace(Y0, f"{year}-01-01").replace(Y1, f"{year}-12-31")
            for q in TABS["meetings_tab"]
        ]
        took, stall = meter.run(lambda y=year: tab.year.setCurrentIndex(tab.year.findData(y)))
        what = f"三会一课 year {year} (stall {stall * 1000:.0f} ms{_noted(tab)})"
        report(what, took, _raw(big, queries), 3)
    # a new 党小组会 with its group's members, as the dialog proposes it
    from partybook.domain.meetings import Meeting, MeetingKind

    group = next(m.group for m in book.members.all() if m.group)
    attendees = book.meetings.default_attendees(MeetingKind.GROUP, group)
    meeting = Meeting(MeetingKind.GROUP, scale.NOW.date(), group=group, attendees=attendees)
    before = tab.meetings_model.rowCount()
    took, stall = meter.run(lambda: tab._save(meeting))
    assert tab.meetings_model.rowCount() == before + 1
    report(f"三会一课 a meeting saved (stall {stall * 1000:.0f} ms{_noted(tab)})", took, base, 3)
    w.close()
    book.close(auto_backup=False)


def _appraisal_queries(year: int) -> list[str]:
    """The raw SQL of the rows the 民主评议 tab shows for a saved round of the year."""
    return [q.replace(str(YEAR - 1), str(year)) for q in TABS["appraisal_tab"]]


def test_appraisal_tab_year_switch(big, qapp, tmp_path) -> None:
    """民主评议 on the big book, opened on this year (YEAR) with its round in two states, each
    against the raw SQL fetching the rows shown, with the stall:

    - a round begun (the scale data: saved with steps, counts and an entry for every one of
      its participants, nothing counted yet, as the tab saves it) against the year's APPRAISAL
      queries and NAMES;
    - a round not begun (no round saved for the year: deleted in a copy of the big book; the
      tab lists a new round of everyone taking part) against MEMBERS, the roster the
      participants come from, and NAMES;

    then, in the first window, last year's round (entries for every full member, counted and
    graded) and the year before's, each against its APPRAISAL queries and NAMES."""
    print()
    book, w = _window(big)
    qapp.processEvents()
    tab, meter = w.appraisal_tab, StallMeter()
    took, stall = meter.run(lambda: _show(w, tab, qapp))
    assert tab.current_round().id is not None and tab.model.rowCount() > 0
    what = f"民主评议 opened, {YEAR}, a round begun (stall {stall * 1000:.0f} ms{_noted(tab)})"
    report(what, took, _raw(big, _appraisal_queries(YEAR)), 3)
    for year in (YEAR - 1, YEAR - 2):
        took, stall = meter.run(lambda y=year: tab.year.setCurrentIndex(tab.year.findData(y)))
        what = f"民主评议 year {year} (stall {stall * 1000:.0f} ms{_noted(tab)})"
        report(what, took, _raw(big, _appraisal_queries(year)), 3)
    w.close()
    book.close(auto_backup=False)
    # the same book with no round saved for this year (the cached file is left as it is)
    fresh = scale.copy_of(scale.big_book(), tmp_path)
    con = sqlite3.connect(fresh)
    con.execute("PRAGMA foreign_keys = ON")
    with con:
        con.execute(
            "DELETE FROM appraisal_entry WHERE appraisal_id IN "
            f"(SELECT id FROM appraisal WHERE year = {YEAR})"
        )
        con.execute(f"DELETE FROM appraisal WHERE year = {YEAR}")
    con.close()
    book, w = _window(fresh)
    qapp.processEvents()
    tab = w.appraisal_tab
    took, stall = meter.run(lambda: _show(w, tab, qapp))
    assert tab.current_round().id is None and tab.model.rowCount() > 0
    what = f"民主评议 opened, {YEAR}, a round not begun (stall {stall * 1000:.0f} ms{_noted(tab)})"
    report(what, took, _raw(fresh, (MEMBERS, NAMES)), 3)
    w.close()
    book.close(auto_backup=False)
