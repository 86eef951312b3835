"""建账 (issue 19): a branch that starts its book on 2026-09-15, with people half-way through the
pipeline, judged on 2026-12-02. Every expected figure below is worked out by hand from the rules
(细则 2014, 支部工作条例 2018, 党章第九条, the 2008 dues rules)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook

from partybook.book import Book, Change
from partybook.cli import main
from partybook.domain.dues import Assessment, Category, State
from partybook.domain.errors import PartyBookError, RuleViolation
from partybook.domain.meetings import Attendee, Meeting, MeetingKind, Presence
from partybook.domain.members import Branch, Member, Stage
from partybook.domain.opening import Balance
from partybook.domain.pipeline import Event, Kind
from tests.conftest import copy_book

OPENED = date(2026, 9, 15)
NOW = datetime(2026, 12, 2, 10, 0)

ROSTER_HEADERS = [
    "姓名",
    "性别",
    "人员类别",
    "入党时间",
    "介绍人",
    "申请日期",
    "确定积极分子日期",
    "身份证号",
]
ROSTER = [
    ["刘建华", "男", "正式党员", "1998-07-01", "", "", "", "430521197803150012"],
    ["李国平", "男", "正式党员", "1993.7", "", "", "", ""],
    ["陈秀英", "女", "正式党员", "2006-11-06", "", "", "", ""],
    ["郑小兵", "男", "预备党员", "2025-10-20", "刘建华、李国平", "", "", ""],
    ["王小红", "女", "预备党员", "2026-06-10", "刘建华、陈秀英", "", "", ""],
    ["周晓", "女", "入党积极分子", "", "", "2024-09-01", "2025-03-01", ""],
    ["孙磊", "男", "入党申请人", "", "", "2026-08-01", "", ""],
]


def _xlsx(path, headers, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.fixture
def opened(tmp_path, empty_master):
    """A new book, branch set up, the roster imported, opened (建账) on 2026-09-15."""
    path = copy_book(empty_master, tmp_path, "school.sqlite")
    b = Book.open(path, clock=lambda: NOW, auto_backup=False)
    b.save_branch(Branch(name="青山镇中心小学党支部"))
    plan = b.members.plan_import(_xlsx(tmp_path / "roster.xlsx", ROSTER_HEADERS, ROSTER))
    assert not plan.errors, [str(p) for p in plan.errors]
    b.members.import_plan(plan)
    b.opening.set_date(OPENED)
    yield b
    b.close(auto_backup=False)


def _id(book, name: str) -> int:
    return next(m.id for m in book.members.all() if m.name == name)


def _items(book, name: str, kind: str = "pipeline"):
    return [
        (i.step, i.title, i.date, i.state)
        for i in book.due_items()
        if i.member == name and i.kind == kind
    ]


# people who arrive mid-way -----------------------------------------------------------------
def test_a_probationary_member_from_the_roster_gets_admission_and_is_due_for_conversion(
    opened,
) -> None:
    """郑小兵, 预备党员 since 2025-10-20: probation ended 2026-10-20, before... after the opening
    but before today; 转正 is a status he still waits for, so it is due (overdue)."""
    path = opened.pipeline.path_of(_id(opened, "郑小兵"))
    assert [(e.step, e.on) for e in path.events] == [(15, date(2025, 10, 20))]
    assert path.probation_end(opened.rules.current()) == date(2026, 10, 20)
    items = _items(opened, "郑小兵")
    assert (23, "召开支部大会讨论转正", date(2026, 10, 20), "overdue") in items
    # approved long ago (his stage proves it): no 上级党委审批 alarm, no made-up steps
    assert not [i for i in items if i[0] in (16, 17)]
    assert opened.members.get(_id(opened, "郑小兵")).joined_on == date(2025, 10, 20)


def test_probation_that_ends_next_year_has_nothing_overdue(opened) -> None:
    items = _items(opened, "王小红")
    assert items, "her 转正 is ahead and listed"
    assert all(state != "overdue" for *_, state in items), items
    assert (23, "召开支部大会讨论转正", date(2027, 6, 10), "later") in items


def test_a_probation_that_ended_before_the_opening_is_still_due(tmp_path) -> None:
    b = Book.open(tmp_path / "b.sqlite", clock=lambda: NOW)
    try:
        b.members.add(Member("钱多", Stage.PROBATIONARY, joined_on=date(2025, 3, 1)))
        b.opening.set_date(OPENED)
        items = _items(b, "钱多")
        assert (23, "召开支部大会讨论转正", date(2026, 3, 1), "overdue") in items
        # the application (惯例 a month before) fell before the opening: not a status, not shown
        assert not [i for i in items if i[0] == 22]
    finally:
        b.close(auto_backup=False)


def test_the_conversion_can_be_recorded_for_someone_who_came_with_the_roster(opened) -> None:
    """Step 23 needs step 17, which his stage proves though the book never saw it."""
    who = _id(opened, "郑小兵")
    opened.pipeline.record_event(Event(who, Kind.STEP, date(2026, 11, 5), step=23))
    opened.pipeline.record_event(Event(who, Kind.STEP, date(2026, 11, 25), step=24))
    assert opened.members.get(who).stage is Stage.FULL
    assert _items(opened, "郑小兵") == []


def test_roster_dates_become_steps_and_sponsors_are_carried(opened, tmp_path) -> None:
    zhou = opened.pipeline.path_of(_id(opened, "周晓"))
    assert [(e.step, e.on) for e in zhou.events] == [(1, date(2024, 9, 1)), (3, date(2025, 3, 1))]
    sun = opened.pipeline.path_of(_id(opened, "孙磊"))
    assert [(e.step, e.on) for e in sun.events] == [(1, date(2026, 8, 1))]
    out = tmp_path / "ledger.xlsx"
    opened.pipeline.export_ledger(out)
    from openpyxl import load_workbook

    text = " ".join(
        str(c.value) for ws in load_workbook(out).worksheets for r in ws.iter_rows() for c in r
    )
    assert "刘建华、李国平" in text  # 郑小兵's 介绍人 from the roster


def test_deadlines_before_the_opening_are_not_flagged(opened) -> None:
    """孙磊 applied 2026-08-01: the talk was due by 2026-09-01, before the book began; 周晓's
    考察 and 思想汇报 are counted from the opening, the year of cultivation from her date."""
    assert _items(opened, "孙磊") == []
    zhou = _items(opened, "周晓")
    assert (6, "思想汇报", date(2026, 12, 15), "soon") in zhou
    assert (6, "半年考察", date(2027, 3, 15), "later") in zhou
    assert (7, "可确定为发展对象", date(2026, 3, 1), "open") in zhou
    assert not [i for i in zhou if i[3] == "overdue"]


def test_without_an_opening_date_everything_is_expected(opened) -> None:
    """The same people in a book without an opening: the talk 孙磊 was due is overdue."""
    opened._core.put_settings({"opening.date": ""}, Change.OPENING)
    assert opened.opening.date() is None
    assert (2, "派人谈话", date(2026, 9, 1), "overdue") in _items(opened, "孙磊")


# meetings --------------------------------------------------------------------------------
def test_meeting_periods_before_the_opening_are_not_expected(opened) -> None:
    required = opened.meetings.compliance(2026)
    assert required, "the periods since the opening are expected"
    assert min(r.period.end for r in required) >= OPENED
    assert {r.period.label for r in required if r.kind is MeetingKind.GENERAL} == {
        "2026年第3季度",
        "2026年第4季度",
    }
    # no party groups in this branch: no 党小组会 is asked for
    assert not [r for r in required if r.kind is MeetingKind.GROUP]
    # a branch with groups holds them monthly, from the opening's month on
    member = opened.members.get(_id(opened, "陈秀英"))
    opened.members.update(member.replace(group="第一党小组"))
    groups = [r for r in opened.meetings.compliance(2026) if r.kind is MeetingKind.GROUP]
    assert [r.period.label for r in groups] == [
        "2026年9月",
        "2026年10月",
        "2026年11月",
        "2026年12月",
    ]


def test_six_months_count_from_the_opening_and_leave_is_a_proper_reason(opened) -> None:
    """The first meeting in the book: two absent, one of them on approved sick leave. Nobody
    is six months without 组织生活 on 2026-12-02 (the book began on 2026-09-15)."""
    people = [m for m in opened.members.all() if m.stage is Stage.FULL]
    attendees = [Attendee(m.id) for m in people[2:]] + [
        Attendee(people[0].id, Presence.ABSENT),
        Attendee(people[1].id, Presence.LEAVE, reason="病假"),
    ]
    attendees += [  # the probationary members present: every Party member is 应到
        Attendee(m.id, can_vote=False)
        for m in opened.members.all()
        if m.stage is Stage.PROBATIONARY
    ]
    opened.meetings.save(Meeting(MeetingKind.GENERAL, date(2026, 10, 10), attendees=attendees))
    stats = opened.meetings.attendance(2026)
    assert {k: s.flag for k, s in stats.items() if s.flag} == {}
    # without the opening, the absent one (never seen at a meeting) is flagged as before
    opened._core.put_settings({"opening.date": ""}, Change.OPENING)
    flags = {k: s.flag for k, s in opened.meetings.attendance(2026).items() if s.flag}
    assert flags == {people[0].id: "今年未参加组织生活已超过六个月"}  # not the one on leave


def test_the_last_organisational_life_before_the_book_counts(opened) -> None:
    """期初数据: 陈秀英 last took part on 2026-05-20; absent at the book's first meeting, she is
    six months out on 2026-11-20 — a real deadline the book must not miss."""
    chen = _id(opened, "陈秀英")
    opened.opening.save_balances([Balance(chen, last_life=date(2026, 5, 20))])
    day = date(2026, 10, 10)
    others = [  # everyone else 应到 that day, present
        a
        for a in opened.meetings.default_attendees(MeetingKind.GENERAL, on=day)
        if a.member_id != chen
    ]
    opened.meetings.save(
        Meeting(MeetingKind.GENERAL, day, attendees=[Attendee(chen, Presence.ABSENT), *others])
    )
    assert (
        opened.meetings.attendance(2026)[chen].flag
        == "自 2026-05-20 以来未参加组织生活已超过六个月"
    )


# dues ------------------------------------------------------------------------------------
def _bases(book) -> None:
    entries = [
        Assessment(_id(book, n), 2026, Category.EMPLOYED, 450_000, from_month=1)
        for n in ("刘建华", "李国平", "陈秀英", "郑小兵", "王小红")
    ]
    book.dues.set_bases(2026, entries)


def test_dues_months_before_the_opening_are_not_owed(opened) -> None:
    """A base set in December for the whole year: January–August are before the book, not 欠交;
    刘建华 paid up to October before the book (期初数据)."""
    _bases(opened)
    liu = _id(opened, "刘建华")
    opened.opening.save_balances([Balance(liu, dues_paid_to=(2026, 10))])
    rows = {r.member.name: r for r in opened.dues.rows(2026)}
    liu_states = [c.state for c in rows["刘建华"].cells]
    assert liu_states[:10] == [State.PAID_BEFORE] * 10
    assert liu_states[10:] == [State.UNPAID, State.PENDING]
    li = [c.state for c in rows["李国平"].cells]
    assert li[:8] == [State.BEFORE_BOOK] * 8 and li[8:11] == [State.UNPAID] * 3
    # 王小红 joined in June: nothing owed before that, then before the book
    wang = [c.state for c in rows["王小红"].cells]
    assert wang[:5] == [State.NOT_DUE] * 5 and wang[5:8] == [State.BEFORE_BOOK] * 3
    items = {i.member: i for i in opened.due_items() if i.kind == "dues"}
    assert "刘建华" in items and "欠交党费 1 个月（11月）" in items["刘建华"].title
    assert "欠交党费 3 个月（9月、10月、11月）" in items["李国平"].title  # not 11 months


def test_back_filling_the_months_since_the_opening_for_everyone_in_one_action(opened) -> None:
    _bases(opened)
    assert opened.dues.months_since_opening(2026) == [9, 10, 11]
    seen: list[Change] = []
    opened.subscribe(seen.append)
    paid = opened.dues.collect_months(2026, [9, 10, 11])
    assert seen == [Change.DUES]  # one write
    assert len(paid) == 5 * 3
    assert {p.paid_on for p in paid if p.month == 9} == {date(2026, 9, 30)}
    assert {p.paid_on for p in paid if p.month == 11} == {date(2026, 11, 30)}
    assert not [i for i in opened.due_items() if i.kind == "dues"]
    with pytest.raises(RuleViolation, match="没有需要收缴的党费"):
        opened.dues.collect_months(2026, [9])


# study -----------------------------------------------------------------------------------
def test_study_is_judged_on_the_year_with_opening_hours_and_since_the_opening_without(
    opened,
) -> None:
    """On 2026-12-02 eleven months are over. 刘建华 (书记, 56 学时) brought 40 hours studied
    before the book: judged on the whole year, 56 × 11/12 = 51.33, so 11.33 behind. 李国平 (32)
    brought nothing: judged only on September–November, 32 × 3/12 = 8."""
    liu, li = _id(opened, "刘建华"), _id(opened, "李国平")
    member = opened.members.get(liu)
    opened.members.update(member.replace(party_post="书记"))
    opened.opening.save_balances([Balance(liu, hours=40)])
    rows = {r.member.name: r for r in opened.study.hours(2026)}
    assert (rows["刘建华"].hours, rows["刘建华"].opening_hours) == (40, 40)
    assert (rows["刘建华"].target, rows["刘建华"].shortfall) == (51.33, 11.33)
    assert (rows["李国平"].hours, rows["李国平"].target, rows["李国平"].shortfall) == (0, 8, 8)
    assert rows["李国平"].requirement == 32  # the year's requirement itself is unchanged
    assert li in {i.member_id for i in opened.due_items() if i.kind == "study"}


# the opening date and the 期初数据 ----------------------------------------------------------
def test_an_opening_in_the_future_is_refused(opened) -> None:
    with pytest.raises(RuleViolation, match="晚于今天"):
        opened.opening.set_date(date(2026, 12, 3))
    assert opened.opening.date() == OPENED


def test_balances_are_checked_and_kept(opened) -> None:
    liu = _id(opened, "刘建华")
    with pytest.raises(RuleViolation, match="不能是负数"):
        opened.opening.save_balances([Balance(liu, hours=-2)])
    with pytest.raises(RuleViolation, match="晚于建账日期"):
        opened.opening.save_balances([Balance(liu, last_life=date(2026, 10, 1))])
    with pytest.raises(RuleViolation, match="还不是党员"):
        opened.opening.save_balances([Balance(_id(opened, "周晓"), dues_paid_to=(2026, 8))])
    assert opened.opening.balances() == {}
    opened.opening.save_balances([Balance(liu, 12.5, (2026, 8), date(2026, 9, 1))])
    assert opened.opening.balances() == {liu: Balance(liu, 12.5, (2026, 8), date(2026, 9, 1))}


OPENING_HEADERS = ["身份证号", "姓名", "党费已交至", "本年已学学时", "最近一次参加组织生活"]


def test_opening_balances_import_from_a_sheet(opened, tmp_path) -> None:
    rows = [
        ["430521197803150012", "刘建华", "2026年8月", 30, "2026-06-20"],
        ["", "李国平", "2026-08", "12.5", ""],
        ["", "陈秀英", 2026.8, "", "2026.9.1"],
    ]
    plan = opened.opening.plan_import(_xlsx(tmp_path / "qc.xlsx", OPENING_HEADERS, rows))
    assert plan.errors == []
    assert opened.opening.import_plan(plan) == 3
    got = opened.opening.balances()
    assert got[_id(opened, "刘建华")] == Balance(
        _id(opened, "刘建华"), 30.0, (2026, 8), date(2026, 6, 20)
    )
    assert got[_id(opened, "李国平")].hours == 12.5
    assert got[_id(opened, "陈秀英")].dues_paid_to == (2026, 8)


def test_a_bad_opening_sheet_is_refused_with_its_rows_named_and_changes_nothing(
    opened, tmp_path
) -> None:
    rows = [
        ["110101199001011234", "刘建华", "2026年8月", 30, ""],  # not in the roster
        ["", "李国平", "2026年13月", "", ""],
        ["", "陈秀英", "", -3, ""],
        ["", "无此人", "", 2, ""],
        ["", "李国平", "2026-07", "", ""],
    ]
    path = _xlsx(tmp_path / "bad.xlsx", OPENING_HEADERS, rows)
    before = opened.generation()
    plan = opened.opening.plan_import(path)
    texts = [str(p) for p in plan.errors]
    assert any("第 2 行 A 列（身份证号）" in t and "没有身份证号为" in t for t in texts), texts
    assert any("第 3 行 C 列（党费已交至）" in t and "没有13月" in t for t in texts), texts
    assert any("第 4 行 D 列（本年已学学时）" in t and "负数" in t for t in texts), texts
    assert any("第 5 行 B 列（姓名）" in t and "没有“无此人”" in t for t in texts), texts
    assert any("第 6 行 B 列（姓名）" in t and "在第 3 行已经有期初数据" in t for t in texts)
    assert len(texts) == 5, texts
    with pytest.raises(PartyBookError, match="没有导入"):
        opened.opening.import_plan(plan)
    assert opened.opening.balances() == {} and opened.generation() == before


def test_the_command_line_sets_the_opening_and_imports_the_balances(tmp_path, capsys) -> None:
    path = tmp_path / "cli.sqlite"
    b = Book.open(path, clock=lambda: NOW)
    plan = b.members.plan_import(_xlsx(tmp_path / "roster.xlsx", ROSTER_HEADERS, ROSTER))
    b.members.import_plan(plan)
    b.close(auto_backup=False)
    bad = _xlsx(tmp_path / "bad.xlsx", OPENING_HEADERS, [["", "无此人", "", 2, ""]])
    assert main(["--db", str(path), "opening", "--date", "2026-09-15", "--file", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "第 2 行" in err and "无此人" in err
    check = Book.open(path, auto_backup=False)
    assert check.opening.date() is None  # nothing written, the date neither
    check.close(auto_backup=False)
    good = _xlsx(tmp_path / "good.xlsx", OPENING_HEADERS, [["", "李国平", "2026-08", 6, ""]])
    assert main(["--db", str(path), "opening", "--date", "2026-09-15", "--file", str(good)]) == 0
    out = capsys.readouterr().out
    assert "建账日期：2026-09-15" in out and "李国平：本年已学 6 学时，党费已交至 2026年8月" in out
    assert main(["--db", str(path), "opening", "--date", "2099-01-01"]) == 2


def test_the_first_week_checklist_ticks_itself(opened) -> None:
    steps = {s.key: s.done for s in opened.opening.checklist()}
    assert steps == {
        "branch": True,
        "roster": True,
        "pipeline": True,  # everyone on the way brought steps from the roster
        "balances": False,
        "meetings": False,
        "groups": False,
    }
    assert opened.opening.checklist_shown()
    opened.opening.dismiss_checklist()
    assert not opened.opening.checklist_shown()


def test_months_before_the_book_cannot_be_paid_and_a_cleared_opening_uses_no_balances(
    opened,
) -> None:
    _bases(opened)
    li = _id(opened, "李国平")
    with pytest.raises(RuleViolation, match="建账以前"):
        opened.dues.pay(li, 2026, [3], date(2026, 11, 30))
    opened.opening.save_balances([Balance(li, dues_paid_to=(2026, 10))])
    opened.opening.clear_date()
    row = next(r for r in opened.dues.rows(2026) if r.member.id == li)
    assert State.PAID_BEFORE not in {c.state for c in row.cells}  # expects everything again
    assert opened.dues.months_since_opening(2026) == []


def test_the_year_workbook_shows_the_book_as_it_began(opened, tmp_path) -> None:
    """发展党员台账 lists 郑小兵 (in probation all year) with his admission, probation end and
    next deadline; 学时统计 shows 刘建华's hours before the book; 党费 months before it are
    建账前, not 欠交."""
    from openpyxl import load_workbook

    liu = _id(opened, "刘建华")
    opened.opening.save_balances([Balance(liu, hours=30, dues_paid_to=(2026, 8))])
    _bases(opened)
    out = tmp_path / "year.xlsx"
    opened.summary.export_year_workbook(out, 2026)
    wb = load_workbook(out)
    ws = wb["发展党员台账"]
    head = next(r for r in ws.iter_rows(values_only=True) if r and "姓名" in r)
    rows = [dict(zip(head, r, strict=False)) for r in ws.iter_rows(values_only=True)]
    zheng = next(r for r in rows if r.get("姓名") == "郑小兵")
    texts = [str(v) for v in zheng.values() if v is not None]
    assert "2025-10-20" in " ".join(texts)  # 支部大会接收
    assert "2026-10-20" in " ".join(texts)  # 预备期满
    assert any("已逾期" in t for t in texts)  # 下一项期限: his 转正 is overdue
    names = [r.get("姓名") for r in rows if isinstance(r.get("序号"), int)]
    assert names == ["孙磊", "周晓", "王小红", "郑小兵"]  # the full members are not on the way
    assert "刘建华、李国平" in texts
    hours = wb["学时统计"]
    head = [c.value for c in hours[3]]
    row = next(r for r in hours.iter_rows(min_row=4, values_only=True) if r[1] == "刘建华")
    assert row[head.index("建账前已学（学时）")] == 30
    assert row[head.index("合计学时")] == 30


def test_steps_the_stage_proves_read_before_the_book_in_the_ledger_and_the_record(
    opened, tmp_path
) -> None:
    """郑小兵's approval (step 17) happened before the book: the ledger and the 纪实表 say
    建账前未录入 instead of a blank that reads as missing; the roster's 介绍人 stand in."""
    from openpyxl import load_workbook

    out = tmp_path / "ledger.xlsx"
    opened.pipeline.export_ledger(out)
    ws = load_workbook(out)["预备党员"]
    head = next(r for r in ws.iter_rows(values_only=True) if r and "姓名" in r)
    zheng = next(
        dict(zip(head, r, strict=False)) for r in ws.iter_rows(values_only=True) if "郑小兵" in r
    )
    assert zheng["上级审批日期"] == "建账前未录入"
    assert zheng["支部大会接收日期"].date() == date(2025, 10, 20)
    html = opened.pipeline.record_html(_id(opened, "郑小兵"))
    assert html.count("建账前未录入") == 16  # steps 1–14, 16 and 17: all but the admission
    assert "刘建华、李国平" in html
