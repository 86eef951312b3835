"""Recording development steps through the Book: refusals, overrides, roster stage and dates."""

from __future__ import annotations

import json
from datetime import date

import pytest

from partybook.cli import main
from partybook.domain.errors import RuleViolation
from partybook.domain.members import Member, Stage
from partybook.domain.pipeline import Event, Kind
from partybook.domain.rules import RULES_2026, Practice


@pytest.fixture
def person(book):
    book.members.add(
        Member(
            name="刘建华", stage=Stage.FULL, joined_on=date(2000, 7, 1), full_on=date(2001, 7, 1)
        )
    )
    book.members.add(
        Member(name="张丽", stage=Stage.FULL, joined_on=date(2010, 7, 1), full_on=date(2011, 7, 1))
    )
    return book.members.add(Member(name="韩雪", stage=Stage.APPLICANT, birth_date=date(1998, 3, 4)))


def step(member, number, on, **kw) -> Event:
    return Event(member.id, Kind.STEP, on, step=number, **kw)


def test_a_violation_is_refused_with_the_rule_named(book, person) -> None:
    book.pipeline.record_event(step(person, 1, date(2025, 1, 10)))
    with pytest.raises(RuleViolation, match="第七条") as info:
        book.pipeline.record_event(step(person, 2, date(2025, 3, 1)))
    assert "记录例外" in str(info.value)
    assert [e.step for e in book.pipeline.path_of(person.id).events] == [1]


def test_an_override_with_a_reason_is_kept_and_shown(book, person) -> None:
    book.pipeline.record_event(step(person, 1, date(2025, 1, 10)))
    saved = book.pipeline.record_event(
        step(person, 2, date(2025, 3, 1), exception="寒假期间无法谈话")
    )
    assert saved.exception == "寒假期间无法谈话"
    assert "一个月" in saved.violations
    again = book.pipeline.path_of(person.id).step(2)
    assert again.exception == "寒假期间无法谈话" and again.violations == saved.violations


def test_a_future_date_cannot_be_overridden(book, person) -> None:
    with pytest.raises(RuleViolation, match="晚于今天"):
        book.pipeline.record_event(step(person, 1, date(2026, 12, 1), exception="提前录入"))


def test_the_roster_follows_the_path_to_full_membership(book, person) -> None:
    chain = [
        (1, date(2022, 1, 5)),
        (2, date(2022, 1, 20)),
        (3, date(2022, 3, 1)),
        (7, date(2023, 3, 1)),
        (9, date(2023, 4, 1)),
        (11, date(2023, 6, 1)),
        (15, date(2023, 9, 1)),
        (17, date(2023, 10, 20)),
    ]
    extra = {9: {"people": "刘建华、张丽"}, 11: {"quantity": 3, "unit": "天"}}
    for number, on in chain:
        book.pipeline.record_event(step(person, number, on, **extra.get(number, {})))
        if number == 3:
            assert book.members.get(person.id).stage is Stage.ACTIVIST
        if number == 15:
            assert book.members.get(person.id).stage is Stage.CANDIDATE
    m = book.members.get(person.id)
    assert (m.stage, m.joined_on, m.full_on) == (Stage.PROBATIONARY, date(2023, 9, 1), None)
    book.pipeline.record_event(step(person, 23, date(2024, 9, 1)))
    book.pipeline.record_event(step(person, 24, date(2024, 10, 8)))
    m = book.members.get(person.id)
    assert (m.stage, m.joined_on, m.full_on) == (Stage.FULL, date(2023, 9, 1), date(2024, 9, 1))


def test_deleting_a_wrong_step_moves_the_stage_back(book, person) -> None:
    book.pipeline.record_event(step(person, 1, date(2024, 1, 5)))
    third = book.pipeline.record_event(step(person, 3, date(2024, 3, 1)))
    assert book.members.get(person.id).stage is Stage.ACTIVIST
    book.pipeline.delete_event(third.id, person.id)
    assert book.members.get(person.id).stage is Stage.APPLICANT


def test_sponsors_must_be_full_members_of_this_branch(book, person) -> None:
    book.pipeline.record_event(step(person, 3, date(2024, 3, 1)))
    book.pipeline.record_event(step(person, 7, date(2025, 3, 1)))
    with pytest.raises(RuleViolation, match="韩梅梅 不是"):
        book.pipeline.record_event(step(person, 9, date(2025, 4, 1), people="刘建华、韩梅梅"))


def test_rule_set_and_practice_are_settings(book) -> None:
    assert book.rules.current().name == "细则 2014"
    book.rules.choose(RULES_2026.name)
    assert book.rules.current() is RULES_2026
    book.rules.save_practice(Practice(notice_days=7, notice_working_days=False, soon_days=45))
    assert book.rules.practice() == Practice(7, False, 45, 3)
    with pytest.raises(RuleViolation):
        book.rules.save_practice(Practice(notice_days=0))
    with pytest.raises(RuleViolation):
        book.rules.choose("细则 1999")


def test_materials_follow_steps_and_hand_ticks(book, person) -> None:
    book.pipeline.record_event(step(person, 1, date(2025, 1, 10)))
    docs = {d.name: d for d in book.pipeline.materials(person.id)}
    assert docs["入党申请书"].present and not docs["谈话记录"].present
    assert "入党志愿书" not in docs  # not yet at that stage
    book.pipeline.tick_material(person.id, "推荐/推优表", True)
    assert {d.name: d for d in book.pipeline.materials(person.id)}["推荐/推优表"].how == "手工勾选"
    book.pipeline.tick_material(person.id, "推荐/推优表", False)
    assert not {d.name: d for d in book.pipeline.materials(person.id)}["推荐/推优表"].present


def test_demo_due_list_is_lively(demo_book) -> None:
    items = demo_book.pipeline.due_items()
    states = {i.state for i in items}
    assert {"overdue", "soon", "later", "open"} <= states
    assert {i.member for i in items} >= {"唐颖", "韩雪", "邓佳", "蒋涛", "谢婷", "彭浩"}
    assert all(i.kind == "pipeline" for i in items)


def test_cli_due_json(demo_book, capsys) -> None:
    path = str(demo_book.path)
    demo_book.close(auto_backup=False)
    assert main(["--db", path, "due", "--json", "--on", "2026-11-22"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data and set(data[0]) >= {"kind", "member", "step", "title", "date", "type", "state"}
    assert data[0]["state"] == "overdue"
    assert all(d["type"] in ("deadline", "earliest") for d in data)
    talk = next(d for d in data if d["member"] == "唐颖")
    assert (talk["step"], talk["type"], talk["state"]) == (2, "deadline", "soon")
    assert main(["--db", path, "due", "--on", "2026-02-30"]) == 2
