"""党费: the yearly base and rate of each member (年初核定), the months they owe, what they paid,
and the runs of unpaid months the rules warn about. Money is integer fen, never float."""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from partybook.domain.errors import InvalidValue
from partybook.domain.members import Member, Stage
from partybook.domain.opening import NO_OPENING, Opening
from partybook.domain.rules import DUES_RULES, RuleSet

MONTHS = tuple(range(1, 13))


class Category(enum.StrEnum):
    """How a member's dues are reckoned (the 2008 rules' groups)."""

    EMPLOYED = "在职"
    RETIRED = "离退休"
    NO_INCOME = "学生或无收入"
    FARMER = "农民"

    @property
    def has_base(self) -> bool:
        """In-service and retired members pay a share of an income; the others a fixed sum."""
        return self in (Category.EMPLOYED, Category.RETIRED)


class Rounding(enum.StrEnum):
    """To what the township rounds a monthly amount (half up, as people round by hand)."""

    FEN = "分"
    JIAO = "角"
    YUAN = "元"

    @property
    def fen(self) -> int:
        return {Rounding.FEN: 1, Rounding.JIAO: 10, Rounding.YUAN: 100}[self]


@dataclass(frozen=True)
class DuesSettings:
    """Local practice: the rounding, and what a 农民 member pays a month.

    The 2008 rules let 农民党员 pay 0.2 to 1 元 a month without fixing the sum; we are fairly
    sure of that range (it is in every public copy of the rules) but branches settle the sum
    locally, so it is a setting with the rules' lowest sum as default.
    """

    rounding: Rounding = Rounding.FEN
    farmer_fen: int = DUES_RULES.value("farmer_min_fen")


# money -------------------------------------------------------------------------------
def yuan_text(fen: int) -> str:
    """1550 → "15.50" (元, two decimals, as the sheets write money)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def parse_yuan(text: str) -> int:
    """ "3000", "3000.5", "3,000.01", "3000元" → fen; raises InvalidValue for anything else."""
    cleaned = str(text).strip().replace(",", "").replace("，", "").removesuffix("元").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidValue(f"“{text}”不是金额，请写成 3000 或 3000.50。") from None
    if not value.is_finite() or value < 0:
        raise InvalidValue(f"“{text}”不是金额，请写成 3000 或 3000.50。")
    if value != value.quantize(Decimal("0.01")):
        raise InvalidValue(f"金额“{text}”最多两位小数（到分）。")
    return int(value * 100)


def rate_text(rate_bp: int | None) -> str:
    """50 → "0.5%", 150 → "1.5%"; None (a fixed sum) → "定额"."""
    if rate_bp is None:
        return "定额"
    return f"{Decimal(rate_bp) / 100:f}".rstrip("0").rstrip(".") + "%"


def rounded(exact: Decimal, rounding: Rounding) -> int:
    """An exact amount in fen rounded half up to the fen, 角 or 元 (result in fen)."""
    unit = rounding.fen
    return int((exact / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * unit


# rates -------------------------------------------------------------------------------
_BRACKETS: dict[tuple[Category, int], tuple[RuleSet, list[tuple[int | None, int]]]] = {}


def brackets(category: Category, rules: RuleSet = DUES_RULES) -> list[tuple[int | None, int]]:
    """The category's brackets as (inclusive upper bound in fen or None, rate in ‱); read
    from the rule set once (a township's grid asks 17 000 times). Do not change the list."""
    found = _BRACKETS.get((category, id(rules)))
    if found is None or found[0] is not rules:  # (an id can be reused by a later rule set)
        found = _BRACKETS[category, id(rules)] = (rules, _brackets(category, rules))
    return found[1]


def _brackets(category: Category, rules: RuleSet) -> list[tuple[int | None, int]]:
    if category is Category.EMPLOYED:
        keys = [("employed_upto_1", "employed_rate_1"), ("employed_upto_2", "employed_rate_2")]
        keys += [("employed_upto_3", "employed_rate_3"), (None, "employed_rate_4")]
    elif category is Category.RETIRED:
        keys = [("retired_upto_1", "retired_rate_1"), (None, "retired_rate_2")]
    else:
        return []
    return [(rules.value(up) if up else None, rules.value(rate)) for up, rate in keys]


def rate_for(category: Category, base_fen: int, rules: RuleSet = DUES_RULES) -> int | None:
    """The rate in ‱ for a monthly base; None for the categories that pay a fixed sum."""
    for upto, rate in brackets(category, rules):
        if upto is None or base_fen <= upto:
            return rate
    return None


def monthly_fen(
    category: Category,
    base_fen: int,
    settings: DuesSettings = DuesSettings(),  # noqa: B008 - frozen, never changed
    rules: RuleSet = DUES_RULES,
) -> int:
    """What the member pays a month, in fen. Fixed sums are not rounded (0.2 元 stays)."""
    if category is Category.NO_INCOME:
        return rules.value("no_income_fen")
    if category is Category.FARMER:
        return settings.farmer_fen
    rate = rate_for(category, base_fen, rules)
    exact = Decimal(base_fen) * Decimal(rate) / Decimal(10000)
    return rounded(exact, settings.rounding)


def check_farmer_fen(fen: int, rules: RuleSet = DUES_RULES) -> None:
    low, high = rules.value("farmer_min_fen"), rules.value("farmer_max_fen")
    if not low <= fen <= high:
        raise InvalidValue(
            f"农民党员每月交纳 {yuan_text(low)} 至 {yuan_text(high)} 元"
            f"（{rules.cite('farmer_min_fen')}），现在是 {yuan_text(fen)} 元。"
        )


# the year's base (年初核定) and payments --------------------------------------------------
@dataclass(frozen=True, slots=True)
class Assessment:
    """A member's category and monthly base for a year, in force from `from_month`.

    The first one of a year is the 年初核定 (from_month is the first month they owe: 1, or
    the month they came in by transfer); each later one is a change and carries its reason.
    """

    member_id: int
    year: int
    category: Category
    base_fen: int = 0
    from_month: int = 1
    reason: str = ""
    set_on: date | None = None
    id: int | None = None


def check_assessment(a: Assessment) -> list[str]:
    problems = []
    if a.category.has_base and a.base_fen <= 0:
        word = "离退休费（养老金）" if a.category is Category.RETIRED else "月工资收入（税后）"
        problems.append(f"{a.category.value}党员请填写每月{word}作为计算基数。")
    if not a.category.has_base and a.base_fen:
        problems.append(f"{a.category.value}党员按定额交纳，不需要填写基数。")
    if not 1 <= a.from_month <= 12:
        problems.append("起始月份应在 1 到 12 月之间。")
    if a.base_fen > 100_000_000:
        problems.append(f"月基数 {yuan_text(a.base_fen)} 元太大，请检查是否多写了零。")
    return problems


class Kind(enum.StrEnum):
    """How a month was paid, from the day of paying and the month paid for."""

    ON_TIME = "按月"
    AHEAD = "预交"
    BACK = "补交"


def _index(year: int, month: int) -> int:
    return year * 12 + month - 1


# a NamedTuple, as Cell below: 94 000 a year in a township book, read in half the time
class Payment(NamedTuple):
    """One month's dues paid by one member (several months paid at once are several rows)."""

    member_id: int
    year: int
    month: int
    amount_fen: int
    paid_on: date
    note: str = ""
    id: int | None = None

    @property
    def kind(self) -> Kind:
        paid, owed = _index(self.paid_on.year, self.paid_on.month), _index(self.year, self.month)
        if paid > owed:
            return Kind.BACK
        return Kind.AHEAD if paid < owed else Kind.ON_TIME

    @property
    def months_late(self) -> int:
        return max(0, _index(self.paid_on.year, self.paid_on.month) - _index(self.year, self.month))


def check_payment(
    year: int, month: int, paid_on: date, today: date, rules: RuleSet = DUES_RULES
) -> list[str]:
    """What stops recording month `month` of `year` as paid on `paid_on`."""
    problems = []
    if paid_on > today:
        problems.append(f"交纳日期 {paid_on} 晚于今天，请在收到党费后再登记。")
    late = _index(paid_on.year, paid_on.month) - _index(year, month)
    limit = rules.value("backpay_max_months")
    if late > limit:
        problems.append(
            f"{year}年{month}月的党费到 {paid_on:%Y年%m月} 已过去 {late} 个月，"
            f"超过了补交期限（{rules.cite('backpay_max_months')}）。"
            "请向上级党委报告，由党支部按规定处理后再作记录。"
        )
    return problems


# the grid ------------------------------------------------------------------------------
class State(enum.StrEnum):
    NOT_DUE = "不需交纳"  # before joining, after leaving, before a transfer in
    PAID_BEFORE = "建账前已交"  # up to the month the 期初数据 say was paid before the book
    BEFORE_BOOK = "建账前"  # before the book's opening month: it cannot know, nothing owed
    NO_BASE = "未核定"  # owes, but the year's base is not set yet
    PAID = "已交"
    UNPAID = "欠交"  # the month is over and nothing was paid
    PENDING = "本月待交"
    FUTURE = "未到月份"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def pays_dues(member: Member, admitted: date | None = None) -> bool:
    """A Party member pays; so does a 发展对象 the 支部大会 has admitted (admitted: the step-15
    meeting's date) while the upper committee's approval is awaited: the 2008 rules have a
    预备党员 pay from the day the 支部大会 admits them, and approval changes nothing."""
    return member.stage.is_member or (member.stage is Stage.CANDIDATE and admitted is not None)


def owed_months(
    member: Member, year: int, first_month: int = 1, admitted: date | None = None
) -> tuple[int, ...]:
    """The months of `year` a member owes dues: from the month of the admission meeting
    (入党时间 = joined_on, or `admitted` for a 发展对象 awaiting approval) or from
    `first_month` (a transfer in), to the month they left."""
    if not pays_dues(member, admitted):
        return ()
    start, end = first_month, 12
    joined = member.joined_on or admitted
    if joined is not None:
        if joined.year > year:
            return ()
        if joined.year == year:
            start = max(start, joined.month)
    if member.left_reason is not None and member.left_on is not None:
        if member.left_on.year < year:
            return ()
        if member.left_on.year == year:
            end = member.left_on.month
    return tuple(range(start, end + 1))


# a NamedTuple: twelve per member, a township's grid is 120 000, made in half the time of a
# frozen dataclass and as immutable
class Cell(NamedTuple):
    """One member's month in the grid."""

    year: int
    month: int
    state: State
    due_fen: int = 0
    payment: Payment | None = None

    @property
    def paid_fen(self) -> int:
        return self.payment.amount_fen if self.payment else 0


@dataclass(frozen=True)
class MemberDues:
    """One member's year: what is in force, and the twelve months."""

    member: Member
    year: int
    cells: tuple[Cell, ...]
    assessment: Assessment | None  # the one in force on the day (or the last of the year)
    changes: tuple[Assessment, ...] = field(default=())  # every assessment, first one first
    rate_bp: int | None = None
    monthly: int = 0

    @property
    def paid_fen(self) -> int:
        return sum(c.paid_fen for c in self.cells)

    @property
    def unpaid(self) -> tuple[int, ...]:
        return tuple(c.month for c in self.cells if c.state is State.UNPAID)

    @property
    def unpaid_fen(self) -> int:
        return sum(c.due_fen for c in self.cells if c.state is State.UNPAID)

    def cell(self, month: int) -> Cell:
        return self.cells[month - 1]


def in_force(assessments: Sequence[Assessment], month: int) -> Assessment | None:
    """The assessment that applies to a month: the latest one starting on or before it."""
    found = [a for a in assessments if a.from_month <= month]
    return max(found, key=lambda a: a.from_month) if found else None


def member_dues(
    member: Member,
    year: int,
    assessments: Sequence[Assessment],
    payments: Sequence[Payment],
    today: date,
    settings: DuesSettings = DuesSettings(),  # noqa: B008 - frozen, never changed
    rules: RuleSet = DUES_RULES,
    opening: Opening = NO_OPENING,
    admitted: date | None = None,
) -> MemberDues:
    """One member's twelve months of a year as of `today`. In a book opened (建账) in some
    month, the months up to the one its 期初数据 say was paid are 建账前已交, and the other
    months before the opening month are 建账前: neither is 欠交."""
    mine = sorted((a for a in assessments if a.member_id == member.id), key=lambda a: a.from_month)
    paid = {p.month: p for p in payments if p.member_id == member.id and p.year == year}
    first = mine[0].from_month if mine else 1
    owed = set(owed_months(member, year, first, admitted))
    # today's month counted in this year's months (below 1 or above 12: another year)
    current_month = _index(today.year, today.month) - _index(year, 1) + 1
    fen = {id(a): monthly_fen(a.category, a.base_fen, settings, rules) for a in mine}
    cells = []
    make = tuple.__new__  # Cell(...) without its keyword layer: a township's grid is 120 000
    a, due, k, n = None, 0, 0, len(mine)  # in_force(mine, month), moving along the sorted bases
    # months of this year (1–12) paid before the book, and before its opening month
    paid_to, opened = opening.paid_to(member.id), opening.month()
    settled = paid_to - _index(year, 1) + 1 if paid_to is not None else 0
    unseen = opened - _index(year, 1) + 1 if opened is not None else 0
    for month in MONTHS:
        while k < n and mine[k].from_month <= month:
            if a is None or mine[k].from_month > a.from_month:  # ties: the first, as max() does
                a, due = mine[k], fen[id(mine[k])]
            k += 1
        p = paid.get(month)
        if p is not None:
            state = State.PAID
        elif month not in owed:
            state = State.NOT_DUE
        elif month <= settled:
            state = State.PAID_BEFORE
        elif month < unseen:
            state = State.BEFORE_BOOK
        elif a is None:
            state = State.NO_BASE
        elif month < current_month:
            state = State.UNPAID
        elif month == current_month:
            state = State.PENDING
        else:
            state = State.FUTURE
        cells.append(make(Cell, (year, month, state, due, p)))
    current = in_force(mine, today.month if today.year == year else 12) or (
        mine[0] if mine else None
    )
    return MemberDues(
        member,
        year,
        tuple(cells),
        current,
        tuple(mine),
        rate_for(current.category, current.base_fen, rules) if current else None,
        fen[id(current)] if current else 0,  # current is one of mine
    )


def dues_rows(
    members: Iterable[Member],
    year: int,
    assessments: Sequence[Assessment],
    payments: Sequence[Payment],
    today: date,
    settings: DuesSettings = DuesSettings(),  # noqa: B008 - frozen, never changed
    rules: RuleSet = DUES_RULES,
    opening: Opening = NO_OPENING,
    admitted: Mapping[int, date] | None = None,
) -> list[MemberDues]:
    """Every member who owes dues in some month of the year (or paid some), roster order.
    admitted: the admission meeting's date of each 发展对象 awaiting approval (they pay)."""
    admitted = admitted or {}
    # each member's own assessments and payments, found once (not once per member: a township
    # has 10 000 members and 120 000 payments a year)
    by_member: dict[int | None, tuple[list[Assessment], list[Payment]]] = {}
    for a in assessments:
        by_member.setdefault(a.member_id, ([], []))[0].append(a)
    for p in payments:
        by_member.setdefault(p.member_id, ([], []))[1].append(p)
    rows = []
    for m in members:
        mine, paid = by_member.get(m.id, ((), ()))
        joined = admitted.get(m.id)
        if _owes_nothing(m, paid, joined):
            continue
        row = member_dues(m, year, mine, paid, today, settings, rules, opening, joined)
        if _owes(row):
            rows.append(row)
    return rows


def _owes(row: MemberDues) -> bool:
    return any(c.state is not State.NOT_DUE for c in row.cells)


def _owes_nothing(
    member: Member, payments: Sequence[Payment], admitted: date | None = None
) -> bool:
    """Known without working out the months: paying no dues (no month owed, whatever the
    bases) and nothing paid: every month NOT_DUE (an applicant of a township's 10 000)."""
    return not payments and not pays_dues(member, admitted)


class _Taken:
    """Payments or bases in ascending member id, handed over one member at a time: take(id)
    gives that member's (and drops those of members skipped on the way)."""

    def __init__(self, records: Iterable[Payment] | Iterable[Assessment]) -> None:
        self._groups = groupby(records, key=attrgetter("member_id"))
        self._next = next(self._groups, None)

    def take(self, member_id: int) -> list:
        while self._next is not None and self._next[0] < member_id:
            self._next = next(self._groups, None)
        if self._next is None or self._next[0] != member_id:
            return []
        found = list(self._next[1])
        self._next = next(self._groups, None)
        return found


def dues_row_pairs(
    members: Iterable[Member],
    year: int,
    assessments: tuple[Iterable[Assessment], Iterable[Assessment]],
    payments: tuple[Iterable[Payment], Iterable[Payment]],
    today: date,
    settings: DuesSettings = DuesSettings(),  # noqa: B008 - frozen, never changed
    rules: RuleSet = DUES_RULES,
    opening: Opening = NO_OPENING,
    admitted: Mapping[int, date] | None = None,
) -> Iterator[tuple[MemberDues | None, MemberDues]]:
    """The rows of dues_rows() for `year`, each with the member's row of the year before (None
    where they owed nothing then). `assessments` and `payments` are (year before, year) pairs;
    both must come by member in ascending id (as the store streams them), and the rows come
    in ascending member id too. They are taken as they come, so a township's two years of
    bases, payments and grids are never in memory at once, only one member's."""
    bases = tuple(_Taken(a) for a in assessments)
    taken = tuple(_Taken(p) for p in payments)
    admitted = admitted or {}
    for m in sorted(members, key=attrgetter("id")):
        paid = taken[1].take(m.id)
        joined = admitted.get(m.id)
        if _owes_nothing(m, paid, joined):
            continue
        row = member_dues(
            m, year, bases[1].take(m.id), paid, today, settings, rules, opening, joined
        )
        if not _owes(row):
            continue
        before = member_dues(
            m,
            year - 1,
            bases[0].take(m.id),
            taken[0].take(m.id),
            today,
            settings,
            rules,
            opening,
            joined,
        )
        yield (before if _owes(before) else None), row


# warnings ----------------------------------------------------------------------------
def unpaid_run(cells: Sequence[Cell]) -> int:
    """Consecutive unpaid months up to the last month that is over (chronological cells,
    possibly spanning years). A paid month, or one not owed, ends the run."""
    run = 0
    for c in reversed(cells):
        if c.state in (State.PENDING, State.FUTURE):
            continue
        if c.state is not State.UNPAID:
            break
        run += 1
    return run


@dataclass(frozen=True)
class Warning:
    """What the due list says about a member's unpaid dues."""

    level: str  # "behind", "early", "strong" or "leave"
    run: int
    title: str
    basis: str


def dues_warning(
    unpaid: Sequence[tuple[int, int]], run: int, unpaid_fen: int, rules: RuleSet = DUES_RULES
) -> Warning | None:
    """The warning for a member's unpaid months ((year, month) pairs) and current run."""
    if not unpaid:
        return None
    months = "、".join(f"{y}年{m}月" if y != unpaid[-1][0] else f"{m}月" for y, m in unpaid)
    owed = f"欠交党费 {len(unpaid)} 个月（{months}），共 {yuan_text(unpaid_fen)} 元"
    early, strong = rules.value("unpaid_early_months"), rules.value("unpaid_strong_months")
    leave = rules.value("unpaid_leave_months")
    basis = f"{rules.cite('unpaid_leave_months')}；{rules.cite('backpay_max_months')}"
    if run >= leave:
        return Warning(
            "leave",
            run,
            f"已连续 {run} 个月未交党费：没有正当理由的，按党章被认为是自行脱党，"
            f"请支部了解原因并按规定处理。{owed}",
            basis,
        )
    if run >= strong:
        return Warning(
            "strong",
            run,
            f"已连续 {run} 个月未交党费，再满 {leave - run} 个月且没有正当理由，"
            f"按党章将被认为是自行脱党，请尽快谈话提醒。{owed}",
            basis,
        )
    if run >= early:
        return Warning(
            "early",
            run,
            f"已连续 {run} 个月未交党费，请提醒补交（连续 {leave} 个月没有正当理由不交，"
            f"按党章被认为是自行脱党）。{owed}",
            basis,
        )
    return Warning("behind", run, owed, rules.cite("backpay_max_months"))
