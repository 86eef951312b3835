"""ColumnTableModel in batches: the view gets 500 rows at a time, while search and sort still
see every row, and the order is the one the sort proxy gave before."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from partybook.ui.models.table_model import Column, ColumnTableModel, read_only_view

NAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋"


@dataclass(frozen=True)
class Row:
    n: int
    name: str
    on: date | None
    score: int | None
    note: str


COLUMNS = [
    Column("编号", lambda r: r.n),
    Column("姓名", lambda r: r.name),
    Column("日期", lambda r: r.on),
    Column("分数", lambda r: r.score),
    Column("备注", lambda r: r.note),
    Column("是否", lambda r: r.n % 3 == 0),
]


def _rows(count: int) -> list[Row]:
    rnd = random.Random(7)
    out = []
    for n in range(count):
        name = "".join(rnd.choice(NAMES) for _ in range(rnd.randint(2, 3)))
        on = None if n % 17 == 0 else date(2020, 1, 1) + timedelta(days=rnd.randint(0, 60))
        note = rnd.choice(["", "Abc", "abc", "b-2", "10", "9", "党课", "1.5 学时"])
        out.append(Row(n, name, on, rnd.randint(0, 5) if n % 5 else None, note))
    return out


@pytest.fixture
def big(qtbot):
    model = ColumnTableModel(COLUMNS, batch=500)
    view, proxy = read_only_view(model)
    qtbot.addWidget(view)
    view.resize(600, 400)
    model.set_rows(_rows(2000))
    view.show()
    qtbot.waitExposed(view)
    return model, view, proxy


def _all_shown(model, proxy) -> list[Row]:
    while model.canFetchMore():
        model.fetchMore()
    return [proxy.row_at(r) for r in range(proxy.rowCount())]


def test_the_view_starts_with_a_batch_and_scrolling_fetches_more(big, qtbot) -> None:
    model, view, proxy = big
    assert proxy.rowCount() == 500 and proxy.shown_count() == 2000
    assert len(model.rows()) == 2000  # every row is still there
    view.scrollToBottom()
    qtbot.waitUntil(lambda: proxy.rowCount() >= 1000)
    assert proxy.rowCount() < 2000
    assert [proxy.row_at(r).n for r in range(proxy.rowCount())] == list(range(proxy.rowCount()))


def test_a_search_finds_the_last_row(big) -> None:
    model, view, proxy = big
    last = model.rows()[-1]
    proxy.set_predicate(lambda r: r.n == 1999)
    assert proxy.rowCount() == 1 and proxy.row_at(0) == last and proxy.shown_count() == 1
    proxy.set_predicate(lambda r: r.n >= 1200)
    assert proxy.shown_count() == 800 and proxy.rowCount() == 500
    assert proxy.find_row(lambda r: r.n == 1999) == 799  # fetched on the way
    assert proxy.row_at(799) == last
    proxy.set_predicate(lambda r: True)
    assert proxy.shown_count() == 2000


def test_sorting_sorts_every_row(big) -> None:
    model, view, proxy = big
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert proxy.rowCount() == 500
    assert proxy.row_at(0).n == 1999  # the last row of the list, not of the first batch
    assert [r.n for r in _all_shown(model, proxy)] == list(range(1999, -1, -1))
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    proxy.set_predicate(lambda r: r.n % 2 == 0)
    shown = _all_shown(model, proxy)
    assert len(shown) == 1000 and all(r.n % 2 == 0 for r in shown)
    assert len({r.name for r in shown[:3]}) >= 1


@pytest.mark.parametrize("column", range(len(COLUMNS)))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_the_order_is_the_sort_proxys(qtbot, column, order) -> None:
    """The old way (every row in the model, the proxy sorting by SORT_ROLE) against batches."""
    rows = _rows(600)
    old = ColumnTableModel(COLUMNS)
    old_view, old_proxy = read_only_view(old)
    qtbot.addWidget(old_view)
    old.set_rows(rows)
    old_view.sortByColumn(column, order)
    new = ColumnTableModel(COLUMNS, batch=100)
    new_view, new_proxy = read_only_view(new)
    qtbot.addWidget(new_view)
    new.set_rows(rows)
    new_view.sortByColumn(column, order)
    expected = [old_proxy.row_at(r).n for r in range(old_proxy.rowCount())]
    assert [r.n for r in _all_shown(new, new_proxy)] == expected
    old_proxy.set_predicate(lambda r: "王" in r.name)
    new_proxy.set_predicate(lambda r: "王" in r.name)
    expected = [old_proxy.row_at(r).n for r in range(old_proxy.rowCount())]
    assert [r.n for r in _all_shown(new, new_proxy)] == expected


def test_a_selected_row_stays_selected_through_search_and_sort(big) -> None:
    model, view, proxy = big
    _all_shown(model, proxy)  # scrolled through everything
    view.selectionModel().select(
        proxy.index(3, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    chosen = proxy.row_at(3)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # row 3 moves to position 1996
    selected = view.selectionModel().selectedRows()
    assert [proxy.row_at(i.row()) for i in selected] == [chosen]
    proxy.set_predicate(lambda r: r.n % 2 == chosen.n % 2)
    selected = view.selectionModel().selectedRows()
    assert [proxy.row_at(i.row()) for i in selected] == [chosen]
    proxy.set_predicate(lambda r: r.n != chosen.n)
    assert view.selectionModel().selectedRows() == []


def test_the_batch_model_passes_qts_model_checks(qtmodeltester) -> None:
    model = ColumnTableModel(COLUMNS, batch=50)
    model.set_rows(_rows(120))
    qtmodeltester.check(model)
    model.fetchMore()
    model.set_predicate(lambda r: r.n % 2 == 1)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
