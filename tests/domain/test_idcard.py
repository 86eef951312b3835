"""ID numbers: format, birth date, check digit, and what Excel does to long numbers."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.errors import InvalidValue
from partybook.domain.idcard import (
    check_digit,
    make_id_number,
    normalize_id_number,
    parse_id_number,
)


def test_a_published_example_is_valid() -> None:
    info = parse_id_number("11010519491231002X")
    assert info == parse_id_number("11010519491231002x")
    assert (info.birth_date, info.sex, info.number) == (
        date(1949, 12, 31),
        "女",
        "11010519491231002X",
    )


@pytest.mark.parametrize("sex", ["男", "女"])
@pytest.mark.parametrize(
    "birth", [date(1960, 1, 1), date(1988, 2, 29), date(2000, 12, 31), date(2008, 11, 22)]
)
def test_made_numbers_round_trip(birth, sex) -> None:
    number = make_id_number("430521", birth, 37, sex)
    info = parse_id_number(number, today=date(2026, 11, 22))
    assert (info.birth_date, info.sex) == (birth, sex)
    assert number[-1] == check_digit(number[:17])


def test_every_single_digit_change_is_caught() -> None:
    good = make_id_number("430521", date(1990, 5, 17), 12, "男")
    for pos in range(17):
        digit = str((int(good[pos]) + 1) % 10)
        bad = good[:pos] + digit + good[pos + 1 :]
        with pytest.raises(InvalidValue):
            parse_id_number(bad)


def test_check_digit_message_names_the_right_digit() -> None:
    good = make_id_number("430521", date(1990, 5, 17), 12, "男")
    wrong = "0" if good[-1] != "0" else "1"
    with pytest.raises(InvalidValue, match=f"最后一位应为 {good[-1]}，现为 {wrong}"):
        parse_id_number(good[:17] + wrong)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("43052119900517121", "应为18位，现为17位"),
        ("4305211990051712130", "应为18位，现为19位"),
        ("43052119900A17121X", "前17位只能是数字"),
        ("43052119901331121X", "19901331 不是有效日期"),
        ("43052119010229121X", "19010229 不是有效日期"),
        ("43052118890101121X", "1889 早于1900年"),
        ("43052119900517121Y", "最后一位只能是数字或 X"),
        ("", "应为18位，现为0位"),
        ("4.30521199005171E+17", "被当成了数字"),
        ("4.30102E+17", "被当成了数字"),
        ("4.30102e17", "被当成了数字"),
        (4.305211990051712e17, "被当成了数字"),
        (4.30521199e17, "设为“文本”格式"),
    ],
)
def test_bad_numbers_say_what_is_wrong(text, message) -> None:
    with pytest.raises(InvalidValue, match=message):
        parse_id_number(text)


def test_birth_date_in_the_future_is_refused() -> None:
    number = make_id_number("430521", date(2027, 1, 1), 1, "女")
    with pytest.raises(InvalidValue, match="出生日期晚于今天"):
        parse_id_number(number, today=date(2026, 11, 22))
    assert parse_id_number(number, today=date(2027, 1, 1)).birth_date == date(2027, 1, 1)


def test_without_today_the_real_today_is_the_limit() -> None:
    number = make_id_number("430521", date(2200, 1, 1), 1, "女")
    with pytest.raises(InvalidValue, match="晚于今天"):
        parse_id_number(number)


def test_the_exact_messages() -> None:
    """The wording a teacher sees, in full, for the commonest mistakes."""
    cases = {
        "43052119900517121": "公民身份号码应为18位，现为17位。",
        "43052119901331121X": "公民身份号码第7–14位的出生日期 19901331 不是有效日期。",
    }
    for text, message in cases.items():
        with pytest.raises(InvalidValue) as caught:
            parse_id_number(text)
        assert str(caught.value) == message
    with pytest.raises(InvalidValue) as caught:
        parse_id_number("110105194912310025")
    assert (
        str(caught.value) == "公民身份号码校验码不对：最后一位应为 X，现为 5（可能有一位抄错了）。"
    )


def test_made_numbers_differ_by_seq_and_are_refused_for_bad_input() -> None:
    birth = date(1990, 5, 17)
    numbers = {make_id_number("430521", birth, seq, sex) for seq in range(500) for sex in "男女"}
    assert len(numbers) == 1000
    for region, seq, sex in [("43052", 1, "男"), ("430521", 500, "男"), ("430521", 1, "")]:
        with pytest.raises(ValueError):
            make_id_number(region, birth, seq, sex)


def test_normalize_handles_spaces_full_width_and_integers() -> None:
    assert normalize_id_number(" 1101 0519 4912 3100 2x ") == "11010519491231002X"
    assert normalize_id_number("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"
    assert normalize_id_number(430521199005171213) == "430521199005171213"
    assert normalize_id_number("\u300011010519491231002x\u3000") == "11010519491231002X"
    assert normalize_id_number("'11010519491231002X") == "11010519491231002X"
    assert normalize_id_number(None) == ""
