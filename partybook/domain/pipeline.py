"""The 25 steps of member development, the events recorded along them, and the rule checks."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, timedelta

from partybook.domain.dates import (
    add_months,
    add_years,
    age_bounds,
    age_on,
    month_only,
    too_young,
)
from partybook.domain.members import Member, Stage
from partybook.domain.rules import RuleSet


class Kind(enum.StrEnum):
    """What an event is: one of the 25 steps, or a repeated or side event."""

    STEP = "step"
    ASSESSMENT = "assessment"  # 半年一次的考察 (step 6 or 21)
    REPORT = "report"  # 思想汇报
    EXTENSION = "extension"  # 延长预备期
    RECOMMENDATION = "recommendation"  # 团组织推优 (before step 3, for applicants ≤ 28)
    # Not development: 留党察看 (a discipline of a full member) kept in the same table, no
    # schema change. quantity = months (12 or 24); an early end is its own record.
    DISCIPLINE = "discipline"  # 留党察看
    DISCIPLINE_END = "discipline_end"  # 留党察看提前结束（处分撤销或变更）


# The kinds that make up a person's development record (发展纪实); the others are about a
# member's standing and are read by domain.discipline.
DEVELOPMENT_KINDS = frozenset(
    {Kind.STEP, Kind.ASSESSMENT, Kind.REPORT, Kind.EXTENSION, Kind.RECOMMENDATION}
)
KIND_TITLES = {
    Kind.ASSESSMENT: "考察（半年一次）",
    Kind.REPORT: "思想汇报",
    Kind.EXTENSION: "延长预备期",
    Kind.RECOMMENDATION: "团组织推优",
    Kind.DISCIPLINE: "留党察看",
    Kind.DISCIPLINE_END: "留党察看提前结束",
}

# The step dialog's "3 个月内将离开本单位" box, kept in the notes of step 13 or 15 (no schema
# change): the ledger and the 纪实表 show it as written.
LEAVING_MARK = "【3个月内将离开本单位】"

# A development record's date is a day: its deadlines are counted in days (the talk within a
# month of the application, a year of cultivation …), so a month alone ("2019.7") would make one
# up. Said after the date as typed, by the ledger import, the roster's step columns, the step
# dialog and check_event.
DAY_NEEDED = "只有年月，请补全到日：发展党员的期限按日计算。"


@dataclass(frozen=True)
class StepInfo:
    number: int
    title: str
    stage: Stage  # the stage a person is in while this step is done
    needs_people: str = ""  # what the people field holds, if anything


STEPS: dict[int, StepInfo] = {
    s.number: s
    for s in [
        StepInfo(1, "递交入党申请书", Stage.APPLICANT),
        StepInfo(2, "党组织派人谈话", Stage.APPLICANT, "谈话人"),
        StepInfo(3, "确定入党积极分子", Stage.APPLICANT),
        StepInfo(4, "报上级党委备案（积极分子）", Stage.ACTIVIST),
        StepInfo(5, "指定培养联系人", Stage.ACTIVIST, "培养联系人"),
        StepInfo(6, "培养教育考察", Stage.ACTIVIST),
        StepInfo(7, "确定发展对象", Stage.ACTIVIST),
        StepInfo(8, "报上级党委备案（发展对象）", Stage.CANDIDATE),
        StepInfo(9, "确定入党介绍人", Stage.CANDIDATE, "入党介绍人"),
        StepInfo(10, "进行政治审查", Stage.CANDIDATE),
        StepInfo(11, "开展集中培训", Stage.CANDIDATE),
        StepInfo(12, "支部委员会审查", Stage.CANDIDATE),
        StepInfo(13, "上级党委预审", Stage.CANDIDATE),
        StepInfo(14, "填写入党志愿书", Stage.CANDIDATE),
        StepInfo(15, "支部大会讨论接收", Stage.CANDIDATE),
        StepInfo(16, "上级党委派人谈话", Stage.CANDIDATE, "谈话人"),
        StepInfo(17, "上级党委审批", Stage.CANDIDATE),
        StepInfo(18, "再上一级党委组织部门备案", Stage.PROBATIONARY),
        StepInfo(19, "编入党支部和党小组", Stage.PROBATIONARY),
        StepInfo(20, "入党宣誓", Stage.PROBATIONARY),
        StepInfo(21, "继续教育考察", Stage.PROBATIONARY),
        StepInfo(22, "提出转正申请", Stage.PROBATIONARY),
        StepInfo(23, "支部大会讨论转正", Stage.PROBATIONARY),
        StepInfo(24, "上级党委审批转正", Stage.PROBATIONARY),
        StepInfo(25, "材料归档", Stage.FULL),
    ]
}

# Recording these steps moves a person to the next stage.
STAGE_AFTER_STEP = {
    1: Stage.APPLICANT,
    3: Stage.ACTIVIST,
    7: Stage.CANDIDATE,
    17: Stage.PROBATIONARY,
    24: Stage.FULL,
}


@dataclass(slots=True)
class Event:
    """Something recorded on a person's path: a step, an assessment, a report, an extension."""

    member_id: int
    kind: Kind
    on: date
    step: int | None = None  # 1–25 for Kind.STEP
    people: str = ""  # names, separated by 、 or ，
    meeting: str = ""  # the meeting that decided it, in words
    quantity: float | None = None  # training days/学时, extension months
    unit: str = ""  # 天 / 学时 / 个月
    notes: str = ""
    exception: str = ""  # the written reason when a rule was knowingly overridden
    violations: str = ""  # what the rules said at the time, kept with the exception
    id: int | None = None

    @property
    def title(self) -> str:
        if self.kind is Kind.STEP and self.step in STEPS:
            return f"{self.step}. {STEPS[self.step].title}"
        return KIND_TITLES[self.kind]

    @property
    def leaving_soon(self) -> bool:
        """The step was recorded with "3 个月内将离开本单位" ticked (see LEAVING_MARK)."""
        return LEAVING_MARK in self.notes

    def names(self) -> list[str]:
        text = self.people
        for sep in "，,、;；/ ":
            text = text.replace(sep, "、")
        return [n for n in text.split("、") if n]


_ENTERING = {stage: step for step, stage in STAGE_AFTER_STEP.items()}  # stage -> its step


def implied_steps(stage: Stage) -> frozenset[int]:
    """The steps a person's stage proves were done, recorded or not: every step up to the one
    that brought them to it (a 预备党员 was approved, step 17, so steps 1–17 are behind them).
    A person who arrived mid-way (建账) has these without dates: 建账前未录入."""
    return frozenset(range(1, _ENTERING[stage] + 1))


@dataclass
class Path:
    """A person's recorded events, with the derived dates the rules need. `implied` are the
    steps the person's stage proves though the book never saw them (see seen_as)."""

    events: list[Event] = field(default_factory=list)
    implied: frozenset[int] = frozenset()

    def seen_as(self, stage: Stage) -> Path:
        """This path for a person now at `stage`: the steps the stage proves count as done."""
        return Path(self.events, implied_steps(stage))

    def done(self, number: int) -> bool:
        """Whether step `number` is behind the person: recorded, or proved by their stage."""
        return number in self.implied or self.on(number) is not None

    def unrecorded(self, number: int) -> bool:
        """A step proved by the stage that the book has no record of (建账前未录入)."""
        return number in self.implied and self.on(number) is None

    def step(self, number: int) -> Event | None:
        found = [e for e in self.events if e.kind is Kind.STEP and e.step == number]
        return max(found, key=lambda e: e.on) if found else None

    def on(self, number: int) -> date | None:
        event = self.step(number)
        return event.on if event else None

    def of_kind(self, kind: Kind) -> list[Event]:
        return sorted((e for e in self.events if e.kind is kind), key=lambda e: e.on)

    def extension_months(self) -> int:
        return int(sum(e.quantity or 0 for e in self.of_kind(Kind.EXTENSION)))

    def probation_end(self, rules: RuleSet) -> date | None:
        """Probation ends a year after the admission meeting (step 15), plus any extension."""
        admitted = self.on(15)
        if admitted is None:
            return None
        end = add_years(admitted, rules.value("probation_years"))
        return add_months(end, self.extension_months())


def stage_from_path(path: Path, fallback: Stage) -> Stage:
    """The furthest stage the recorded steps prove; fallback when they prove none."""
    stage = None
    for number, after in STAGE_AFTER_STEP.items():
        if path.on(number) is not None:
            stage = after
    return stage or fallback


@dataclass(frozen=True)
class Violation:
    """A rule a new event would break: the Chinese message names the rule and its article."""

    key: str
    message: str
    practice: bool = False  # local practice, not rule: a warning kept with the record


# Violations no written exception can override: a date in the future, a record of another kind,
# a date known only to its month.
HARD_KEYS = frozenset({"future", "kind", "day"})


def check_event(
    member: Member,
    path: Path,
    event: Event,
    rules: RuleSet,
    full_members: set[str],
    today: date,
) -> list[Violation]:
    """Every rule the event breaks, given what is recorded so far and what the person's stage
    proves (steps done before the book began are not missing). Pure; empty means allowed."""
    found: list[Violation] = []
    path = path.seen_as(member.stage)

    def broke(key: str, what: str, practice: bool = False) -> None:
        text = f"{what}（{rules.cite(key)}）" if rules.has(key) else what
        found.append(Violation(key, text, practice))

    if month_only(event.on):
        found.append(Violation("day", f"日期“{event.on}”{DAY_NEEDED}"))
    if event.on > today:
        found.append(Violation("future", f"日期 {event.on} 晚于今天，只能记录已经发生的事。"))
    if event.kind not in DEVELOPMENT_KINDS:
        found.append(Violation("kind", "留党察看在党员花名册中记录，不是发展步骤。"))
        return found
    if event.kind is Kind.EXTENSION:
        _check_extension(path, event, rules, broke, found)
        return found
    if event.kind is Kind.RECOMMENDATION:
        return found  # 推优 may come before or after the application: only not in the future
    if event.kind is not Kind.STEP:
        if not path.done(3):
            found.append(Violation("order", "确定为入党积极分子以后才有考察和思想汇报的记录。"))
        return found
    number = event.step
    if number not in STEPS:
        return [Violation("step", f"没有第 {number} 步。")]
    _check_order(path, event, found)
    check = _STEP_CHECKS.get(number)
    if check is not None:
        check(member, path, event, rules, full_members, broke)
    return found


def _check_order(path: Path, event: Event, found: list[Violation]) -> None:
    """Steps happen in order: no earlier step may be dated after this one, nor a later before."""
    for other in path.events:
        if other.kind is not Kind.STEP or other.step == event.step or other.id == event.id:
            continue
        if other.step < event.step and other.on > event.on:
            found.append(
                Violation(
                    "order",
                    f"第 {event.step} 步的日期 {event.on} 早于第 {other.step} 步"
                    f"“{STEPS[other.step].title}”的日期 {other.on}。",
                )
            )
        if other.step > event.step and other.on < event.on:
            found.append(
                Violation(
                    "order",
                    f"第 {event.step} 步的日期 {event.on} 晚于第 {other.step} 步"
                    f"“{STEPS[other.step].title}”的日期 {other.on}。",
                )
            )
    needed = {7: 3, 15: 7, 17: 15, 23: 17, 24: 23}.get(event.step)
    if needed and not path.done(needed):
        found.append(
            Violation(
                "order", f"还没有记录第 {needed} 步“{STEPS[needed].title}”，不能先记录这一步。"
            )
        )


def _check_extension(path, event, rules, broke, found) -> None:
    if not path.done(17):
        found.append(Violation("order", "只有预备党员才能延长预备期。"))
    done = len([e for e in path.of_kind(Kind.EXTENSION) if e.id != event.id])
    if done >= rules.value("extensions_max"):
        broke("extensions_max", "预备期已经延长过一次，不能再延长")
    months = int(event.quantity or 0)
    low, high = rules.value("extension_min_months"), rules.value("extension_max_months")
    if not low <= months <= high:
        broke("extension_min_months", f"延长 {months} 个月不符合规定，应为 {low}–{high} 个月")
    if path.done(24):
        found.append(Violation("order", "已经批准转正，不能再延长预备期。"))
    _check_extension_late(path, event, rules, broke)


def _check_extension_late(path, event, rules, broke) -> None:
    """The 细则 wants the extension decided when probation ends (the 转正 meeting's time): one
    dated later than the end (plus the rule set's grace, 0 days) is late."""
    others = Path([e for e in path.events if e is not event and (e.id is None or e.id != event.id)])
    end = others.probation_end(rules)
    if end is None:
        return
    grace = rules.value("extension_grace_days") if rules.has("extension_grace_days") else 0
    last = end + timedelta(days=grace)
    if event.on > last:
        late = (event.on - end).days
        broke(
            "extension_grace_days",
            f"预备期已于 {end} 期满，延长预备期的决定（{event.on}）晚了 {late} 天，"
            "应在预备期满时由支部大会讨论决定",
        )


def _activist(member, path, event, rules, full_members, broke) -> None:
    """Practice, not rule: an applicant aged 28 or under on the application date is usually
    proposed by the Youth League (团组织推优) before being made an activist. A warning: the
    step is saved without a reason (one may be written), the warning kept with it."""
    key = "league_recommend_max_age"
    applied = path.on(1)
    if not rules.has(key) or member.birth_date is None or applied is None:
        return
    age = age_on(member.birth_date, applied)
    if age > rules.value(key):
        return
    if any(e.on <= event.on for e in path.of_kind(Kind.RECOMMENDATION)):
        return
    broke(
        key,
        f"惯例提示（不是硬性规定）：{member.name} 递交申请书时 {age} 岁，还没有记录团组织推优；"
        "请先记录“团组织推优”，不是共青团员的可记录例外并写明",
        practice=True,
    )


def _leaving(member, path, event, rules, full_members, broke) -> None:
    """Step 13 or 15 of a candidate who leaves the unit within 3 months: normally not admitted.
    The step's own box, or (at 15) the pre-review's box when it was not knowingly overridden."""
    key = "prereview_leaving_months"
    prereview = path.step(13)
    said = event.leaving_soon or (
        event.step == 15
        and prereview is not None
        and prereview.leaving_soon
        and not prereview.exception
    )
    if said and rules.has(key):
        months = rules.value(key)
        broke(key, f"{member.name} 将在 {months} 个月内离开本单位，一般不办理接收预备党员手续")


def _age(member, path, event, rules, full_members, broke) -> None:
    if member.birth_date is None:
        return
    least, most = age_bounds(member.birth_date, event.on)
    if most < rules.value("min_age"):
        broke("min_age", f"{member.name} 递交申请书时只有 {most} 岁")
    elif least < rules.value("min_age"):  # a birth known only to the month leaves it open
        _, said = too_young(member.birth_date, event.on, rules.value("min_age"), "递交申请书时")
        broke("min_age", f"{member.name} 的{said}", practice=True)


def _talk(member, path, event, rules, full_members, broke) -> None:
    applied = path.on(1)
    if applied and event.on > add_months(applied, rules.value("talk_within_months")):
        broke("talk_within_months", f"谈话（{event.on}）距递交申请书（{applied}）超过一个月")


def _mentors(member, path, event, rules, full_members, broke) -> None:
    names = event.names()
    low, high = rules.value("mentors_min"), rules.value("mentors_max")
    if not low <= len(names) <= high:
        broke("mentors_max", f"培养联系人应为 {low}–{high} 名，现为 {len(names)} 名")
    _full_members_only(names, full_members, "培养联系人", "mentors_max", broke)


def _full_members_only(names, full_members, role, key, broke) -> None:
    others = [n for n in names if n not in full_members]
    if others:
        broke(key, f"{role}必须是本支部的正式党员：{'、'.join(others)} 不是")


def _candidate(member, path, event, rules, full_members, broke) -> None:
    activist = path.on(3)
    if activist is None:
        return
    earliest = add_years(activist, rules.value("cultivation_years"))
    if event.on < earliest:
        broke("cultivation_years", f"{activist} 确定为积极分子，最早 {earliest} 才能确定为发展对象")


def _sponsors(member, path, event, rules, full_members, broke) -> None:
    names = event.names()
    need = rules.value("sponsors")
    if len(names) != need:
        broke("sponsors", f"入党介绍人应为 {need} 名，现为 {len(names)} 名")
    _full_members_only(names, full_members, "入党介绍人", "sponsors", broke)


def _training(member, path, event, rules, full_members, broke) -> None:
    days, hours = rules.value("training_days"), rules.value("training_hours")
    amount = event.quantity or 0
    enough = (event.unit == "天" and amount >= days) or (event.unit == "学时" and amount >= hours)
    if not enough:
        shown = f"{amount:g}{event.unit}" if event.unit else "未填写时长"
        broke("training_days", f"集中培训{shown}，应不少于 {days} 天或 {hours} 学时")


def _approval(member, path, event, rules, full_members, broke) -> None:
    _within(
        path.on(15),
        event.on,
        "approval_months",
        "approval_max_months",
        "接收预备党员",
        rules,
        broke,
    )


def _conversion_meeting(member, path, event, rules, full_members, broke) -> None:
    end = path.probation_end(rules)
    if end and event.on < end:
        broke("probation_years", f"预备期到 {end} 才满，转正大会不能早于这一天")


def _conversion_approval(member, path, event, rules, full_members, broke) -> None:
    _within(path.on(23), event.on, "conversion_approval_months", None, "转正", rules, broke)


def _within(start, on, key, max_key, what, rules, broke) -> None:
    if start is None:
        return
    if max_key and on > add_months(start, rules.value(max_key)):
        broke(max_key, f"{what}的审批（{on}）距支部大会（{start}）超过六个月")
    elif on > add_months(start, rules.value(key)):
        broke(key, f"{what}的审批（{on}）距支部大会（{start}）超过三个月")


_STEP_CHECKS = {
    1: _age,
    2: _talk,
    3: _activist,
    5: _mentors,
    7: _candidate,
    9: _sponsors,
    11: _training,
    13: _leaving,
    15: _leaving,
    17: _approval,
    23: _conversion_meeting,
    24: _conversion_approval,
}


def next_step(path: Path, stage: Stage) -> int | None:
    """The step to record next for a person now at `stage`: the lowest-numbered step after the
    last one behind them (recorded, or proved by the stage), None when step 25 is behind them.
    A gap left earlier (a step skipped) is not suggested again: the record moves forward."""
    seen = path.seen_as(stage)
    behind = [n for n in STEPS if seen.done(n)]
    last = max(behind, default=0)
    return next((n for n in STEPS if n > last and not seen.done(n)), None)
