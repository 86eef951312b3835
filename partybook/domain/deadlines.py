"""What is due: every deadline and earliest date of the development rules, for a given day."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from partybook.domain.dates import add_months, month_only
from partybook.domain.members import Member, Stage
from partybook.domain.opening import STATUS_STEPS
from partybook.domain.pipeline import Kind, Path
from partybook.domain.rules import Practice, RuleSet
from partybook.domain.workdays import Schedules, count_working_days, sources_text

DEADLINE, EARLIEST = "deadline", "earliest"
OVERDUE, SOON, LATER, OPEN = "overdue", "soon", "later", "open"
STATE_WORDS = {OVERDUE: "已逾期", SOON: "即将到期", LATER: "以后", OPEN: "已可办理"}


@dataclass(frozen=True, slots=True)  # a township book lists 12 000
class DueItem:
    """One thing to do for one person; `step` is the number 1–25 of the step it concerns."""

    kind: str
    member: str
    member_id: int | None
    step: int | None
    title: str
    date: date
    type: str  # deadline or earliest
    state: str  # overdue / soon / later, or open / later for earliest dates
    basis: str = ""  # why: the rule or practice and the date it counts from
    shortfall: float | None = None  # what is missing, for kinds that count (study hours)

    def as_json(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        if self.shortfall is None:
            del data["shortfall"]
        return data

    @property
    def urgency(self) -> tuple[int, date]:
        order = {OVERDUE: 0, SOON: 1, OPEN: 2, LATER: 3}
        return order[self.state], self.date


def urgency_state(kind: str, when: date, today: date, soon_days: int) -> str:
    if kind == EARLIEST:
        return OPEN if when <= today else LATER
    if when < today:
        return OVERDUE
    return SOON if when <= today + timedelta(days=soon_days) else LATER


def due_for(
    member: Member,
    path: Path,
    today: date,
    rules: RuleSet,
    practice: Practice,
    opened: date | None = None,
    schedules: Schedules | None = None,
) -> list[DueItem]:
    """Everything due or possible for one person on `today`, most urgent first.

    The steps the person's stage proves count as done though not recorded (a 预备党员 who came
    with the roster was approved). In a book opened (建账) on `opened`, a deadline that fell
    before that day is not shown unless it is a status the person still waits for (STATUS_STEPS:
    the admission, approvals and 转正); the half-yearly 考察 and the 思想汇报 are counted from
    the opening at the earliest, since the book cannot know the last ones before it.
    schedules: the years' 放假安排 the secretary entered, for counting working days."""
    if not member.active or member.stage is Stage.FULL and path.on(24) is None:
        return []  # left, or a full member who came in with the roster: nothing to follow
    path = path.seen_as(member.stage)
    items: list[DueItem] = []

    def add(step: int | None, title: str, when: date, kind: str, basis: str) -> None:
        if opened and kind == DEADLINE and when < opened and step not in STATUS_STEPS:
            return  # fell due before the book began: it cannot know whether it was done
        state = urgency_state(kind, when, today, practice.soon_days)
        items.append(
            DueItem("pipeline", member.name, member.id, step, title, when, kind, state, basis)
        )

    _applicant(path, rules, add)
    _cultivation(member, path, rules, practice, add, opened, schedules)
    _admission(path, rules, add)
    _probation(path, rules, practice, add, schedules, member.joined_on)
    return sorted(items, key=lambda i: i.urgency)


def _applicant(path: Path, rules: RuleSet, add) -> None:
    applied = path.on(1)
    if applied and not path.done(2):
        when = add_months(applied, rules.value("talk_within_months"))
        add(
            2,
            "派人谈话",
            when,
            DEADLINE,
            f"{applied} 递交申请书；{rules.cite('talk_within_months')}",
        )


def _cultivation(
    member: Member,
    path: Path,
    rules: RuleSet,
    practice: Practice,
    add,
    opened: date | None,
    schedules: Schedules | None = None,
) -> None:
    activist = path.on(3)
    if path.done(24) or not path.done(3):
        return
    probation = path.done(17)
    step = 21 if probation else 6
    # half-yearly assessment and quarterly thought report, counted from the last one recorded
    # (or from the opening, when the book began after the last one it could have seen)
    starts = [d for d in (activist, opened) if d is not None]
    if not starts:
        return  # an activist who came with the roster, in a book that expects everything
    last = max([*starts, *(e.on for e in path.of_kind(Kind.ASSESSMENT))])
    since = "建账" if last == opened and last != activist else "上次考察或确定积极分子"
    add(
        step,
        "半年考察",
        add_months(last, rules.value("assessment_months")),
        DEADLINE,
        f"{since} {last}；{rules.cite('assessment_months')}",
    )
    last_report = max([*starts, *(e.on for e in path.of_kind(Kind.REPORT))])
    since = "建账" if last_report == opened and last_report != activist else "上次思想汇报"
    add(
        step,
        "思想汇报",
        add_months(last_report, practice.report_months),
        DEADLINE,
        f"{since} {last_report}；惯例每 {practice.report_months} 个月一次",
    )
    if activist is None:
        return  # the year of cultivation counts from a date the book does not have
    if not path.done(7):
        earliest = add_months(activist, 12 * rules.value("cultivation_years"))
        add(
            7,
            "可确定为发展对象",
            earliest,
            EARLIEST,
            f"{activist} 确定为积极分子；{rules.cite('cultivation_years')}",
        )
        if rules.has("candidate_notice_working_days"):
            days = -rules.value("candidate_notice_working_days")
            start, sources = count_working_days(earliest, days, schedules)
            how = sources_text(sources)
            add(
                7,
                "可开始发展对象公示",
                start,
                EARLIEST,
                rules.cite("candidate_notice_working_days") + (f"（{how}）" if how else ""),
            )
    if member.birth_date is None and path.on(1) is not None:
        pass  # age could not be checked at application; the checklist shows the missing date


def _admission(path: Path, rules: RuleSet, add) -> None:
    prereview, admitted, approved = path.on(13), path.on(15), path.on(17)
    if prereview and not path.done(15) and rules.has("admission_after_prereview_months"):
        when = add_months(prereview, rules.value("admission_after_prereview_months"))
        add(
            15,
            "召开支部大会讨论接收",
            when,
            DEADLINE,
            f"{prereview} 上级党委预审；{rules.cite('admission_after_prereview_months')}",
        )
    if admitted and not path.done(17):
        when = add_months(admitted, rules.value("approval_months"))
        add(
            17,
            "上级党委审批",
            when,
            DEADLINE,
            f"{admitted} 支部大会通过；{rules.cite('approval_months')}",
        )
    if approved and not path.done(20) and rules.has("oath_after_approval_months"):
        when = add_months(approved, rules.value("oath_after_approval_months"))
        add(
            20,
            "组织入党宣誓",
            when,
            DEADLINE,
            f"{approved} 上级党委审批；{rules.cite('oath_after_approval_months')}",
        )


def _probation(
    path: Path,
    rules: RuleSet,
    practice: Practice,
    add,
    schedules: Schedules | None = None,
    joined: date | None = None,
) -> None:
    end = path.probation_end(rules)
    if end is None or not path.done(17) or path.done(24):
        return
    meeting = path.on(23)
    if meeting is None:
        admitted, unsure = path.on(15), ""
        if month_only(joined) and admitted == joined:
            # the roster's 入党时间 gave the step on its month's 1st (the event table holds days):
            # say so, rather than show a day nobody wrote
            admitted = joined
            unsure = f"；入党时间只知道到月（{joined}），按当月1日算起，请在花名册中补全到日"
        basis = f"{admitted} 支部大会通过，预备期满 {end}；{rules.cite('probation_years')}{unsure}"
        if not path.done(22):
            add(
                22,
                "提出转正申请",
                add_months(end, -1),
                DEADLINE,
                f"惯例在预备期满前一个月提出{unsure}",
            )
        kind_of_day = "工作" if practice.notice_working_days else ""
        if practice.notice_working_days:
            start, sources = count_working_days(end, -practice.notice_days, schedules)
            how = sources_text(sources)
            note = f"（{how}）" if how else ""
        else:
            start, note = end - timedelta(days=practice.notice_days), ""
        add(
            23,
            "开始转正公示",
            start,
            DEADLINE,
            f"支部大会前公示 {practice.notice_days} 个{kind_of_day}日{note}{unsure}",
        )
        add(23, "召开支部大会讨论转正", end, DEADLINE, basis)
    else:
        when = add_months(meeting, rules.value("conversion_approval_months"))
        add(
            24,
            "上级党委审批转正",
            when,
            DEADLINE,
            f"{meeting} 支部大会讨论转正；{rules.cite('conversion_approval_months')}",
        )


# one line for many ------------------------------------------------------------------------
GROUP_LEAST = 3  # this many items alike make one line on the home page
NAMES_IN_LINE = 5
_GROUP_TITLES = {
    "study": "{n} 名党员学时落后进度",
    "dues": "{n} 名党员欠交党费",
}


@dataclass(frozen=True)
class DueLine:
    """Items alike (the same kind, the same step and title, the same state) shown as one line:
    "17 名党员学时落后进度". Has the fields of a DueItem that a list shows; `items` are the
    ones it stands for, most urgent first."""

    kind: str
    member: str  # the first names, and 等 N 人
    step: int | None
    title: str
    date: date
    type: str
    state: str
    basis: str
    items: tuple[DueItem, ...]

    member_id = None  # a line for many people opens their list, not one person
    shortfall = None

    @property
    def urgency(self) -> tuple[int, date]:
        return self.items[0].urgency


def _group_key(item: DueItem) -> tuple | None:
    if item.member_id is None:
        return None  # a meeting, the appraisal: one of each already
    if item.kind in _GROUP_TITLES:
        return item.kind, None, "", item.state
    if item.kind == "pipeline":
        return item.kind, item.step, item.title, item.state
    return None


def grouped(items: list[DueItem], least: int = GROUP_LEAST) -> list[DueItem | DueLine]:
    """The due list with items alike for `least` or more people folded into one DueLine each,
    placed where its most urgent item was. `due --json` keeps the items themselves."""
    groups: dict[tuple, list[DueItem]] = {}
    for item in items:
        key = _group_key(item)
        if key is not None:
            groups.setdefault(key, []).append(item)
    out: list[DueItem | DueLine] = []
    placed: set[tuple] = set()
    for item in items:
        key = _group_key(item)
        members = groups.get(key) if key is not None else None
        if members is None or len(members) < least:
            out.append(item)
            continue
        if key in placed:
            continue
        placed.add(key)
        out.append(_line(members))
    return out


def _line(items: list[DueItem]) -> DueLine:
    first, n = items[0], len(items)
    names = "、".join(i.member for i in items[:NAMES_IN_LINE])
    if n > NAMES_IN_LINE:
        names += f" 等 {n} 人"
    pattern = _GROUP_TITLES.get(first.kind)
    title = pattern.format(n=n) if pattern else f"{n} 人：{first.title}"
    return DueLine(
        first.kind,
        names,
        first.step,
        title,
        min(i.date for i in items),
        first.type,
        first.state,
        f"双击查看这 {n} 项" + (f"；{first.basis}" if first.kind != "dues" else ""),
        tuple(items),
    )
