"""Issue 20, who pays and who studies: dues from the admitting 支部大会 (not the approval), the
自行脱党 warning quoting 党章第九条, study pro-rated from a transfer in and counted from the
day someone joined, and self-study counted or not as the branch's setting says."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from partybook.book import Book
from partybook.domain.dues import Assessment, Category, State, owed_months, pays_dues
from partybook.domain.members import Member, Stage
from partybook.domain.pipeline import Event, Kind
from partybook.domain.study import Session, StudySettings, member_hours, window
from partybook.domain.transfers import Direction, Transfer


def _book(tmp_path, now: datetime) -> Book:
    return Book.open(tmp_path / "b.sqlite", clock=lambda: now)


# dues between admission and approval ------------------------------------------------------
@pytest.mark.parametrize(
    "stage, admitted, pays",
    [
        (Stage.CANDIDATE, date(2026, 1, 15), True),  # admitted, approval awaited
        (Stage.CANDIDATE, None, False),
        (Stage.ACTIVIST, None, False),
        (Stage.PROBATIONARY, None, True),
        (Stage.FULL, None, True),
    ],
)
def test_who_pays_dues(stage, admitted, pays) -> None:
    assert pays_dues(Member("甲", stage), admitted) is pays


def test_dues_are_owed_from_the_admitting_meetings_month() -> None:
    m = Member("钱", Stage.CANDIDATE)
    assert owed_months(m, 2026, admitted=date(2026, 1, 15)) == tuple(range(1, 13))
    assert owed_months(m, 2026, admitted=date(2026, 3, 31)) == tuple(range(3, 13))
    assert owed_months(m, 2025, admitted=date(2026, 3, 31)) == ()
    assert owed_months(m, 2026) == ()


def test_admitted_in_january_approved_in_march_pays_from_january(tmp_path) -> None:
    """The 支部大会 admits 钱 on 2026-01-15, the upper committee approves on 2026-03-20. His
    base can be set and January and February paid before the approval; after it nothing about
    his dues changes and no month is 欠交 or flagged."""
    book = _book(tmp_path, datetime(2026, 2, 25, 9))
    full = [book.members.add(Member(n, Stage.FULL)) for n in ("刘建华", "李国平")]
    qian = book.members.add(Member("钱多", Stage.CANDIDATE))
    for step, on in ((1, date(2024, 1, 5)), (3, date(2024, 3, 1)), (7, date(2025, 4, 1))):
        book.pipeline.record_event(Event(qian.id, Kind.STEP, on, step=step))
    book.pipeline.record_event(Event(qian.id, Kind.STEP, date(2026, 1, 15), step=15))
    assert book.members.get(qian.id).stage is Stage.CANDIDATE
    bases = [Assessment(m.id, 2026, Category.EMPLOYED, 400_000) for m in (*full, qian)]
    assert book.dues.set_bases(2026, bases) == 3  # his base is accepted before approval
    book.dues.pay(qian.id, 2026, [1, 2], date(2026, 2, 25))
    row = book.dues.row(qian.id, 2026)
    assert [c.state for c in row.cells[:2]] == [State.PAID, State.PAID]
    book.close(auto_backup=False)
    later = Book.open(tmp_path / "b.sqlite", clock=lambda: datetime(2026, 3, 25, 9))
    later.pipeline.record_event(Event(qian.id, Kind.STEP, date(2026, 3, 20), step=17))
    member = later.members.get(qian.id)
    assert member.stage is Stage.PROBATIONARY and member.joined_on == date(2026, 1, 15)
    row = later.dues.row(qian.id, 2026)
    assert [c.state for c in row.cells[:3]] == [State.PAID, State.PAID, State.PENDING]
    assert not [i for i in later.due_items() if i.kind == "dues" and i.member == "钱多"]
    later.close(auto_backup=False)


def test_the_dues_warning_quotes_article_nine(tmp_path) -> None:
    book = _book(tmp_path, datetime(2026, 11, 22, 9))
    m = book.members.add(Member("孙", Stage.FULL, joined_on=date(2000, 1, 1)))
    book.dues.set_bases(2026, [Assessment(m.id, 2026, Category.EMPLOYED, 400_000)])
    item = next(i for i in book.due_items() if i.kind == "dues")
    assert "《中国共产党章程》第九条" in item.basis and "第三十八条" not in item.basis
    assert "自行脱党" in item.title
    book.close(auto_backup=False)


# study ------------------------------------------------------------------------------------
def test_a_transfer_in_pro_rates_the_requirement_and_counts_from_that_day(tmp_path) -> None:
    """转入 on 2026-11-05, judged on 2026-12-31: the requirement is 32 × 2/12 = 5.33 (November
    and December), and a session on 11-01 (before he came) does not count, one on 11-10 does."""
    book = _book(tmp_path, datetime(2026, 12, 31, 18))
    others = book.members.add(Member("刘建华", Stage.FULL, joined_on=date(1998, 7, 1)))
    t, zhou = book.transfers.record_in(
        Transfer(Direction.IN, date(2026, 11, 5), "县城关第一小学党支部"),
        Member("周新来", Stage.FULL, joined_on=date(2010, 7, 1)),
    )
    for on, hours in ((date(2026, 11, 1), 3), (date(2026, 11, 10), 2)):
        book.study.save(Session(on, "学习", "集中学习", hours, participants=(others.id, zhou.id)))
    rows = {r.member.name: r for r in book.study.hours(2026)}
    assert (rows["周新来"].requirement, rows["周新来"].hours) == (5.33, 2)
    assert rows["周新来"].shortfall == 3.33  # not 32 behind
    assert (rows["刘建华"].requirement, rows["刘建华"].hours) == (32, 5)
    book.close(auto_backup=False)


@pytest.mark.parametrize(
    "joined, session_day, counted",
    [
        (date(2026, 6, 20), date(2026, 6, 10), False),  # the same month, before the day
        (date(2026, 6, 20), date(2026, 6, 20), True),
        (date(2026, 6, 20), date(2026, 6, 30), True),
        (date(2026, 1, 1), date(2026, 1, 1), True),
        (date(2025, 6, 20), date(2026, 1, 2), True),
    ],
)
def test_a_session_before_the_day_someone_joined_does_not_count(joined, session_day, counted):
    m = Member("新党员", Stage.PROBATIONARY, id=1, joined_on=joined)
    s = Session(session_day, "学习", "集中学习", 2, id=1, participants=(1,))
    [row] = member_hours([m], [s], 2026, date(2026, 12, 31), StudySettings())
    assert (row.hours == 2) is counted
    assert window(m, 2026).months == (12 - joined.month + 1 if joined.year == 2026 else 12)


def test_self_study_counts_unless_the_setting_says_otherwise() -> None:
    m = Member("甲", Stage.FULL, id=1)
    own = Session(date(2026, 3, 1), "自学", "自学", 4, id=1, participants=(1,), member_id=1)
    group = Session(date(2026, 3, 2), "学习", "集中学习", 2, id=2, participants=(1,))
    on = date(2026, 12, 31)
    [counted] = member_hours([m], [own, group], 2026, on, StudySettings())
    [apart] = member_hours([m], [own, group], 2026, on, StudySettings(count_personal=False))
    assert (counted.hours, counted.personal_hours) == (6, 4)
    assert (apart.hours, apart.personal_hours) == (2, 4)  # shown, not counted


def test_the_32_56_hours_are_attributed_to_the_training_plan() -> None:
    from partybook.domain.rules import STUDY_RULES

    for key in ("member_hours", "leader_hours"):
        assert "全国党员教育培训工作规划" in STUDY_RULES.cite(key)
        assert "集中学习培训" in STUDY_RULES.cite(key)
    assert "个人自学" in STUDY_RULES.note


# 放假安排 ---------------------------------------------------------------------------------
def test_an_entered_schedule_is_kept_and_used_by_the_due_list(tmp_path) -> None:
    from partybook.domain.errors import RuleViolation
    from partybook.domain.workdays import YearSchedule, parse_days

    book = _book(tmp_path, datetime(2027, 1, 10, 9))
    m = book.members.add(Member("钱多", Stage.PROBATIONARY))
    book.pipeline.record_event(Event(m.id, Kind.STEP, date(2026, 2, 19), step=15))

    def notice():
        return next(i for i in book.due_items() if i.title == "开始转正公示")

    assert notice().date == date(2027, 2, 12) and "周一至周五" in notice().basis
    spring = YearSchedule(
        2027, parse_days("2027-02-05至2027-02-11", 2027), parse_days("2027-02-14", 2027)
    )
    book.rules.save_schedule(spring, 2027)
    assert book.rules.schedules() == {2027: spring}
    assert notice().date == date(2027, 2, 14) and "按支部录入的放假安排" in notice().basis
    with pytest.raises(RuleViolation, match="调休上班日应是周六或周日"):
        book.rules.save_schedule(YearSchedule(2027, on=frozenset({date(2027, 2, 15)})), 2027)
    book.rules.save_schedule(None, 2027)
    assert book.rules.schedules() == {} and notice().date == date(2027, 2, 12)
    book.close(auto_backup=False)
