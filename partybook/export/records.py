"""The rest of the year's paper: 谈心谈话记录, 组织关系转接登记 and 换届选举 (with the vote counts),
as sheets of the year workbook and as printable pages, from one set of rows each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl.worksheet.worksheet import Worksheet

from partybook.domain.committee import Election, quorum_text, result
from partybook.domain.members import Branch
from partybook.domain.talks import Talk
from partybook.domain.transfers import Direction, Transfer
from partybook.export.printables import table_page
from partybook.export.xlsx_style import SheetColumn, add_note, township_subtitle, write_table

DAY = "yyyy-mm-dd"


@dataclass(frozen=True)
class Register:
    """One register: its title, columns, rows (dates as date), and the note under it."""

    title: str
    columns: tuple[SheetColumn, ...]
    rows: tuple[tuple[object, ...], ...]
    note: str = ""


def talks_register(branch: Branch, year: int, talks: Sequence[Talk], names: Mapping) -> Register:
    """谈心谈话记录: every talk of the year in date order."""
    columns = (
        SheetColumn("序号", 6, center=True),
        SheetColumn("日期", 12, DAY, center=True),
        SheetColumn("谈话人", 10, center=True),
        SheetColumn("谈话对象", 10, center=True),
        SheetColumn("谈话主题", 22),
        SheetColumn("谈话内容（简要）", 36),
        SheetColumn("后续跟进", 24),
    )
    mine = sorted((t for t in talks if t.on.year == year), key=lambda t: (t.on, t.id or 0))
    rows = tuple(
        (
            n,
            t.on,
            names.get(t.first_id, ""),
            names.get(t.second_id, "") if t.second_id is not None else t.second_name,
            t.topic,
            t.content,
            t.follow_up,
        )
        for n, t in enumerate(mine, start=1)
    )
    note = f"{year}年共谈心谈话 {len(rows)} 次。" if rows else f"{year}年没有谈心谈话记录。"
    return Register(f"{branch.name}{year}年谈心谈话记录", columns, rows, note)


def transfers_register(
    branch: Branch, year: int, transfers: Sequence[Transfer], names: Mapping
) -> Register:
    """组织关系转接登记: the year's transfers in and out, with the letter and the 回执."""
    columns = (
        SheetColumn("序号", 6, center=True),
        SheetColumn("日期", 12, DAY, center=True),
        SheetColumn("转入/转出", 9, center=True),
        SheetColumn("姓名", 10, center=True),
        SheetColumn("原所在或转往的党组织", 26),
        SheetColumn("介绍信编号", 18, center=True),
        SheetColumn("回执", 8, center=True),
        SheetColumn("回执日期", 12, DAY, center=True),
        SheetColumn("备注", 20),
    )
    mine = sorted((t for t in transfers if t.on.year == year), key=lambda t: (t.on, t.id or 0))
    rows = tuple(
        (
            n,
            t.on,
            t.direction.value,
            names.get(t.member_id, "") if t.member_id is not None else "",
            t.organisation,
            t.letter_no,
            ("已返回" if t.direction is Direction.OUT else "已寄回")
            if t.receipt_back
            else "未返回",
            t.receipt_on,
            t.notes,
        )
        for n, t in enumerate(mine, start=1)
    )
    came = sum(1 for t in mine if t.direction is Direction.IN)
    note = (
        f"{year}年转入 {came} 名，转出 {len(mine) - came} 名。"
        if rows
        else f"{year}年没有组织关系转接记录。"
    )
    return Register(f"{branch.name}{year}年组织关系转接登记", columns, rows, note)


def elections_register(
    title: str, elections: Sequence[Election], latest: Election | None = None
) -> Register:
    """换届选举: each election's turnout and every candidate's votes, elected or not, and post;
    with none, the note says when the present committee was elected (latest)."""
    columns = (
        SheetColumn("选举日期", 12, DAY, center=True),
        SheetColumn("应到", 6, center=True),
        SheetColumn("实到", 6, center=True),
        SheetColumn("应选名额", 8, center=True),
        SheetColumn("候选人", 10, center=True),
        SheetColumn("得票", 6, center=True),
        SheetColumn("当选", 6, center=True),
        SheetColumn("职务", 10, center=True),
        SheetColumn("说明", 34),
    )
    rows = []
    notes = []
    for e in elections:
        r = result(e)
        elected = {c.member_id for c in r.elected}
        for i, c in enumerate(e.candidates):
            first = i == 0
            rows.append(
                (
                    e.on if first else None,
                    e.should_attend if first else None,
                    e.present if first else None,
                    e.seats if first else None,
                    c.name,
                    c.votes,
                    "是" if c.member_id in elected else "否",
                    c.post,
                    _election_note(e, r.needed) if first else "",
                )
            )
        notes.append(f"{e.on}：{quorum_text(e)}")
    if notes:
        note = "；".join(notes) + "。"
    elif latest is not None:
        note = f"这一时期没有换届选举。本届支部委员会于 {latest.on} 选举产生。"
    else:
        note = "没有换届选举记录。"
    return Register(title, columns, tuple(rows), note)


def _election_note(e: Election, needed: int) -> str:
    parts = [f"当选需超过实到人数的半数，即至少 {needed} 票"]
    if e.exception:
        parts.append(f"差额例外：{e.exception}")
    if e.approved_on is not None:
        parts.append(f"{e.approved_on} 上级党组织批准书记、副书记")
    if e.notes:
        parts.append(e.notes)
    return "；".join(parts)


def write_register(ws: Worksheet, branch: Branch, on: date, r: Register) -> int:
    """The register as a sheet (title, subtitle, table, note); returns the table's last row."""
    last = write_table(
        ws, r.title, township_subtitle(branch, on), r.columns, [list(x) for x in r.rows]
    )
    if r.note:
        add_note(ws, last + 2, len(r.columns), r.note)
    return last


def register_html(r: Register) -> str:
    """The register as a printable page."""
    rows = [["" if v is None else str(v) for v in row] for row in r.rows]
    widths = [c.width for c in r.columns]
    return table_page(r.title, [c.header for c in r.columns], rows, r.note, widths)
