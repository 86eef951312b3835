"""The year's 党费收缴明细表 (members × months with base, rate and totals) and the
党费收缴公示 (what each member paid, without their income), as a workbook and printable HTML."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from html import escape
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from partybook.domain.dues import (
    MONTHS,
    Cell,
    DuesSettings,
    Kind,
    MemberDues,
    State,
    rate_text,
    yuan_text,
)
from partybook.domain.members import Branch
from partybook.domain.rules import DUES_RULES
from partybook.export.xlsx_style import (
    FONT_NAME,
    SheetColumn,
    add_note,
    date_line,
    put,
    save_workbook,
    township_subtitle,
    write_table,
)

MONEY = "0.00"
CELL_WORDS = {
    State.NOT_DUE: "—",
    State.NO_BASE: "未核定",
    State.UNPAID: "欠交",
    State.PENDING: "",
    State.FUTURE: "",
    State.PAID_BEFORE: "建账前已交",  # by the 期初数据: paid, but no payment in the book
    State.BEFORE_BOOK: "建账前",  # before the opening month: unknown, not 欠交
}
BEFORE = (State.PAID_BEFORE, State.BEFORE_BOOK)


def _yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100  # exact: a Decimal cell, never a float


def _cell_value(c: Cell) -> object:
    return _yuan(c.paid_fen) if c.state is State.PAID else CELL_WORDS[c.state]


def _remarks(r: MemberDues) -> str:
    """Months paid ahead or back, and each change of the year with its reason."""
    parts = []
    by_day: dict[tuple[date, Kind], list[int]] = {}
    for c in r.cells:
        if c.payment is not None and c.payment.kind is not Kind.ON_TIME:
            by_day.setdefault((c.payment.paid_on, c.payment.kind), []).append(c.month)
    for (day, kind), months in sorted(by_day.items()):
        parts.append(f"{'、'.join(f'{m}月' for m in months)}于{day:%m月%d日}{kind.value}")
    for a in r.changes[1:]:
        parts.append(
            f"{a.from_month}月起调整为{a.category.value} {yuan_text(a.base_fen)}元（{a.reason}）"
        )
    return "；".join(parts)


def _before_note(rows: Sequence[MemberDues], year: int) -> str:
    """What the months before the book (建账) are, for a year that has some; else ""."""
    cells = [c for r in rows for c in r.cells if c.state in BEFORE]
    last = max((c.month for c in cells if c.state is State.BEFORE_BOOK), default=None)
    text = ""
    if last is not None:
        span = "1月" if last == 1 else f"1月至{last}月"
        text += f"{year}年{span}为建账前，收缴情况未在本台账记录，不算欠交。"
    if any(c.state is State.PAID_BEFORE for c in cells):
        text += "“建账前已交”按期初数据（党费已交至某月）注明，金额不计入收缴合计。"
    return text


def _base(r: MemberDues) -> object:
    a = r.assessment
    return _yuan(a.base_fen) if a and a.category.has_base else ""


def sheet_rows(rows: Sequence[MemberDues]) -> list[list[object]]:
    out = []
    for n, r in enumerate(rows, start=1):
        a = r.assessment
        out.append(
            [
                n,
                r.member.name,
                a.category.value if a else "未核定",
                _base(r),
                rate_text(r.rate_bp) if a else "",
                _yuan(r.monthly) if a else "",
                *(_cell_value(c) for c in r.cells),
                _yuan(r.paid_fen),
                _yuan(r.unpaid_fen) if r.unpaid_fen else "",
                _remarks(r),
            ]
        )
    return out


DETAIL_COLUMNS = [
    SheetColumn("序号", 5, center=True),
    SheetColumn("姓名", 8, center=True),
    SheetColumn("类别", 8, center=True),
    SheetColumn("月计算基数\n（元）", 11, center=True),
    SheetColumn("比例", 6, center=True),
    SheetColumn("月交纳额\n（元）", 9, center=True),
    *(SheetColumn(f"{m}月", 6.5, center=True) for m in MONTHS),
    SheetColumn("已交合计\n（元）", 9, center=True),
    SheetColumn("欠交\n（元）", 8, center=True),
    SheetColumn("备注", 26),
]
_MONEY_COLUMNS = [4, 6, *range(7, 19), 19, 20]  # 1-based columns holding money


def _money_format(ws: Worksheet, first: int, last: int) -> None:
    for row in ws.iter_rows(min_row=first, max_row=last):
        for cell in row:
            if cell.column in _MONEY_COLUMNS and isinstance(cell.value, int | Decimal):
                cell.number_format = MONEY


def write_detail(
    ws: Worksheet,
    branch: Branch,
    year: int,
    rows: Sequence[MemberDues],
    settings: DuesSettings,
    on: date,
) -> None:
    title = f"{branch.name}{year}年党费收缴明细表"
    last = write_table(ws, title, township_subtitle(branch, on), DETAIL_COLUMNS, sheet_rows(rows))
    first = last - len(rows) + 1
    total = last + 1
    month_sums = [sum(r.cell(m).paid_fen for r in rows) for m in MONTHS]
    values = ["", "合计", "", "", "", _yuan(sum(r.monthly for r in rows))]
    values += [_yuan(s) for s in month_sums]
    values += [_yuan(sum(r.paid_fen for r in rows)), _yuan(sum(r.unpaid_fen for r in rows)), ""]
    for i, value in enumerate(values, start=1):
        cell = put(ws, total, i, value)
        cell.style = "pb_center"
        cell.font = Font(name=FONT_NAME, size=10.5, bold=True)
    ws.row_dimensions[total].height = 22
    _money_format(ws, first, total)
    rule = DUES_RULES
    add_note(
        ws,
        total + 2,
        len(DETAIL_COLUMNS),
        f"说明：按{rule.rules['employed_rate_1'].article}，在职党员月工资收入（税后）3000元以下（含）"
        "交0.5%，3000–5000元（含）交1%，5000–10000元（含）交1.5%，10000元以上交2%；离退休党员"
        "5000元以下（含）交0.5%，以上交1%；学生和无收入党员每月0.2元；农民党员每月"
        f"{yuan_text(settings.farmer_fen)}元。金额单位为元，月交纳额舍入到{settings.rounding.value}。"
        "“欠交”为已过月份未交，“—”为不需交纳的月份（入党前、转入前或离开后）。"
        f"{_before_note(rows, year)}统计截至{date_line(on)}。",
    )


def notice_rows(rows: Sequence[MemberDues]) -> list[dict[str, object]]:
    """What the public notice shows of each member: never the income, only what was paid."""
    out = []
    for r in rows:
        paid = [c.month for c in r.cells if c.state is State.PAID]
        notes = []
        if r.unpaid:
            notes.append(f"欠交{'、'.join(f'{m}月' for m in r.unpaid)}")
        if any(c.state is State.PENDING for c in r.cells):
            notes.append("本月待交")
        before = [c.month for c in r.cells if c.state is State.PAID_BEFORE]
        if before:
            notes.append(f"建账前已交至{max(before)}月")
        ahead = [c.month for c in r.cells if c.payment and c.payment.kind is Kind.AHEAD]
        if ahead:
            notes.append(f"已预交至{max(ahead)}月")
        if r.assessment is None:
            notes.append("未核定")
        if not r.member.active:
            left = r.member.left_on
            notes.append(f"{left.year}年{left.month}月{r.member.left_reason.value}")
        out.append(
            {
                "name": r.member.name,
                "category": r.assessment.category.value if r.assessment else "",
                "monthly": r.monthly,
                "months": len(paid),
                "paid": r.paid_fen,
                "notes": "；".join(notes),
            }
        )
    return out


NOTICE_COLUMNS = [
    SheetColumn("序号", 6, center=True),
    SheetColumn("姓名", 10, center=True),
    SheetColumn("类别", 10, center=True),
    SheetColumn("月交纳额（元）", 12, center=True),
    SheetColumn("已交月数", 9, center=True),
    SheetColumn("已交金额（元）", 12, center=True),
    SheetColumn("备注", 24),
]


def _notice_period(year: int, on: date) -> str:
    if on >= date(year, 12, 31):
        return f"{year}年1月至12月"
    return f"{year}年1月1日至{date_line(on)}"


def _notice_summary(rows: Sequence[MemberDues], year: int, on: date) -> str:
    total = sum(r.paid_fen for r in rows)
    behind = [r.member.name for r in rows if r.unpaid]
    text = (
        f"本支部{year}年应交纳党费的党员共 {len(rows)} 名，{_notice_period(year, on)}"
        f"共收缴党费 {yuan_text(total)} 元。"
    )
    if behind:
        text += f"尚有 {len(behind)} 名党员欠交（{'、'.join(behind)}），请及时补交。"
    else:
        text += "没有欠交党费的党员。"
    return text + _before_note(rows, year)


def write_notice(
    ws: Worksheet, branch: Branch, year: int, rows: Sequence[MemberDues], on: date
) -> None:
    title = f"{branch.name}{year}年度党费收缴情况公示"
    records = notice_rows(rows)
    values = [
        [
            n,
            r["name"],
            r["category"],
            _yuan(r["monthly"]),
            r["months"],
            _yuan(r["paid"]),
            r["notes"],
        ]
        for n, r in enumerate(records, start=1)
    ]
    subtitle = f"公示范围：{_notice_period(year, on)}"
    last = write_table(ws, title, subtitle, NOTICE_COLUMNS, values, landscape=False)
    for row in ws.iter_rows(min_row=last - len(values) + 1, max_row=last):
        for cell in row:
            if cell.column in (4, 6):
                cell.number_format = MONEY
    add_note(ws, last + 2, len(NOTICE_COLUMNS), _notice_summary(rows, year, on))
    add_note(
        ws,
        last + 3,
        len(NOTICE_COLUMNS),
        "公示期间，党员对本人党费交纳情况如有疑问，请向支部书记或组织委员反映。",
    )
    add_note(ws, last + 5, len(NOTICE_COLUMNS), f"{branch.name}　　{date_line(on)}")
    ws.cell(last + 5, 1).alignment = Alignment(horizontal="right", vertical="center")


def write_dues_workbook(
    target: Path,
    branch: Branch,
    year: int,
    rows: Sequence[MemberDues],
    settings: DuesSettings,
    on: date,
) -> None:
    """Write the 党费收缴明细表 and the 党费收缴公示, one sheet each."""
    wb = Workbook()
    ws = wb.active
    ws.title = "党费收缴明细表"
    write_detail(ws, branch, year, rows, settings, on)
    write_notice(wb.create_sheet("党费收缴公示"), branch, year, rows, on)
    save_workbook(wb, target)


_STYLE = """
body { font-family: 'SimSun', 'WenQuanYi Micro Hei', serif; font-size: 11pt; }
h1 { font-size: 18pt; text-align: center; margin-bottom: 14px; }
p { margin-top: 10px; margin-bottom: 10px; text-indent: 30px; }  /* Qt reads px only */
table { border-collapse: collapse; }  /* one line between cells, not two */
td, th { border: 1px solid black; padding: 4pt; text-align: center; }
th { background: #eeeeee; }
p.sign { text-align: right; margin-top: 36px; text-indent: 0px; }
"""


def notice_html(branch: Branch, year: int, rows: Sequence[MemberDues], on: date) -> str:
    """The 党费收缴公示 as one A4 page to print and put up."""
    cells = "".join(
        f"<tr><td>{n}</td><td>{escape(r['name'])}</td><td>{escape(r['category'])}</td>"
        f"<td>{yuan_text(r['monthly'])}</td><td>{r['months']}</td><td>{yuan_text(r['paid'])}</td>"
        f"<td>{escape(r['notes'])}</td></tr>"
        for n, r in enumerate(notice_rows(rows), start=1)
    )
    total = yuan_text(sum(r.paid_fen for r in rows))
    basis = escape(DUES_RULES.rules["employed_rate_1"].article)
    return f"""<html><head><meta charset="utf-8"><style>{_STYLE}</style></head><body>
<h1>{escape(branch.name)}{year}年度党费收缴情况公示</h1>
<p>根据{basis}，现将本支部{_notice_period(year, on)}
党费收缴情况公示如下：</p>
<table width="100%" border="1" cellspacing="0" cellpadding="4">
<tr><th width="7%">序号</th><th width="13%">姓名</th><th width="14%">类别</th>
<th width="14%">月交纳额（元）</th><th width="11%">已交月数</th><th width="14%">已交金额（元）</th>
<th>备注</th></tr>
{cells}
<tr><th></th><th>合计</th><th></th><th></th><th></th><th>{total}</th><th></th></tr>
</table>
<p>{escape(_notice_summary(rows, year, on))}</p>
<p>公示期间，党员对本人党费交纳情况如有疑问，请向支部书记或组织委员反映。</p>
<p class="sign">{escape(branch.name)}<br>{date_line(on)}</p>
</body></html>"""
