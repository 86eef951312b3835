"""`meetings` (三会一课 with their numbers) and `appraisal` (民主评议's tallies and grades)."""

from __future__ import annotations

import argparse

from partybook.cli.common import EXIT_OK, YEAR_HELP, ledger_year, print_json, year_of


def add_parsers(sub) -> None:
    ap = sub.add_parser("appraisal", help="民主评议党员：计票和评定等次")
    ap.add_argument("--year", type=ledger_year, help=YEAR_HELP)
    ap.add_argument("--json", action="store_true", help="输出 JSON 数组")
    mt = sub.add_parser("meetings", help="列出会议（带编号）")
    mt.add_argument("--year", type=ledger_year, help=YEAR_HELP)
    mt.add_argument("--json", action="store_true", help="输出 JSON 数组")


def appraisal(book, args: argparse.Namespace) -> int:
    year = year_of(book, args)
    rows = book.appraisal.rows(year)
    if args.json:
        return print_json([{k: v for k, v in r.items() if k != "member_id"} for r in rows])
    r = book.appraisal.round(year)
    print(
        f"{year} 年民主评议：发出测评表 {r.handed_out} 份，收回 {r.returned} 份；"
        f"下一步：{r.next_step() or '已完成'}"
    )
    for row in rows:
        counts = "/".join(str(row[g]) for g in ("优秀", "合格", "基本合格", "不合格"))
        grade = row["grade"] or (row["status"] if row["status"] != "正式党员" else "未评定")
        print(f"  {row['member']}：票数 {counts}，建议 {row['suggested'] or '—'}，等次 {grade}")
    return EXIT_OK


def meetings(book, args: argparse.Namespace) -> int:
    year = year_of(book, args)
    titles = book.meetings.titles()
    rows = [
        {
            "id": m.id,
            "title": titles[m.id],
            "kind": m.kind.value,
            "date": m.on.isoformat(),
            "should_attend": m.should_attend,
            "present": m.present,
            "theme_day": m.theme_day,
        }
        for m in book.meetings.all(year)
    ]
    if args.json:
        return print_json(rows)
    if not rows:
        print(f"{year} 年还没有会议记录。")
    for r in rows:
        counts = f"应到 {r['should_attend']} 实到 {r['present']}"
        print(f"{r['id']:>4}  {r['date']}  {r['title']}  {counts}")
    return EXIT_OK


COMMANDS = {"appraisal": appraisal, "meetings": meetings}
