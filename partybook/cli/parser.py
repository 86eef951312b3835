"""Command line: the GUI by default, and headless subcommands (import, export, backup, check)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from partybook import __version__, cli_records
from partybook.cli_records import add_parsers as add_record_parsers
from partybook.domain.errors import PartyBookError
from partybook.support.paths import default_book_path

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2
MASK_HELP = "隐藏身份证号、电话号码的中间几位（只对这一次导出）"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own words stay, with a Chinese lead
        self.print_usage(sys.stderr)
        self.exit(EXIT_REFUSED, f"命令行参数有误：{message}\n运行 partybook --help 查看用法。\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="partybook",
        description="PartyBook 党支部工作台账。不带命令时打开窗口。",
    )
    p.add_argument("--db", type=Path, help="数据文件（默认：用户数据文件夹中的 partybook.sqlite）")
    p.add_argument("--demo", action="store_true", help="在一份新的演示数据上打开窗口")
    p.add_argument("--version", action="version", version=f"PartyBook {__version__}")
    p.add_argument("--first-paint-probe", action="store_true", help=argparse.SUPPRESS)
    p.add_argument(
        "--self-test",
        action="store_true",
        help="不开窗口，自检：写演示数据、导出每种表格和 PDF 并逐一核对，通过时显示 self-test ok",
    )
    sub = p.add_subparsers(dest="command", metavar="命令")

    demo = sub.add_parser("demo", help="写一份演示数据文件")
    demo.add_argument("path", type=Path)

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
    ea = exp_sub.add_parser("appraisal", help="导出民主评议党员结果汇总表")
    ea.add_argument("--year", type=int, help="年份（默认今年）")
    ea.add_argument("--out", type=Path, required=True)
    em = exp_sub.add_parser("meetings", help="导出“三会一课”台账和出勤表")
    em.add_argument("--year", type=int, help="年份（默认今年）")
    em.add_argument("--out", type=Path, required=True)
    ey = exp_sub.add_parser("ledger", help="导出年度台账（报镇党委的全部工作表，一个文件）")
    ey.add_argument("--year", type=int, help="年份（默认今年）")
    ey.add_argument("--out", type=Path, required=True)
    ey.add_argument("--mask", action="store_true", help=MASK_HELP)
    es = exp_sub.add_parser("study", help="导出学习记录和学时统计")
    es.add_argument("--year", type=int, help="年份（默认今年）")
    es.add_argument("--out", type=Path, required=True)
    ed = exp_sub.add_parser("dues", help="导出党费收缴明细表和党费收缴公示")
    ed.add_argument("--year", type=int, help="年份（默认今年）")
    ed.add_argument("--out", type=Path, required=True)
    el = exp_sub.add_parser("pipeline", help="导出发展党员工作台账（每个阶段一个工作表）")
    el.add_argument("--out", type=Path, required=True)
    ek = exp_sub.add_parser("package", help="导出数据包（整本台账或某一年，换电脑或报镇党委汇总）")
    ek.add_argument("--out", type=Path, required=True)
    ek.add_argument("--year", type=int, help="只导出这一年的记录（花名册和发展记录仍是全部）")

    bk = sub.add_parser("backup", help="把数据文件完整备份到指定位置")
    bk.add_argument("--out", type=Path, required=True)

    sub.add_parser("check", help="检查数据文件是否完好（完好时退出码为 0）")
    pw = sub.add_parser("password", help="忘记启动密码时取消它（需能在这台电脑上打开数据文件）")
    pw.add_argument("--clear", action="store_true", required=True, help="取消启动密码")

    br = sub.add_parser("branches", help="乡镇汇总库中的各支部数据包")
    br.add_argument("--json", action="store_true", help="输出 JSON 数组")

    pr = sub.add_parser("print", help="把签到表或会议记录存为 PDF")
    pr.add_argument(
        "what",
        choices=["signin", "minutes", "ballot", "dues-notice"],
        help="signin 签到表，minutes 会议记录，ballot 民主测评表，dues-notice 党费收缴公示",
    )
    pr.add_argument("--meeting", type=int, help="会议编号（见 partybook meetings）")
    pr.add_argument("--study", type=int, help="学习记录编号（见 partybook study --sessions）")
    pr.add_argument("--year", type=int, help="民主测评表或党费公示的年份（默认今年）")
    pr.add_argument("--copies", type=int, default=1, help="民主测评表份数")
    pr.add_argument("--pdf", type=Path, required=True, help="输出的 PDF 文件")

    ap = sub.add_parser("appraisal", help="民主评议党员：计票和评定等次")
    ap.add_argument("--year", type=int, help="年份（默认今年）")
    ap.add_argument("--json", action="store_true", help="输出 JSON 数组")

    mt = sub.add_parser("meetings", help="列出会议（带编号）")
    mt.add_argument("--year", type=int, help="年份（默认今年）")
    mt.add_argument("--json", action="store_true", help="输出 JSON 数组")

    lay = sub.add_parser("layouts", help="表格格式：导出给别的学校，或导入镇党委发来的格式文件")
    lay.add_argument("action", choices=["export", "import"], help="export 导出，import 导入")
    lay.add_argument("file", type=Path)

    sm = sub.add_parser("summary", help="年度统计：各项数字和工作总结用语")
    sm.add_argument("--year", type=int, help="年份（默认今年）")
    sm.add_argument("--json", action="store_true", help="输出 JSON")

    st = sub.add_parser("study", help="每名党员本年度的学习学时（对照全年要求和进度）")
    st.add_argument("--year", type=int, help="年份（默认今年）")
    st.add_argument("--sessions", action="store_true", help="改为列出学习记录（带编号）")
    st.add_argument("--on", help="按哪一天计算进度（默认今天），如 2026-06-30")
    st.add_argument("--json", action="store_true", help="输出 JSON 数组")

    add_record_parsers(sub)

    du = sub.add_parser("dues", help="党费：每名党员的基数、比例、每月交纳情况")
    du.add_argument("--year", type=int, help="年份（默认今年）")
    du.add_argument("--json", action="store_true", help="输出 JSON 数组（金额以分为单位）")

    due = sub.add_parser(
        "due",
        help="列出到期和需要办理的事项（发展党员、会议、评议、学习、党费、谈心谈话、转接、换届）",
    )
    due.add_argument("--on", help="按哪一天计算（默认今天），如 2026-11-22")
    due.add_argument("--json", action="store_true", help="输出 JSON 数组")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        from partybook.selftest import run

        return run()
    if args.command is None:
        from partybook.app import run_gui  # Qt is imported only when a window is wanted

        return run_gui(db=args.db, demo=args.demo, probe=args.first_paint_probe)
    try:
        return _run(args)
    except PartyBookError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        return EXIT_OK
    except KeyboardInterrupt:
        print("已中止。", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # never a traceback for the user; the log keeps the details
        log.exception("command failed")
        print(f"出现意外错误：{exc}", file=sys.stderr)
        return EXIT_FAILED


def _run(args: argparse.Namespace) -> int:
    if args.command == "demo":
        from partybook.samples.demo import write_demo

        write_demo(args.path)
        print(f"已写入演示数据：{args.path}")
        return EXIT_OK

    from partybook.book import Book

    path = args.db or default_book_path()
    if args.command != "import" and not path.exists():
        raise PartyBookError(f"找不到数据文件“{path}”。")
    created = not path.exists()
    book = Book.open(path)
    for text in book.warnings:
        print(f"提醒：{text}", file=sys.stderr)
    try:
        result = _COMMANDS[args.command](book, args)
    except BaseException:
        try:
            book.close(auto_backup=not created)
        except PartyBookError as exc:
            print(f"提醒：{exc}", file=sys.stderr)
        if created:  # a refused import into a new file leaves no empty file behind
            for leftover in (
                path,
                path.with_name(path.name + "-wal"),
                path.with_name(path.name + "-shm"),
            ):
                leftover.unlink(missing_ok=True)
        raise
    try:
        book.close()
    except PartyBookError as exc:  # the work is saved; only the closing backup failed
        print(f"提醒：{exc}", file=sys.stderr)
    return result


def _import(book, args: argparse.Namespace) -> int:
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


def _export(book, args: argparse.Namespace) -> int:
    if args.what == "appraisal":
        year = args.year or book.today().year
        counts = book.appraisal.export(args.out, year)
        listed = "，".join(f"{k} {v}" for k, v in counts.items())
        print(f"已导出 {year} 年民主评议党员结果汇总表（{listed}）：{args.out}")
        return EXIT_OK
    if args.what == "meetings":
        year = args.year or book.today().year
        count = book.meetings.export(args.out, year)
        print(f"已导出 {year} 年“三会一课”台账（{count} 次会议）：{args.out}")
        return EXIT_OK
    if args.what == "ledger":
        year = args.year or book.today().year
        sheets = book.summary.export_year_workbook(args.out, year, mask=args.mask)
        print(f"已导出 {year} 年度台账（{'、'.join(sheets)}）：{args.out}")
        return EXIT_OK
    if args.what == "study":
        year = args.year or book.today().year
        count = book.study.export(args.out, year)
        print(f"已导出 {year} 年学习记录（{count} 条）和学时统计：{args.out}")
        return EXIT_OK
    if args.what == "package":
        manifest = book.packages.export(args.out, args.year)
        rows = sum(t["rows"] for t in manifest["tables"].values())
        scope = f"{args.year} 年" if args.year else "整本台账"
        print(f"已导出数据包（{scope}，{len(manifest['tables'])} 张表，{rows} 条记录）：{args.out}")
        return EXIT_OK
    if args.what == "dues":
        year = args.year or book.today().year
        count = book.dues.export(args.out, year)
        print(f"已导出 {year} 年党费收缴明细表（{count} 名党员）和党费收缴公示：{args.out}")
        return EXIT_OK
    if args.what == "pipeline":
        counts = book.pipeline.export_ledger(args.out)
        listed = "，".join(f"{k} {v} 人" for k, v in counts.items())
        print(f"已导出发展党员工作台账（{listed}）：{args.out}")
        return EXIT_OK
    count = book.members.export(args.out, include_left=args.include_left, mask=args.mask)
    print(f"已导出党员花名册（{count} 人）：{args.out}")
    return EXIT_OK


def _backup(book, args: argparse.Namespace) -> int:
    saved = book.backup_to(args.out)
    print(f"已备份到：{saved}")
    return EXIT_OK


def _check(book, args: argparse.Namespace) -> int:
    report = book.check()
    print(f"数据文件：{book.path}")
    print(f"人员记录：{report.members} 条")
    for text in report.problems:
        print(f"  问题：{text}")
    for text in report.warnings:
        print(f"  提醒：{text}")
    print("检查结果：完好" if report.healthy else f"检查结果：发现 {len(report.problems)} 个问题")
    return EXIT_OK if report.healthy else EXIT_FAILED


def _password(book, args: argparse.Namespace) -> int:
    # The password guards the window, not the file (see ui/dialogs/password_dialog.py), so whoever
    # can run this on the book's PC can clear it; a backup is made first all the same.
    if not book.security.has_password():
        print("这个台账没有设置启动密码。")
        return EXIT_OK
    saved = book.security.forget_password()
    print(f"已取消启动密码（取消前的数据已备份到 {saved}）。请在窗口中重新设置一个记得住的密码。")
    return EXIT_OK


def _branches(book, args: argparse.Namespace) -> int:
    if not book.township.is_collection():
        raise PartyBookError(
            "这个数据文件不是乡镇汇总库。要建汇总库，请运行："
            "partybook --db 新文件 import package 数据包 --township"
        )
    rows = [
        {
            "branch": p.branch,
            "school": p.school,
            "committee": p.committee,
            "scope": p.scope,
            "created_at": p.created_at.isoformat() if p.created_at else None,
            "imported_at": p.imported_at.isoformat() if p.imported_at else None,
            "members": p.people,
            "meetings": p.meetings,
        }
        for p in book.township.branches()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    print(f"{book.township.name() or '乡镇汇总库'}：{len(rows)} 个支部")
    for r in rows:
        when = (r["created_at"] or "").replace("T", " ")
        print(
            f"  {r['branch']}：人员 {r['members']} 名，会议 {r['meetings']} 次，"
            f"范围 {r['scope']}，{when} 导出"
        )
    return EXIT_OK


def _due(book, args: argparse.Namespace) -> int:
    from partybook.domain.dates import parse_date
    from partybook.domain.deadlines import STATE_WORDS

    on = parse_date(args.on) if args.on else None
    items = book.due_items(on)
    if args.json:
        data = [{k: v for k, v in i.as_json().items() if k != "member_id"} for i in items]
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not items:
        print("没有到期或可以办理的事项。")
    for i in items:
        step = f"第{i.step}步 " if i.step else ""
        word = "最早" if i.type == "earliest" else "期限"
        print(f"[{STATE_WORDS[i.state]}] {i.member}：{step}{i.title}，{word} {i.date}（{i.basis}）")
    return EXIT_OK


def _appraisal(book, args: argparse.Namespace) -> int:
    year = args.year or book.today().year
    rows = book.appraisal.rows(year)
    if args.json:
        print(
            json.dumps(
                [{k: v for k, v in r.items() if k != "member_id"} for r in rows],
                ensure_ascii=False,
                indent=1,
            )
        )
        return EXIT_OK
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


def _meetings(book, args: argparse.Namespace) -> int:
    year = args.year or book.today().year
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
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not rows:
        print(f"{year} 年还没有会议记录。")
    for r in rows:
        counts = f"应到 {r['should_attend']} 实到 {r['present']}"
        print(f"{r['id']:>4}  {r['date']}  {r['title']}  {counts}")
    return EXIT_OK


def _layouts(book, args: argparse.Namespace) -> int:
    if args.action == "export":
        book.layouts.export(args.file)
        print(f"已导出表格格式：{args.file}")
        return EXIT_OK
    layouts = book.layouts.import_file(args.file)
    names = "、".join(layouts.sheets) or "（文件中没有表格格式，全部恢复默认）"
    print(f"已导入表格格式：{names}")
    return EXIT_OK


def _summary(book, args: argparse.Namespace) -> int:
    year = args.year or book.today().year
    figs = book.summary.year_figures(year)
    text = book.summary.year_paragraph(year, figs)
    if args.json:
        data = {
            "year": year,
            "figures": [
                {"key": f.key, "group": f.group, "label": f.label, "value": f.value, "unit": f.unit}
                for f in figs
            ],
            "paragraph": text,
        }
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return EXIT_OK
    for f in figs:
        print(f"  [{f.group}] {f.label}：{f.text}" + (f"（{f.note}）" if f.note else ""))
    print()
    print(text)
    return EXIT_OK


def _study(book, args: argparse.Namespace) -> int:
    from partybook.domain.dates import parse_date

    on = parse_date(args.on) if args.on else None
    year = args.year or (on or book.today()).year
    if args.sessions:
        return _study_sessions(book, year, args.json)
    rows = [
        {
            "member": r.member.name,
            "post": r.member.party_post,
            "status": r.member.status_text,
            "sessions": r.sessions,
            "personal_hours": r.personal_hours,
            "hours": r.hours,
            "requirement": r.requirement,
            "target": r.target,
            "shortfall": r.shortfall,
            "behind": r.behind,
        }
        for r in sorted(book.study.hours(year, on), key=lambda r: r.member.name)
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not rows:
        print(f"{year} 年没有需要统计学时的党员。")
    for r in rows:
        flag = f"  落后进度，差 {r['shortfall']:.1f}" if r["behind"] else ""
        print(
            f"  {r['member']}：已学 {r['hours']:g} 学时（集体学习 {r['sessions']} 次，"
            f"个人 {r['personal_hours']:g}），全年要求 {r['requirement']:g}，"
            f"按进度应有 {r['target']:.1f}{flag}"
        )
    return EXIT_OK


def _study_sessions(book, year: int, as_json: bool) -> int:
    names = {m.id: m.name for m in book.members.all()}
    rows = [
        {
            "id": s.id,
            "date": s.on.isoformat(),
            "topic": s.topic,
            "form": s.form,
            "hours": s.hours,
            "participants": len(s.participants),
            "personal": names.get(s.member_id, "") if s.personal else "",
            "meeting_id": s.meeting_id,
        }
        for s in book.study.sessions(year)
    ]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not rows:
        print(f"{year} 年还没有学习记录。")
    for r in rows:
        who = f"（{r['personal']}个人）" if r["personal"] else f"{r['participants']} 人"
        print(f"{r['id']:>4}  {r['date']}  {r['form']}  {r['topic']}  {r['hours']:g} 学时  {who}")
    return EXIT_OK


def _dues(book, args: argparse.Namespace) -> int:
    from partybook.domain.dues import rate_text, yuan_text

    year = args.year or book.today().year
    rows = book.dues.rows(year)
    if args.json:
        data = [
            {
                "member": r.member.name,
                "status": r.member.status_text,
                "category": r.assessment.category.value if r.assessment else None,
                "base_fen": r.assessment.base_fen if r.assessment else None,
                "rate": rate_text(r.rate_bp) if r.assessment else None,
                "monthly_fen": r.monthly,
                "months": [
                    {
                        "month": c.month,
                        "state": c.state.value,
                        "due_fen": c.due_fen,
                        "paid_fen": c.paid_fen,
                        "paid_on": c.payment.paid_on.isoformat() if c.payment else None,
                        "kind": c.payment.kind.value if c.payment else None,
                    }
                    for c in r.cells
                ],
                "paid_fen": r.paid_fen,
                "unpaid_months": list(r.unpaid),
                "changes": [
                    {"from_month": a.from_month, "base_fen": a.base_fen, "reason": a.reason}
                    for a in r.changes[1:]
                ],
            }
            for r in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not rows:
        print(f"{year} 年没有需要交纳党费的党员。")
    marks = {"已交": "✓", "欠交": "欠", "本月待交": "待", "未到月份": "·", "不需交纳": "—"}
    for r in rows:
        if r.assessment is None:
            head = "未核定"
        else:
            base = f"基数 {yuan_text(r.assessment.base_fen)} 元 " if r.assessment.base_fen else ""
            head = f"{r.assessment.category.value} {base}{rate_text(r.rate_bp)}"
            head += f" 每月 {yuan_text(r.monthly)} 元"
        months = " ".join(marks.get(c.state.value, "？") for c in r.cells)
        owe = f"，欠交 {len(r.unpaid)} 个月" if r.unpaid else ""
        print(f"  {r.member.name}：{head}｜{months}｜已交 {yuan_text(r.paid_fen)} 元{owe}")
    return EXIT_OK


def _print(book, args: argparse.Namespace) -> int:
    from partybook.ui import printing  # Qt is loaded only for printing

    printing.ensure_app()
    if args.what == "ballot":
        year = args.year or book.today().year
        printing.save_pdf(book.appraisal.ballot_html(year, args.copies), args.pdf)
        print(f"已保存 {year} 年民主测评表 {args.copies} 份：{args.pdf}")
        return EXIT_OK
    if args.what == "dues-notice":
        year = args.year or book.today().year
        printing.save_pdf(book.dues.notice_html(year), args.pdf)
        print(f"已保存 {year} 年党费收缴公示：{args.pdf}")
        return EXIT_OK
    if args.what == "signin" and args.study is not None:
        sheet = book.study.signin_sheet(book.study.session(args.study))
        pages = printing.save_signin_pdf(sheet, args.pdf)
        print(f"已保存学习签到表（{pages} 页）：{args.pdf}")
        return EXIT_OK
    if args.meeting is None:
        raise PartyBookError(
            "请用 --meeting 指明会议编号（见 partybook meetings），"
            "或用 --study 指明学习记录编号（见 partybook study --sessions）。"
        )
    meeting = book.meetings.get(args.meeting)
    if args.what == "signin":
        pages = printing.save_signin_pdf(book.meetings.signin_sheet(meeting), args.pdf)
        print(f"已保存签到表（{pages} 页）：{args.pdf}")
    else:
        printing.save_pdf(book.meetings.minutes_html(meeting), args.pdf)
        print(f"已保存会议记录：{args.pdf}")
    return EXIT_OK


_COMMANDS = {
    "import": _import,
    "export": _export,
    "backup": _backup,
    "check": _check,
    "password": _password,
    "branches": _branches,
    "due": _due,
    "meetings": _meetings,
    "appraisal": _appraisal,
    "study": _study,
    "dues": _dues,
    "layouts": _layouts,
    "summary": _summary,
    "print": _print,
    **cli_records.COMMANDS,
}
