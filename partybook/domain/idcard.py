"""The 18-character citizen ID number (公民身份号码, GB 11643): format, birth date, check digit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from partybook.domain.errors import InvalidValue

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789XX")
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


@dataclass(frozen=True)
class IdInfo:
    """What a valid ID number tells: the number itself (normalised), birth date and sex."""

    number: str
    birth_date: date
    sex: str  # 男 or 女, from the parity of the 17th digit


def check_digit(first17: str) -> str:
    """The 18th character GB 11643 requires for these 17 digits."""
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def normalize_id_number(text: object) -> str:
    """Spaces removed, full-width digits made half-width, a lower-case x made upper-case."""
    if text is None:
        return ""
    if isinstance(text, bool):
        raise InvalidValue("公民身份号码不能是“是/否”。")
    if isinstance(text, float) or (isinstance(text, str) and _SCIENTIFIC.match(text.strip())):
        raise InvalidValue(
            "公民身份号码在 Excel 里被当成了数字，最后几位已经丢失；"
            "请把这一列设为“文本”格式后重新填写。"
        )
    if isinstance(text, int):
        text = str(text)
    cleaned = str(text).translate(_FULL_WIDTH)
    return re.sub(r"[\s\u3000'‘’]", "", cleaned).upper()


def parse_id_number(text: object, today: date | None = None) -> IdInfo:
    """Check an ID number and read its birth date and sex; InvalidValue says what's wrong.

    today (default: the real today) is the latest birth date accepted.
    """
    number = normalize_id_number(text)
    if len(number) != 18:
        raise InvalidValue(f"公民身份号码应为18位，现为{len(number)}位。")
    if not number[:17].isdigit():
        raise InvalidValue("公民身份号码前17位只能是数字。")
    if not (number[17].isdigit() or number[17] == "X"):
        raise InvalidValue("公民身份号码最后一位只能是数字或 X。")
    digits = number[6:14]
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidValue(f"公民身份号码第7–14位的出生日期 {digits} 不是有效日期。") from None
    if birth.year < 1900:
        raise InvalidValue(
            f"公民身份号码中的出生年份 {birth.year} 早于1900年，不合理；请核对第7–10位。"
        )
    if birth > (today or date.today()):
        raise InvalidValue("公民身份号码中的出生日期晚于今天。")
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise InvalidValue(
            f"公民身份号码校验码不对：最后一位应为 {expected}，现为 {number[17]}"
            "（可能有一位抄错了）。"
        )
    sex = "男" if int(number[16]) % 2 else "女"
    return IdInfo(number, birth, sex)


def make_id_number(region: str, birth: date, seq: int, sex: str) -> str:
    """A valid number for region (6 digits), birth, a sequence 0–499 and sex (demo data, tests).

    Different seq values give different numbers; the 17th digit's parity follows sex.
    """
    if not (len(region) == 6 and region.isdigit()) or sex not in ("男", "女"):
        raise ValueError(f"make_id_number: bad region {region!r} or sex {sex!r}")
    if not 0 <= seq < 500:
        raise ValueError(f"make_id_number: seq {seq} is outside 0–499")
    order = (seq % 100) * 10 + (1 if sex == "男" else 0) + 2 * (seq // 100 % 5)
    first17 = f"{region}{birth:%Y%m%d}{order:03d}"
    return first17 + check_digit(first17)
