"""A roster date known only to its month goes through the import, the book, the roster's table,
the exported roster (read back in again) and a data package unchanged: "2003年6月" stays June
2003, shown 2003.06, never 2003-06-01. And the application-age rule says when a birth month
is not enough."""

from __future__ import annotations

from datetime import date

import openpyxl

from partybook.book import Book
from partybook.domain.dates import MonthDate, format_date, month_only
from partybook.domain.idcard import make_id_number
from partybook.domain.members import Stage
from partybook.domain.pipeline import Event, Kind


def _roster(path):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "性别", "公民身份号码", "参加工作时间", "入党时间", "转正时间"])
    wang = make_id_number("430521", date(1970, 3, 9), 3, "男")
    li = make_id_number("430521", date(1970, 5, 2), 4, "女")
    wb.active.append(["王刚", "男", wang, "2003年6月", "1995.7", "1996-07"])
    wb.active.append(["李芳", "女", li, "2000-09-01", "2001.07.01", "2002.7.1"])
    wb.save(path)
    return path


def _dates(book, first: int = 0) -> dict[str, tuple]:
    """Each person's (参加工作, 入党, 转正) dates and whether each is a month alone."""
    fields = ("work_start", "joined_on", "full_on")[first:]
    return {
        m.name: [(getattr(m, f), month_only(getattr(m, f))) for f in fields]
        for m in book.members.all()
    }


def test_month_dates_survive_import_export_and_a_package(book, tmp_path, now) -> None:
    plan = book.members.plan_import(_roster(tmp_path / "in.xlsx"))
    assert not plan.errors, plan.errors
    book.members.import_plan(plan)
    wang = next(m for m in book.members.all() if m.name == "王刚")
    assert wang.work_start == MonthDate(2003, 6) and month_only(wang.work_start)
    assert [format_date(d) for d in (wang.work_start, wang.joined_on, wang.full_on)] == [
        "2003.06",
        "1995.07",
        "1996.07",
    ]
    li = next(m for m in book.members.all() if m.name == "李芳")
    assert not any(month_only(d) for d in (li.work_start, li.joined_on, li.full_on))
    before = _dates(book)

    # the exported roster writes the month alone (as text), and reads back the same
    out = tmp_path / "out.xlsx"
    book.members.export(out)
    ws = openpyxl.load_workbook(out).active
    cells = [c.value for row in ws.iter_rows() for c in row]
    assert "1995.07" in cells and "1996.07" in cells  # (参加工作时间 is not a default column)
    assert date(1995, 7, 1) not in [v.date() if hasattr(v, "date") else v for v in cells]
    again = Book.open(tmp_path / "again.sqlite", clock=lambda: now)
    try:
        plan = again.members.plan_import(out)
        assert not plan.errors, plan.errors
        again.members.import_plan(plan)
        assert _dates(again, 1) == _dates(book, 1)
    finally:
        again.close(auto_backup=False)

    # a data package carries the marks
    book.save_branch(book.branch().__class__(name="柳溪村小学党支部"))
    package = tmp_path / "package.zip"
    book.packages.export(package)
    moved = Book.open(tmp_path / "moved.sqlite", clock=lambda: now)
    try:
        moved.packages.import_file(package)
        assert _dates(moved) == before
    finally:
        moved.close(auto_backup=False)


def test_the_roster_table_shows_the_month_alone(qtbot, book) -> None:
    from partybook.ui.tabs.members_tab import MembersTab

    number = make_id_number("430521", date(1970, 3, 9), 3, "男")
    from partybook.domain.members import Member

    book.members.add(
        Member(
            name="王刚",
            sex="男",
            id_number=number,
            stage=Stage.FULL,
            joined_on=MonthDate(1995, 7),
            full_on=MonthDate(1996, 7),
        )
    )
    tab = MembersTab(book)
    qtbot.addWidget(tab)
    model = tab.table.model()
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "1995.07" in texts and "1996.07" in texts
    assert "1995-07-01" not in texts


def test_an_application_in_the_month_of_the_18th_birthday_asks_for_the_day(book) -> None:
    from partybook.domain.members import Member

    m = book.members.add(
        Member(name="赵小军", sex="男", stage=Stage.APPLICANT, birth_date=MonthDate(2008, 7))
    )
    assert month_only(m.birth_date)
    [found] = [
        v
        for v in book.pipeline.check_event(Event(m.id, Kind.STEP, date(2026, 7, 10), step=1))
        if v.key == "min_age"
    ]
    assert found.practice and "只知道到月" in found.message and "2008.07" in found.message
    early = book.pipeline.check_event(Event(m.id, Kind.STEP, date(2026, 6, 10), step=1))
    assert [v for v in early if v.key == "min_age" and not v.practice]
    later = book.pipeline.check_event(Event(m.id, Kind.STEP, date(2026, 8, 1), step=1))
    assert not [v for v in later if v.key == "min_age"]
    assert "身份证号" in found.message  # where to find the day
