"""Study hours: totals, the role-dependent requirement, pro-rata targets, joining and leaving."""

from datetime import date

import pytest

from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.rules import STUDY_RULES
from partybook.domain.study import (
    Session,
    StudySettings,
    Window,
    check_session,
    member_hours,
    window,
)

TODAY = date(2026, 11, 22)
S = StudySettings()


def _m(id, **kw):
    kw.setdefault("joined_on", date(2000, 7, 1))
    return Member(name=f"党员{id}", id=id, **kw)


def _row(member, sessions, on, year=2026, settings=S):
    (row,) = member_hours([member], sessions, year, on, settings)
    return row


def test_the_requirement_comes_from_the_2019_rules_and_depends_on_the_post():
    assert STUDY_RULES.value("member_hours") == 32
    assert STUDY_RULES.value("leader_hours") == 56
    assert S.requirement(_m(1)) == 32
    assert S.requirement(_m(1, party_post="组织委员")) == 56
    assert _row(_m(1, party_post="书记"), [], date(2026, 12, 31)).requirement == 56


def test_totals_count_sessions_and_personal_study_of_the_year_only():
    sessions = [
        Session(date(2026, 3, 5), "学习党章", "集中学习", 2, id=1, participants=(1, 2)),
        Session(date(2026, 4, 9), "党课", "专题党课", 1.5, id=2, participants=(1,)),
        Session(date(2026, 5, 1), "学习强国", "网络学习", 3, id=3, participants=(1,), member_id=1),
        Session(date(2025, 12, 30), "去年的", "集中学习", 4, id=4, participants=(1,)),
        Session(date(2026, 6, 1), "别人的", "集中学习", 4, id=5, participants=(2,)),
    ]
    row = _row(_m(1), sessions, TODAY)
    assert row.hours == 6.5
    assert row.sessions == 2
    assert row.personal_hours == 3
    assert row.entries == (1, 2, 3)


@pytest.mark.parametrize(
    ("on", "target"),
    [
        (date(2026, 1, 1), 0),
        (date(2026, 1, 30), 0),
        (date(2026, 1, 31), 32 / 12),
        (date(2026, 6, 29), 32 * 5 / 12),
        (date(2026, 6, 30), 16),  # "by 30 June they should have about 16"
        (date(2026, 12, 30), 32 * 11 / 12),
        (date(2026, 12, 31), 32),
        (date(2027, 3, 1), 32),  # a past year: the whole requirement
        (date(2025, 12, 31), 0),  # a year not begun
    ],
)
def test_the_target_grows_month_by_month(on, target):
    assert _row(_m(1), [], on).target == pytest.approx(target, abs=0.01)


def test_behind_means_below_the_target_of_the_day_and_shows_the_shortfall():
    sessions = [Session(date(2026, 2, 1), "学习", "集中学习", 15.5, id=1, participants=(1,))]
    assert not _row(_m(1), sessions, date(2026, 5, 31)).behind  # target 13.33
    row = _row(_m(1), sessions, date(2026, 6, 30))  # target 16
    assert row.behind
    assert row.shortfall == 0.5
    leader = _row(_m(1, party_post="书记"), sessions, date(2026, 6, 30))
    assert leader.target == 28 and leader.shortfall == 12.5


def test_a_member_who_joined_mid_year_is_counted_from_the_month_of_joining():
    newcomer = _m(1, stage=Stage.PROBATIONARY, joined_on=date(2026, 3, 15))
    assert window(newcomer, 2026).start == date(2026, 3, 1)
    early = Session(date(2026, 2, 10), "入党前的学习", "集中学习", 4, id=1, participants=(1,))
    later = Session(date(2026, 3, 20), "学习", "集中学习", 2, id=2, participants=(1,))
    row = _row(newcomer, [early, later], date(2026, 6, 30))
    assert row.requirement == pytest.approx(32 * 10 / 12, abs=0.01)
    assert row.target == pytest.approx(32 * 4 / 12, abs=0.01)  # March to June
    assert row.hours == 2  # study before joining does not count
    assert member_hours([newcomer], [], 2025, date(2026, 6, 30), S) == []  # not a member then


def test_a_member_who_left_is_counted_to_the_day_of_leaving_and_never_flagged():
    gone = _m(1, left_on=date(2026, 3, 10), left_reason=LeaveReason.TRANSFERRED)
    after = Session(date(2026, 4, 1), "转出以后", "集中学习", 2, id=1, participants=(1,))
    row = _row(gone, [after], TODAY)
    assert row.requirement == 8  # January to March
    assert row.target == 8
    assert row.hours == 0
    assert row.shortfall == 8
    assert not row.behind  # gone: nothing to chase
    assert member_hours([gone], [], 2027, TODAY, S) == []


def test_people_not_yet_members_have_no_requirement():
    assert window(_m(1, stage=Stage.ACTIVIST, joined_on=None), 2026) is None


def test_settings_change_the_requirement():
    row = _row(_m(1), [], date(2026, 12, 31), settings=StudySettings(member_hours=40))
    assert row.requirement == 40


def test_check_session_refuses_what_cannot_be_right():
    ok = Session(date(2026, 11, 1), "学习", "集中学习", 1.5, participants=(1,))
    assert check_session(ok, TODAY) == []
    assert (
        "晚于今天"
        in check_session(Session(date(2026, 11, 23), "学习", "自学", 1, participants=(1,)), TODAY)[
            0
        ]
    )
    assert (
        "0.5 到"
        in check_session(Session(date(2026, 11, 1), "学习", "自学", -1, participants=(1,)), TODAY)[
            0
        ]
    )
    assert (
        "0.5 到"
        in check_session(Session(date(2026, 11, 1), "学习", "自学", 0, participants=(1,)), TODAY)[0]
    )
    assert (
        "半小时"
        in check_session(
            Session(date(2026, 11, 1), "学习", "自学", 1.25, participants=(1,)), TODAY
        )[0]
    )
    assert "勾选" in check_session(Session(date(2026, 11, 1), "学习", "自学", 1), TODAY)[0]
    assert (
        "主题"
        in check_session(Session(date(2026, 11, 1), " ", "自学", 1, participants=(1,)), TODAY)[0]
    )
    mixed = Session(date(2026, 11, 1), "学习", "自学", 1, participants=(1, 2), member_id=1)
    assert "只属于一名党员" in check_session(mixed, TODAY)[0]


def _months_done_by_counting(w, on):
    """The month-by-month count months_done replaced: a month counts from its last day."""
    import calendar

    done, year, month = 0, w.start.year, w.start.month
    for _ in range(w.months):
        if date(year, month, calendar.monthrange(year, month)[1]) <= on:
            done += 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return done


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 1, 1), date(2026, 12, 31)),
        (date(2026, 3, 1), date(2026, 12, 31)),
        (date(2026, 1, 1), date(2026, 6, 15)),
        (date(2026, 2, 1), date(2026, 2, 10)),
    ],
)
@pytest.mark.parametrize(
    "on",
    [
        date(2025, 12, 31),
        date(2026, 1, 30),
        date(2026, 1, 31),
        date(2026, 2, 27),
        date(2026, 2, 28),
        date(2026, 6, 14),
        date(2026, 6, 30),
        date(2026, 11, 22),
        date(2026, 12, 31),
        date(2027, 1, 1),
    ],
)
def test_months_done_counts_the_months_over_on_the_day(start, end, on) -> None:
    w = Window(start, end)
    assert w.months_done(on) == _months_done_by_counting(w, on)
