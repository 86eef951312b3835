"""三会一课 as the rules have it (issue 20), without Qt or a database.

- 应到 is the roster on the meeting's day, not the list: 支部党员大会 etc. all Party members
  (正式 + 预备) on the roster that day, 支委会 the committee, 党小组会 one group. Quorum and
  votes count 应到有表决权 from the roster: full members not excluded and not under 留党察看
  (党章第四十条); yes votes > ½ of them (细则第二十四条 as domain.md §1.2 states it).
- Leaving someone out of 应到 needs a reason from the rules' list (中央组织部组织局's answer on
  counting 应到会人数, domain.md §1.2), with the upper committee's consent.
- 党小组会: each group its own, per month (支部工作条例第五章); no groups, none asked.
- A branch of 7 or more full members is expected to have a committee (支部工作条例第六章).
- The 书记 gives at least one 党课 a year (支部工作条例第五章), tracked by the lecturer.
- The host and the recorder are present at their meeting.
- 取消预备党员资格 is a 支部大会 decision about a 预备党员 (党章第七条).
"""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.errors import InvalidValue
from partybook.domain.meetings import (
    EXCLUSION_REASONS,
    EXCLUSION_SOURCE,
    FREQUENCIES,
    NOT_REQUIRED,
    Attendee,
    Held,
    Meeting,
    MeetingKind,
    Presence,
    Vote,
    VoteOn,
    absent_voters,
    check_meeting,
    committee_missing,
    compliance,
    count_vote,
    exclusion_reason,
    exclusion_text,
    lectures_by,
    names_in,
    officer_problems,
    party_groups,
    quorum,
    roll_call,
    roll_problems,
    vote_on,
    vote_subject_problems,
)
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.rules import MEETING_RULES

P, L, A = Presence.PRESENT, Presence.LEAVE, Presence.ABSENT
DAY = date(2026, 6, 10)
TODAY = date(2026, 11, 22)
LONG_AGO = date(2010, 7, 1)


def branch(full: int, probationary: int = 0, **extra) -> list[Member]:
    """A branch of `full` full members (ids 1…) and `probationary` 预备党员 (ids 101…), all
    on the roster since long before DAY."""
    people = [
        Member(f"党员{i}", Stage.FULL, id=i, joined_on=LONG_AGO, full_on=date(2011, 7, 1))
        for i in range(1, full + 1)
    ]
    people += [
        Member(f"预备{i}", Stage.PROBATIONARY, id=100 + i, joined_on=date(2026, 1, 5))
        for i in range(1, probationary + 1)
    ]
    return people


def listed(ids, presence=P, **kw) -> list[Attendee]:
    return [Attendee(i, presence, **kw) for i in ids]


def general(attendees, votes=(), **kw) -> Meeting:
    return Meeting(MeetingKind.GENERAL, DAY, attendees=list(attendees), votes=list(votes), **kw)


# 应到 from the roster ----------------------------------------------------------------------
@pytest.mark.parametrize("n", [1, 2, 3, 4, 9, 10])
def test_should_attend_is_the_roster_whatever_the_list_holds(n) -> None:
    """A member left off the list stays in 应到 (and is refused on save): with one person
    listed, 应到有表决权 is still the branch's n full members."""
    roll = roll_call(MeetingKind.GENERAL, branch(n), DAY)
    assert roll.expected == tuple(range(1, n + 1))
    m = general(listed([1]))
    q = quorum(m.attendees, roll)
    assert (q.should_attend, q.present, q.needed) == (n, 1, n // 2 + 1)
    problems = roll_problems(m, roll)
    if n == 1:
        assert problems == []
    else:
        assert len(problems) == 1 and f"应到 {n} 人，名单中缺少 {n - 1} 人" in problems[0]
        assert "党员2" in problems[0]


@pytest.mark.parametrize(
    ("n", "present", "yes", "passes"),
    [
        (1, 1, 1, True),  # 1 of 1: more than half
        (2, 2, 1, False),  # 1 is exactly half of 2: not more
        (2, 2, 2, True),
        (3, 2, 1, False),
        (3, 2, 2, True),  # 2 > 1.5
        (4, 3, 2, False),  # 2 is half of 4
        (4, 3, 3, True),
        (9, 5, 4, False),
        (9, 5, 5, True),  # 5 > 4.5
        (10, 6, 5, False),  # 5 is half of 10
        (10, 6, 6, True),
    ],
)
def test_yes_must_exceed_half_of_the_rosters_voters(n, present, yes, passes) -> None:
    roll = roll_call(MeetingKind.GENERAL, branch(n), DAY)
    attendees = listed(range(1, present + 1)) + listed(range(present + 1, n + 1), A)
    q = quorum(attendees, roll)
    assert q.reached  # more than half present in every case
    result = count_vote(Vote("接收某某为预备党员", yes=yes, no=present - yes), q, absent_voters(q))
    assert result.needed == n // 2 + 1 and result.passed is passes


def test_ten_full_members_four_on_the_list_cannot_admit_with_three_votes() -> None:
    """The case of issue 20: the list said 应到 4 and 3 yes votes admitted someone."""
    roll = roll_call(MeetingKind.GENERAL, branch(10), DAY)
    m = general(listed([1, 2, 3, 4]), [Vote("接收某某为预备党员", yes=3, no=1)])
    q = quorum(m.attendees, roll)
    assert (q.should_attend, q.present, q.needed, q.reached) == (10, 4, 6, False)
    with pytest.raises(InvalidValue, match="不能表决"):
        count_vote(m.votes[0], q, absent_voters(q))
    problems = check_meeting(m, TODAY, roll) + roll_problems(m, roll)
    assert any("不能表决" in p for p in problems)
    assert any("缺少 6 人" in p for p in problems)
    # the list alone would have allowed it: the old arithmetic, kept for lists without a roll
    assert count_vote(m.votes[0], quorum(m.attendees), 0).passed


def test_seven_of_ten_excluded_without_a_listed_reason_is_refused() -> None:
    roll = roll_call(MeetingKind.GENERAL, branch(10), DAY)
    out = listed(range(4, 11), A, excluded=True, excluded_reason="有事")
    m = general(listed([1, 2, 3]) + out, [Vote("某事项", yes=3)])
    problems = roll_problems(m, roll)
    assert len(problems) == 7 and all("不是规定的情形" in p for p in problems)
    assert "党员4标为“不计入应到”，原因“有事”" in problems[0]


@pytest.mark.parametrize("reason", EXCLUSION_REASONS)
def test_a_listed_reason_leaves_someone_out_of_should_attend(reason) -> None:
    roll = roll_call(MeetingKind.GENERAL, branch(4), DAY)
    note = exclusion_text(reason, "经镇党委同意")
    m = general(listed([1, 2, 3]) + listed([4], A, excluded=True, excluded_reason=note))
    assert roll_problems(m, roll) == []
    q = quorum(m.attendees, roll)
    assert (q.should_attend, q.present, q.needed) == (3, 3, 2)
    assert exclusion_reason(note) == (reason, "经镇党委同意")
    assert exclusion_reason(reason) == (reason, "")


@pytest.mark.parametrize("text", ["", "长期病休", "出国", "受留党察看处分", "病假：卧床"])
def test_texts_that_name_no_listed_reason(text) -> None:
    assert exclusion_reason(text) is None
    roll = roll_call(MeetingKind.GENERAL, branch(2), DAY)
    m = general(listed([1]) + listed([2], A, excluded=True, excluded_reason=text))
    [problem] = roll_problems(m, roll)
    assert "才可不计入应到" in problem and "上级党组织同意" in problem
    if "留党察看" in text:
        assert "照常参加会议、计入应到，只是没有表决权" in problem


def test_the_reasons_come_with_their_source_and_the_rules_numbers() -> None:
    assert len(EXCLUSION_REASONS) == 5 and "中央组织部组织局" in EXCLUSION_SOURCE
    months = MEETING_RULES.value("headcount_abroad_months")
    assert any(f"出国（境）{months}个月以上" == r for r in EXCLUSION_REASONS)
    assert MEETING_RULES.rules["headcount_abroad_months"].article in EXCLUSION_SOURCE


@pytest.mark.parametrize("n", [1, 2, 3, 4, 9, 10])
def test_probationary_and_disciplined_members_attend_without_a_vote(n) -> None:
    """预备党员 and members under 留党察看 are 应到 but not 应到有表决权 (党章第七条、第四十条)."""
    people = branch(n, probationary=2)
    roll = roll_call(MeetingKind.GENERAL, people, DAY, without_vote={1})
    assert len(roll.expected) == n + 2
    assert roll.voters == frozenset(range(2, n + 1))
    assert roll.no_vote_reason(1) == "受留党察看处分" and roll.no_vote_reason(101) == "预备党员"
    everyone = [Attendee(i, can_vote=i in roll.voters) for i in roll.expected]
    q = quorum(everyone, roll)
    assert (q.should_attend, q.present) == (n - 1, n - 1)
    assert roll_problems(general(everyone), roll) == []
    marked = [Attendee(i, can_vote=True) for i in roll.expected]  # 1 marked as voting
    assert any("受留党察看处分，没有表决权" in p for p in roll_problems(general(marked), roll))


def test_a_full_member_cannot_be_marked_without_a_vote() -> None:
    roll = roll_call(MeetingKind.GENERAL, branch(3), DAY)
    m = general([Attendee(1, can_vote=False), *listed([2, 3])])
    [problem] = roll_problems(m, roll)
    assert "党员1" in problem and "不能标为无表决权" in problem


# the roster as it was on the day ------------------------------------------------------------
def test_the_roster_on_the_day_from_joining_leaving_and_transfers() -> None:
    people = [
        Member("老", Stage.FULL, id=1, joined_on=LONG_AGO),
        Member("新", Stage.PROBATIONARY, id=2, joined_on=date(2026, 7, 1)),  # joined later
        Member("当天入", Stage.PROBATIONARY, id=3, joined_on=DAY),  # the admission meeting
        Member(
            "已转出",
            Stage.FULL,
            id=4,
            joined_on=LONG_AGO,
            left_on=date(2026, 3, 1),
            left_reason=LeaveReason.TRANSFERRED,
        ),
        Member(
            "后转出",
            Stage.FULL,
            id=5,
            joined_on=LONG_AGO,
            left_on=date(2026, 9, 1),
            left_reason=LeaveReason.TRANSFERRED,
        ),
        Member("后转入", Stage.FULL, id=6, joined_on=LONG_AGO),
        Member("转出又转回", Stage.FULL, id=7, joined_on=LONG_AGO),
        Member("积极分子", Stage.ACTIVIST, id=8),
        Member("当天离开", Stage.PROBATIONARY, id=9, joined_on=date(2026, 1, 1)).replace(
            left_on=DAY, left_reason=LeaveReason.CANCELLED
        ),
    ]
    moves = {
        6: [(date(2026, 8, 1), True)],
        7: [(date(2026, 4, 1), False), (date(2026, 7, 1), True)],
    }
    roll = roll_call(MeetingKind.GENERAL, people, DAY, moves=moves)
    assert roll.expected == (1, 5)
    assert roll.allowed == frozenset({1, 3, 5, 9})  # who joined or left that day may be listed
    before = roll_call(MeetingKind.GENERAL, people, date(2026, 2, 1), moves=moves)
    assert before.expected == (1, 4, 5, 7, 9)
    later = roll_call(MeetingKind.GENERAL, people, date(2026, 10, 1), moves=moves)
    assert later.expected == (1, 2, 3, 6, 7)
    m = general(listed([1, 5, 2, 8]))
    [stranger] = [p for p in roll_problems(m, roll) if "不是本支部的党员" in p]
    assert "新、积极分子 在 2026-06-10 不是本支部的党员" in stranger and "列席" in stranger


@pytest.mark.parametrize(
    ("kind", "group", "ids"),
    [
        (MeetingKind.GENERAL, "", (1, 2, 3, 4)),
        (MeetingKind.LECTURE, "", (1, 2, 3, 4)),
        (MeetingKind.THEME_DAY, "", (1, 2, 3, 4)),
        (MeetingKind.LIFE, "", (1, 2, 3, 4)),
        (MeetingKind.COMMITTEE, "", (1, 2)),
        (MeetingKind.GROUP, "一组", (1, 3)),
        (MeetingKind.GROUP, "二组", (2, 4)),
    ],
)
def test_who_is_expected_by_kind(kind, group, ids) -> None:
    people = [
        Member("书记甲", Stage.FULL, id=1, party_post="书记", group="一组"),
        Member("委员乙", Stage.FULL, id=2, party_post="组织委员", group="二组"),
        Member("党员丙", Stage.FULL, id=3, group="一组"),
        Member("预备丁", Stage.PROBATIONARY, id=4, group="二组"),
        Member("积极戊", Stage.ACTIVIST, id=5, group="一组"),
    ]
    roll = roll_call(kind, people, DAY, group)
    assert roll.expected == ids
    # an invited Party member on a committee's or a group's list is allowed; nobody left off
    extra = [i for i in (3, 4) if i not in ids][:1]
    everyone = listed([*ids, *extra])
    assert roll_problems(Meeting(kind, DAY, group=group, attendees=everyone), roll) == []


# 党小组会 per group, frequencies, the committee -----------------------------------------------
def test_each_group_holds_its_own_and_one_groups_meeting_does_not_count_for_another() -> None:
    held = [Held(date(2026, 5, 12), frozenset({MeetingKind.GROUP}), "第一党小组")]
    found = compliance(
        held,
        2026,
        date(2026, 5, 31),
        {MeetingKind.GROUP: "month"},
        groups=["第一党小组", "第二党小组"],
    )
    may = {r.name: r.met for r in found if r.period.label == "2026年5月"}
    assert may == {"党小组会（第一党小组）": True, "党小组会（第二党小组）": False}
    assert len(found) == 10  # five months, two groups
    # without groups the branch is not asked for 党小组会 at all
    assert compliance(held, 2026, date(2026, 5, 31), {MeetingKind.GROUP: "month"}, groups=[]) == []


def test_the_groups_are_those_of_active_party_members() -> None:
    people = [
        Member("甲", Stage.FULL, id=1, group="第二党小组"),
        Member("乙", Stage.FULL, id=2, group=" 第一党小组 "),
        Member("丙", Stage.ACTIVIST, id=3, group="第三党小组"),
        Member("丁", Stage.FULL, id=4, group="第四党小组", left_reason=LeaveReason.DECEASED),
        Member("戊", Stage.FULL, id=5),
    ]
    assert party_groups(people) == ["第一党小组", "第二党小组"]
    assert party_groups(people[4:]) == []


def test_a_kind_set_to_not_required_is_not_asked_for() -> None:
    assert NOT_REQUIRED in FREQUENCIES
    frequency = {MeetingKind.LECTURE: NOT_REQUIRED, MeetingKind.LIFE: "year"}
    found = compliance([], 2026, date(2026, 12, 31), frequency)
    assert {r.kind for r in found} == {MeetingKind.LIFE}


@pytest.mark.parametrize(
    ("full", "probationary", "post", "expected"),
    [
        (5, 3, "", None),  # a branch of 5 full members: no committee expected (不设支委会)
        (6, 2, "", None),
        (7, 0, "", 7),  # 7 full members and nobody holds a 党内职务: a reminder
        (10, 1, "", 10),
        (10, 0, "书记", None),  # a committee is recorded
    ],
)
def test_a_committee_is_expected_from_seven_full_members(full, probationary, post, expected):
    people = branch(full, probationary)
    people[0] = people[0].replace(party_post=post)
    assert committee_missing(people) == expected
    assert MEETING_RULES.value("committee_min_full_members") == 7
    assert "7人以上" in MEETING_RULES.cite("committee_min_full_members")


# the 书记's 党课 ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("刘建华", {"刘建华"}),
        ("刘建华书记", {"刘建华"}),
        ("刘建华（书记）", {"刘建华"}),
        ("王志强、刘建华", {"王志强", "刘建华"}),
        ("刘建华副书记", {"刘建华"}),
        ("", set()),
    ],
)
def test_names_in_a_lecturer_or_host_field(text, names) -> None:
    assert names_in(text) == names


def test_the_secretarys_lectures_are_found_by_the_lecturer() -> None:
    meetings = [
        Meeting(MeetingKind.LECTURE, date(2026, 3, 1), lecturer="刘建华书记"),
        Meeting(MeetingKind.LECTURE, date(2026, 4, 1), lecturer="刘建"),
        Meeting(MeetingKind.GENERAL, date(2026, 5, 1), lecturer="刘建华"),  # not a 党课
        Meeting(MeetingKind.LECTURE, date(2025, 5, 1), lecturer="刘建华"),  # last year
    ]
    assert lectures_by(meetings, "刘建华", 2026) == [date(2026, 3, 1)]
    assert lectures_by(meetings, "刘建", 2026) == [date(2026, 4, 1)]  # a name, not a prefix
    assert lectures_by(meetings, "王志强", 2026) == []
    assert MEETING_RULES.value("secretary_lectures_per_year") == 1


# host and recorder ------------------------------------------------------------------------
NAMES = {1: "刘建华", 2: "陈秀英", 3: "王志强"}


@pytest.mark.parametrize(
    ("host_presence", "recorder_presence", "refused"),
    [
        (P, P, []),
        (L, P, ["主持人刘建华在应到人员中标为“请假”"]),
        (P, A, ["记录人陈秀英在应到人员中标为“缺席”"]),
        (L, A, ["主持人刘建华", "记录人陈秀英"]),
    ],
)
def test_the_host_and_the_recorder_are_present(host_presence, recorder_presence, refused) -> None:
    m = general(
        [Attendee(1, host_presence), Attendee(2, recorder_presence), Attendee(3, L)],
        host="刘建华",
        recorder="陈秀英",
    )
    problems = officer_problems(m, NAMES)
    assert len(problems) == len(refused)
    for text, problem in zip(refused, problems, strict=True):
        assert problem.startswith(text) and "主持人和记录人应当出席会议" in problem


def test_a_host_not_on_the_list_or_excluded() -> None:
    m = general([Attendee(3, L)], host="镇党委组织委员", recorder="王志强书记")
    [problem] = officer_problems(m, NAMES)  # the township's host is on no list: nothing to say
    assert problem == (
        "记录人王志强在应到人员中标为“请假”：主持人和记录人应当出席会议。"
        "请把王志强改为出席，或把记录人改为实际记录会议的人。"
    )
    abroad = Attendee(1, excluded=True, excluded_reason=EXCLUSION_REASONS[1])
    [problem] = officer_problems(general([abroad], host="刘建华"), NAMES)
    assert "主持人刘建华在应到人员中标为“不计入应到”" in problem


# 取消预备党员资格 ------------------------------------------------------------------------------
def test_cancelling_a_probationary_members_qualification_is_a_vote_kind() -> None:
    assert vote_on(-1) is VoteOn.CANCEL and vote_on(15) is VoteOn.ADMIT and vote_on(7) is None
    assert VoteOn.CANCEL.matter("谢婷") == "取消谢婷的预备党员资格"
    assert "章程》第七条" in VoteOn.CANCEL.basis
    vote = Vote("取消谢婷的预备党员资格", yes=3, member_id=2, step=VoteOn.CANCEL)
    probationary = Member("谢婷", Stage.PROBATIONARY, id=2, joined_on=date(2026, 1, 1))
    assert vote_subject_problems(vote, probationary, DAY) == []
    full = Member("黄伟", Stage.FULL, id=3)
    [problem] = vote_subject_problems(vote, full, DAY)
    assert "只有预备党员才能被取消预备党员资格" in problem and "第七条" in problem
    assert vote_subject_problems(vote, None, DAY) == [
        "取消预备党员资格的表决要选择是哪一位预备党员。"
    ]
    # recorded by this very meeting: editing it again is not refused
    gone = probationary.replace(left_on=DAY, left_reason=LeaveReason.CANCELLED)
    assert vote_subject_problems(vote, gone, DAY) == []


def test_a_vote_about_a_person_belongs_to_a_general_meeting() -> None:
    vote = Vote("取消谢婷的预备党员资格", yes=3, member_id=2, step=VoteOn.CANCEL)
    m = Meeting(MeetingKind.COMMITTEE, DAY, attendees=listed([1, 2, 3]), votes=[vote])
    assert any("须由支部党员大会讨论表决" in p for p in check_meeting(m, TODAY))
