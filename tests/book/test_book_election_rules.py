"""Issue 20, elections in the Book: 应到 computed from the roster (a typed number that differs
is refused, None is computed, stored elections stay readable), members under 留党察看 and those
left out with a reason, 差额 with a written exception, the upper committee's approval as a due
item, the term by branch type; every write one transaction."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from partybook.book import Book
from partybook.domain.committee import (
    EXCLUSION_REASONS,
    Candidate,
    CommitteeSettings,
    Election,
    Exclusion,
)
from partybook.domain.errors import NotFound, RuleViolation
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.rules import ELECTION_RULES
from tests.conftest import NOW

DAY = date(2026, 11, 20)  # the book's today is 2026-11-22 (tests.conftest.NOW)
ABROAD = EXCLUSION_REASONS[1]
NAMES = "赵一 钱二 孙三 李四 周五 吴六 郑七 王八 冯九 陈十 褚甲 卫乙".split()


def _branch(book: Book, full: int = 10) -> list[Member]:
    """full 正式党员 (赵一 …), a 预备党员 and one who left before DAY."""
    people = [
        book.members.add(
            Member(NAMES[i - 1], Stage.FULL, joined_on=date(2010, 1, i), full_on=date(2011, 1, i))
        )
        for i in range(1, full + 1)
    ]
    book.members.add(Member("预备", Stage.PROBATIONARY, joined_on=date(2026, 5, 1)))
    gone = book.members.add(
        Member("转走的", Stage.FULL, joined_on=date(2000, 1, 1), full_on=date(2001, 1, 1))
    )
    book.members.leave(gone.id, LeaveReason.TRANSFERRED, date(2026, 3, 1))
    return people


def _election(
    people: list[Member],
    should: int | None,
    present: int,
    seats: int = 3,
    count: int = 4,
    **extra,
) -> Election:
    posts = ["书记", "组织委员", "宣传委员", "纪检委员", "副书记"][:seats]
    cands = tuple(
        Candidate(m.id, m.name, present - i, posts[i] if i < seats else "")
        for i, m in enumerate(people[:count])
    )
    return Election(DAY, should, present, seats, cands, **extra)


def _committee_items(book: Book) -> list[str]:
    return [i.title for i in book.due_items() if i.kind == "committee"]


# 应到 from the roster ---------------------------------------------------------------------
def test_a_typed_should_attend_that_differs_from_the_roster_is_refused(book) -> None:
    people = _branch(book)
    with pytest.raises(RuleViolation) as refused:
        book.committee.record_election(_election(people, 3, 3))
    text = str(refused.value)
    assert "按花名册计算" in text and "正式党员 10 人" in text and "填写的 3 人" in text
    assert book.committee.elections() == []  # nothing written
    assert not any(k.startswith("committee.election.") for k in book._core.settings())


@pytest.mark.parametrize("should", [None, 10])
def test_the_rolls_number_is_saved(book, should) -> None:
    people = _branch(book)
    saved = book.committee.record_election(_election(people, should, 9))
    assert saved.should_attend == 10
    [stored] = book.committee.elections()
    assert stored.should_attend == 10 and stored.present == 9
    assert [c.member_id for c in stored.candidates] == [m.id for m in people[:4]]


@pytest.mark.parametrize(
    ("n", "present", "seats", "valid"),
    [(10, 8, 3, False), (10, 9, 3, True), (4, 3, 2, False), (4, 4, 2, True)],
)
def test_the_four_fifths_rule_works_against_the_rolls_number(book, n, present, seats, valid):
    people = _branch(book, n)
    e = _election(people, None, present, seats=seats, count=seats + 1)
    if valid:
        book.committee.record_election(e)
    else:
        with pytest.raises(RuleViolation, match="未超过五分之四.*选举无效"):
            book.committee.record_election(e)


def test_members_under_probation_watch_are_not_counted_nor_elected(book, monkeypatch) -> None:
    people = _branch(book)
    watched = people[9].id
    monkeypatch.setattr(book.members, "without_vote", lambda on=None: {watched})
    assert book.committee.roll(DAY).should_attend == 9
    assert "受留党察看处分" in book.committee.roll(DAY).text()
    with pytest.raises(RuleViolation, match="填写的 10 人"):
        book.committee.record_election(_election(people, 10, 9))
    # and cannot be elected
    e = _election([people[9], *people[:3]], None, 9)
    with pytest.raises(RuleViolation, match="陈十 在 2026-11-20 受留党察看处分"):
        book.committee.record_election(e)
    assert book.committee.record_election(_election(people, None, 8)).should_attend == 9


def test_members_left_out_with_a_reason_are_kept_with_the_election(book) -> None:
    people = _branch(book)
    out = (Exclusion(people[9].id, ABROAD, "2026年9月起出国进修一年，经镇党委同意"),)
    assert book.committee.roll(DAY, out).should_attend == 9
    saved = book.committee.record_election(_election(people, None, 8, excluded=out))
    assert saved.should_attend == 9
    [stored] = book.committee.elections()
    assert stored.excluded == out and stored.should_attend == 9
    # a reason needs its details, and only a listed reason will do
    bare = (Exclusion(people[9].id, ABROAD, ""),)
    assert any("请写明具体情况" in p for p in book.committee.check_exclusions(DAY, bare))
    with pytest.raises(RuleViolation, match="请写明具体情况"):
        book.committee.record_election(_election(people, None, 8, excluded=bare))


def test_members_converted_after_the_day_or_gone_before_it_do_not_count(book) -> None:
    people = _branch(book, 5)
    late = book.members.update(people[4].replace(full_on=date(2026, 11, 21)))
    assert book.committee.roll(DAY).should_attend == 4  # 转走的 and 预备 never counted
    assert book.committee.roll(date(2026, 11, 21)).should_attend == 5
    assert book.committee.roll(date(2026, 2, 28)).should_attend == 5  # before 转走的 left: 4 + 1
    e = _election([late, *people[:3]], None, 4)
    with pytest.raises(RuleViolation, match="周五 在 2026-11-20 还不是正式党员"):
        book.committee.record_election(e)


def test_elections_stored_before_keep_their_typed_number(book) -> None:
    people = _branch(book)
    path = book.path
    book.close(auto_backup=False)
    with sqlite3.connect(path) as db:
        db.execute(
            'insert into election ("on", should_attend, present, seats, notes) '
            "values ('2023-03-01', 3, 3, 1, '旧记录')"
        )
        db.execute(
            "insert into candidate (election_id, member_id, votes, post) values (1, ?, 3, '书记')",
            (people[0].id,),
        )
    reopened = Book.open(path, clock=lambda: NOW)
    try:
        [old] = reopened.committee.elections()
        assert (old.should_attend, old.present, old.notes) == (3, 3, "旧记录")
        assert old.candidates[0].member_id == people[0].id
    finally:
        reopened.close(auto_backup=False)


# 差额 ------------------------------------------------------------------------------------
def test_too_few_candidates_for_the_margin_need_a_written_exception(book) -> None:
    people = _branch(book)
    equal = _election(people, None, 9, seats=3, count=3)
    with pytest.raises(RuleViolation) as refused:
        book.committee.record_election(equal)
    text = str(refused.value)
    assert "候选人应至少 4 名" in text and ELECTION_RULES.cite("candidates_margin_percent") in text
    assert "记录例外" in text
    assert book.committee.elections() == []
    reason = "经镇党委同意实行等额选举（青山组〔2026〕9号）"
    book.committee.record_election(_election(people, None, 9, seats=3, count=3, exception=reason))
    [stored] = book.committee.elections()
    assert stored.exception == reason and "候选人应至少 4 名" in stored.violations


def test_an_exception_is_not_kept_when_the_margin_is_met(book) -> None:
    people = _branch(book)
    book.committee.record_election(_election(people, None, 9, exception="不需要"))
    [stored] = book.committee.elections()
    assert stored.exception == "" and stored.violations == ""


# the approval of the 书记 and 副书记 -------------------------------------------------------
def test_the_approval_is_a_due_item_until_its_date_is_recorded(book) -> None:
    people = _branch(book)
    saved = book.committee.record_election(_election(people, None, 9))
    [title] = _committee_items(book)
    assert "书记赵一" in title and "尚待上级党组织批准" in title
    for wrong, problem in ((date(2026, 11, 19), "早于选举日期"), (date(2026, 11, 23), "晚于今天")):
        with pytest.raises(RuleViolation, match=problem):
            book.committee.record_approval(saved.id, wrong)
    book.committee.record_approval(saved.id, date(2026, 11, 21))
    assert _committee_items(book) == []
    [stored] = book.committee.elections()
    assert stored.approved_on == date(2026, 11, 21)
    book.committee.record_approval(saved.id, None)  # cleared: asked for again
    assert len(_committee_items(book)) == 1
    with pytest.raises(NotFound):
        book.committee.record_approval(999, DAY)


def test_a_deleted_election_takes_its_extras_with_it(book) -> None:
    people = _branch(book)
    out = (Exclusion(people[9].id, ABROAD, "出国进修一年，经镇党委同意"),)
    saved = book.committee.record_election(_election(people, None, 8, excluded=out))
    book.committee.record_approval(saved.id, DAY)
    book.committee.delete_election(saved.id)
    # a new election may get the same id: it starts without the old one's extras
    again = book.committee.record_election(_election(people, None, 9))
    [stored] = book.committee.elections()
    assert stored.id == again.id and stored.excluded == () and stored.approved_on is None


# the term by branch type ----------------------------------------------------------------
def test_the_term_follows_the_branch_type_setting(book) -> None:
    people = _branch(book)
    book.committee.record_election(_election(people, None, 9))
    assert book.committee.settings().branch_type == "school"
    assert book.committee.term_years() == 3 and book.committee.term_end() == date(2029, 11, 20)
    book.committee.save_settings(CommitteeSettings(6, 1, "village"))
    assert book.committee.term_years() == 5 and book.committee.term_end() == date(2031, 11, 20)
    items = [i for i in book.committee.due_items(date(2031, 6, 1)) if "任期" in i.title]
    assert items and ELECTION_RULES.cite("term_years_village") in items[0].basis
    # a settings dialog that knows nothing of the type ("") keeps it
    book.committee.save_settings(CommitteeSettings(early_months=4, late_months=1))
    assert book.committee.settings() == CommitteeSettings(4, 1, "village")
    with pytest.raises(RuleViolation, match="支部类型"):
        book.committee.save_settings(CommitteeSettings(6, 1, "城市"))


def test_the_election_roll_follows_the_transfers_log(tmp_path) -> None:
    """A full member transferred in after the election day had no vote at it; one who
    transferred out after it had."""
    from datetime import datetime

    from partybook.book import Book
    from partybook.domain.members import Member, Stage
    from partybook.domain.transfers import Direction, Transfer

    book = Book.open(tmp_path / "t.sqlite", clock=lambda: datetime(2026, 11, 22, 9))
    for name in ("甲", "乙", "丙"):
        book.members.add(Member(name, Stage.FULL, joined_on=date(2000, 7, 1)))
    book.transfers.record_in(
        Transfer(Direction.IN, date(2026, 6, 1), "城关一小党支部"),
        Member("丁", Stage.FULL, joined_on=date(2001, 7, 1)),
    )
    assert book.committee.roll(date(2026, 5, 1)).should_attend == 3
    assert book.committee.roll(date(2026, 6, 1)).should_attend == 3  # moving that very day
    assert book.committee.roll(date(2026, 6, 2)).should_attend == 4
    book.close(auto_backup=False)
