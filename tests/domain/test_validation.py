"""Member checks: phone numbers, ID number against birth date and sex, dates in order."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.errors import InvalidValue
from partybook.domain.idcard import make_id_number
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.validation import check_phone, fill_from_id_number, validate_member

TODAY = date(2026, 11, 22)
BIRTH = date(1990, 5, 17)
ID = make_id_number("430521", BIRTH, 12, "男")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13807391234", "13807391234"),
        ("138 0739 1234", "13807391234"),
        ("138-0739-1234", "13807391234"),
        ("+86 138 0739 1234", "13807391234"),
        ("8613807391234", "13807391234"),
        ("0739-5551234", "0739-5551234"),
        ("0739 5551234", "0739-5551234"),
        ("(0739)5551234", "0739-5551234"),
        ("（0739）5551234", "0739-5551234"),
        ("010-62345678", "010-62345678"),
        ("5551234", "5551234"),
        ("0739-5551234-801", "0739-5551234-801"),
        ("", ""),
    ],
)
def test_phone_forms(text, expected) -> None:
    assert check_phone(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1380739123", "11位数字，现为10位"),
        ("138073912345", "11位数字，现为12位"),
        ("12807391234", "第二位应为 3–9"),
        ("电话没有", "无法识别"),
        ("0739-12", "无法识别"),
    ],
)
def test_bad_phones(text, message) -> None:
    with pytest.raises(InvalidValue, match=message):
        check_phone(text)


def _m(**kw) -> Member:
    base = dict(
        name="张三",
        stage=Stage.FULL,
        id_number=ID,
        birth_date=BIRTH,
        sex="男",
        joined_on=date(2015, 7, 1),
        full_on=date(2016, 7, 1),
    )
    base.update(kw)
    return Member(**base)


def _errors(m: Member) -> dict[str, str]:
    return {p.field: p.message for p in validate_member(m, TODAY) if not p.warning}


def test_a_good_member_has_no_problems() -> None:
    assert validate_member(_m(), TODAY) == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "请填写姓名"),
        ({"name": "张" * 21}, "name", "太长"),
        ({"name": "张3"}, "name", "有数字"),
        ({"id_number": ID[:-1] + ("0" if ID[-1] != "0" else "1")}, "id_number", "校验码"),
        ({"birth_date": date(1990, 6, 17)}, "birth_date", "不一致"),
        ({"sex": "女"}, "sex", "不一致"),
        ({"id_number": "", "sex": "未知"}, "sex", "只能是"),
        ({"party_post": "校长"}, "party_post", "党内职务应为"),
        ({"phone": "12345"}, "phone", "11位"),
        ({"full_on": date(2014, 1, 1)}, "full_on", "早于入党日期"),
        ({"joined_on": None}, "joined_on", "也要填入党日期"),
        ({"joined_on": date(2008, 5, 16), "full_on": None}, "joined_on", "不满18岁"),
        ({"work_start": date(2003, 9, 1)}, "work_start", "不满14岁"),
        ({"joined_on": date(2026, 12, 1), "full_on": None}, "joined_on", "晚于今天"),
        ({"stage": Stage.PROBATIONARY}, "full_on", "预备党员不应有转正日期"),
        ({"stage": Stage.ACTIVIST}, "stage", "还没有入党"),
        (
            {"left_on": date(2027, 1, 1), "left_reason": LeaveReason.TRANSFERRED},
            "left_on",
            "晚于今天",
        ),
    ],
)
def test_each_rule_names_its_field(changes, field, message) -> None:
    errors = _errors(_m(**changes))
    assert field in errors, errors
    assert message in errors[field]


def test_joined_on_the_eighteenth_birthday_is_allowed() -> None:
    assert "joined_on" not in _errors(_m(joined_on=date(2008, 5, 17), full_on=None))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"joined_on": None, "full_on": None}, "joined_on"),
        ({"full_on": None}, "full_on"),
        ({"stage": Stage.PROBATIONARY, "joined_on": date(2025, 10, 1), "full_on": None}, "stage"),
    ],
)
def test_warnings_do_not_block(changes, field) -> None:
    problems = validate_member(_m(**changes), TODAY)
    assert [(p.field, p.warning) for p in problems] == [(field, True)]


def test_probation_within_its_year_is_not_warned() -> None:
    m = _m(stage=Stage.PROBATIONARY, joined_on=date(2025, 11, 22), full_on=None)
    assert validate_member(m, TODAY) == []


def test_fill_from_id_number_never_overwrites() -> None:
    filled = fill_from_id_number(Member(name="张三", id_number=ID))
    assert (filled.birth_date, filled.sex) == (BIRTH, "男")
    kept = fill_from_id_number(Member(name="张三", id_number=ID, sex="女"))
    assert kept.sex == "女"
    assert fill_from_id_number(Member(name="张三", id_number="123")).birth_date is None
