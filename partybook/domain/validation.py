"""Checking a member's fields: phone numbers, the ID number against birth date and sex, dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from partybook.domain.dates import MonthDate, add_years, age_on, month_only, too_young
from partybook.domain.errors import InvalidValue
from partybook.domain.idcard import parse_id_number
from partybook.domain.members import PARTY_POSTS, SEXES, FieldProblem, Member, Stage

# Invisible and bidi-control characters: a name can be made to look like another with them
# (a zero-width space, U+202E turning the text round). Removed from names on the way in.
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)


def clean_text(text: str) -> str:
    """Text without invisible or bidi-control characters."""
    return INVISIBLE.sub("", text)


def normal_name(text: str) -> str:
    """A name as two of them are compared (a branch's, a person's): NFKC (full-width letters
    and digits as ASCII), no invisible characters, spaces collapsed."""
    return " ".join(clean_text(unicodedata.normalize("NFKC", text or "")).split())


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area codes: 010 and 020–029 have three digits, all others four (0571, 0739).
_AREA = r"0(?:[12]\d|[3-9]\d{2})"
_LANDLINE = re.compile(
    rf"^(?:[(]?({_AREA})[)]?[\s-]*([1-9]\d{{6,7}})|([2-9]\d{{6,7}}))"
    r"(?:(?:[\s-]+|转|分机)(\d{1,6}))?$"
)
_AREA_ONLY = re.compile(rf"^[(]?({_AREA})[)]?[\s-]*(\d+)$")
_PHONE_CHARS = str.maketrans("０１２３４５６７８９（）－＋　", "0123456789()-+ ", "\u2013\u2014")
_DATE_FIELDS = ("birth_date", "work_start", "joined_on", "full_on", "left_on")
_DATE_LABELS = {
    "birth_date": "出生日期",
    "work_start": "参加工作日期",
    "joined_on": "入党日期",
    "full_on": "转正日期",
    "left_on": "离开日期",
}


def check_phone(text: str) -> str:
    """A phone number tidied (mobile: 11 digits; landline: 0571-12345678[-123]); "" if empty."""
    raw = (text or "").strip()
    if not raw:
        return ""
    tidy = raw.translate(_PHONE_CHARS).strip()
    plain = re.sub(r"[\s()-]", "", tidy)
    if re.fullmatch(r"(\+?86)?1\d*", plain):
        mobile = re.sub(r"^\+?86(?=1)", "", plain)
        if len(mobile) != 11:
            raise InvalidValue(f"手机号码应为11位数字，现为{len(mobile)}位。")
        if not _MOBILE.match(mobile):
            raise InvalidValue(f"“{raw}”不像是手机号码：第二位应为 3–9。")
        return mobile
    match = _LANDLINE.match(tidy)
    if match:
        area, local, ext = match[1], match[2] or match[3], match[4]
        number = f"{area}-{local}" if area else local
        return f"{number}-{ext}" if ext else number
    match = _AREA_ONLY.match(tidy)
    if match and not 7 <= len(match[2]) <= 8:
        raise InvalidValue(f"座机号码在区号 {match[1]} 后应为7或8位数字，现为{len(match[2])}位。")
    raise InvalidValue(f"无法识别的电话号码“{raw}”：手机写11位数字，座机写成 0571-12345678。")


def fill_from_id_number(m: Member) -> Member:
    """Fill an empty birth date and sex from a valid ID number; never overwrite what is there."""
    try:
        info = parse_id_number(m.id_number) if m.id_number.strip() else None
    except InvalidValue:
        return m
    if info is None:
        return m
    birth = m.birth_date or info.birth_date
    if month_only(birth) and (birth.year, birth.month) == (
        info.birth_date.year,
        info.birth_date.month,
    ):
        birth = info.birth_date  # a 出生年月 the ID number gives the day of
    return m.replace(birth_date=birth, sex=m.sex or info.sex)


def validate_member(m: Member, today: date) -> list[FieldProblem]:
    """Every problem with m, errors first then warnings; an empty list means it can be saved."""
    problems: list[FieldProblem] = []

    def error(field: str, message: str) -> None:
        problems.append(FieldProblem(field, message))

    def warn(field: str, message: str) -> None:
        problems.append(FieldProblem(field, message, warning=True))

    name = m.name.strip()
    if not name:
        error("name", "请填写姓名。")
    elif len(name) > 20:
        error("name", f"姓名太长（{len(name)}个字），最多20个字。")
    elif any(c.isdigit() for c in name):
        error("name", f"姓名“{name}”里有数字，请核对。")

    if m.id_number.strip():
        try:
            info = parse_id_number(m.id_number, today)
        except InvalidValue as exc:
            error("id_number", str(exc))
        else:
            known = info.birth_date
            if month_only(m.birth_date):  # 1995.07 agrees with any day of July 1995
                known = MonthDate(known.year, known.month)
            if m.birth_date and m.birth_date != known:
                error(
                    "birth_date",
                    f"出生日期 {m.birth_date} 与公民身份号码中的 {info.birth_date} 不一致。",
                )
            if m.sex in SEXES and m.sex != info.sex:
                error("sex", f"性别“{m.sex}”与公民身份号码（{info.sex}）不一致。")

    if m.sex and m.sex not in SEXES:
        error("sex", f"性别只能是“男”或“女”，现为“{m.sex}”。")
    if m.party_post and m.party_post not in PARTY_POSTS:
        error("party_post", f"党内职务应为{'、'.join(PARTY_POSTS)}之一，现为“{m.party_post}”。")
    if m.phone:
        try:
            check_phone(m.phone)
        except InvalidValue as exc:
            error("phone", str(exc))

    for field in _DATE_FIELDS:
        value = getattr(m, field)
        if value and value > today:
            error(field, f"{_DATE_LABELS[field]} {value} 晚于今天。")
    if m.left_on is not None and m.left_reason is None:
        error("left_reason", f"离开日期 {m.left_on} 已填，但没有离开原因（转出、去世…）。")
    if m.left_reason is not None and m.left_on is None:
        error("left_on", f"离开原因“{m.left_reason.value}”已填，但没有离开日期。")
    if m.full_on and not m.joined_on:
        error("joined_on", "填了转正日期，也要填入党日期。")
    if m.full_on and m.joined_on and m.full_on < m.joined_on:
        error("full_on", f"转正日期 {m.full_on} 早于入党日期 {m.joined_on}。")
    if m.joined_on and m.birth_date:
        surely, said = too_young(m.birth_date, m.joined_on, 18, "入党时")
        if surely:
            error("joined_on", f"入党日期 {m.joined_on} 时还不满18岁，请核对。")
        elif said:
            warn("joined_on", said + "。")
    if m.birth_date and m.work_start and age_on(m.birth_date, m.work_start) < 14:
        error("work_start", f"参加工作日期 {m.work_start} 时还不满14岁，请核对。")

    if m.stage is Stage.PROBATIONARY and m.full_on:
        error("full_on", "预备党员不应有转正日期；已转正的请把人员类别改为正式党员。")
    if not m.stage.is_member and (m.joined_on or m.full_on):
        error("stage", f"{m.stage.value}还没有入党，不应有入党或转正日期。")
    if m.stage is Stage.FULL and not m.joined_on:
        warn("joined_on", "正式党员一般应填写入党日期。")
    elif m.stage is Stage.FULL and not m.full_on:
        warn("full_on", "正式党员一般应填写转正日期。")
    if (
        m.active
        and m.stage is Stage.PROBATIONARY
        and m.joined_on
        and add_years(m.joined_on, 1) < today
    ):
        warn("stage", f"入党已满一年（{m.joined_on} 入党），仍是预备党员：请及时办理转正。")
    return problems
