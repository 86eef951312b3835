"""Printable documents as HTML (Qt-free): the 发展党员全程纪实表 for one person."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from partybook.domain.errors import InvalidValue
from partybook.domain.materials import Document
from partybook.domain.meetings import MeetingKind, absent_voters, count_vote, quorum
from partybook.domain.members import Branch, Member
from partybook.domain.opening import BEFORE_BOOK
from partybook.domain.pipeline import STEPS, Kind, Path
from partybook.domain.rules import RuleSet

_STYLE = """
body { font-family: 'SimSun', 'WenQuanYi Micro Hei', serif; font-size: 10.5pt; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4pt 0; }
p.sub { text-align: center; margin: 0 0 8pt 0; }
table { border-collapse: collapse; }  /* one line between cells, not two */
td, th { border: 1px solid black; padding: 3pt; vertical-align: top; }
th { background: #eeeeee; }
"""


_TABLE = '<table width="100%" border="1" cellspacing="0" cellpadding="3">'


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


@dataclass(frozen=True)
class RecordParts:
    """What the 发展党员全程纪实表 shows, for the printable page and the Word document."""

    subtitle: str
    info: tuple[tuple[str, str], ...]  # (label, value) pairs, two to a row
    steps: tuple[tuple[str, ...], ...]  # 步骤, 事项, 日期, 相关人员, 决定的会议, 说明
    repeated: tuple[tuple[str, ...], ...]  # 日期, 事项, 相关人员, 说明
    documents: str


def _s(value: object) -> str:
    return "" if value is None else str(value)


def record_parts(
    branch: Branch, member: Member, path: Path, documents: list[Document], rules: RuleSet
) -> RecordParts:
    """The step-by-step record: every step 1–25 with its date, people, meeting and exception,
    the repeated assessments and reports, and the documents present or missing."""
    info = (
        ("姓名", member.name),
        ("性别", member.sex),
        ("出生日期", _s(member.birth_date)),
        ("公民身份号码", member.id_number),
        ("学历", member.education),
        ("工作单位及职务", member.position),
        ("目前阶段", member.status_text),
        ("预备期满", _s(path.probation_end(rules))),
    )
    rows = []
    seen = path.seen_as(member.stage)  # the steps the stage proves (建账前未录入)
    for number, step in STEPS.items():
        event = path.step(number)
        if event is None:
            before = BEFORE_BOOK if member.active and seen.unrecorded(number) else ""
            sponsors = member.sponsors if number == 9 and before else ""
            rows.append((str(number), step.title, before, sponsors, "", ""))
            continue
        extra = f"{event.quantity:g}{event.unit}；" if event.quantity else ""
        note = extra + event.notes + (f"【例外：{event.exception}】" if event.exception else "")
        rows.append((str(number), step.title, _s(event.on), event.people, event.meeting, note))
    repeated = tuple(
        (
            _s(e.on),
            e.title,
            e.people,
            e.notes + (f"【例外：{e.exception}】" if e.exception else ""),
        )
        for e in sorted((e for e in path.events if e.kind is not Kind.STEP), key=lambda e: e.on)
    )
    docs = "；".join(f"{'☑' if d.present else '☐'} {d.name}" for d in documents)
    return RecordParts(f"{branch.name}　　按{rules.name}", info, tuple(rows), repeated, docs)


def record_html(
    branch: Branch, member: Member, path: Path, documents: list[Document], rules: RuleSet
) -> str:
    """The 发展党员全程纪实表 as a printable page (record_parts' content)."""
    r = record_parts(branch, member, path, documents, rules)
    pairs = [f"<th>{_e(k)}</th><td>{_e(v)}</td>" for k, v in r.info]
    cells = "</tr><tr>".join(pairs[i] + pairs[i + 1] for i in range(0, len(pairs), 2))
    rows = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in r.steps)
    repeated_rows = (
        "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in r.repeated)
        or "<tr><td colspan='4'>（无）</td></tr>"
    )
    return f"""<html><head><meta charset="utf-8"><style>{_STYLE}</style></head><body>
<h1>发展党员全程纪实表</h1>
<p class="sub">{_e(r.subtitle)}</p>
{_TABLE}<tr>{cells}</tr></table>
<p></p>
{_TABLE}<tr><th width="6%">步骤</th><th width="24%">事项</th><th width="14%">日期</th>
<th width="17%">相关人员</th><th width="17%">决定的会议</th><th>说明</th></tr>
{rows}</table>
<p>培养教育考察、思想汇报和延长预备期：</p>
{_TABLE}<tr><th width="15%">日期</th><th width="25%">事项</th><th width="20%">相关人员</th>
<th>说明</th></tr>{repeated_rows}</table>
<p>入党材料：{_e(r.documents)}</p>
<p>支部书记（签字）：＿＿＿＿＿＿　　　　党支部（盖章）　　　　年　　月　　日</p>
</body></html>"""


@dataclass(frozen=True)
class SignInSheet:
    """What a 签到表 shows; the drawing itself is the UI's printing module."""

    title: str
    lines: tuple[str, ...]  # the header lines above the table
    names: tuple[str, ...]  # one row each, in order
    notes: tuple[str, ...]  # 备注 per row (e.g. 列席, 无表决权)


def signin_sheet(branch: Branch, title: str, meeting, names_by_id: dict[int, str]) -> SignInSheet:
    """The sign-in sheet of a meeting: everyone expected, in the meeting's order."""
    expected = [a for a in meeting.attendees if not a.excluded]
    when = f"{meeting.on.year}年{meeting.on.month}月{meeting.on.day}日"
    if meeting.start:
        when += f" {meeting.start}" + (f"–{meeting.end}" if meeting.end else "")
    lines = (
        f"会议名称：{title}",
        f"时间：{when}　　地点：{meeting.place}",
        f"主持人：{meeting.host}　　记录人：{meeting.recorder}",
        f"应到：{len(expected)} 人　　实到：＿＿＿ 人",
    )
    notes = tuple("" if a.can_vote else "无表决权" for a in expected)
    return SignInSheet(
        f"{branch.name}{title}签到表",
        lines,
        tuple(names_by_id.get(a.member_id, "") for a in expected),
        notes,
    )


def study_signin_sheet(branch: Branch, session, names: list[str]) -> SignInSheet:
    """The sign-in sheet of a study session, drawn by the same renderer as a meeting's."""
    on = session.on
    lines = (
        f"学习主题：{session.topic}",
        f"时间：{on.year}年{on.month}月{on.day}日　　地点：{session.place}",
        f"学习形式：{session.form}　　主讲人：{session.presenter}　　学时：{session.hours:g}",
        f"应到：{len(names)} 人　　实到：＿＿＿ 人",
    )
    return SignInSheet(f"{branch.name}学习签到表", lines, tuple(names), ("",) * len(names))


def _colon(text: str) -> str:
    return f"：{text}" if text else ""


def _vote_line(v, q) -> str:
    """One vote as the record states it: how it was taken, the counts, and against which
    threshold it passed or failed (yes > ½ of the voting members who should attend)."""
    head = f"表决事项：{v.matter}；表决方式：{v.method}；"
    try:
        result = count_vote(v, q, absent_voters(q)).text().removeprefix(f"{v.matter}：")
        return head + result
    except InvalidValue:  # a record from before the checks: its counts as they were entered
        return (
            f"{head}同意 {v.yes + v.written_yes} 票（含书面意见 {v.written_yes} 票），"
            f"不同意 {v.no + v.written_no} 票，弃权 {v.abstain} 票。"
        )


@dataclass(frozen=True)
class MinutesParts:
    """What a 会议记录 shows, for the printable page and the Word document."""

    title: str  # 某某党支部会议记录
    head: tuple[tuple[str, str], ...]  # 会议名称, 时间, 地点 … (label, value)
    body: tuple[tuple[str, str, int], ...]  # 议题, 会议内容, 决议: (label, text, lines to write)
    votes: tuple[str, ...]  # one line per vote, after the 决议


def minutes_parts(branch: Branch, title: str, meeting, names_by_id: dict[int, str]) -> MinutesParts:
    """The meeting record (会议记录) in the usual layout: 应到 as the roster had it that day (its
    list is checked against the roster when saved), who was left out of 应到 and why, who had
    no vote, and each vote against its threshold."""
    expected = [a for a in meeting.attendees if not a.excluded]
    came = [names_by_id.get(a.member_id, "") for a in expected if a.presence.value == "出席"]
    away = [
        f"{names_by_id.get(a.member_id, '')}（{a.presence.value}{_colon(a.reason)}）"
        for a in expected
        if a.presence.value != "出席"
    ]
    excluded = [
        f"{names_by_id.get(a.member_id, '')}（{a.excluded_reason or '未写原因'}）"
        for a in meeting.attendees
        if a.excluded
    ]
    no_vote = [names_by_id.get(a.member_id, "") for a in expected if not a.can_vote]
    voters = len(expected) - len(no_vote)
    when = f"{meeting.on.year}年{meeting.on.month}月{meeting.on.day}日"
    if meeting.start:
        when += f" {meeting.start}–{meeting.end}"
    q = quorum(meeting.attendees)
    general = meeting.kind is MeetingKind.GENERAL
    rows = [
        ("会议名称", title),
        ("时间", when),
        ("地点", meeting.place),
        ("主持人", meeting.host),
        ("记录人", meeting.recorder),
        ("应到", f"{len(expected)} 人" + (f"（其中有表决权 {voters} 人）" if general else "")),
        ("实到", f"{len(came)} 人：{'、'.join(came)}"),
        ("缺席/请假", "、".join(away) or "无"),
        (
            "不计入应到",
            ("、".join(excluded) + "；经上级党组织同意") if excluded else "无",
        ),
    ]
    if general:
        rows.append(
            ("无表决权", ("、".join(no_vote) + "（预备党员或受留党察看处分）") if no_vote else "无")
        )
    rows.append(("列席", meeting.observers or "无"))
    if meeting.lecturer or meeting.topic:
        rows.append(("党课主讲人及题目", f"{meeting.lecturer}：{meeting.topic}"))
    body = (
        ("议题", meeting.agenda, 3),
        ("会议内容", meeting.content, 18),
        ("决议", meeting.resolutions, 6),
    )
    votes = tuple(_vote_line(v, q) for v in meeting.votes)
    return MinutesParts(f"{branch.name}会议记录", tuple(rows), body, votes)


def minutes_html(branch: Branch, title: str, meeting, names_by_id: dict[int, str]) -> str:
    """The meeting record (会议记录) as a printable page, with signature lines."""
    m = minutes_parts(branch, title, meeting, names_by_id)
    votes = "".join(f"<p>{_e(v)}</p>" for v in m.votes)
    head = "".join(f"<tr><th width='18%'>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in m.head)
    body = "".join(
        f"<tr><th>{label}</th><td>{_room(text, lines)}{votes if label == '决议' else ''}</td></tr>"
        for label, text, lines in m.body
    )
    return f"""<html><head><meta charset="utf-8"><style>{_STYLE}</style></head><body>
<h1>{_e(m.title)}</h1>
{_TABLE}{head}{body}</table>
<p></p><p>主持人（签字）：＿＿＿＿＿＿　　　　记录人（签字）：＿＿＿＿＿＿</p>
</body></html>"""


def table_page(
    title: str,
    header: list[str],
    rows: list[list[str]],
    note: str = "",
    widths: list[float] | None = None,
) -> str:
    """A register (谈心谈话记录, 组织关系转接登记, 换届选举) as a printable page: title, one
    table with single lines, the note under it, the secretary's signature line."""
    shares = [w / sum(widths) for w in widths] if widths else [0.0] * len(header)
    head = "".join(
        f"<th width='{share:.0%}'>{_e(h)}</th>" if share else f"<th>{_e(h)}</th>"
        for h, share in zip(header, shares, strict=True)
    )
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    empty = f"<tr><td colspan='{len(header)}'>（无）</td></tr>"
    return f"""<html><head><meta charset="utf-8"><style>{_STYLE}</style></head><body>
<h1>{_e(title)}</h1>
{_TABLE}<tr>{head}</tr>{body or empty}</table>
<p>{_e(note)}</p>
<p>支部书记（签字）：＿＿＿＿＿＿　　　　党支部（盖章）　　　　年　　月　　日</p>
</body></html>"""


def _room(text: str, lines: int) -> str:
    """The text with blank lines after it up to `lines`, so there is room to write by hand
    (Qt's rich text ignores a cell's height)."""
    shown = _e(text).replace(chr(10), "<br>")
    used = text.count(chr(10)) + 1 if text else 0
    return shown + "<br>" * max(0, lines - used)


def ballot_html(
    branch: Branch, year: int, names: list[str], copies: int, criteria: tuple[str, ...] = ()
) -> str:
    """The anonymous 民主测评表, one per page, `copies` times."""
    rows = "".join(
        f"<tr><td align='center'>{n}</td><td align='center'>{_e(name)}</td>"
        + "<td align='center'>□</td>" * 4
        + "<td></td>" * len(criteria)
        + "<td></td></tr>"
        for n, name in enumerate(names, start=1)
    )
    title = f"{_e(branch.name)}{year}年度民主评议党员测评表"
    page = f"""<h1 style="page-break-before: always">{title}</h1>
<p class="sub">请在每位党员的一个等次下打“√”；不记名填写。</p>
{_TABLE.replace('cellpadding="3"', 'cellpadding="7"')}<tr><th width="8%">序号</th>
<th width="16%">姓名</th><th width="11%">优秀</th>
<th width="11%">合格</th><th width="12%">基本合格</th><th width="11%">不合格</th>
{"".join(f"<th>{_e(c)}</th>" for c in criteria)}
<th>意见和建议</th></tr>{rows}</table>
<p>说明：评为“优秀”的人数一般不超过参评人数的三分之一。</p>"""
    first = page.replace(' style="page-break-before: always"', "", 1)
    pages = first + page * (max(copies, 1) - 1)
    return f"""<html><head><meta charset="utf-8"><style>{_STYLE}</style></head>
<body>{pages}</body></html>"""


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def results_summary(rows: list[dict]) -> str:
    """The line under the 结果汇总表: how many were graded, the counts by grade, 优秀's share."""
    grades = ("优秀", "合格", "基本合格", "不合格")
    graded = sum(1 for r in rows if r["status"] == "正式党员")
    counts = {g: sum(1 for r in rows if r["grade"] == g) for g in grades}
    share = f"{counts['优秀'] / graded:.1%}" if graded else "—"
    summary = "，".join(f"{g} {c} 名" for g, c in counts.items())
    return f"参加评定 {graded} 名：{summary}；优秀比例 {share}。"


def results_title(branch: Branch, year: int) -> str:
    return f"{branch.name}{year}年度民主评议党员结果汇总表"


def results_html(branch: Branch, year: int, rows: list[dict]) -> str:
    """民主评议党员结果汇总表 for printing: one line per participant and the summary."""
    grades = ("优秀", "合格", "基本合格", "不合格")
    body = "".join(
        f"<tr><td align='center'>{n}</td><td align='center'>{_e(r['member'])}</td>"
        f"<td align='center'>{_e(r['status'])}</td>"
        + "".join(f"<td align='center'>{r[g]}</td>" for g in grades)
        + f"<td align='center'>{_score(r['score'])}</td>"
        f"<td align='center'>{_e(r['grade'])}</td><td>{_e(r['handling'])}</td></tr>"
        for n, r in enumerate(rows, start=1)
    )
    return f"""<html><head><meta charset="utf-8"><style>{_STYLE}</style></head><body>
<h1>{_e(results_title(branch, year))}</h1>
{_TABLE}<tr><th>序号</th><th>姓名</th><th>身份</th><th>优秀票</th><th>合格票</th><th>基本合格票</th>
<th>不合格票</th><th>得分</th><th>评定等次</th><th>处理意见</th></tr>{body}</table>
<p>{_e(results_summary(rows))}</p>
<p>党支部（盖章）　　　　　　支部书记（签字）：＿＿＿＿＿＿　　　　年　　月　　日</p>
</body></html>"""
