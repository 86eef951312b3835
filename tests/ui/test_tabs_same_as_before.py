"""The faster 发展党员, 学习记录 and roster show what the old way showed (on the demo book)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from partybook.domain.search import matcher, matches
from partybook.ui.models.table_model import ColumnTableModel, read_only_view


def test_the_hours_list_is_ordered_as_by_the_old_sort(qtbot, demo_book) -> None:
    from partybook.ui.tabs.study_tab import StudyTab

    tab = StudyTab(demo_book)
    qtbot.addWidget(tab)
    rows = demo_book.study.hours(2026, date(2026, 11, 22))
    assert len(rows) > 10 and any(r.behind for r in rows) and not all(r.behind for r in rows)
    old = sorted(rows, key=lambda r: (not r.behind, r.member.name))
    shown = [tab.hours_proxy.row_at(i) for i in range(tab.hours_proxy.rowCount())]
    assert [r.member.id for r in shown] == [r.member.id for r in old]


def test_the_pipeline_people_are_in_the_old_proxy_order(qtbot, demo_book) -> None:
    from partybook.ui.tabs.pipeline_tab import PEOPLE_COLUMNS, PipelineTab

    tab = PipelineTab(demo_book)
    qtbot.addWidget(tab)
    people = tab.people_model.rows()
    assert len(people) > 3
    old = ColumnTableModel(PEOPLE_COLUMNS)
    view, proxy = read_only_view(old)
    qtbot.addWidget(view)
    old.set_rows(people)
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    for stage in (None, "入党积极分子"):
        tab.stage_filter.setCurrentIndex(max(0, tab.stage_filter.findData(stage)))
        proxy.set_predicate(lambda m, stage=stage: stage is None or m.stage.value == stage)
        expected = [proxy.row_at(r).id for r in range(proxy.rowCount())]
        got = [tab.people_proxy.row_at(r).id for r in range(tab.people_proxy.rowCount())]
        assert got == expected and got


@pytest.mark.parametrize("query", ["", " ", "王", "Wang", "w", "zs", "138", "X", "李 ", "1"])
def test_the_search_matcher_answers_as_matches(demo_book, query) -> None:
    test = matcher(query)
    for m in demo_book.members.all():
        assert test(m.name, m.id_number, m.phone) == matches(query, m.name, m.id_number, m.phone)
