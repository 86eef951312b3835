"""`print`: sign-in sheets, minutes, ballots and the dues notice saved as PDF (Qt's PDF writer,
loaded only for this command)."""

from __future__ import annotations

import argparse
from pathlib import Path

from partybook.cli.common import EXIT_OK, ledger_year, year_of
from partybook.domain.errors import PartyBookError


def add_parsers(sub) -> None:
    pr = sub.add_parser("print", help="把签到表、会议记录等存为 PDF（部分也可存为 Word 文档）")
    pr.add_argument(
        "what",
        choices=[
            "signin",
            "minutes",
            "ballot",
            "dues-notice",
            "record",
            "results",
            "talks",
            "transfers",
            "elections",
        ],
        help="signin 签到表，minutes 会议记录，ballot 民主测评表，dues-notice 党费收缴公示，"
        "record 发展党员全程纪实表，results 民主评议党员结果汇总表，talks 谈心谈话记录，"
        "transfers 组织关系转接登记，elections 换届选举（不写 --year 时列出历次选举）",
    )
    pr.add_argument("--meeting", type=int, help="会议编号（见 partybook meetings）")
    pr.add_argument("--member", help="纪实表的人员姓名（重名时用编号）")
    pr.add_argument("--study", type=int, help="学习记录编号（见 partybook study --sessions）")
    pr.add_argument("--year", type=ledger_year, help="民主测评表或党费公示的年份（默认今年）")
    pr.add_argument("--copies", type=int, default=1, help="民主测评表份数")
    out = pr.add_mutually_exclusive_group(required=True)
    out.add_argument("--pdf", type=Path, help="输出的 PDF 文件")
    out.add_argument(
        "--docx", type=Path, help="输出可以修改的 Word 文档（会议记录、纪实表、结果汇总表）"
    )
    pr.add_argument("--photos", action="store_true", help="会议记录后附上会议的照片（从第二页起）")


def _docx(book, args: argparse.Namespace) -> int:
    """The documents that can also be Word documents (export/documents.py)."""
    if args.what == "minutes":
        book.meetings.minutes_docx(_meeting_id(args), args.docx)
        print(f"已保存会议记录（Word 文档）：{args.docx}")
    elif args.what == "record":
        book.pipeline.record_docx(_member_id(book, args), args.docx)
        print(f"已保存发展党员全程纪实表（Word 文档）：{args.docx}")
    elif args.what == "results":
        year = year_of(book, args)
        book.appraisal.results_docx(year, args.docx)
        print(f"已保存 {year} 年民主评议党员结果汇总表（Word 文档）：{args.docx}")
    else:
        raise PartyBookError(
            "只有会议记录（minutes）、纪实表（record）和结果汇总表（results）可以存为 Word "
            "文档；其他请用 --pdf。"
        )
    return EXIT_OK


def _meeting_id(args: argparse.Namespace) -> int:
    if args.meeting is None:
        raise PartyBookError("请用 --meeting 指明会议编号（见 partybook meetings）。")
    return args.meeting


def _member_id(book, args: argparse.Namespace) -> int:
    """The person --member names: a name on the roster (or, for two of one name, an id)."""
    if not args.member:
        raise PartyBookError("请用 --member 指明是谁，如 --member 张三。")
    people = book.members.all()
    if args.member.isdigit() and any(m.id == int(args.member) for m in people):
        return int(args.member)
    found = [m for m in people if m.name == args.member.strip()]
    if not found:
        raise PartyBookError(f"花名册中没有“{args.member}”。")
    if len(found) > 1:
        ids = "、".join(str(m.id) for m in found)
        raise PartyBookError(f"花名册中有 {len(found)} 个“{args.member}”，请改用编号：{ids}。")
    return found[0].id


def print_(book, args: argparse.Namespace) -> int:
    if args.docx is not None:
        return _docx(book, args)
    from partybook.ui import printing  # Qt is loaded only for printing

    printing.ensure_app()
    if args.what == "record":
        printing.save_pdf(book.pipeline.record_html(_member_id(book, args)), args.pdf)
        print(f"已保存发展党员全程纪实表：{args.pdf}")
        return EXIT_OK
    if args.what in ("talks", "transfers", "elections"):
        year = args.year if args.what == "elections" else year_of(book, args)
        printing.save_pdf(book.summary.register_html(args.what, year), args.pdf)
        words = {"talks": "谈心谈话记录", "transfers": "组织关系转接登记", "elections": "换届选举"}
        print(f"已保存{words[args.what]}：{args.pdf}")
        return EXIT_OK
    if args.what == "results":
        year = year_of(book, args)
        printing.save_pdf(book.appraisal.results_html(year), args.pdf)
        print(f"已保存 {year} 年民主评议党员结果汇总表：{args.pdf}")
        return EXIT_OK
    if args.what == "ballot":
        year = year_of(book, args)
        printing.save_pdf(book.appraisal.ballot_html(year, args.copies), args.pdf)
        print(f"已保存 {year} 年民主测评表 {args.copies} 份：{args.pdf}")
        return EXIT_OK
    if args.what == "dues-notice":
        year = year_of(book, args)
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
        html = book.meetings.minutes_html(meeting)
        if args.photos:
            from partybook.ui.attachments import Owner, photos_html, with_photos

            html = with_photos(html, photos_html(book, Owner.MEETING, meeting.id, "会议"))
        printing.save_pdf(html, args.pdf)
        print(f"已保存会议记录：{args.pdf}")
    return EXIT_OK


COMMANDS = {"print": print_}
