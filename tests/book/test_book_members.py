"""The Book facade over the roster: validation, duplicates, leaving, and nothing ever deleted."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.errors import MemberInvalid, PartyBookError, RuleViolation
from partybook.domain.idcard import make_id_number
from partybook.domain.members import Branch, LeaveReason, Member, Stage


def _member(name="张三", birth=date(1990, 5, 17), sex="男", **kw) -> Member:
    return Member(
        name=name,
        id_number=make_id_number("430521", birth, 12, sex),
        stage=Stage.FULL,
        joined_on=date(2015, 7, 1),
        full_on=date(2016, 7, 1),
        **kw,
    )


def test_add_fills_birth_date_and_sex_from_the_id_number(book) -> None:
    saved = book.members.add(_member())
    assert saved.id is not None
    again = book.members.get(saved.id)
    assert again.birth_date == date(1990, 5, 17)
    assert again.sex == "男"


def test_add_refuses_an_invalid_member_and_writes_nothing(book) -> None:
    bad = _member(name="").replace(id_number="430521199005171234")
    with pytest.raises(MemberInvalid) as info:
        book.members.add(bad)
    fields = {p.field for p in info.value.problems}
    assert {"name", "id_number"} <= fields
    assert book.members.all() == []


def test_the_same_id_number_twice_is_refused(book) -> None:
    book.members.add(_member())
    with pytest.raises(MemberInvalid, match="张三"):
        book.members.add(_member(name="张三丰"))
    assert [m.name for m in book.members.all()] == ["张三"]


def test_update_keeps_the_id_and_checks_again(book) -> None:
    saved = book.members.add(_member())
    book.members.update(saved.replace(phone="138 0739 1234"))
    assert book.members.get(saved.id).phone == "13807391234"
    with pytest.raises(MemberInvalid):
        book.members.update(saved.replace(full_on=date(2014, 1, 1)))  # before 入党日期
    assert book.members.get(saved.id).full_on == date(2016, 7, 1)


def test_leaving_keeps_the_person_in_history(book) -> None:
    saved = book.members.add(_member())
    book.members.leave(saved.id, LeaveReason.TRANSFERRED, date(2026, 10, 1), "转往县一中党支部")
    assert book.members.all(include_left=False) == []
    gone = book.members.all()[0]
    assert (gone.left_reason, gone.left_on, gone.left_note) == (
        LeaveReason.TRANSFERRED,
        date(2026, 10, 1),
        "转往县一中党支部",
    )
    assert gone.status_text == "已离开（转出）"
    with pytest.raises(RuleViolation, match="已于"):
        book.members.leave(saved.id, LeaveReason.DECEASED, date(2026, 10, 2))
    book.members.undo_leave(saved.id)
    assert book.members.get(saved.id).active


@pytest.mark.parametrize(
    ("stage", "reason", "message"),
    [
        (Stage.FULL, LeaveReason.CANCELLED, "只有预备党员"),
        (Stage.FULL, LeaveReason.STOPPED, "停止培养"),
    ],
)
def test_leave_reasons_that_do_not_fit_the_stage(book, stage, reason, message) -> None:
    saved = book.members.add(_member().replace(stage=stage))
    with pytest.raises(RuleViolation, match=message):
        book.members.leave(saved.id, reason, date(2026, 1, 1))


def test_leave_date_cannot_be_in_the_future(book) -> None:
    saved = book.members.add(_member())
    with pytest.raises(RuleViolation, match="晚于今天"):
        book.members.leave(saved.id, LeaveReason.TRANSFERRED, date(2026, 11, 23))


def test_branch_facts_round_trip_and_need_a_name(book) -> None:
    assert not book.branch().is_set_up
    book.save_branch(Branch("柳溪村小学党支部", "柳溪镇党委", "柳溪村小学", "周红梅"))
    assert book.branch() == Branch("柳溪村小学党支部", "柳溪镇党委", "柳溪村小学", "周红梅")
    with pytest.raises(PartyBookError, match="支部名称"):
        book.save_branch(Branch("  "))


def test_demo_book_is_healthy_and_lively(demo_book) -> None:
    report = demo_book.check()
    assert report.healthy, report.problems
    people = demo_book.members.all()
    stages = {m.stage for m in people if m.active}
    assert stages == set(Stage)
    assert len(people) >= 25
    assert any(not m.active for m in people)
    assert demo_book.branch().name == "青山镇中心小学党支部"


def test_an_import_reads_the_roster_once_not_once_per_row(book, tmp_path, monkeypatch) -> None:
    """A 2 000-row roster took 80 s when every row re-read the whole roster for duplicates."""
    import csv

    book.members.add(_member(name="原有"))
    path = tmp_path / "r.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["姓名", "身份证号", "入党时间", "转正时间"])
        for seq in range(40):
            number = make_id_number("430522", date(1985, 1, 1 + seq % 28), seq, "女")
            out.writerow([f"学员{'甲乙丙丁戊己庚辛'[seq % 8]}{'子丑寅卯辰'[seq // 8]}", number])
    plan = book.members.plan_import(path)
    assert not plan.errors and len(plan.new_members) == 40
    reads = []
    real = book._core.store.members
    monkeypatch.setattr(book._core.store, "members", lambda: reads.append(1) or real())
    book.members.import_plan(plan)
    assert len(book.members.all()) == 41
    assert len(reads) <= 3, len(reads)


def test_an_import_still_refuses_an_id_number_already_taken(book, tmp_path) -> None:
    book.members.add(_member(name="原有"))
    path = tmp_path / "r.csv"
    taken = make_id_number("430521", date(1990, 5, 17), 12, "男")
    path.write_text(f"姓名,身份证号\n新人,{taken}\n")
    plan = book.members.plan_import(path)
    plan.rows[0].duplicate_of = ""  # as if the roster changed after the plan was made
    with pytest.raises(MemberInvalid, match="相同"):
        book.members.import_plan(plan)
    assert [m.name for m in book.members.all()] == ["原有"]
