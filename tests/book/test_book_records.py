"""The branch's standing records through the Book: transfers change the roster in the same
write, elections set the posts everything else reads, talks and their due items."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from partybook.book import Book
from partybook.domain.committee import Candidate, CommitteeSettings, Election, PartyGroup
from partybook.domain.errors import MemberInvalid, RuleViolation
from partybook.domain.meetings import MeetingKind
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.talks import SECRETARY, Talk, TalkSettings
from partybook.domain.transfers import Direction, Transfer, TransferSettings
from partybook.store import talks as talk_store
from tests.conftest import NOW

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _id(book: Book, name: str) -> int:
    return next(m.id for m in book.members.all() if m.name == name)


# transfers ------------------------------------------------------------------
def test_a_transfer_out_leaves_the_roster_in_the_same_write(quiet_book) -> None:
    who = _id(quiet_book, "黄伟")
    t = quiet_book.transfers.record_out(
        Transfer(Direction.OUT, date(2026, 11, 2), " 县一中党支部 ", member_id=who, letter_no="7号")
    )
    m = quiet_book.members.get(who)
    assert (m.left_reason, m.left_on, m.left_note) == (
        LeaveReason.TRANSFERRED,
        date(2026, 11, 2),
        "转往县一中党支部",
    )
    assert t.id is not None and quiet_book.transfers.get(t.id).organisation == "县一中党支部"
    assert all(
        a.member_id != who for a in quiet_book.meetings.default_attendees(MeetingKind.GENERAL)
    )
    # the same person cannot leave twice, and nothing is written then
    count = len(quiet_book.transfers.all())
    with pytest.raises(RuleViolation, match="已于 2026-11-02 离开"):
        quiet_book.transfers.record_out(
            Transfer(Direction.OUT, date(2026, 11, 3), "某", member_id=who)
        )
    assert len(quiet_book.transfers.all()) == count


def test_a_wrong_date_or_a_non_member_is_refused(quiet_book) -> None:
    with pytest.raises(RuleViolation, match="晚于今天"):
        quiet_book.transfers.record_out(
            Transfer(Direction.OUT, date(2026, 12, 2), "某", member_id=_id(quiet_book, "黄伟"))
        )
    with pytest.raises(RuleViolation, match="不是党员"):
        quiet_book.transfers.record_out(
            Transfer(Direction.OUT, date(2026, 11, 2), "某", member_id=_id(quiet_book, "韩雪"))
        )
    assert quiet_book.members.get(_id(quiet_book, "黄伟")).active


def test_a_transfer_in_adds_a_checked_member(quiet_book) -> None:
    t = Transfer(Direction.IN, date(2026, 9, 1), "邻镇中学党支部", letter_no="邻组转〔2026〕2号")
    newcomer = Member(
        "欧阳明", stage=Stage.FULL, sex="男", joined_on=date(2015, 6, 1), full_on=date(2016, 6, 1)
    )
    saved, member = quiet_book.transfers.record_in(t, newcomer)
    assert member.id is not None and saved.member_id == member.id
    assert quiet_book.members.get(member.id).active and saved.direction is Direction.IN
    count = len(quiet_book.transfers.all())
    with pytest.raises(MemberInvalid):  # the existing member validation still applies
        quiet_book.transfers.record_in(
            t, Member("坏号码", id_number="123", joined_on=date(2015, 6, 1))
        )
    with pytest.raises(RuleViolation, match="预备"):
        quiet_book.transfers.record_in(t, Member("积极分子", stage=Stage.ACTIVIST))
    assert len(quiet_book.transfers.all()) == count
    assert "坏号码" not in {m.name for m in quiet_book.members.all()}


def test_one_who_transferred_out_can_come_back(demo_book) -> None:
    lin = demo_book.members.get(_id(demo_book, "林海"))
    assert lin.left_reason is LeaveReason.TRANSFERRED
    t = Transfer(Direction.IN, date(2026, 11, 20), "县城关第二小学党支部")
    _, back = demo_book.transfers.record_in(t, lin)
    assert back.active and demo_book.members.get(lin.id).left_note == ""
    with pytest.raises(RuleViolation, match="仍在本支部"):
        demo_book.transfers.record_in(t, demo_book.members.get(lin.id))


def test_correcting_and_deleting_a_transfer_out(quiet_book) -> None:
    who = _id(quiet_book, "黄伟")
    t = quiet_book.transfers.record_out(
        Transfer(Direction.OUT, date(2026, 11, 2), "县一中", member_id=who)
    )
    fixed = quiet_book.transfers.update(
        Transfer(
            Direction.OUT,
            date(2026, 11, 5),
            "县一中党支部",
            id=t.id,
            receipt_back=True,
            receipt_on=date(2026, 11, 20),
        )
    )
    assert fixed.member_id == who and quiet_book.members.get(who).left_on == date(2026, 11, 5)
    assert quiet_book.members.get(who).left_note == "转往县一中党支部"
    back = quiet_book.transfers.delete(t.id)
    assert back is not None and quiet_book.members.get(who).active


def test_the_missing_receipt_is_due_after_the_set_days(demo_book) -> None:
    [item] = [i for i in demo_book.due_items() if i.kind == "transfer"]
    assert item.member == "林海" and "回执尚未返回" in item.title and item.state == "overdue"
    demo_book.transfers.save_settings(TransferSettings(receipt_days=300))
    assert not [i for i in demo_book.due_items() if i.kind == "transfer"]
    with pytest.raises(RuleViolation):
        demo_book.transfers.save_settings(TransferSettings(receipt_days=0))


# committee and elections -----------------------------------------------------
def _election(book: Book, present: int = 16, should: int | None = None) -> Election:
    votes = [("陈秀英", 16, "书记"), ("李国平", 15, "组织委员"), ("王志强", 14, "宣传委员"),
             ("赵春梅", 9, "纪检委员"), ("刘建华", 8, "")]  # fmt: skip
    return Election(
        date(2026, 11, 20),
        should,
        present,
        4,
        tuple(Candidate(_id(book, n), n, v, p) for n, v, p in votes),
    )


def test_an_election_with_too_few_present_is_refused_and_changes_nothing(demo_book) -> None:
    before = [(m.name, m.party_post) for m in demo_book.committee.current()]
    with pytest.raises(RuleViolation, match="未超过五分之四.*选举无效"):
        demo_book.committee.record_election(_election(demo_book, present=13))  # 65 < 4 × 17
    assert [(m.name, m.party_post) for m in demo_book.committee.current()] == before
    assert len(demo_book.committee.elections()) == 1


def test_recording_an_election_sets_the_posts_everything_reads(demo_book) -> None:
    e = _election(demo_book)
    changes = {c.member.name: c.text() for c in demo_book.committee.post_changes(e)}
    assert changes == {
        "刘建华": "刘建华：不再担任书记",
        "陈秀英": "陈秀英：组织委员 → 书记",
        "李国平": "李国平：担任组织委员",
        "张丽": "张丽：不再担任纪检委员",
        "赵春梅": "赵春梅：担任纪检委员",
    }
    demo_book.committee.record_election(e)
    assert [(m.name, m.party_post) for m in demo_book.committee.current()] == [
        ("陈秀英", "书记"), ("李国平", "组织委员"), ("王志强", "宣传委员"), ("赵春梅", "纪检委员")
    ]  # fmt: skip
    assert demo_book.committee.term_start() == date(2026, 11, 20)
    assert demo_book.committee.term_end() == date(2029, 11, 20)
    assert demo_book.branch().secretary == "陈秀英"
    # the 支委会's attendance, the 56-学时 requirement and the talks follow the posts
    committee = {_id(demo_book, n) for n in ("陈秀英", "李国平", "王志强", "赵春梅")}
    attendees = demo_book.meetings.default_attendees(MeetingKind.COMMITTEE)
    assert {a.member_id for a in attendees} == committee
    hours = {r.member.name: r for r in demo_book.study.hours(2026)}
    assert hours["李国平"].leader and not hours["刘建华"].leader
    talkers = {r.talker.name for r in demo_book.talks.coverage(2026)}
    assert talkers == {"陈秀英", "李国平", "王志强", "赵春梅"}
    # a new term: only the new 书记's approval is awaited (issue 20)
    [item] = [i for i in demo_book.due_items() if i.kind == "committee"]
    assert "书记陈秀英尚待上级党组织批准" in item.title


def test_posts_must_go_to_the_elected(demo_book) -> None:
    e = _election(demo_book)
    last = Candidate(e.candidates[4].member_id, "刘建华", 8, "副书记")
    wrong = Election(e.on, e.should_attend, e.present, e.seats, (*e.candidates[:4], last))
    with pytest.raises(RuleViolation, match="刘建华 未当选"):
        demo_book.committee.record_election(wrong)
    probationary = Election(
        e.on, 18, 16, 1, (Candidate(_id(demo_book, "谢婷"), "谢婷", 16, "书记"),)
    )
    with pytest.raises(RuleViolation, match="没有被选举权"):
        demo_book.committee.record_election(probationary)


def test_the_demo_committee_term_warning(demo_book) -> None:
    [last] = demo_book.committee.elections()  # its 书记 approved (issue 20): the term alone
    demo_book.committee.record_approval(last.id, date(2024, 4, 10))
    [item] = [i for i in demo_book.due_items() if i.kind == "committee"]
    assert demo_book.committee.term_start() == date(2024, 3, 22) and item.date == date(2027, 3, 22)
    assert "准备换届" in item.title
    assert demo_book.committee.due_items(date(2026, 9, 21)) == []
    assert "不足 1 个月" in demo_book.committee.due_items(date(2027, 2, 22))[0].title
    demo_book.committee.save_settings(CommitteeSettings(early_months=3, late_months=1))
    assert not demo_book.committee.due_items(date(2026, 12, 21))
    with pytest.raises(RuleViolation):
        demo_book.committee.save_settings(CommitteeSettings(early_months=1, late_months=2))
    demo_book.committee.set_term_start(None)
    assert demo_book.committee.due_items() == []


def test_party_groups_move_members_in_one_write(demo_book) -> None:
    groups = {g.name: g for g in demo_book.committee.groups()}
    assert demo_book.members.get(groups["第一党小组"].leader_id).name == "赵春梅"
    one = groups["第一党小组"]
    new = PartyGroup("退休党小组", _id(demo_book, "何桂兰"), (_id(demo_book, "何桂兰"),))
    demo_book.committee.save_group(new)
    assert demo_book.members.get(_id(demo_book, "何桂兰")).group == "退休党小组"
    after = {g.name: g for g in demo_book.committee.groups()}
    assert len(after["第一党小组"].member_ids) == len(one.member_ids) - 1
    with pytest.raises(RuleViolation, match="已有名为"):
        demo_book.committee.save_group(PartyGroup("第二党小组"))
    demo_book.committee.save_group(
        PartyGroup("离退休党小组", None, new.member_ids), old_name="退休党小组"
    )
    assert demo_book.members.get(_id(demo_book, "何桂兰")).group == "离退休党小组"
    demo_book.committee.delete_group("离退休党小组")
    assert demo_book.members.get(_id(demo_book, "何桂兰")).group == ""
    assert "离退休党小组" not in {g.name for g in demo_book.committee.groups()}


# talks ----------------------------------------------------------------------
def test_talks_and_who_is_still_owed_one(quiet_book) -> None:
    secretary, member = _id(quiet_book, "刘建华"), _id(quiet_book, "黄伟")
    before = {r.talker.name: len(r.missing) for r in quiet_book.talks.coverage(2026)}
    quiet_book.talks.save(Talk(date(2026, 11, 1), member, "工作压力", second_id=secretary))
    after = {r.talker.name: len(r.missing) for r in quiet_book.talks.coverage(2026)}
    assert after["刘建华"] == before["刘建华"] - 1 and after["陈秀英"] == before["陈秀英"]
    saved = quiet_book.talks.save(
        Talk(date(2026, 11, 2), secretary, " 家访 ", second_id=member, second_name="忽略")
    )
    assert saved.topic == "家访" and saved.second_name == ""
    items = [i for i in quiet_book.due_items() if i.kind == "talk"]
    assert len(items) == 4 and {i.member for i in items} == {"刘建华", "陈秀英", "王志强", "张丽"}
    quiet_book.talks.save_settings(TalkSettings(scope=SECRETARY))
    assert [i.member for i in quiet_book.due_items() if i.kind == "talk"] == ["刘建华"]
    quiet_book.talks.save_settings(TalkSettings(enabled=False))
    assert not [i for i in quiet_book.due_items() if i.kind == "talk"]
    with pytest.raises(RuleViolation, match="同一个人"):
        quiet_book.talks.save(Talk(date(2026, 11, 2), secretary, "谈", second_id=secretary))
    quiet_book.talks.delete(saved.id)
    assert len(quiet_book.talks.all(2026)) == 1


def test_the_demo_talks(demo_book) -> None:
    rows = {r.talker.name: r for r in demo_book.talks.coverage(2026)}
    assert len(rows["刘建华"].missing) < len(rows["张丽"].missing)
    assert any(t.second_name.startswith("新入职教师") for t in demo_book.talks.all(2026))
    assert demo_book.talks.years() == [2026]


def test_the_coverage_reads_who_talked_with_whom_as_the_talks_say(quiet_book) -> None:
    """talk_coverage reads only the pairs from the store: either way round, this year's, with
    people on the roster."""
    from partybook.domain.talks import pair

    a, b, c = (_id(quiet_book, n) for n in ("刘建华", "黄伟", "陈秀英"))
    quiet_book.talks.save(Talk(date(2026, 3, 1), b, "工作", second_id=a))  # either way round
    quiet_book.talks.save(Talk(date(2026, 4, 1), c, "学习", second_id=b))
    quiet_book.talks.save(Talk(date(2025, 12, 31), c, "去年", second_id=a))  # not this year
    quiet_book.talks.save(Talk(date(2026, 5, 1), c, "家访", second_name="校外辅导员"))
    assert talk_store.talked_pairs(2026) == {pair(b, a), pair(c, b)}
    assert pair(a, b) == pair(b, a) != pair(a, c)
    # the quiet demo's members (full and probationary, 林海 has left), in roster order
    party = [
        "刘建华", "陈秀英", "王志强", "张丽", "李国平", "赵春梅", "周文斌", "吴晓燕", "孙德明",
        "曾小红", "黄伟", "何桂兰", "罗永红", "郑敏", "单晓东", "谢婷", "彭浩", "宋玉华",
        "梁建国",
    ]  # fmt: skip
    done = {"刘建华": ["黄伟"], "陈秀英": ["黄伟"], "王志强": [], "张丽": []}
    got = quiet_book.talks.coverage(2026)
    rows = [(r.talker.name, [m.name for m in r.done], [m.name for m in r.missing]) for r in got]
    assert rows == [
        (talker, talked, [n for n in party if n != talker and n not in talked])
        for talker, talked in done.items()
    ]
    assert len(got[0].missing) == 17 and "陈秀英" in [m.name for m in got[0].missing]


def test_an_upgraded_version_4_book_keeps_the_new_records(tmp_path) -> None:
    path = tmp_path / "v4.sqlite"
    shutil.copy(FIXTURES / "book-v4.sqlite", path)
    book = Book.open(path, clock=lambda: NOW)
    first = book.members.all()[0]
    book.talks.save(Talk(date(2026, 11, 1), first.id, "谈工作", second_name="校外辅导员"))
    moved = book.members.all()[1]
    book.transfers.record_out(
        Transfer(Direction.OUT, date(2026, 11, 1), "县一中", member_id=moved.id)
    )
    book.close(auto_backup=False)
    book = Book.open(path, clock=lambda: NOW)
    assert len(book.talks.all()) == 1 and len(book.transfers.all()) == 1
    assert not book.members.get(moved.id).active
    book.close(auto_backup=False)
