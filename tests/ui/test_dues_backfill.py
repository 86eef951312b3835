"""A branch that adopts the book mid-year (建账): the 党费 grid shows the months before the book
as 建账前 (or 建账前已交 by the 期初数据), never 欠交; the tab offers to back-fill the months
collected since the opening in one go (BackfillDialog → book.dues.collect_months)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from partybook.domain.dues import Assessment, Category, State
from partybook.domain.members import Member, Stage
from partybook.domain.opening import Balance
from partybook.ui import messages
from partybook.ui.dialogs.backfill_dialog import BackfillDialog
from partybook.ui.dialogs.dues_pay_dialog import DuesPayDialog
from partybook.ui.models.dues_model import COLOURS, FIRST_MONTH
from partybook.ui.tabs.dues_tab import DuesTab

NAMES = ("张老师", "王老师", "李老师")


def _members(book) -> list[int]:
    """Three full members, 4500 元 a month each (1%: 45.00 元 a month), dues from January."""
    ids = [
        book.members.add(Member(name, Stage.FULL, joined_on=date(2010, 7, 1))).id for name in NAMES
    ]
    book.dues.set_bases(
        2026, [Assessment(i, 2026, Category.EMPLOYED, 450_000, from_month=1) for i in ids]
    )
    return ids


@pytest.fixture
def opened(book):
    """The book opened (建账) on 2026-09-15; today is 2026-11-22."""
    ids = _members(book)
    book.opening.set_date(date(2026, 9, 15))
    return book, ids


def _cell(tab: DuesTab, name: str, month: int):
    row = next(i for i in range(tab.model.rowCount()) if tab.model.row_at(i).member.name == name)
    return tab.model.index(row, FIRST_MONTH + month - 1)


def _ok(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_months_before_the_book_are_shown_as_such_never_as_unpaid(qtbot, opened) -> None:
    book, _ = opened
    tab = DuesTab(book)
    qtbot.addWidget(tab)
    for name in NAMES:
        for month in range(1, 9):
            cell = _cell(tab, name, month)
            assert cell.data() == "建账前"
            assert (
                cell.data(Qt.ItemDataRole.BackgroundRole).color().name()
                == COLOURS[State.BEFORE_BOOK]
            )
            assert "不算欠交" in cell.data(Qt.ItemDataRole.ToolTipRole)
        assert _cell(tab, name, 9).data() == "欠交" and _cell(tab, name, 10).data() == "欠交"
        assert _cell(tab, name, 11).data() == "待交"
    assert tab.legend[State.BEFORE_BOOK].isVisibleTo(tab)
    assert not tab.legend[State.PAID_BEFORE].isVisibleTo(tab)
    # the unpaid total counts September and October only
    row = next(r for r in tab.model.rows() if r.member.name == "张老师")
    assert row.unpaid == (9, 10) and row.unpaid_fen == 9000
    assert tab.backfill_button.isVisibleTo(tab)
    assert "补录建账以来的收缴" in tab.summary.text()


def test_the_grid_with_the_new_states_passes_the_qt_checks(qtbot, qtmodeltester, opened) -> None:
    book, ids = opened
    book.opening.save_balances([Balance(ids[0], dues_paid_to=(2026, 10))])
    tab = DuesTab(book)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)
    # every button and the whole legend shown, the tab still fits a 1024-pixel screen
    assert tab.backfill_button.isVisibleTo(tab) and tab.legend[State.PAID_BEFORE].isVisibleTo(tab)
    assert tab.minimumSizeHint().width() <= 1000


def test_back_filling_records_every_month_for_everyone_on_its_last_day(
    qtbot, opened, monkeypatch
) -> None:
    book, _ = opened
    tab = DuesTab(book)
    qtbot.addWidget(tab)
    monkeypatch.setattr(BackfillDialog, "ask", classmethod(lambda cls, *a, **k: ([9, 10], None)))
    tab.backfill_button.click()
    rows = book.dues.rows(2026)
    assert len(rows) == 3
    for r in rows:
        assert r.cell(9).state is State.PAID and r.cell(9).payment.paid_on == date(2026, 9, 30)
        assert r.cell(10).state is State.PAID and r.cell(10).payment.paid_on == date(2026, 10, 31)
        assert r.cell(10).payment.amount_fen == 4500 and r.cell(11).state is State.PENDING
    # the grid shows it at once: paid in their own month (no 补), the months before untouched
    assert _cell(tab, "王老师", 9).data() == "45.00" and _cell(tab, "王老师", 8).data() == "建账前"
    assert "没有欠交的" in tab.summary.text()
    assert not tab.backfill_button.isVisibleTo(tab)  # nothing is left to back-fill


def test_back_filling_on_one_day_and_a_refusal_shown_as_an_error(
    qtbot, opened, monkeypatch
) -> None:
    book, _ = opened
    tab = DuesTab(book)
    qtbot.addWidget(tab)
    errors = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, *a: errors.append(text))
    asked = ([9, 10], date(2026, 12, 1))  # a day after today: the book refuses it
    monkeypatch.setattr(BackfillDialog, "ask", classmethod(lambda cls, *a, **k: asked))
    tab.backfill_button.click()
    assert errors and "晚于今天" in errors[0]
    assert all(r.cell(9).state is State.UNPAID for r in book.dues.rows(2026))
    asked = ([10], date(2026, 11, 2))
    tab.backfill_button.click()
    assert len(errors) == 1
    paid = [r.cell(10).payment for r in tab.model.rows()]
    assert all(p is not None and p.paid_on == date(2026, 11, 2) for p in paid)
    assert (
        _cell(tab, "张老师", 10).data() == "45.00 补" and _cell(tab, "张老师", 9).data() == "欠交"
    )
    assert tab.backfill_button.isVisibleTo(tab)  # September is still owed


def test_the_dialog_counts_the_people_and_the_total_of_the_ticked_months(qtbot, opened) -> None:
    book, _ = opened
    dialog = BackfillDialog(book, 2026)
    qtbot.addWidget(dialog)
    assert list(dialog.months) == [9, 10]
    assert all(box.isChecked() for box in dialog.months.values())
    assert dialog.each_month.isChecked() and not dialog.date.isEnabled()
    assert "2026年9月15日" in dialog.intro.text()
    assert "3 名党员" in dialog.summary.text() and "共 6 笔" in dialog.summary.text()
    assert "合计 270.00 元" in dialog.summary.text() and _ok(dialog)
    assert dialog.request() == ([9, 10], None)
    dialog.months[9].setChecked(False)
    assert "共 3 笔" in dialog.summary.text() and "合计 135.00 元" in dialog.summary.text()
    dialog.months[10].setChecked(False)
    assert not _ok(dialog) and "请勾选要补录的月份" in dialog.problems.text()
    dialog.months[9].setChecked(True)
    dialog.same_day.setChecked(True)
    assert dialog.date.isEnabled() and dialog.date.text() == "2026-11-22"
    assert _ok(dialog) and dialog.request() == ([9], date(2026, 11, 22))
    dialog.date.setText("2026-11-23")
    assert not _ok(dialog) and "晚于今天" in dialog.problems.text()
    dialog.date.setText("")
    assert not _ok(dialog) and "请填写交纳日期" in dialog.problems.text()


def test_a_month_someone_paid_already_is_counted_only_for_the_others(qtbot, opened) -> None:
    book, ids = opened
    book.dues.pay(ids[1], 2026, [9, 10], date(2026, 11, 5))
    dialog = BackfillDialog(book, 2026)
    qtbot.addWidget(dialog)
    assert "2 名党员" in dialog.summary.text() and "共 4 笔" in dialog.summary.text()
    assert "合计 180.00 元" in dialog.summary.text()


def test_a_book_without_an_opening_date_has_no_back_fill_button(qtbot, book) -> None:
    _members(book)
    tab = DuesTab(book)
    qtbot.addWidget(tab)
    assert not tab.backfill_button.isVisibleTo(tab)
    assert _cell(tab, "张老师", 1).data() == "欠交"  # a book that expects everything
    assert not tab.legend[State.BEFORE_BOOK].isVisibleTo(tab)
    book.opening.set_date(date(2026, 9, 15))  # the tab hears the change (OPENING)
    assert tab.backfill_button.isVisibleTo(tab) and _cell(tab, "张老师", 1).data() == "建账前"


def test_months_paid_before_the_book_by_the_opening_balances(qtbot, opened) -> None:
    book, ids = opened
    book.opening.save_balances([Balance(ids[0], dues_paid_to=(2026, 10))])
    tab = DuesTab(book)
    qtbot.addWidget(tab)
    for month in range(1, 11):
        cell = _cell(tab, "张老师", month)
        assert cell.data() == "期初已交", month
        assert (
            cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == COLOURS[State.PAID_BEFORE]
        )
        assert "建账前已交" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert _cell(tab, "张老师", 11).data() == "待交"
    assert _cell(tab, "王老师", 8).data() == "建账前" and _cell(tab, "王老师", 9).data() == "欠交"
    assert tab.legend[State.PAID_BEFORE].isVisibleTo(tab)
    assert "张老师" not in tab.summary.text()  # not behind
    dialog = BackfillDialog(book, 2026)
    qtbot.addWidget(dialog)
    assert "2 名党员" in dialog.summary.text() and "合计 180.00 元" in dialog.summary.text()


def test_the_pay_dialog_offers_no_month_before_the_book(qtbot, opened) -> None:
    book, ids = opened
    book.opening.save_balances([Balance(ids[0], dues_paid_to=(2026, 6))])
    dialog = DuesPayDialog(book, 2026, ids[0])
    qtbot.addWidget(dialog)
    assert not any(dialog.months[m].isEnabled() for m in range(1, 9))
    assert dialog.months[9].isEnabled() and dialog.months[9].text() == "9月（欠）"
    assert dialog.months[3].text() == "3月 已交" and dialog.months[7].text() == "7月"
    assert "7月、8月为建账前" in dialog.before.text()
    dialog.member.setCurrentIndex(dialog.member.findData(ids[1]))
    assert "1月至8月为建账前" in dialog.before.text()


def test_the_sheet_and_the_notice_show_the_months_before_the_book(opened, tmp_path) -> None:
    from openpyxl import load_workbook

    book, ids = opened
    book.opening.save_balances([Balance(ids[0], dues_paid_to=(2026, 10))])
    target = tmp_path / "dues.xlsx"
    book.dues.export(target, 2026)
    ws = load_workbook(target)["党费收缴明细表"]
    rows = {r[1].value: [c.value for c in r] for r in ws.iter_rows(min_row=4) if r[1].value}
    assert rows["张老师"][6:16] == ["建账前已交"] * 10
    assert rows["王老师"][6:14] == ["建账前"] * 8 and rows["王老师"][14] == "欠交"
    assert rows["王老师"][19] == 90  # 欠交: September and October only
    notes = " ".join(str(c.value) for r in ws.iter_rows() for c in r if c.value)
    assert "2026年1月至8月为建账前" in notes
    html = book.dues.notice_html(2026)
    assert "建账前已交至10月" in html and "欠交9月、10月" in html and "欠交1月" not in html
    assert "2026年1月至8月为建账前" in html
