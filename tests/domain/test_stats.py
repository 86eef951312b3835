"""The year in numbers against a hand-built small branch: every figure and its records."""

from datetime import date

from partybook.domain.appraisal import Entry, Grade, Round
from partybook.domain.meetings import Attendee, Held, Meeting, MeetingKind, Presence, compliance
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.pipeline import Event, Kind, Path
from partybook.domain.stats import YearData, figures, paragraph, stage_on
from partybook.domain.study import Session, StudySettings, member_hours

TODAY = date(2026, 12, 31)

# 甲 full since 2010; 乙 probationary, admitted 2026-03-10 (path 15/17); 丙 full, left 2026-05-01;
# 丁 applicant who applied 2026-02-01; 戊 candidate, voted in 2026-10-10 but not yet approved;
# 己 full member converted 2026-06-01 (joined 2025-06-01).
JIA = Member(
    "甲", Stage.FULL, id=1, joined_on=date(2010, 7, 1), full_on=date(2011, 7, 1), party_post="书记"
)
YI = Member("乙", Stage.PROBATIONARY, id=2, joined_on=date(2026, 3, 10))
BING = Member(
    "丙",
    Stage.FULL,
    id=3,
    joined_on=date(2000, 1, 1),
    full_on=date(2001, 1, 1),
    left_on=date(2026, 5, 1),
    left_reason=LeaveReason.TRANSFERRED,
    left_note="转往某中学",
)
DING = Member("丁", Stage.APPLICANT, id=4)
WU = Member("戊", Stage.CANDIDATE, id=5)
JI = Member("己", Stage.FULL, id=6, joined_on=date(2025, 6, 1), full_on=date(2026, 6, 1))
MEMBERS = [JIA, YI, BING, DING, WU, JI]


def _steps(member_id, *pairs):
    return Path([Event(member_id, Kind.STEP, on, step=n) for n, on in pairs])


PATHS = {
    2: _steps(
        2,
        (1, date(2024, 1, 5)),
        (3, date(2024, 3, 1)),
        (7, date(2025, 4, 1)),
        (15, date(2026, 3, 10)),
        (17, date(2026, 4, 20)),
    ),
    4: _steps(4, (1, date(2026, 2, 1))),
    5: _steps(
        5,
        (1, date(2023, 1, 1)),
        (3, date(2023, 3, 1)),
        (7, date(2025, 1, 1)),
        (15, date(2026, 10, 10)),
    ),
    6: Path([Event(6, Kind.EXTENSION, date(2026, 5, 20), quantity=6)]),
}


def _meeting(id, kind, on, present, absent=(), theme_day=False):
    people = [Attendee(i) for i in present] + [Attendee(i, Presence.ABSENT) for i in absent]
    return Meeting(kind, on, id=id, attendees=people, theme_day=theme_day)


MEETINGS = [
    _meeting(1, MeetingKind.GENERAL, date(2026, 3, 10), (1, 3, 6), theme_day=True),
    _meeting(2, MeetingKind.LECTURE, date(2026, 4, 2), (1, 2), (6,)),
    _meeting(3, MeetingKind.COMMITTEE, date(2026, 4, 8), (1,)),
]
SESSIONS = [
    Session(date(2026, 4, 2), "党课", "专题党课", 2, id=1, participants=(1, 2), meeting_id=2),
    Session(date(2026, 6, 1), "学习", "集中学习", 30, id=2, participants=(2, 6)),
    Session(date(2026, 7, 1), "自学", "自学", 56, id=3, participants=(1,), member_id=1),
]


def _data(**kw) -> YearData:
    values = dict(
        year=2026,
        today=TODAY,
        members=MEMBERS,
        paths=PATHS,
        meetings=MEETINGS,
        titles={1: "2026年第1次支部党员大会", 2: "2026年第1次党课", 3: "2026年第1次支部委员会会议"},
        required=compliance([Held(m.on, m.kinds) for m in MEETINGS], 2026, TODAY),
        appraisal=Round(
            2026,
            entries=[Entry(1, grade=Grade.EXCELLENT), Entry(6, grade=Grade.QUALIFIED), Entry(2)],
        ),
        sessions=SESSIONS,
        hours=member_hours(MEMBERS, SESSIONS, 2026, TODAY, StudySettings()),
    )
    values.update(kw)
    return YearData(**values)


def _figs(**kw):
    return {f.key: f for f in figures(_data(**kw))}


def _names(f):
    return sorted(r.text.split("：")[0] for r in f.refs)


def test_stage_on_a_day_comes_from_the_dates_and_the_path() -> None:
    assert stage_on(YI, PATHS[2], date(2026, 1, 1)) is Stage.CANDIDATE
    assert stage_on(YI, PATHS[2], date(2026, 3, 10)) is Stage.PROBATIONARY
    assert stage_on(BING, Path(), date(2026, 4, 30)) is Stage.FULL
    assert stage_on(BING, Path(), date(2026, 5, 1)) is None  # gone that day
    assert stage_on(DING, PATHS[4], date(2026, 1, 31)) is None  # not yet applied
    assert stage_on(JI, PATHS[6], date(2026, 1, 1)) is Stage.PROBATIONARY
    assert stage_on(Member("旧", Stage.FULL, id=9), Path(), date(2026, 1, 1)) is Stage.FULL


def test_the_membership_figures_add_up() -> None:
    f = _figs()
    assert _names(f["members_start"]) == ["丙", "己", "甲"]
    assert (f["full_start"].value, f["probationary_start"].value) == (2, 1)
    assert _names(f["members_end"]) == ["乙", "己", "甲"]
    assert (f["full_end"].value, f["probationary_end"].value) == (2, 1)
    assert _names(f["left_transferred"]) == ["丙"]
    start, end = f["members_start"].value, f["members_end"].value
    assert start + f["admitted"].value - f["left_transferred"].value == end


def test_the_development_figures() -> None:
    f = _figs()
    assert _names(f["applicants"]) == ["丁"]
    assert f["activists"].value == 0 and f["candidates"].value == 0
    assert _names(f["admitted"]) == ["乙"]
    assert _names(f["pending"]) == ["戊"]
    assert _names(f["converted"]) == ["己"]
    assert _names(f["extended"]) == ["己"]


def test_the_meeting_figures_count_theme_days_held_with_a_general_meeting() -> None:
    f = _figs()
    assert f["meetings_general"].value == 1 and f["meetings_theme_day"].value == 1
    assert f["meetings_lecture"].value == 1 and f["meetings_committee"].value == 1
    assert f["meetings_life"].value == 0 and "应开 1 期，已开 0 期" in f["meetings_life"].note
    assert [r.id for r in f["meetings_general"].refs] == [1]
    assert (
        f["attendance"].value == round(6 / 7, 4) and f["attendance"].text == "86%"
    )  # 3/3, 2/3, 1/1


def test_the_appraisal_and_study_figures() -> None:
    f = _figs()
    assert f["appraised"].value == 3
    assert _names(f["grade_excellent"]) == ["甲"] and _names(f["grade_qualified"]) == ["己"]
    assert f["study_sessions"].value == 2 and f["study_hours"].value == 32
    assert _names(f["study_met"]) == ["乙", "甲"]  # 乙 32 of 32×10/12; 甲 58 of 56
    assert f["study_members"].value == 4  # 甲 乙 丙 己


def test_no_appraisal_round_means_no_appraisal_figures() -> None:
    assert "appraised" not in _figs(appraisal=None)


def test_the_paragraph_reads_like_a_summary() -> None:
    text = paragraph(2026, figures(_data()), "柳溪村小学党支部")
    assert text.startswith("2026年，柳溪村小学党支部共有党员3名，其中正式党员2名、预备党员1名。")
    assert "收到入党申请书1份" in text and "发展党员1名" in text and "按期转正1名" in text
    assert "召开支部党员大会1次、支委会1次、上党课1次、开展主题党日活动1次" in text
    assert "党员平均参会率86%" in text
    assert "组织集体学习2次，累计32学时，2名党员完成年度学习任务" in text
    assert "评定优秀1名、合格1名" in text
    assert "党小组会" not in text  # nothing held, nothing said
