"""党费 rules without a database: brackets at every boundary, fixed sums, rounding, the months a
member owes, 补交 limits and the runs of unpaid months."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from partybook.domain.dues import (
    Assessment,
    Category,
    DuesSettings,
    Kind,
    Payment,
    Rounding,
    State,
    check_assessment,
    check_farmer_fen,
    check_payment,
    dues_row_pairs,
    dues_rows,
    dues_warning,
    member_dues,
    monthly_fen,
    owed_months,
    parse_yuan,
    rate_for,
    rate_text,
    rounded,
    unpaid_run,
    yuan_text,
)
from partybook.domain.errors import InvalidValue
from partybook.domain.members import LeaveReason, Member, Stage

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("base", "rate", "monthly"),
    [
        ("0.01", "0.5%", "0.00"),
        ("2999.99", "0.5%", "15.00"),
        ("3000.00", "0.5%", "15.00"),
        ("3000.01", "1%", "30.00"),
        ("4999.99", "1%", "50.00"),
        ("5000", "1%", "50.00"),
        ("5000.01", "1.5%", "75.00"),
        ("10000", "1.5%", "150.00"),
        ("10000.01", "2%", "200.00"),
        ("12345.67", "2%", "246.91"),
    ],
)
def test_in_service_brackets_include_their_upper_bound(base, rate, monthly) -> None:
    fen = parse_yuan(base)
    assert rate_text(rate_for(Category.EMPLOYED, fen)) == rate
    assert yuan_text(monthly_fen(Category.EMPLOYED, fen)) == monthly


@pytest.mark.parametrize(
    ("base", "rate", "monthly"),
    [
        ("3000", "0.5%", "15.00"),
        ("5000.00", "0.5%", "25.00"),
        ("5000.01", "1%", "50.00"),
        ("12000", "1%", "120.00"),
    ],
)
def test_retired_members_pay_on_their_pension(base, rate, monthly) -> None:
    fen = parse_yuan(base)
    assert rate_text(rate_for(Category.RETIRED, fen)) == rate
    assert yuan_text(monthly_fen(Category.RETIRED, fen)) == monthly


def test_no_income_and_farmers_pay_a_fixed_sum_that_is_never_rounded_away() -> None:
    yuan = DuesSettings(rounding=Rounding.YUAN)
    assert monthly_fen(Category.NO_INCOME, 0, yuan) == 20
    assert rate_for(Category.NO_INCOME, 0) is None and rate_text(None) == "定额"
    assert monthly_fen(Category.FARMER, 0) == 20
    assert monthly_fen(Category.FARMER, 0, DuesSettings(farmer_fen=50)) == 50
    check_farmer_fen(100)
    with pytest.raises(InvalidValue, match="0.20 至 1.00 元"):
        check_farmer_fen(101)
    with pytest.raises(InvalidValue):
        check_farmer_fen(19)


@pytest.mark.parametrize(
    ("exact", "rounding", "fen"),
    [
        ("617.28", Rounding.FEN, 617),
        ("617.5", Rounding.FEN, 618),  # half up
        ("617.28", Rounding.JIAO, 620),
        ("614.99", Rounding.JIAO, 610),
        ("615", Rounding.JIAO, 620),
        ("1450", Rounding.YUAN, 1500),
        ("1449.99", Rounding.YUAN, 1400),
    ],
)
def test_rounding_is_half_up_to_the_unit_the_township_uses(exact, rounding, fen) -> None:
    assert rounded(Decimal(exact), rounding) == fen


def test_monthly_amounts_follow_the_rounding_setting() -> None:
    base = parse_yuan("1234.56")  # 0.5% = 6.1728 元
    assert monthly_fen(Category.EMPLOYED, base) == 617
    assert monthly_fen(Category.EMPLOYED, base, DuesSettings(Rounding.JIAO)) == 620
    assert monthly_fen(Category.EMPLOYED, base, DuesSettings(Rounding.YUAN)) == 600


@pytest.mark.parametrize("text", ["abc", "-5", "12.345", "", "nan"])
def test_amounts_that_are_not_money_are_refused(text) -> None:
    with pytest.raises(InvalidValue):
        parse_yuan(text)


def test_amounts_are_read_as_a_teacher_writes_them() -> None:
    assert parse_yuan("3,000.5元") == 300050
    assert parse_yuan(" 4500 ") == 450000
    assert yuan_text(5) == "0.05" and yuan_text(123456) == "1234.56"


def test_assessment_checks() -> None:
    assert check_assessment(Assessment(1, 2026, Category.EMPLOYED, 450000)) == []
    assert "月工资收入" in check_assessment(Assessment(1, 2026, Category.EMPLOYED, 0))[0]
    assert "离退休费" in check_assessment(Assessment(1, 2026, Category.RETIRED, 0))[0]
    assert "定额" in check_assessment(Assessment(1, 2026, Category.FARMER, 100))[0]


# the months owed ---------------------------------------------------------------------
def _m(**kw) -> Member:
    return Member(name="甲", id=1, **kw)


def test_a_full_member_of_earlier_years_owes_every_month() -> None:
    assert owed_months(_m(joined_on=date(2010, 5, 1)), 2026) == tuple(range(1, 13))


def test_a_probationary_member_pays_from_the_month_of_the_admission_meeting() -> None:
    m = _m(stage=Stage.PROBATIONARY, joined_on=date(2026, 5, 31))
    assert owed_months(m, 2026) == tuple(range(5, 13))
    assert owed_months(m, 2025) == ()
    assert owed_months(m, 2027) == tuple(range(1, 13))


def test_people_not_yet_members_owe_nothing() -> None:
    assert owed_months(_m(stage=Stage.CANDIDATE), 2026) == ()


def test_a_member_who_left_stops_after_the_month_they_left() -> None:
    m = _m(joined_on=date(2000, 1, 1), left_on=date(2026, 3, 1), left_reason=LeaveReason.DECEASED)
    assert owed_months(m, 2026) == (1, 2, 3)
    assert owed_months(m, 2027) == ()


def test_a_member_who_came_by_transfer_pays_from_that_month() -> None:
    m = _m(joined_on=date(2001, 7, 1))
    assert owed_months(m, 2026, first_month=9) == (9, 10, 11, 12)


# the grid ------------------------------------------------------------------------------
def _pay(month: int, on: date, fen: int = 1500, year: int = 2026) -> Payment:
    return Payment(1, year, month, fen, on)


def test_the_grid_of_a_year() -> None:
    m = _m(stage=Stage.PROBATIONARY, joined_on=date(2026, 3, 10))
    base = Assessment(1, 2026, Category.EMPLOYED, 300000)
    paid = [_pay(3, date(2026, 3, 20)), _pay(4, date(2026, 6, 1))]
    row = member_dues(m, 2026, [base], paid, TODAY)
    states = [c.state for c in row.cells]
    assert states[:2] == [State.NOT_DUE, State.NOT_DUE]
    assert states[2:4] == [State.PAID, State.PAID]
    assert states[4:10] == [State.UNPAID] * 6
    assert states[10] is State.PENDING and states[11] is State.FUTURE
    assert row.paid_fen == 3000 and row.unpaid == (5, 6, 7, 8, 9, 10)
    assert row.unpaid_fen == 9000 and row.monthly == 1500 and rate_text(row.rate_bp) == "0.5%"
    assert row.cell(3).payment.kind is Kind.ON_TIME and row.cell(4).payment.kind is Kind.BACK


def test_a_change_mid_year_applies_from_its_month() -> None:
    m = _m(joined_on=date(2000, 1, 1))
    first = Assessment(1, 2026, Category.EMPLOYED, 300000)
    change = Assessment(1, 2026, Category.RETIRED, 400000, from_month=7, reason="7月退休")
    row = member_dues(m, 2026, [change, first], [], TODAY)
    assert row.cell(6).due_fen == 1500 and row.cell(7).due_fen == 2000
    assert row.assessment == change and row.changes == (first, change)


def test_without_a_base_the_months_show_not_assessed() -> None:
    row = member_dues(_m(joined_on=date(2000, 1, 1)), 2026, [], [], TODAY)
    assert {c.state for c in row.cells} == {State.NO_BASE}
    assert row.unpaid == ()


# payments: ahead, on time, back, and the 6-month limit -----------------------------------
def test_the_kind_of_a_payment_comes_from_its_day() -> None:
    assert _pay(11, date(2026, 11, 1)).kind is Kind.ON_TIME
    assert _pay(12, date(2026, 11, 1)).kind is Kind.AHEAD
    assert _pay(5, date(2026, 11, 1)).kind is Kind.BACK
    assert _pay(12, date(2027, 1, 5), year=2026).kind is Kind.BACK
    assert _pay(5, date(2026, 11, 1)).months_late == 6


@pytest.mark.parametrize(
    ("year", "month", "ok"),
    [(2026, 5, True), (2026, 4, False), (2026, 11, True), (2027, 3, True), (2025, 12, False)],
)
def test_back_pay_goes_at_most_six_months_back(year, month, ok) -> None:
    problems = check_payment(year, month, TODAY, TODAY)
    assert (problems == []) is ok
    if not ok:
        assert "超过了补交期限" in problems[0] and "6个月" in problems[0]


def test_payments_cannot_be_dated_in_the_future() -> None:
    assert "晚于今天" in check_payment(2026, 11, date(2026, 11, 23), TODAY)[0]


# runs of unpaid months ---------------------------------------------------------------
def _row_unpaid_from(first_unpaid: int):
    """A member who paid every month before `first_unpaid` and nothing since (to October)."""
    m = _m(joined_on=date(2000, 1, 1))
    base = Assessment(1, 2026, Category.EMPLOYED, 300000)
    paid = [_pay(month, date(2026, month, 5)) for month in range(1, first_unpaid)]
    return member_dues(m, 2026, [base], paid, TODAY)


@pytest.mark.parametrize(
    ("run", "level", "words"),
    [
        (1, "behind", "欠交党费 1 个月（10月）"),
        (2, "behind", "欠交党费 2 个月（9月、10月），共 30.00 元"),
        (3, "early", "已连续 3 个月未交党费，请提醒补交"),
        (4, "early", "已连续 4 个月"),
        (5, "strong", "再满 1 个月且没有正当理由，按党章将被认为是自行脱党"),
        (6, "leave", "已连续 6 个月未交党费：没有正当理由的，按党章被认为是自行脱党"),
        (8, "leave", "欠交党费 8 个月"),
    ],
)
def test_warnings_grow_with_the_run_of_unpaid_months(run, level, words) -> None:
    row = _row_unpaid_from(11 - run)
    assert unpaid_run(row.cells) == run
    w = dues_warning([(2026, m) for m in row.unpaid], run, row.unpaid_fen)
    assert w is not None and w.level == level and words in w.title
    # 自行脱党 is 党章第九条 (第三十八条 is about cadres' posts: issue 20)
    assert (
        "《中国共产党章程》第九条" in w.basis and "第三十八条" not in w.basis
    ) or level == "behind"


def test_a_paid_month_ends_the_run() -> None:
    m = _m(joined_on=date(2000, 1, 1))
    base = Assessment(1, 2026, Category.EMPLOYED, 300000)
    paid = [_pay(month, date(2026, month, 5)) for month in (1, 2, 7)]
    row = member_dues(m, 2026, [base], paid, TODAY)
    assert row.unpaid == (3, 4, 5, 6, 8, 9, 10)
    assert unpaid_run(row.cells) == 3  # 8–10; 3–6 are before the paid July
    w = dues_warning([(2026, x) for x in row.unpaid], 3, row.unpaid_fen)
    assert w.level == "early" and "欠交党费 7 个月" in w.title


def test_the_run_continues_across_the_new_year() -> None:
    m = _m(joined_on=date(2000, 1, 1))
    base25 = Assessment(1, 2025, Category.EMPLOYED, 300000)
    base26 = Assessment(1, 2026, Category.EMPLOYED, 300000)
    day = date(2026, 3, 10)
    paid = [_pay(x, date(2025, x, 5), year=2025) for x in range(1, 11)]
    last = member_dues(m, 2025, [base25], paid, day)
    this = member_dues(m, 2026, [base26], [], day)
    assert unpaid_run(last.cells + this.cells) == 4  # Nov, Dec, Jan, Feb
    w = dues_warning([(2025, 11), (2025, 12), (2026, 1), (2026, 2)], 4, 6000)
    assert "2025年11月、2025年12月、1月、2月" in w.title


def test_nothing_unpaid_means_no_warning() -> None:
    assert dues_warning([], 0, 0) is None


# two years, member by member --------------------------------------------------------------
def _roster_of_two_years(seed: int):
    """A random roster with bases and payments over 2025 and 2026: joined or left in either
    year, people not yet members, members without a base, ids not in roster order."""
    import random

    rnd = random.Random(seed)
    members, bases, paid = [], {2025: [], 2026: []}, {2025: [], 2026: []}
    for i in rnd.sample(range(1, 400), 60):
        stage = rnd.choice([Stage.FULL] * 5 + [Stage.PROBATIONARY, Stage.CANDIDATE])
        joined = date(rnd.choice([2010, 2025, 2026]), rnd.randint(1, 12), 1)
        left = rnd.random() < 0.2
        members.append(
            Member(
                name=f"甲{i}",
                id=i,
                stage=stage,
                joined_on=joined,
                left_on=date(rnd.choice([2025, 2026]), rnd.randint(1, 12), 1) if left else None,
                left_reason=LeaveReason.DECEASED if left else None,
            )
        )
        for year in (2025, 2026):
            if rnd.random() < 0.8:
                bases[year].append(
                    Assessment(i, year, Category.EMPLOYED, rnd.randint(1, 9) * 100000)
                )
                if rnd.random() < 0.3:  # a change from July
                    base = rnd.randint(1, 9) * 100000
                    bases[year].append(
                        Assessment(i, year, Category.RETIRED, base, from_month=7, reason="退休")
                    )
            months = rnd.sample(range(1, 13), rnd.randint(0, 12))
            paid[year] += [Payment(i, year, m, 1500, date(year, m, 5)) for m in months]
    members.append(
        Member(name="新党员", id=400, stage=Stage.PROBATIONARY, joined_on=date(2026, 3, 1))
    )
    bases[2026].append(Assessment(400, 2026, Category.EMPLOYED, 300000))
    for year in paid:  # as the store streams them: by member id, then month
        paid[year].sort(key=lambda p: (p.member_id, p.month))
        bases[year].sort(key=lambda a: (a.member_id, a.from_month))
    return members, bases, paid


@pytest.mark.parametrize("seed", range(5))
def test_row_pairs_are_the_rows_of_both_years_member_by_member(seed) -> None:
    members, bases, paid = _roster_of_two_years(seed)
    now = {r.member.id: r for r in dues_rows(members, 2026, bases[2026], paid[2026], TODAY)}
    then = {r.member.id: r for r in dues_rows(members, 2025, bases[2025], paid[2025], TODAY)}
    pairs = list(
        dues_row_pairs(
            members,
            2026,
            (iter(bases[2025]), iter(bases[2026])),  # by member id, as the store streams them
            (iter(paid[2025]), iter(paid[2026])),  # one pass each, as from a cursor
            TODAY,
        )
    )
    assert [row.member.id for _, row in pairs] == sorted(now)
    for before, row in pairs:
        assert row == now[row.member.id]
        assert before == then.get(row.member.id)
    assert any(before is None for before, _ in pairs)  # 新党员 owed nothing in 2025
    assert any(before is not None for before, _ in pairs)


@pytest.mark.parametrize("seed", range(5))
def test_the_grid_lists_everyone_with_a_month_owed_or_paid(seed) -> None:
    """dues_rows() passes over people it knows owe nothing (not members, nothing paid) without
    working out their months: the rows are still every member_dues() with a month not NOT_DUE."""
    members, bases, paid = _roster_of_two_years(seed)
    members += [
        Member(name="申请人甲", id=401, stage=Stage.APPLICANT),
        Member(name="申请人乙", id=402, stage=Stage.ACTIVIST),  # paid by mistake: still shown
    ]
    paid[2026].append(Payment(402, 2026, 3, 1500, date(2026, 3, 5)))
    rows = dues_rows(members, 2026, bases[2026], paid[2026], TODAY)
    every = [member_dues(m, 2026, bases[2026], paid[2026], TODAY) for m in members]
    assert rows == [r for r in every if any(c.state is not State.NOT_DUE for c in r.cells)]
    assert 402 in {r.member.id for r in rows} and 401 not in {r.member.id for r in rows}
    pairs = dues_row_pairs(
        sorted(members, key=lambda m: m.id),
        2026,
        (iter(bases[2025]), iter(bases[2026])),
        (iter(paid[2025]), iter(sorted(paid[2026], key=lambda p: (p.member_id, p.month)))),
        TODAY,
    )
    assert [row for _, row in pairs] == sorted(rows, key=lambda r: r.member.id)
