"""Member checks: phone numbers, ID number against birth date and sex, dates in order."""

from __future__ import annotations

import re
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
        ("0571-12345678", "0571-12345678"),
        ("0571 1234567", "0571-1234567"),
        ("(0571)12345678", "0571-12345678"),
        ("（0571）12345678", "0571-12345678"),
        ("0571-12345678-123", "0571-12345678-123"),
        ("0571-12345678转123", "0571-12345678-123"),
        ("05711234567", "0571-1234567"),  # four-digit area code
        ("01062345678", "010-62345678"),  # three-digit area code
        ("62345678", "62345678"),
        ("１３８０７３９１２３４", "13807391234"),
        ("  ", ""),
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
        ("0739-12", "区号 0739 后应为7或8位数字，现为2位"),
        ("0571-123456789", "区号 0571 后应为7或8位数字，现为9位"),
        ("138o7391234", "无法识别的电话号码“138o7391234”"),
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


def _is_chinese(message: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", message))


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
        ({"name": "  "}, "name", "请填写姓名"),
        ({"id_number": ID[:-1] + ("0" if ID[-1] != "0" else "1")}, "id_number", "校验码"),
        ({"id_number": ID[:17]}, "id_number", "应为18位，现为17位"),
        (
            {"birth_date": date(1990, 6, 17)},
            "birth_date",
            "出生日期 1990-06-17 与公民身份号码中的 1990-05-17 不一致",
        ),
        ({"sex": "女"}, "sex", "性别“女”与公民身份号码（男）不一致"),
        ({"id_number": "", "sex": "未知"}, "sex", "只能是"),
        ({"party_post": "校长"}, "party_post", "党内职务应为"),
        ({"phone": "12345"}, "phone", "11位"),
        ({"full_on": date(2014, 1, 1)}, "full_on", "早于入党日期"),
        ({"joined_on": None}, "joined_on", "也要填入党日期"),
        ({"joined_on": date(2008, 5, 16), "full_on": None}, "joined_on", "不满18岁"),
        ({"work_start": date(2003, 9, 1)}, "work_start", "不满14岁"),
        (
            {"id_number": "", "birth_date": date(2026, 11, 23), "joined_on": None, "full_on": None},
            "birth_date",
            "出生日期 2026-11-23 晚于今天",
        ),
        ({"work_start": date(2027, 9, 1)}, "work_start", "参加工作日期 2027-09-01 晚于今天"),
        ({"joined_on": date(2026, 12, 1), "full_on": None}, "joined_on", "晚于今天"),
        ({"full_on": date(2026, 11, 23)}, "full_on", "转正日期 2026-11-23 晚于今天"),
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
    assert _is_chinese(errors[field])


def test_a_wrong_sex_word_is_reported_once() -> None:
    problems = [p for p in validate_member(_m(sex="M"), TODAY) if p.field == "sex"]
    assert [p.message for p in problems] == ["性别只能是“男”或“女”，现为“M”。"]


def test_an_empty_id_number_is_allowed() -> None:
    assert validate_member(_m(id_number=""), TODAY) == []
    assert validate_member(_m(id_number="   "), TODAY) == []


def test_a_good_landline_passes() -> None:
    assert validate_member(_m(phone="0571-12345678"), TODAY) == []


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
    assert _is_chinese(problems[0].message)


def test_overdue_probation_says_when_they_joined() -> None:
    m = _m(stage=Stage.PROBATIONARY, joined_on=date(2025, 10, 1), full_on=None)
    (problem,) = validate_member(m, TODAY)
    assert "2025-10-01" in problem.message and "转正" in problem.message


def test_members_who_left_are_not_warned_about_probation() -> None:
    m = _m(
        stage=Stage.PROBATIONARY,
        joined_on=date(2020, 10, 1),
        full_on=None,
        left_on=date(2021, 3, 1),
        left_reason=LeaveReason.TRANSFERRED,
    )
    assert validate_member(m, TODAY) == []


def test_probation_within_its_year_is_not_warned() -> None:
    m = _m(stage=Stage.PROBATIONARY, joined_on=date(2025, 11, 22), full_on=None)
    assert validate_member(m, TODAY) == []


def test_fill_from_id_number_never_overwrites() -> None:
    filled = fill_from_id_number(Member(name="张三", id_number=ID))
    assert (filled.birth_date, filled.sex) == (BIRTH, "男")
    kept = fill_from_id_number(Member(name="张三", id_number=ID, sex="女"))
    assert kept.sex == "女"
    assert fill_from_id_number(Member(name="张三", id_number="123")).birth_date is None
    other = date(1990, 1, 1)
    kept = fill_from_id_number(Member(name="张三", id_number=ID, birth_date=other))
    assert (kept.birth_date, kept.sex) == (other, "男")


def test_fill_from_id_number_returns_a_new_member() -> None:
    original = Member(name="张三", id_number="11010519491231002x")
    filled = fill_from_id_number(original)
    assert (filled.birth_date, filled.sex) == (date(1949, 12, 31), "女")
    assert (original.birth_date, original.sex) == (None, "")
