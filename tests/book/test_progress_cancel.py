"""Long work reports progress to a plain callable, and stopping it writes nothing."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from partybook.book import Book
from partybook.domain.errors import Cancelled, MemberInvalid
from partybook.domain.idcard import make_id_number


def _roster(path, count):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "身份证号", "人员类别", "入党时间", "转正时间"])
    for i in range(count):
        sex = "男" if i % 2 else "女"
        number = make_id_number("430521", date(1980, 1, 1 + i % 28), i, sex)
        name = "王" + "甲乙丙丁戊己庚辛壬癸"[i % 10] + "子丑寅卯辰巳午未申酉戌亥"[i // 10 % 12]
        ws.append([name, sex, number, "正式党员", "2005-07-01", "2006-07-01"])
    wb.save(path)
    return path


class StopAfter:
    """A progress callable that records what it was told and cancels after n reports."""

    def __init__(self, n: int | None = None) -> None:
        self.n, self.seen = n, []

    def __call__(self, done: int, total: int) -> None:
        self.seen.append((done, total))
        if self.n is not None and len(self.seen) > self.n:
            raise Cancelled()


def test_a_big_roster_imports_in_batches_with_ids_that_match(book, tmp_path) -> None:
    plan = book.members.plan_import(_roster(tmp_path / "r.xlsx", 120))
    progress = StopAfter()
    added = book.members.import_plan(plan, progress)
    assert progress.seen[0] == (0, 120) and progress.seen[-1] == (120, 120)
    assert len(progress.seen) > 2  # more than one batch
    stored = {m.id: m.name for m in book.members.all()}
    assert {m.id: m.name for m in added} == stored and len(stored) == 120
    assert book.history.count() == 120  # each new person is in the change log


def test_cancelling_a_roster_import_writes_nobody(book, tmp_path) -> None:
    plan = book.members.plan_import(_roster(tmp_path / "r.xlsx", 120))
    with pytest.raises(Cancelled):
        book.members.import_plan(plan, StopAfter(2))
    assert book.members.all() == [] and book.history.count() == 0


def test_an_id_number_already_on_the_roster_still_stops_the_import(book, tmp_path) -> None:
    path = _roster(tmp_path / "r.xlsx", 3)
    plan = book.members.plan_import(path)  # checked while the roster is empty
    book.members.import_plan(plan)
    with pytest.raises(MemberInvalid, match="相同"):
        book.members.import_plan(plan)  # written again: every number is taken now
    assert len(book.members.all()) == 3


def test_cancelling_the_year_workbook_leaves_no_file(demo_book, tmp_path) -> None:
    target = tmp_path / "out" / "台账.xlsx"
    with pytest.raises(Cancelled):
        demo_book.summary.export_year_workbook(target, 2026, progress=StopAfter(4))
    assert not target.exists()
    assert not list(target.parent.glob("*")) if target.parent.exists() else True
    progress = StopAfter()
    demo_book.summary.export_year_workbook(target, 2026, progress=progress)
    assert target.exists() and progress.seen[0] == (0, 7) and progress.seen[-1] == (7, 7)


def test_cancelling_a_package_restore_leaves_the_book_empty(demo_book, tmp_path) -> None:
    demo_book.packages.export(tmp_path / "p.zip")
    other = Book.open(tmp_path / "new.sqlite", clock=demo_book._core.clock, auto_backup=False)
    try:
        with pytest.raises(Cancelled):
            other.packages.import_file(tmp_path / "p.zip", progress=StopAfter(1))
        assert not other.packages.holds_data() and other.branch().name == ""
        other.packages.import_file(tmp_path / "p.zip")
        assert other.packages.holds_data()
    finally:
        other.close(auto_backup=False)
