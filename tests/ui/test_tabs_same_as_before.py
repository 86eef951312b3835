"""The faster 发展党员, 学习记录 and roster show the demo book's people in the expected order,
and the roster's search finds the expected people (worked out from the demo data)."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.search import matcher

# the demo roster in the order the book lists it (林海 has left)
ROSTER = [
    "刘建华", "陈秀英", "王志强", "张丽", "李国平", "赵春梅", "周文斌", "吴晓燕", "孙德明",
    "曾小红", "黄伟", "何桂兰", "罗永红", "郑敏", "单晓东", "谢婷", "彭浩", "邓佳", "蒋涛",
    "韩雪", "冯磊", "唐颖", "许俊杰", "宋玉华", "梁建国", "林海",
]  # fmt: skip


def test_the_hours_list_shows_who_is_behind_first_then_by_name(qtbot, demo_book) -> None:
    from partybook.ui.tabs.study_tab import StudyTab

    tab = StudyTab(demo_book)
    qtbot.addWidget(tab)
    rows = demo_book.study.hours(2026, date(2026, 11, 22))
    # 谢婷's May sessions before the day she was admitted (05-21) no longer count (issue 20)
    assert {r.member.name for r in rows if r.behind} == {"吴晓燕", "谢婷", "黄伟"}
    # behind first, then everyone else by the name's characters (code point order)
    expected = [
        "吴晓燕", "谢婷", "黄伟",
        "何桂兰", "刘建华", "单晓东", "周文斌", "孙德明", "宋玉华", "张丽", "彭浩", "曾小红",
        "李国平", "林海", "梁建国", "王志强", "罗永红", "赵春梅", "郑敏", "陈秀英",
    ]  # fmt: skip
    shown = [tab.hours_proxy.row_at(i) for i in range(tab.hours_proxy.rowCount())]
    assert [r.member.name for r in shown] == expected
    assert [r.behind for r in shown] == [True, True, True] + [False] * 17


def test_the_pipeline_people_are_in_stage_order(qtbot, demo_book) -> None:
    from partybook.ui.tabs.pipeline_tab import PipelineTab

    tab = PipelineTab(demo_book)
    qtbot.addWidget(tab)
    assert [m.name for m in tab.people_model.rows()] == [
        "谢婷", "彭浩", "邓佳", "蒋涛", "韩雪", "冯磊", "唐颖", "许俊杰",
    ]  # fmt: skip
    # sorted by 阶段 (the earliest stage first), the roster's order within a stage
    expected = {
        None: ["唐颖", "许俊杰", "韩雪", "冯磊", "邓佳", "蒋涛", "谢婷", "彭浩"],
        "入党积极分子": ["韩雪", "冯磊"],
    }
    for stage, names in expected.items():
        tab.stage_filter.setCurrentIndex(max(0, tab.stage_filter.findData(stage)))
        got = [tab.people_proxy.row_at(r) for r in range(tab.people_proxy.rowCount())]
        assert [m.name for m in got] == names
        assert stage is None or {m.stage.value for m in got} == {stage}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ROSTER),
        (" ", ROSTER),
        ("王", ["王志强"]),
        ("Wang", ["王志强"]),  # wang: the pinyin, whatever the case
        ("w", ["王志强", "周文斌", "吴晓燕", "黄伟"]),  # wang, wen, wu, wei
        ("zs", []),  # nobody's initials
        ("138", ["彭浩", "蒋涛"]),  # 彭浩's id number …0413 8211, 蒋涛's phone 15221138017
        # x in the pinyin (xiu, xiao, xie, xue, xu) or an id number ending in X
        ("X", ["陈秀英", "吴晓燕", "曾小红", "何桂兰", "单晓东", "谢婷", "韩雪", "许俊杰", "林海"]),
        ("李 ", ["李国平"]),
        ("1", ROSTER),  # every id number has a 1 (born 19xx, 20xx)
    ],
)
def test_the_search_finds_the_demo_people(demo_book, query, expected) -> None:
    test = matcher(query)
    found = [m.name for m in demo_book.members.all() if test(m.name, m.id_number, m.phone)]
    assert found == expected
