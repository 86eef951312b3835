"""Moving data in and out: `import`, `export`, `layouts`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partybook.cli.common import EXIT_OK, EXIT_REFUSED, MASK_HELP, YEAR_HELP, ledger_year, year_of


def add_parsers(sub) -> None:
    imp = sub.add_parser("import", help="从 Excel/CSV 导入")
    imp_sub = imp.add_subparsers(dest="what", metavar="内容", required=True)
    im = imp_sub.add_parser("members", help="导入党员花名册（.xlsx/.xls/.csv）")
    im.add_argument("file", type=Path)
    im.add_argument("--sheet", help="工作表名称（默认：自动寻找有“姓名”列的工作表）")
    ip = imp_sub.add_parser("pipeline", help="导入发展党员台账（.xlsx/.xls/.csv）")
    ip.add_argument("file", type=Path)
    ip.add_argument("--sheet", help="工作表名称")
    ik = imp_sub.add_parser("package", help="导入数据包（导入到空的数据文件；或放入乡镇汇总库）")
    ik.add_argument("file", type=Path)
    ik.add_argument(
        "--township", action="store_true", help="把这个空的数据文件建成乡镇汇总库，放入数据包"
    )
    ik.add_argument("--replace", action="store_true", help="汇总库中已有这个支部时，换成这个数据包")

    exp = sub.add_parser("export", help="导出 Excel 表格")
    exp_sub = exp.add_subparsers(dest="what", metavar="内容", required=True)
    er = exp_sub.add_parser("roster", help="导出党员花名册")
    er.add_argument("--out", type=Path, required=True)
    er.add_argument("--include-left", action="store_true", help="也列出已离开的人员")
    er.add_argument("--mask", action="store_true", help=MASK_HELP)
    for name, text in (
        ("appraisal", "导出民主评议党员结果汇总表"),
        ("meetings", "导出“三会一课”台账和出勤表"),
        ("ledger", "导出年度台账（报镇党委的全部工作表，一个文件）"),
        ("study", "导出学习记录和学时统计"),
        ("dues", "导出党费收缴明细表和党费收缴公示"),
    ):
        e = exp_sub.add_parser(name, help=text)
        e.add_argument("--year", type=ledger_year, help=YEAR_HELP)
        e.add_argument("--out", type=Path, required=True)
        if name == "ledger":
            e.add_argument("--mask", action="store_true", help=MASK_HELP)
    ew = exp_sub.add_parser("report", help="写出年度党建工作总结初稿（Word 文档，数字取自台账）")
    ew.add_argument("--year", type=ledger_year, help=YEAR_HELP)
    ew.add_argument("--out", type=Path, required=True, help="输出的 Word 文档（.docx）")
    el = exp_sub.add_parser("pipeline", help="导出发展党员工作台账（每个阶段一个工作表）")
    el.add_argument("--out", type=Path, required=True)
    ek = exp_sub.add_parser("package", help="导出数据包（整本台账或某一年，换电脑或报镇党委汇总）")
    ek.add_argument("--out", type=Path, required=True)
    ek.add_argument(
        "--year", type=ledger_year, help="只导出这一年的记录（花名册和发展记录仍是全部）"
    )

    lay = sub.add_parser("layouts", help="表格格式：导出给别的学校，或导入镇党委发来的格式文件")
    lay.add_argument("action", choices=["export", "import"], help="export 导出，import 导入")
    lay.add_argument("file", type=Path)


def import_(book, args: argparse.Namespace) -> int:
    if args.what == "package":
        result = book.packages.import_file(args.file, township=args.township, replace=args.replace)
        print(result.summary())
        if result.backup:
            print(f"导入前的数据另存在：{result.backup}")
        return EXIT_OK
    if args.what == "pipeline":
        plan = book.pipeline.plan_import(args.file, sheet=args.sheet)
    else:
        plan = book.members.plan_import(args.file, sheet=args.sheet)
    print(f"读取的是工作表“{plan.sheet}”，表头在第 {plan.header_row} 行。")
    for problem in plan.sheet_problems:
        if problem.warning:
            print(f"  提醒：{problem.message}")
    # what the window's preview lists under 提醒（不影响导入）: a 同名 hint, the own problems of
    # a row skipped because its 身份证号 is already in the book, an age a month cannot settle
    for problem in (p for row in plan.rows for p in row.problems if p.warning):
        print(f"  提醒：{problem}")
    print(plan.summary())
    for row in plan.rows:
        if row.duplicate_of:
            print(f"  已存在，跳过：第 {row.row} 行 {row.duplicate_of}")
    if plan.errors:
        print(f"发现 {len(plan.errors)} 处错误，没有导入任何人：", file=sys.stderr)
        for problem in plan.errors:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_REFUSED
    if args.what == "pipeline":
        print(f"已导入 {book.pipeline.import_plan(plan)} 人的发展记录。")
        return EXIT_OK
    added = book.members.import_plan(plan)
    print(f"已导入 {len(added)} 人。")
    return EXIT_OK


def export(book, args: argparse.Namespace) -> int:
    if args.what == "appraisal":
        year = year_of(book, args)
        counts = book.appraisal.export(args.out, year)
        listed = "，".join(f"{k} {v}" for k, v in counts.items())
        print(f"已导出 {year} 年民主评议党员结果汇总表（{listed}）：{args.out}")
    elif args.what == "meetings":
        year = year_of(book, args)
        count = book.meetings.export(args.out, year)
        print(f"已导出 {year} 年“三会一课”台账（{count} 次会议）：{args.out}")
    elif args.what == "ledger":
        year = year_of(book, args)
        sheets = book.summary.export_year_workbook(args.out, year, mask=args.mask)
        print(f"已导出 {year} 年度台账（{'、'.join(sheets)}）：{args.out}")
    elif args.what == "study":
        year = year_of(book, args)
        count = book.study.export(args.out, year)
        print(f"已导出 {year} 年学习记录（{count} 条）和学时统计：{args.out}")
    elif args.what == "package":
        manifest = book.packages.export(args.out, args.year)
        rows = sum(t["rows"] for t in manifest["tables"].values())
        scope = f"{args.year} 年" if args.year else "整本台账"
        print(f"已导出数据包（{scope}，{len(manifest['tables'])} 张表，{rows} 条记录）：{args.out}")
    elif args.what == "dues":
        year = year_of(book, args)
        count = book.dues.export(args.out, year)
        print(f"已导出 {year} 年党费收缴明细表（{count} 名党员）和党费收缴公示：{args.out}")
    elif args.what == "report":
        year = year_of(book, args)
        report = book.summary.export_report(args.out, year)
        left = sum(1 for p in report.paras() if p.kind == "placeholder")
        print(f"已写出 {year} 年度党建工作总结初稿（{left} 处【请填写】待补充）：{args.out}")
    elif args.what == "pipeline":
        counts = book.pipeline.export_ledger(args.out)
        listed = "，".join(f"{k} {v} 人" for k, v in counts.items())
        print(f"已导出发展党员工作台账（{listed}）：{args.out}")
    else:
        count = book.members.export(args.out, include_left=args.include_left, mask=args.mask)
        print(f"已导出党员花名册（{count} 人）：{args.out}")
    return EXIT_OK


def layouts(book, args: argparse.Namespace) -> int:
    if args.action == "export":
        book.layouts.export(args.file)
        print(f"已导出表格格式：{args.file}")
        return EXIT_OK
    found = book.layouts.import_file(args.file)
    names = "、".join(found.sheets) or "（文件中没有表格格式，全部恢复默认）"
    print(f"已导入表格格式：{names}")
    return EXIT_OK


COMMANDS = {"import": import_, "export": export, "layouts": layouts}
