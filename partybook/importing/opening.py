"""期初数据 from a sheet (.xlsx/.xls/.csv): 姓名, 身份证号, 本年已学学时, 党费已交至, 最近一次参加
组织生活, in any order. Each row is matched to a member of the roster; nothing is written here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from partybook.domain.dates import parse_date
from partybook.domain.errors import InvalidValue
from partybook.domain.idcard import normalize_id_number
from partybook.domain.members import Member
from partybook.domain.opening import Balance, check_balance, parse_month
from partybook.importing.members import (
    ImportProblem,
    Variants,
    auto_mapping,
    cell_text,
    located_problem,
    pick_sheet,
)
from partybook.importing.reader import read_sheets

HEADERS: Variants = {
    "name": ["姓名", "党员姓名"],
    "id_number": ["身份证号", "公民身份号码", "身份证号码", "身份证"],
    "hours": ["本年已学学时", "已学学时", "本年学时", "学时"],
    "dues_paid_to": ["党费已交至", "党费交至", "党费已交到", "已交至"],
    "last_life": ["最近一次参加组织生活", "最近参加组织生活", "最近一次组织生活", "最近组织生活"],
}
LABELS = {
    "name": "姓名",
    "id_number": "身份证号",
    "hours": "本年已学学时",
    "dues_paid_to": "党费已交至",
    "last_life": "最近一次参加组织生活",
}


@dataclass
class OpeningPlan:
    """A checked 期初数据 sheet: one balance per matched row, and every problem found."""

    path: Path
    sheet: str
    header_row: int
    balances: list[Balance] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # member id -> name, for the preview
    errors: list[ImportProblem] = field(default_factory=list)

    def summary(self) -> str:
        return f"共 {len(self.balances)} 人的期初数据，错误 {len(self.errors)} 处。"


def _hours(value: object) -> float | None:
    text = cell_text(value)
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InvalidValue(f"学时“{text}”不是数字。") from None


def plan_opening_import(
    path: Path, *, members: Sequence[Member], opening: date, sheet: str | None = None
) -> OpeningPlan:
    """Read and check a 期初数据 sheet against the roster (its active members). A row with a
    身份证号 must match a member by it, whatever the name; a row without one is matched by a
    name that only one member has. Errors are collected, not raised."""
    path = Path(path)
    chosen, header_index = pick_sheet(read_sheets(path), sheet, path, HEADERS)
    headers = ["".join(cell_text(v).split()) for v in chosen.rows[header_index]]
    mapping = auto_mapping(headers, HEADERS)
    plan = OpeningPlan(path, chosen.name, header_index + 1)
    if not {"hours", "dues_paid_to", "last_life"} & set(mapping.values()):
        plan.errors.append(
            ImportProblem(
                chosen.name,
                plan.header_row,
                "",
                "",
                "没有找到“本年已学学时”“党费已交至”或“最近一次参加组织生活”中的任何一列。",
            )
        )
        return plan
    active = [m for m in members if m.active]
    by_id = {m.id_number: m for m in active if m.id_number}
    by_name: dict[str, list[Member]] = {}
    for m in active:
        by_name.setdefault(m.name, []).append(m)
    seen: dict[int, int] = {}
    for row, cells in enumerate(chosen.rows[header_index + 1 :], start=header_index + 2):
        values = {a: cells[c] if c < len(cells) else None for c, a in mapping.items() if a}
        if all(cell_text(v) == "" for v in values.values()):
            continue

        def fail(attr: str, message: str, row: int = row) -> None:
            plan.errors.append(located_problem(chosen.name, row, mapping, headers, attr, message))

        member = _match(values, by_id, by_name, fail)
        parsed: dict[str, object] = {}
        for attr, parse in (
            ("hours", _hours),
            ("dues_paid_to", parse_month),
            ("last_life", parse_date),
        ):
            try:
                parsed[attr] = parse(values.get(attr))
            except InvalidValue as exc:
                fail(attr, str(exc))
        if member is None:
            continue
        if member.id in seen:
            fail("name", f"{member.name} 在第 {seen[member.id]} 行已经有期初数据。")
            continue
        seen[member.id] = row
        balance = Balance(member.id, **parsed)  # type: ignore[arg-type]
        for attr, message in check_balance(balance, opening, member):
            fail(attr, message)
        if not balance.empty:
            plan.balances.append(balance)
            plan.names[member.id] = member.name
    return plan


def _match(values, by_id, by_name, fail) -> Member | None:
    name = cell_text(values.get("name"))
    raw = cell_text(values.get("id_number"))
    if raw:
        try:
            number = normalize_id_number(raw)
        except InvalidValue as exc:
            fail("id_number", str(exc))
            return None
        member = by_id.get(number)
        if member is None:
            fail("id_number", f"花名册中没有身份证号为 {number} 的人员（姓名“{name}”）。")
        return member
    if not name:
        fail("name", "这一行既没有姓名也没有身份证号。")
        return None
    found = by_name.get(name, [])
    if not found:
        fail("name", f"花名册中没有“{name}”。")
        return None
    if len(found) > 1:
        fail("name", f"花名册中有 {len(found)} 个“{name}”，请填写身份证号以区分。")
        return None
    return found[0]
