"""谈心谈话: checks of a talk, who still has to talk with whom, and the grouped due items."""

from __future__ import annotations

from datetime import date

from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.talks import (
    SECRETARY,
    Talk,
    TalkSettings,
    check_talk,
    coverage_of,
    names_text,
    pair,
    talk_due_items,
    talked_pairs,
)

TODAY = date(2026, 11, 22)
PEOPLE = [
    Member("书记甲", id=1, party_post="书记"),
    Member("委员乙", id=2, party_post="组织委员"),
    Member("党员丙", id=3),
    Member("预备丁", id=4, stage=Stage.PROBATIONARY),
    Member("积极分子戊", id=5, stage=Stage.ACTIVIST),
    Member("转出己", id=6, left_reason=LeaveReason.TRANSFERRED, left_on=date(2026, 3, 1)),
]


def _missing(rows, name):
    return [m.name for m in next(r for r in rows if r.talker.name == name).missing]


def _coverage(talks, settings=None):
    """Who talked with whom in 2026 (either way round), then each talker's rows."""
    return coverage_of(PEOPLE, talked_pairs(talks, 2026), settings or TalkSettings())


def test_each_committee_member_with_each_member_either_way_round() -> None:
    talks = [
        Talk(date(2026, 3, 1), 1, "工作", second_id=3),
        Talk(date(2026, 4, 1), 4, "思想", second_id=1),  # the member came to the secretary
        Talk(date(2025, 12, 30), 2, "去年的", second_id=3),  # last year does not count
        Talk(date(2026, 5, 1), 2, "家访", second_name="学生家长"),
    ]
    assert talked_pairs(talks, 2026) == {pair(1, 3), pair(1, 4)}  # 2025 and 家访 not
    rows = _coverage(talks)
    assert [r.talker.name for r in rows] == ["书记甲", "委员乙"]
    assert [m.name for m in rows[0].done] == ["党员丙", "预备丁"]
    assert [m.name for m in rows[1].done] == []
    assert _missing(rows, "书记甲") == ["委员乙"]  # 支委之间 too
    assert _missing(rows, "委员乙") == ["书记甲", "党员丙", "预备丁"]
    # non-members and people who left are not owed a talk
    assert all("戊" not in n and "己" not in n for r in rows for n in _missing(rows, r.talker.name))


def test_scope_secretary_only_and_switched_off() -> None:
    rows = _coverage([], TalkSettings(scope=SECRETARY))
    assert [r.talker.name for r in rows] == ["书记甲"]
    assert _missing(rows, "书记甲") == ["委员乙", "党员丙", "预备丁"]


def test_one_due_item_per_committee_member_listing_the_names() -> None:
    talks = [Talk(date(2026, 3, 1), 1, "工作", second_id=n) for n in (2, 3, 4)]
    items = talk_due_items(_coverage(talks), TODAY, 40)
    assert len(items) == 1
    item = items[0]
    assert item.kind == "talk" and item.member == "委员乙" and item.member_id == 2
    assert (
        item.title == "组织委员委员乙今年还需谈心谈话 2 人：党员丙、预备丁"
    )  # 书记甲 talked with 乙
    assert item.date == date(2026, 12, 31) and item.state == "soon"
    assert "每年谈心谈话一般不少于1次" in item.basis
    early = talk_due_items(_coverage(talks), date(2026, 3, 2), 30)
    assert early[0].state == "later"


def test_a_long_list_of_names_is_cut() -> None:
    people = [Member(f"党员{i}", id=i) for i in range(12)]
    assert names_text(people[:8]).count("、") == 7
    assert names_text(people).endswith("党员6、党员7等") and "党员8" not in names_text(people)


def test_checks_of_a_talk() -> None:
    assert check_talk(Talk(date(2026, 11, 1), 1, "谈工作", second_id=3), TODAY) == []
    assert check_talk(Talk(date(2026, 11, 1), 1, "谈工作", second_name="家长王某"), TODAY) == []
    problems = check_talk(Talk(date(2026, 12, 1), 1, " ", second_id=1), TODAY)
    assert len(problems) == 3
    assert "谈话对象" in check_talk(Talk(date(2026, 11, 1), 1, "谈"), TODAY)[0]
