"""`print`: sign-in sheets, minutes, ballots and the dues notice saved as PDF (Qt's PDF writer,
loaded only for this command)."""

from __future__ import annotations

import argparse
from pathlib import Path

from partybook.cli.common import EXIT_OK, year_of
from partybook.domain.errors import PartyBookError


def add_parsers(sub) -> None:
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
    pr.add_argument("--photos", action="store_true", help="会议记录后附上会议的照片（从第二页起）")


def print_(book, args: argparse.Namespace) -> int:
    from partybook.ui import printing  # Qt is loaded only for printing

    printing.ensure_app()
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
