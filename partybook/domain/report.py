"""The year's 党支部工作总结 as a draft written from the records: numbered sections in the shape
branch secretaries use, each sentence stating figures of the year (the same Figure values as
年度统计 and `summary --json`) and topics copied from the records; where only the secretary
can write, or nothing is recorded, a marked placeholder (【请填写：…】), never a made-up line."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from partybook.domain.meetings import Meeting, MeetingKind
from partybook.domain.members import Branch
from partybook.domain.stats import Figure, Ref
from partybook.domain.study import MemberHours, Session
from partybook.domain.talks import Talk
from partybook.domain.transfers import Direction, Transfer

NUMERALS = "一二三四五六七八九十"
TOPICS_SHOWN = 12  # a longer list ends with 等
# topics that belong to 作风建设和党风廉政建设 (section 三)
CONDUCT_WORDS = ("纪律", "廉", "作风", "师德", "八项规定", "规矩", "警示")


def placeholder(what: str) -> str:
    return f"【请填写：{what}】"


@dataclass(frozen=True)
class Para:
    """One paragraph: plain text, a sub-heading （一）…, or a placeholder to fill in. keys are
    the figures it states (年度统计's keys), topics the record texts it lists."""

    text: str
    kind: str = "text"  # text / sub / placeholder
    keys: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str  # 一、加强思想政治建设，抓好理论学习
    paras: tuple[Para, ...]


@dataclass(frozen=True)
class Report:
    """The draft: title, opening, sections and the signature, with the figures it may state."""

    year: int
    branch: str
    title: str
    intro: tuple[Para, ...]
    sections: tuple[Section, ...]
    signature: tuple[str, ...]
    figures: Mapping[str, Figure] = field(default_factory=dict, repr=False)

    def paras(self) -> list[Para]:
        return [*self.intro, *(p for s in self.sections for p in s.paras)]

    def stated(self) -> dict[str, float]:
        """Every figure a sentence states, by key, with its value."""
        return {k: self.figures[k].value for p in self.paras() for k in p.keys}

    def text(self) -> str:
        """The whole draft as plain text (for a check or a paste)."""
        lines = [self.title, *(p.text for p in self.intro)]
        for s in self.sections:
            lines += [s.heading, *(p.text for p in s.paras)]
        return "\n".join([*lines, *self.signature])


@dataclass(frozen=True)
class ReportData:
    """What the draft is written from; the Book assembles it."""

    year: int
    today: date
    branch: Branch
    figures: Sequence[Figure]
    meetings: Sequence[Meeting]  # the year's
    sessions: Sequence[Session]  # the year's
    talks: Sequence[Talk]  # the year's
    term_end: date | None = None

    @property
    def end(self) -> date:
        return min(date(self.year, 12, 31), self.today)


# figures from the other records of the year (年度统计 lists them after the domain's) ----------
def _yuan(fen: int) -> float:
    return round(fen / 100, 2)


def record_figures(
    year: int,
    hours: Sequence[MemberHours],
    talks: Sequence[Talk],
    transfers: Sequence[Transfer],
    dues: Sequence,  # MemberDues of the year
    names: Mapping[int, str],
) -> list[Figure]:
    """学时落后, 谈心谈话, 组织关系转接 and 党费 of the year, each with the records behind it."""
    out = [
        Figure(
            "study_behind",
            "学习教育",
            "学时落后于进度的党员",
            sum(1 for r in hours if r.behind),
            refs=tuple(
                Ref("member", r.member.id or 0, f"{r.member.name}：{r.hours:g}/{r.target:.1f} 学时")
                for r in hours
                if r.behind
            ),
        )
    ]
    mine = [t for t in talks if t.on.year == year]

    def other(t: Talk) -> str:
        return names.get(t.second_id, "") if t.second_id is not None else t.second_name

    out.append(
        Figure(
            "talks",
            "谈心谈话",
            "开展谈心谈话",
            len(mine),
            "次",
            tuple(
                Ref("talk", t.id or 0, f"{names.get(t.first_id, '')}与{other(t)}：{t.topic}", t.on)
                for t in mine
            ),
        )
    )
    for direction, key in ((Direction.IN, "transfers_in"), (Direction.OUT, "transfers_out")):
        moved = [t for t in transfers if t.direction is direction and t.on.year == year]
        word = "来自" if direction is Direction.IN else "转往"
        out.append(
            Figure(
                key,
                "组织关系转接",
                f"{direction.value}组织关系",
                len(moved),
                refs=tuple(
                    Ref(
                        "transfer",
                        t.id or 0,
                        f"{names.get(t.member_id or 0, '')}：{word}{t.organisation}",
                        t.on,
                    )
                    for t in moved
                ),
            )
        )
    paid = [r for r in dues if r.paid_fen]
    out += [
        Figure(
            "dues_members",
            "党费",
            "应交纳党费的党员",
            len(dues),
            refs=tuple(Ref("member", r.member.id or 0, r.member.name) for r in dues),
        ),
        Figure(
            "dues_paid",
            "党费",
            "收缴党费",
            _yuan(sum(r.paid_fen for r in dues)),
            "元",
            tuple(
                Ref("member", r.member.id or 0, f"{r.member.name}：{_yuan(r.paid_fen):g} 元")
                for r in paid
            ),
        ),
        Figure(
            "dues_behind",
            "党费",
            "欠交党费的党员",
            sum(1 for r in dues if r.unpaid),
            refs=tuple(
                Ref(
                    "member",
                    r.member.id or 0,
                    f"{r.member.name}：欠交{'、'.join(f'{m}月' for m in r.unpaid)}",
                )
                for r in dues
                if r.unpaid
            ),
        ),
    ]
    return out


# writing ------------------------------------------------------------------------------------
def number(f: Figure) -> str:
    """A figure's number as a sentence states it: 19, 46.5, 92%, 10012.27 (元)."""
    return f.text.removesuffix(f" {f.unit}")


class _Writer:
    def __init__(self, figures: Iterable[Figure]) -> None:
        self.f = {x.key: x for x in figures}

    def n(self, key: str) -> float:
        f = self.f.get(key)
        return f.value if f else 0

    def say(self, template: str, listed: Sequence[str] = (), **words: str) -> Para:
        """A sentence whose {key} fields are figures (recorded in keys) and {word}s text."""
        fields = (name for _, name, _, _ in string.Formatter().parse(template))
        keys = tuple(name for name in fields if name and name not in words)
        values = {k: number(self.f[k]) for k in keys}
        return Para(template.format(**values, **words), keys=keys, topics=tuple(listed))

    def named(self, key: str, text: str) -> tuple[str, str]:
        """A clause part naming the people behind its figure: 接收预备党员{admitted}名（谢婷）."""
        return key, text + _paren(_names(self.f.get(key)))

    def clause(self, parts: Sequence[tuple[str, str]]) -> str:
        """The parts whose figure is not zero, joined with 、 (the template keeps the keys)."""
        return "、".join(text for key, text in parts if self.n(key))


def _day(d: date) -> str:
    return f"{d.month}月{d.day}日"


def _listed(items: Sequence[str]) -> str:
    shown = "；".join(items[:TOPICS_SHOWN])
    return shown + ("等" if len(items) > TOPICS_SHOWN else "")


def _distinct(texts: Iterable[str]) -> list[str]:
    """Each text once, in order; "支委会集体学习：学习党章" counts as "学习党章" when that is
    listed too (the same topic with the occasion written before it)."""
    seen: dict[str, None] = {}
    for t in texts:
        t = t.strip()
        if t:
            seen.setdefault(t, None)
    return [t for t in seen if not any(u != t and t.endswith("：" + u) for u in seen)]


def _subject(m: Meeting) -> str:
    """What a meeting was about, as recorded: its topic, else its agenda."""
    return (m.topic or m.agenda).strip()


def _names(f: Figure | None) -> str:
    if f is None or not f.refs:
        return ""
    return "、".join(n for n in (r.text.split("：")[0] for r in f.refs) if n)


def build_report(d: ReportData) -> Report:
    """The draft of the year's work summary from the records (see the module's docstring)."""
    w = _Writer(d.figures)
    who = d.branch.name or "党支部"
    sections = (
        Section("一、加强思想政治建设，抓好理论学习", tuple(_study(w, d))),
        Section("二、加强组织建设，落实组织生活制度", tuple(_organisation(w, d))),
        Section("三、加强作风建设和党风廉政建设", tuple(_conduct(d))),
        Section("四、开展主题党日和特色活动", tuple(_activities(w, d))),
        Section("五、存在的问题", tuple(_problems(w, d))),
        Section(f"六、{d.year + 1}年工作打算", tuple(_plans(d))),
    )
    above = f"在{d.branch.committee}的领导下，" if d.branch.committee.strip() else ""
    intro = []
    if w.n("members_end"):
        intro.append(
            w.say(
                "{year}年，{who}" + _esc(above) + "按照《中国共产党支部工作条例（试行）》开展"
                "党建工作。截至{end}，支部共有党员{members_end}名，"
                + _split(w)
                + "。现将本年度工作总结如下。",
                year=str(d.year),
                who=who,
                end=f"{d.end.year}年{_day(d.end)}",
            )
        )
    else:
        intro.append(Para(placeholder("支部党员人数（台账中没有本年度的党员记录）"), "placeholder"))
    intro.append(Para(placeholder("本年度党建工作的总体思路和主要成效，一两句话"), "placeholder"))
    return Report(
        year=d.year,
        branch=who,
        title=f"{who}{d.year}年度党建工作总结",
        intro=tuple(intro),
        sections=sections,
        signature=(who, f"{d.year}年　　月　　日"),
        figures=w.f,
    )


def _study(w: _Writer, d: ReportData) -> Iterable[Para]:
    group = [s for s in d.sessions if not s.personal]
    lectures = [m for m in d.meetings if MeetingKind.LECTURE in m.kinds]
    if not group and not lectures:
        yield Para(placeholder("本年度理论学习情况（台账中本年度没有学习记录）"), "placeholder")
        return
    if group:
        forms = _distinct(s.form for s in group)
        yield w.say(
            "全年组织集体学习{study_sessions}次，累计{study_hours}学时，学习形式有{forms}。",
            forms="、".join(forms),
        )
        taught = {m.topic.strip() for m in lectures}  # listed with the 党课 below
        topics = [t for t in _distinct(s.topic for s in group) if t not in taught]
        yield w.say("学习内容主要有：{topics}。", topics, topics=_listed(topics))
    if lectures:
        by_topic: dict[str, list[Meeting]] = {}
        for m in lectures:
            by_topic.setdefault(m.topic.strip(), []).append(m)
        items = []
        for topic, held in by_topic.items():
            people = "、".join(_distinct(m.lecturer for m in held))
            days = "、".join(_day(m.on) for m in held)
            if topic:
                items.append(f"“{topic}”（{people + '，' if people else ''}{days}）")
        text = "全年上党课{meetings_lecture}次" + (
            f"，题目有：{_esc(_listed(items))}。" if items else "。"
        )
        yield w.say(text, [t for t in by_topic if t])
    else:
        yield Para(placeholder("党课开展情况（台账中本年度没有党课记录）"), "placeholder")
    if w.n("study_members"):
        parts = ["截至{end}，应参加学习的党员{study_members}名"]
        if w.n("study_met"):
            parts.append("已完成全年学时要求的{study_met}名")
        behind = "学时落后于进度的{study_behind}名"
        parts.append(behind if w.n("study_behind") else "没有学时落后于进度的党员")
        yield w.say("，".join(parts) + "。", end=_day(d.end))
    yield Para(placeholder("理论学习的收获和体会，如结合教育教学工作的心得"), "placeholder")


def _meeting_kinds(w: _Writer) -> str:
    return w.clause(
        [
            ("meetings_general", "召开支部党员大会{meetings_general}次"),
            ("meetings_committee", "支部委员会会议{meetings_committee}次"),
            ("meetings_group", "党小组会{meetings_group}次"),
            ("meetings_lecture", "上党课{meetings_lecture}次"),
            ("meetings_theme_day", "开展主题党日活动{meetings_theme_day}次"),
            ("meetings_life", "召开组织生活会{meetings_life}次"),
        ]
    )


def _shortfalls(w: _Writer) -> list[str]:
    """The kinds held fewer times than the rules ask, as their notes say (按规定应开 …)."""
    out = []
    for kind in MeetingKind:
        f = w.f.get(f"meetings_{kind.name.lower()}")
        if f is None or not f.note:
            continue
        numbers = [int(x) for x in f.note.replace("期", " ").split() if x.isdigit()]
        if len(numbers) == 2 and numbers[1] < numbers[0]:
            out.append(f"{kind.value}{''.join(f.note.split())}")  # 应开12期, as the prose
    return out


def _organisation(w: _Writer, d: ReportData) -> Iterable[Para]:
    yield Para("（一）落实“三会一课”制度", "sub")
    held = _meeting_kinds(w)
    if held:
        tail = "，党员平均参会率{attendance}" if w.n("attendance") else ""
        yield w.say("全年" + held + tail + "。")
        general = [m for m in d.meetings if m.kind is MeetingKind.GENERAL]
        if general:
            subjects = _distinct(_subject(m) for m in general)
            yield w.say(
                "支部党员大会分别于{days}召开" + ("，议题有：{subjects}。" if subjects else "。"),
                subjects,
                days="、".join(_day(m.on) for m in general),
                subjects=_listed(subjects),
            )
    else:
        yield Para(placeholder("“三会一课”落实情况（台账中本年度没有会议记录）"), "placeholder")
    if not w.n("meetings_life"):
        missing = "组织生活会召开情况（台账中本年度没有组织生活会记录）"
        yield Para(placeholder(missing), "placeholder")

    yield Para("（二）加强党员队伍建设，做好发展党员工作", "sub")
    left = [
        (f.key, f"{f.label.removeprefix('本年')}{{{f.key}}}名")
        for f in w.f.values()
        if f.key.startswith("left_")
    ]
    moved = w.clause(left)
    if w.n("members_start") or w.n("members_end"):
        yield w.say(
            "年初有党员{members_start}名，年末有党员{members_end}名，"
            + _split(w)
            + (f"；本年{moved}" if moved else "")
            + "。"
        )
    dev = w.clause(
        [
            ("applicants", "收到入党申请书{applicants}份"),
            ("activists", "确定入党积极分子{activists}名"),
            w.named("candidates", "确定发展对象{candidates}名"),
            w.named("admitted", "接收预备党员{admitted}名"),
            w.named("pending", "支部大会通过接收、待上级党委审批{pending}名"),
            w.named("converted", "预备党员按期转正{converted}名"),
            w.named("extended", "延长预备期{extended}名"),
        ]
    )
    if dev:
        yield w.say("本年度" + dev + "。")
    else:
        yield Para(placeholder("发展党员工作情况（台账中本年度没有发展党员记录）"), "placeholder")

    yield Para("（三）开展民主评议党员", "sub")
    if w.n("appraised"):
        grades = w.clause(
            [
                ("grade_excellent", "优秀{grade_excellent}名"),
                ("grade_qualified", "合格{grade_qualified}名"),
                ("grade_basic", "基本合格{grade_basic}名"),
                ("grade_unqualified", "不合格{grade_unqualified}名"),
            ]
        )
        if grades:
            yield w.say("{appraised}名党员参加民主评议，评定为" + grades + "。")
        else:
            yield w.say("{appraised}名党员参加民主评议，评定等次尚未录入。")
            yield Para(placeholder("民主评议的评定结果（评定后填写）"), "placeholder")
    else:
        yield Para(placeholder("民主评议党员情况（台账中本年度没有民主评议记录）"), "placeholder")

    yield Para("（四）按时足额收缴党费", "sub")
    if w.n("dues_paid"):
        behind = "，{dues_behind}名党员尚有欠交" if w.n("dues_behind") else "，没有欠交党费的党员"
        yield w.say(
            "本年度应交纳党费的党员{dues_members}名，截至{end}共收缴党费{dues_paid}元"
            + behind
            + "。",
            end=_day(d.end),
        )
    else:
        yield Para(placeholder("党费收缴情况（台账中本年度没有党费收缴记录）"), "placeholder")

    yield Para("（五）开展谈心谈话，做好组织关系转接", "sub")
    said = False
    if w.n("talks"):
        topics = _distinct(t.topic for t in d.talks)
        yield w.say(
            "全年开展谈心谈话{talks}次，谈话主题有：{topics}。", topics, topics=_listed(topics)
        )
        said = True
    moves = w.clause(
        [
            w.named("transfers_in", "转入组织关系{transfers_in}名"),
            w.named("transfers_out", "转出组织关系{transfers_out}名"),
        ]
    )
    if moves:
        yield w.say("办理" + moves + "。")
        said = True
    if not said:
        yield Para(
            placeholder("谈心谈话和组织关系转接情况（台账中本年度没有相关记录）"), "placeholder"
        )


def _split(w: _Writer) -> str:
    """正式党员 and 预备党员 at the year's end, as a summary words it (no "预备党员0名")."""
    if not w.n("probationary_end"):
        return "均为正式党员"
    if not w.n("full_end"):
        return "均为预备党员"
    return "其中正式党员{full_end}名、预备党员{probationary_end}名"


def _paren(text: str) -> str:
    return f"（{_esc(text)}）" if text else ""


def _esc(text: str) -> str:
    """Record text put into a sentence's template: its braces are not fields."""
    return text.replace("{", "{{").replace("}", "}}")


def _conduct(d: ReportData) -> Iterable[Para]:
    found = _distinct(
        [s.topic for s in d.sessions if not s.personal]
        + [_subject(m) for m in d.meetings if MeetingKind.LECTURE in m.kinds]
    )
    conduct = [t for t in found if any(word in t for word in CONDUCT_WORDS)]
    if conduct:
        yield Para(f"围绕纪律和作风建设，组织学习了：{_listed(conduct)}。", topics=tuple(conduct))
    yield Para(
        placeholder("作风建设和党风廉政建设情况，如师德师风建设、落实中央八项规定精神等"),
        "placeholder",
    )


def _activities(w: _Writer, d: ReportData) -> Iterable[Para]:
    days = [m for m in d.meetings if MeetingKind.THEME_DAY in m.kinds]
    if days:
        by_subject: dict[str, list[str]] = {}
        for m in days:
            by_subject.setdefault(_subject(m) or "", []).append(_day(m.on))
        items = [f"{s}（{'、'.join(on)}）" for s, on in by_subject.items() if s]
        text = "全年开展主题党日活动{meetings_theme_day}次" + (
            f"，主要内容有：{_esc(_listed(items))}。" if items else "。"
        )
        yield w.say(text, [s for s in by_subject if s])
    else:
        yield Para(placeholder("主题党日活动情况（台账中本年度没有主题党日记录）"), "placeholder")
    yield Para(
        placeholder("本年度特色活动和服务师生、服务群众的情况，如党员示范岗、结对帮扶、志愿服务等"),
        "placeholder",
    )


def _problems(w: _Writer, d: ReportData) -> Iterable[Para]:
    # only what the records show: no meeting recorded says nothing about the meetings held
    facts = [_esc(s) for s in _shortfalls(w)] if d.meetings else []
    if w.n("study_behind") and d.sessions:
        facts.append("{study_behind}名党员学时落后于进度")
    if w.n("dues_behind") and w.n("dues_paid"):
        facts.append("{dues_behind}名党员欠交党费")
    if facts:
        yield w.say("从台账记录看：" + "；".join(facts) + "。")
    yield Para(placeholder("存在的问题及原因分析"), "placeholder")


def _plans(d: ReportData) -> Iterable[Para]:
    end = d.term_end
    if end is not None and end.year <= d.year + 1:
        yield Para(f"本届支部委员会任期至{end.year}年{_day(end)}届满，应按期做好换届选举工作。")
    yield Para(
        placeholder(f"{d.year + 1}年工作打算，如理论学习、组织建设、发展党员、特色活动的安排"),
        "placeholder",
    )
