"""The 党费 tab and its dialogs with pytest-qt: the grid, collecting this month for everyone,
back-paying one member (and the refusal beyond six months), 年初核定 with live amounts, undo."""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from partybook.book import Change
from partybook.domain.dues import Category, State
from partybook.ui import messages
from partybook.ui.dialogs.dues_base_dialog import BASE, CATEGORY, MONTHLY, RATE, DuesBaseDialog
from partybook.ui.dialogs.dues_pay_dialog import DuesPayDialog
from partybook.ui.models.dues_model import COLOURS, FIRST_MONTH
from partybook.ui.tabs.dues_tab import DuesTab


@contextlib.contextmanager
def _announces(tab, area):
    """The block must make the book announce a change to `area` (a write that committed)."""
    heard = []
    stop = tab._book.subscribe(heard.append)
    try:
        yield
    finally:
        stop()
    assert any(area in change for change in heard), heard


def _row(tab: DuesTab, name: str):
    return next(r for r in tab.model.rows() if r.member.name == name)


def _ok(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def _ids(book) -> dict[str, int]:
    return {m.name: m.id for m in book.members.all()}


def test_the_grid_shows_paid_unpaid_and_not_due_with_colours(qtbot, demo_book) -> None:
    tab = DuesTab(demo_book)
    qtbot.addWidget(tab)
    # 20 members, and the 发展对象 admitted on 2026-09-02 awaiting approval (she pays: issue 20)
    assert tab.model.rowCount() == 21 and "有欠交的：周文斌" in tab.summary.text()
    row = next(
        i for i in range(tab.model.rowCount()) if tab.model.row_at(i).member.name == "周文斌"
    )
    sep = tab.model.index(row, FIRST_MONTH + 8)
    assert sep.data() == "欠交"
    assert sep.data(Qt.ItemDataRole.BackgroundRole).color().name() == COLOURS[State.UNPAID]
    aug = tab.model.index(row, FIRST_MONTH + 7)
    assert aug.data() == "31.08" and "2026-08-15 按月" in aug.data(Qt.ItemDataRole.ToolTipRole)
    xie = next(i for i in range(tab.model.rowCount()) if tab.model.row_at(i).member.name == "谢婷")
    assert tab.model.index(xie, FIRST_MONTH).data() == "—"
    li = next(i for i in range(tab.model.rowCount()) if tab.model.row_at(i).member.name == "李国平")
    assert tab.model.index(li, FIRST_MONTH + 11).data() == "50.00 预"
    tab.search.setText("周")
    assert tab.proxy.rowCount() == 1
    # a book without an opening date (建账): nothing before the book, nothing to back-fill
    assert not tab.backfill_button.isVisibleTo(tab)
    assert not tab.legend[State.BEFORE_BOOK].isVisibleTo(tab)
    assert tab.minimumSizeHint().width() <= 1000  # fits a 1024-pixel screen


def test_model_passes_the_qt_checks(qtbot, qtmodeltester, demo_book) -> None:
    tab = DuesTab(demo_book)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)


def test_collecting_this_month_for_everyone_asks_first_then_pays_in_one_go(
    qtbot, demo_book, monkeypatch
) -> None:
    tab = DuesTab(demo_book)
    qtbot.addWidget(tab)
    assert tab.collect_button.text() == "收缴本月（11月）党费…"
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda parent, text, **k: asked.append(text) or False)
    tab.collect_button.click()
    # 20 rows: 林海 left in March and 李国平 paid November ahead
    assert "19 人" in asked[0] and "2026-11-22" in asked[0]  # with the admitted 发展对象
    assert _row(tab, "刘建华").cell(11).state is State.PENDING  # refused: nothing written
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    with _announces(tab, Change.DUES):
        tab.collect_button.click()
    rows = tab.model.rows()
    assert all(r.cell(11).state is State.PAID for r in rows if r.member.active)
    assert _row(tab, "刘建华").cell(11).payment.paid_on == date(2026, 11, 22)
    shown = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
    tab.collect_button.click()
    assert "没有需要收缴" in shown[0]


def test_back_paying_two_months_for_one_member(qtbot, demo_book, monkeypatch) -> None:
    tab = DuesTab(demo_book)
    qtbot.addWidget(tab)
    zhou = _ids(demo_book)["周文斌"]
    dialog = DuesPayDialog(demo_book, 2026, zhou)
    qtbot.addWidget(dialog)
    assert not dialog.months[8].isEnabled() and dialog.months[9].isEnabled()
    assert dialog.months[9].text() == "9月（欠）"
    dialog.months[9].setChecked(True)
    dialog.months[10].setChecked(True)
    assert _ok(dialog) and "补交 9月、10月" in dialog.summary.text()
    assert "合计 62.16 元" in dialog.summary.text()
    request = dialog.request()
    monkeypatch.setattr(DuesPayDialog, "ask", classmethod(lambda cls, *a, **k: request))
    with _announces(tab, Change.DUES):
        tab.pay_button.click()
    row = _row(tab, "周文斌")
    assert row.unpaid == () and row.cell(9).payment.kind.value == "补交"
    assert not [i for i in demo_book.due_items() if i.kind == "dues"]


def test_back_paying_more_than_six_months_is_refused_with_the_reason(qtbot, demo_book) -> None:
    huang = _ids(demo_book)["黄伟"]
    demo_book.dues.delete_payment(huang, 2026, 4)
    demo_book.dues.delete_payment(huang, 2026, 5)
    dialog = DuesPayDialog(demo_book, 2026, huang)
    qtbot.addWidget(dialog)
    dialog.months[5].setChecked(True)  # six months back: allowed
    assert _ok(dialog)
    dialog.months[4].setChecked(True)  # seven: not any more
    assert not _ok(dialog)
    assert "超过了补交期限" in dialog.problems.text() and "2026年4月" in dialog.problems.text()
    dialog.date.setText("2026-10-30")  # paid in October, April was six months back
    assert _ok(dialog)
    dialog.date.setText("2026-11-23")
    assert not _ok(dialog) and "晚于今天" in dialog.problems.text()


def test_base_dialog_computes_rate_and_amount_live_and_asks_a_reason_for_changes(
    qtbot, demo_book, monkeypatch
) -> None:
    dialog = DuesBaseDialog(demo_book, 2026)
    qtbot.addWidget(dialog)
    model = dialog.model
    zhou = next(i for i in range(model.rowCount()) if model.entry(i).row.member.name == "周文斌")
    assert model.index(zhou, RATE).data() == "1%"
    assert model.setData(model.index(zhou, BASE), "5000.01")
    assert model.index(zhou, RATE).data() == "1.5%" and model.index(zhou, MONTHLY).data() == "75.00"
    assert not _ok(dialog) and "须写明原因" in dialog.problems.text()
    model.setData(model.index(zhou, 6), "9月起任教导副主任，工资调整")
    assert model.entry(zhou).from_month == 9  # the first month not paid yet
    assert _ok(dialog)
    model.setData(model.index(zhou, BASE), "abc")
    assert not _ok(dialog) and "不是金额" in dialog.problems.text()
    model.setData(model.index(zhou, BASE), "5000.01")
    model.setData(model.index(zhou, CATEGORY), Category.NO_INCOME.value)
    assert model.index(zhou, BASE).data() == "定额" and model.index(zhou, MONTHLY).data() == "0.20"
    model.setData(model.index(zhou, CATEGORY), Category.EMPLOYED.value)
    entries = dialog.model.assessments()
    tab = DuesTab(demo_book)
    qtbot.addWidget(tab)
    monkeypatch.setattr(DuesBaseDialog, "ask", classmethod(lambda cls, *a, **k: entries))
    with _announces(tab, Change.DUES):
        tab.base_button.click()
    row = _row(tab, "周文斌")
    assert row.cell(8).due_fen == 3108 and row.cell(9).due_fen == 7500
    assert row.changes[-1].reason == "9月起任教导副主任，工资调整"
    assert len(demo_book.dues.rows(2026)[0].changes) == 1  # unchanged rows were left alone


def test_undoing_a_payment_entered_by_mistake(qtbot, demo_book, monkeypatch) -> None:
    tab = DuesTab(demo_book)
    qtbot.addWidget(tab)
    shown = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
    tab.undo_button.click()
    assert "请先在表格中点选" in shown[0]
    row = next(i for i in range(tab.proxy.rowCount()) if tab.proxy.row_at(i).member.name == "黄伟")
    tab.table.setCurrentIndex(tab.proxy.index(row, FIRST_MONTH + 9))
    monkeypatch.setattr(messages, "confirm", lambda parent, text, **k: "黄伟 2026年10月" in text)
    tab.undo_button.click()
    assert _row(tab, "黄伟").cell(10).state is State.UNPAID
