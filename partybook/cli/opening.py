"""`opening`: the book's opening date (建账日期) and its 期初数据 from a sheet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partybook.cli.common import EXIT_OK, EXIT_REFUSED
from partybook.domain.dates import parse_date
from partybook.domain.errors import PartyBookError


def add_parsers(sub) -> None:
    op = sub.add_parser(
        "opening",
        help="建账：设置建账日期，导入期初数据（本年已学学时、党费已交至、最近一次参加组织生活）",
    )
    op.add_argument("--date", help="建账日期（开始用本软件记账的那一天），如 2026-09-15")
    op.add_argument(
        "--file",
        type=Path,
        help="期初数据表格（.xlsx/.xls/.csv），列：姓名、身份证号、本年已学学时、党费已交至、"
        "最近一次参加组织生活",
    )
    op.add_argument("--sheet", help="工作表名称（默认：第一个有“姓名”列的工作表）")


def opening(book, args: argparse.Namespace) -> int:
    on = parse_date(args.date) if args.date else None
    if args.date and on is None:
        raise PartyBookError("请填写建账日期，如 --date 2026-09-15。")
    if args.file is not None:
        plan = book.opening.plan_import(args.file, sheet=args.sheet, on=on)
        print(plan.summary())
        if plan.errors:
            print(f"发现 {len(plan.errors)} 处错误，没有导入任何期初数据：", file=sys.stderr)
            for problem in plan.errors:
                print(f"  {problem}", file=sys.stderr)
            return EXIT_REFUSED
        count = book.opening.import_plan(plan, on=on)
        print(f"已导入 {count} 人的期初数据。")
    elif on is not None:
        book.opening.set_date(on)
    _show(book)
    return EXIT_OK


def _show(book) -> None:
    opened = book.opening.date()
    if opened is None:
        print("这个台账没有设置建账日期：按全年记录计算各项提醒。")
        return
    balances = book.opening.balances()
    names = book.members.names()
    print(f"建账日期：{opened}；期初数据 {len(balances)} 人")
    for member_id, b in balances.items():
        parts = []
        if b.hours is not None:
            parts.append(f"本年已学 {b.hours:g} 学时")
        if b.dues_paid_to is not None:
            parts.append(f"党费已交至 {book.opening.month_text(b.dues_paid_to)}")
        if b.last_life is not None:
            parts.append(f"最近一次参加组织生活 {b.last_life}")
        print(f"  {names.get(member_id, member_id)}：{'，'.join(parts)}")


COMMANDS = {"opening": opening}
