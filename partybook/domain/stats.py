"""The year in numbers (年度统计): the figures a year-end work summary needs, each traceable to
the records behind it, and a draft paragraph in the usual Chinese phrasing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from partybook.domain.appraisal import Grade, Round
from partybook.domain.dates import add_years
from partybook.domain.meetings import Meeting, MeetingKind, Requirement
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.pipeline import Kind, Path, stage_from_path
from partybook.domain.study import MemberHours, Session


@dataclass(frozen=True, slots=True)  # a township year has over a hundred thousand of them
class Ref:
    """One record behind a figure: what it is ("member", "meeting", "study"), its id, a line,
    and in a township collection's combined figures the branch it comes from."""

    kind: str
    id: int
    text: str
    on: date | None = None
    branch: str = ""  # one string per branch, shared, not copied into 100 000 lines

    @property
    def shown(self) -> str:
        """The line as a list shows it: "branch：line" in a township collection."""
        return f"{self.branch}：{self.text}" if self.branch else self.text


@dataclass(frozen=True)
class Figure:
    key: str
    group: str  # 党员队伍 / 发展党员 / 组织生活 / 民主评议 / 学习教育
    label: str
    value: float
    unit: str = "名"
    refs: tuple[Ref, ...] = field(default=(), repr=False)
    note: str = ""

    @property
    def text(self) -> str:
        number = (
            f"{self.value:.0%}"
            if self.unit == "%"
            else f"{self.value:.2f}"
            if self.unit == "元"
            else f"{self.value:g}"
        )
        return number if self.unit == "%" else f"{number} {self.unit}"


@dataclass(frozen=True)
class YearData:
    """Everything the figures are computed from; the Book assembles it."""

    year: int
    today: date
    members: Sequence[Member]
    paths: Mapping[int, Path]
    meetings: Sequence[Meeting]  # the year's
    titles: Mapping[int, str]
    required: Sequence[Requirement]  # compliance of the year, up to the end or today
    appraisal: Round | None
    sessions: Sequence[Session]  # the year's
    hours: Sequence[MemberHours]

    @property
    def end(self) -> date:
        return min(date(self.year, 12, 31), self.today)


def stage_on(member: Member, path: Path, day: date) -> Stage | None:
    """Where a person stood on a day, from the recorded steps and the roster's dates; None if
    not yet on the roster or already gone."""
    if member.left_reason is not None and member.left_on is not None and member.left_on <= day:
        return None
    if member.full_on is not None and member.full_on <= day:
        return Stage.FULL
    before = Path([e for e in path.events if e.on <= day])
    if member.joined_on is not None and member.joined_on <= day:
        if stage_from_path(before, Stage.PROBATIONARY) is Stage.FULL:
            return Stage.FULL
        if member.stage is Stage.FULL and member.full_on is None and not path.events:
            # a full member from a roster without 转正时间: full since a year of probation
            return Stage.FULL if add_years(member.joined_on, 1) <= day else Stage.PROBATIONARY
        return Stage.PROBATIONARY
    if any(e.kind is Kind.STEP for e in before.events):
        return stage_from_path(before, Stage.APPLICANT)
    if path.events or member.joined_on is not None:
        return None  # their first record comes later
    return member.stage  # no dates at all (an old roster): take them as they are now


def _in(day: date | None, year: int) -> bool:
    return day is not None and day.year == year


def _member_ref(m: Member, on: date | None = None, what: str = "") -> Ref:
    return Ref("member", m.id or 0, f"{m.name}：{what}" if what else m.name, on)


def figures(d: YearData) -> list[Figure]:
    """Every figure of the year, in the order a summary reads them."""
    out: list[Figure] = []

    def add(key, group, label, refs, unit="名", value=None, note="") -> None:
        refs = tuple(refs)
        out.append(
            Figure(key, group, label, len(refs) if value is None else value, unit, refs, note)
        )

    start, end = date(d.year, 1, 1), d.end
    no_path = Path()  # most full members have no recorded steps (read, never changed)
    # the people with recorded steps and their paths, in roster order: the steps' figures
    # look only at them (not at 10 000 empty paths, several times over)
    pathed = [(m, d.paths[m.id]) for m in d.members if m.id in d.paths]
    # 党员队伍 ---------------------------------------------------------------
    for when, day, word in (("start", start, "年初"), ("end", end, "年末")):
        on_day = {m.id: stage_on(m, d.paths.get(m.id, no_path), day) for m in d.members}
        members = [m for m in d.members if on_day[m.id] is not None and on_day[m.id].is_member]
        add(
            f"members_{when}",
            "党员队伍",
            f"{word}党员总数（{day:%m月%d日}）",
            (_member_ref(m, day, on_day[m.id].value) for m in members),
        )
        for stage in (Stage.FULL, Stage.PROBATIONARY):
            add(
                f"{stage.name.lower()}_{when}",
                "党员队伍",
                f"{word}{stage.value}",
                (_member_ref(m, day) for m in members if on_day[m.id] is stage),
            )
    left = [m for m in d.members if m.left_reason is not None and _in(m.left_on, d.year)]
    for reason in LeaveReason:
        mine = [m for m in left if m.left_reason is reason]
        if mine or reason is LeaveReason.TRANSFERRED:
            add(
                f"left_{reason.name.lower()}",
                "党员队伍",
                f"本年{reason.value}",
                (_member_ref(m, m.left_on, m.left_note) for m in mine),
            )

    # 发展党员 ---------------------------------------------------------------
    def step_refs(number: int):
        for m, path in pathed:
            on = path.on(number)
            if _in(on, d.year):
                yield _member_ref(m, on)

    add("applicants", "发展党员", "新递交入党申请书", step_refs(1))
    add("activists", "发展党员", "新确定入党积极分子", step_refs(3))
    add("candidates", "发展党员", "新确定发展对象", step_refs(7))
    # 入党日期 and 转正日期 on the roster are what the member counts above rest on, so
    # start + admitted − left = end holds; a vote still awaiting approval is counted apart.
    joined = (_member_ref(m, m.joined_on) for m in d.members if _in(m.joined_on, d.year))
    add("admitted", "发展党员", "发展党员（接收为预备党员）", joined)
    pending = []
    for m, path in pathed:
        if _in(path.on(15), d.year) and path.on(17) is None and m.joined_on is None:
            pending.append(_member_ref(m, path.on(15), "支部大会已通过，待上级党委审批"))
    add("pending", "发展党员", "支部大会通过接收、待上级党委审批", pending)
    full = (_member_ref(m, m.full_on) for m in d.members if _in(m.full_on, d.year))
    add("converted", "发展党员", "预备党员转为正式党员", full)
    extended = []
    for m, path in pathed:
        for e in path.of_kind(Kind.EXTENSION):
            if _in(e.on, d.year):
                extended.append(_member_ref(m, e.on, f"延长{e.quantity or 0:g}个月"))
    add("extended", "发展党员", "延长预备期", extended)
    # 组织生活 ---------------------------------------------------------------
    for kind in MeetingKind:
        held = [m for m in d.meetings if kind in m.kinds]
        required = [r for r in d.required if r.kind is kind]
        met = sum(1 for r in required if r.met)
        note = f"按规定应开 {len(required)} 期，已开 {met} 期" if required else ""
        add(
            f"meetings_{kind.name.lower()}",
            "组织生活",
            f"召开{kind.value}",
            (Ref("meeting", m.id or 0, d.titles.get(m.id, kind.value), m.on) for m in held),
            unit="次",
            note=note,
        )
    should = sum(m.should_attend for m in d.meetings)
    present = sum(m.present for m in d.meetings)
    add(
        "attendance",
        "组织生活",
        "党员平均参会率",
        (
            Ref(
                "meeting",
                m.id or 0,
                f"{d.titles.get(m.id, '')}：应到 {m.should_attend} 实到 {m.present}",
                m.on,
            )
            for m in d.meetings
        ),
        unit="%",
        value=round(present / should, 4) if should else 0,
    )
    # 民主评议 ---------------------------------------------------------------
    if d.appraisal is not None:
        names = {m.id: m for m in d.members}
        entries = [e for e in d.appraisal.entries if e.member_id in names]
        add(
            "appraised",
            "民主评议",
            "参加民主评议的党员",
            (_member_ref(names[e.member_id]) for e in entries),
        )
        for grade in Grade:
            add(
                f"grade_{grade.name.lower()}",
                "民主评议",
                f"评定为{grade.value}",
                (_member_ref(names[e.member_id]) for e in entries if e.grade is grade),
            )
    # 学习教育 ---------------------------------------------------------------
    group = [s for s in d.sessions if not s.personal]
    add(
        "study_sessions",
        "学习教育",
        "组织集体学习",
        (Ref("study", s.id or 0, f"{s.form}：{s.topic}（{s.hours:g} 学时）", s.on) for s in group),
        unit="次",
    )
    add(
        "study_hours",
        "学习教育",
        "集体学习累计学时",
        (Ref("study", s.id or 0, f"{s.topic}（{s.hours:g} 学时）", s.on) for s in group),
        unit="学时",
        value=sum(s.hours for s in group),
    )
    add(
        "study_met",
        "学习教育",
        "完成全年学时要求的党员",
        (
            _member_ref(r.member, None, f"{r.hours:g}/{r.requirement:g} 学时")
            for r in d.hours
            if r.met
        ),
    )
    add(
        "study_members",
        "学习教育",
        "应参加学习的党员",
        (_member_ref(r.member, None, f"{r.hours:g}/{r.requirement:g} 学时") for r in d.hours),
    )
    return out


def _n(figs: dict[str, Figure], key: str) -> int:
    f = figs.get(key)
    return int(f.value) if f else 0


def paragraph(year: int, figs: Sequence[Figure], branch_name: str = "") -> str:
    """A draft for the work summary, in the usual phrasing; only figures that are not zero."""
    f = {x.key: x for x in figs}
    who = branch_name or "党支部"
    parts = [
        f"{year}年，{who}共有党员{_n(f, 'members_end')}名，其中正式党员{_n(f, 'full_end')}名、"
        f"预备党员{_n(f, 'probationary_end')}名。"
    ]
    dev = [
        (f"收到入党申请书{_n(f, 'applicants')}份", _n(f, "applicants")),
        (f"确定入党积极分子{_n(f, 'activists')}名", _n(f, "activists")),
        (f"确定发展对象{_n(f, 'candidates')}名", _n(f, "candidates")),
        (f"发展党员{_n(f, 'admitted')}名", _n(f, "admitted")),
        (f"按期转正{_n(f, 'converted')}名", _n(f, "converted")),
    ]
    said = [text for text, n in dev if n]
    if said:
        parts.append("本年度" + "，".join(said) + "。")
    words = {
        MeetingKind.GENERAL: "召开支部党员大会{}次",
        MeetingKind.COMMITTEE: "支委会{}次",
        MeetingKind.GROUP: "党小组会{}次",
        MeetingKind.LECTURE: "上党课{}次",
        MeetingKind.THEME_DAY: "开展主题党日活动{}次",
        MeetingKind.LIFE: "召开组织生活会{}次",
    }
    held = [
        w.format(_n(f, f"meetings_{k.name.lower()}"))
        for k, w in words.items()
        if _n(f, f"meetings_{k.name.lower()}")
    ]
    if held:
        rate = f.get("attendance")
        tail = f"，党员平均参会率{rate.value:.0%}" if rate and rate.value else ""
        parts.append("认真落实“三会一课”制度，本年度共" + "、".join(held) + tail + "。")
    if _n(f, "study_sessions"):
        members, met = _n(f, "study_members"), _n(f, "study_met")
        done = (
            "全体党员均完成年度学习任务"
            if members and met == members
            else (f"{met}名党员完成年度学习任务" if met else "")
        )
        parts.append(
            f"组织集体学习{_n(f, 'study_sessions')}次，累计{f['study_hours'].value:g}学时"
            + (f"，{done}" if done else "")
            + "。"
        )
    if _n(f, "appraised"):
        graded = [
            f"{g.value}{_n(f, f'grade_{g.name.lower()}')}名"
            for g in Grade
            if _n(f, f"grade_{g.name.lower()}")
        ]
        parts.append(
            f"开展民主评议党员，{_n(f, 'appraised')}名党员参加"
            + (f"，评定{'、'.join(graded)}" if graded else "")
            + "。"
        )
    return "".join(parts)
