"""留党察看, 除名 and issue 20's development checks through the Book: one write each, refusals
that change nothing, and what meetings and elections ask (Members.without_vote)."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.book import Change
from partybook.domain.errors import RuleViolation
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.pipeline import LEAVING_MARK, Event, Kind


@pytest.fixture
def people(book):
    add = book.members.add
    full = add(
        Member(name="黄伟", stage=Stage.FULL, joined_on=date(2010, 7, 1), full_on=date(2011, 7, 1))
    )
    other = add(
        Member(
            name="刘建华", stage=Stage.FULL, joined_on=date(2000, 7, 1), full_on=date(2001, 7, 1)
        )
    )
    add(Member(name="张丽", stage=Stage.FULL, joined_on=date(2009, 7, 1), full_on=date(2010, 7, 1)))
    young = add(Member(name="韩雪", stage=Stage.APPLICANT, birth_date=date(2000, 5, 4)))
    return {"full": full, "other": other, "young": young}


def heard(book) -> list[Change]:
    out: list[Change] = []
    book.subscribe(out.append)
    return out


# 留党察看 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("months", "day", "under"),
    [
        (12, date(2025, 11, 30), False),
        (12, date(2025, 12, 1), True),
        (12, date(2026, 11, 22), True),
        (12, date(2026, 11, 30), True),  # the last day
        (12, date(2026, 12, 1), False),  # 期满
        (24, date(2027, 11, 30), True),
        (24, date(2027, 12, 1), False),
    ],
)
def test_without_vote_follows_the_recorded_period(book, people, months, day, under) -> None:
    full = people["full"]
    news = heard(book)
    saved = book.members.record_discipline(full.id, date(2025, 12, 1), months, "镇纪委决定")
    assert len(news) == 1 and Change.MEMBERS in news[0]
    assert (saved.start, saved.months, saved.notes) == (date(2025, 12, 1), months, "镇纪委决定")
    assert book.members.without_vote(day) == ({full.id} if under else set())


def test_today_by_default_and_the_roster_mark(book, people) -> None:
    full = people["full"]
    assert book.members.without_vote() == set()
    book.members.record_discipline(full.id, date(2026, 3, 10), 12)
    assert book.members.without_vote() == {full.id}  # 2026-11-22
    (mark,) = book.members.disciplined().values()
    assert mark.mark == "留党察看（至 2027-03-09）"
    assert book.members.disciplined(date(2027, 3, 10)) == {}


@pytest.mark.parametrize(
    ("who", "start", "months", "message"),
    [
        ("young", date(2026, 3, 10), 12, "正式党员"),
        ("full", date(2026, 3, 10), 6, "一年"),
        ("full", date(2026, 3, 10), 36, "第四十条"),
        ("full", date(2026, 12, 1), 12, "晚于今天"),
        ("full", date(2009, 1, 1), 12, "入党日期"),
    ],
)
def test_a_wrong_discipline_is_refused_and_nothing_written(
    book, people, who, start, months, message
) -> None:
    news = heard(book)
    with pytest.raises(RuleViolation, match=message):
        book.members.record_discipline(people[who].id, start, months)
    assert news == [] and book.members.disciplines() == []


def test_extended_to_two_years_ended_early_taken_back_and_deleted(book, people) -> None:
    full = people["full"].id
    first = book.members.record_discipline(full, date(2025, 3, 10), 12)
    with pytest.raises(RuleViolation, match="重叠"):
        book.members.record_discipline(full, date(2026, 3, 1), 12)
    longer = book.members.record_discipline(full, date(2025, 3, 10), 24, event_id=first.event_id)
    assert longer.months == 24 and len(book.members.disciplines(full)) == 1
    assert book.members.without_vote(date(2026, 11, 22)) == {full}
    ended = book.members.end_discipline(full, date(2025, 3, 10), date(2026, 6, 1), "申诉后撤销")
    assert ended.ended_early and ended.end_notes == "申诉后撤销"
    assert book.members.without_vote(date(2026, 5, 31)) == {full}
    assert book.members.without_vote(date(2026, 6, 1)) == set()
    with pytest.raises(RuleViolation, match="期满"):
        book.members.end_discipline(full, date(2025, 3, 10), date(2027, 3, 10))
    back = book.members.record_discipline(
        full, date(2025, 3, 10), 24, event_id=ended.event_id, ended_on=None
    )
    assert back.ended_on is None and book.members.without_vote(date(2026, 11, 22)) == {full}
    book.members.delete_discipline(full, date(2025, 3, 10))
    assert book.members.disciplines() == [] and book.members.without_vote() == set()


def test_who_left_during_it_has_no_vote_to_lose(book, people) -> None:
    full = people["full"].id
    book.members.record_discipline(full, date(2026, 1, 5), 12)
    book.members.leave(full, LeaveReason.EXPELLED, date(2026, 9, 1), "开除党籍")
    assert book.members.without_vote(date(2026, 8, 31)) == {full}
    assert book.members.without_vote(date(2026, 9, 1)) == set()


def test_discipline_records_stay_out_of_the_development_record(book, people) -> None:
    full = people["full"].id
    book.members.record_discipline(full, date(2026, 1, 5), 12)
    assert book.pipeline.path_of(full).events == []
    assert full not in book.pipeline.paths()
    assert "留党察看" not in book.pipeline.record_html(full)
    assert book.pipeline.due_items() == book.pipeline.due_items()  # nothing breaks on it
    with pytest.raises(RuleViolation, match="花名册"):
        book.pipeline.record_event(
            Event(full, Kind.DISCIPLINE, date(2026, 1, 5), quantity=12, exception="试试")
        )


# 除名 ---------------------------------------------------------------------------------------
def test_removal_after_lapsing_is_the_branchs_recorded_decision(book, people) -> None:
    full = people["full"].id
    with pytest.raises(RuleViolation, match="第九条"):
        book.members.leave(full, LeaveReason.REMOVED, date(2026, 10, 1))
    assert book.members.get(full).active
    decision = "2026年第3次支部党员大会决定除名，10月15日镇党委批准"
    gone = book.members.leave(full, LeaveReason.REMOVED, date(2026, 10, 1), decision)
    again = book.members.get(full)  # the stored value read back
    assert again.left_reason is LeaveReason.REMOVED and again.left_note == decision
    assert again.status_text == "已离开（除名）"
    assert gone.id not in {m.id for m in book.members.all(include_left=False)}
    figures = {f.key: f for f in book.summary.year_figures(2026)}
    assert figures["left_removed"].label == "本年除名" and figures["left_removed"].value == 1
    book.members.undo_leave(full)
    assert book.members.get(full).active


def test_removal_is_refused_for_someone_not_yet_a_member(book, people) -> None:
    with pytest.raises(RuleViolation, match="停止培养"):
        book.members.leave(people["young"].id, LeaveReason.REMOVED, date(2026, 10, 1), "决定")


def test_the_roster_workbook_says_removed(book, people, tmp_path) -> None:
    from openpyxl import load_workbook

    full = people["full"].id
    book.members.leave(full, LeaveReason.REMOVED, date(2026, 10, 1), "支部大会决定")
    target = tmp_path / "花名册.xlsx"
    book.members.export(target, include_left=True)
    cells = [c.value for row in load_workbook(target).active.iter_rows() for c in row]
    assert any(isinstance(v, str) and "已除名 2026-10-01" in v for v in cells)


# the development checks ------------------------------------------------------------------
def _chain(book, member_id: int, steps: list[tuple[int, date]], **kw) -> None:
    for number, on in steps:
        book.pipeline.record_event(Event(member_id, Kind.STEP, on, step=number, **kw))


def test_a_late_extension_needs_a_reason(book, people) -> None:
    young = people["young"].id
    _chain(book, young, [(1, date(2022, 1, 5)), (2, date(2022, 1, 20))])
    book.pipeline.record_event(Event(young, Kind.RECOMMENDATION, date(2022, 2, 1)))
    _chain(book, young, [(3, date(2022, 3, 1)), (7, date(2023, 3, 2))])
    book.pipeline.record_event(
        Event(young, Kind.STEP, date(2023, 9, 1), step=9, people="刘建华、张丽")
    )
    _chain(book, young, [(15, date(2024, 6, 1)), (17, date(2024, 7, 1))])
    late = Event(young, Kind.EXTENSION, date(2025, 9, 1), quantity=6, unit="个月")
    with pytest.raises(RuleViolation, match="期满") as info:
        book.pipeline.record_event(late)
    assert "记录例外" in str(info.value)
    assert book.pipeline.path_of(young).of_kind(Kind.EXTENSION) == []
    saved = book.pipeline.record_event(
        Event(young, Kind.EXTENSION, date(2025, 9, 1), quantity=6, unit="个月", exception="补记")
    )
    assert saved.exception == "补记" and "晚了" in saved.violations
    on_time = book.pipeline.check_event(
        Event(young, Kind.EXTENSION, date(2025, 6, 1), quantity=6, unit="个月", id=saved.id)
    )
    assert on_time == []


def test_the_league_recommendation_is_a_warning_kept_with_the_step(book, people) -> None:
    young = people["young"].id
    _chain(book, young, [(1, date(2025, 1, 5)), (2, date(2025, 1, 20))])
    step3 = book.pipeline.record_event(Event(young, Kind.STEP, date(2025, 4, 1), step=3))
    assert step3.exception == "" and step3.violations.startswith("惯例提示")
    assert book.members.get(young).stage is Stage.ACTIVIST  # saved: practice only warns
    rec = book.pipeline.record_event(Event(young, Kind.RECOMMENDATION, date(2025, 3, 1)))
    again = book.pipeline.record_event(step3)  # corrected after the 推优 was entered
    assert again.violations == "" and rec.title == "团组织推优"
    docs = {d.name: d for d in book.pipeline.materials(young)}
    assert docs["推荐/推优表"].present and docs["推荐/推优表"].how == "已有记录"


def test_a_candidate_leaving_within_three_months_needs_a_reason(book, people) -> None:
    young = people["young"].id
    book.members.update(book.members.get(young).replace(stage=Stage.CANDIDATE))
    flagged = Event(young, Kind.STEP, date(2026, 10, 1), step=13, notes=LEAVING_MARK + "镇党委")
    with pytest.raises(RuleViolation, match="3 个月内离开本单位"):
        book.pipeline.record_event(flagged)
    saved = book.pipeline.record_event(
        Event(
            young,
            Kind.STEP,
            date(2026, 10, 1),
            step=13,
            notes=LEAVING_MARK,
            exception="调动已经取消",
        )
    )
    assert saved.leaving_soon and "一般不办理" in saved.violations
