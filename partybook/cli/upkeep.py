"""Looking after the data file: `backup`, `check`, `password`, and a township's `branches`."""

from __future__ import annotations

import argparse
from pathlib import Path

from partybook.cli.common import EXIT_FAILED, EXIT_OK, print_json
from partybook.domain.errors import PartyBookError


def add_parsers(sub) -> None:
    bk = sub.add_parser("backup", help="把数据文件完整备份到指定位置")
    bk.add_argument("--out", type=Path, required=True)
    sub.add_parser("check", help="检查数据文件是否完好（完好时退出码为 0）")
    pw = sub.add_parser("password", help="忘记启动密码时取消它（需能在这台电脑上打开数据文件）")
    pw.add_argument("--clear", action="store_true", required=True, help="取消启动密码")
    br = sub.add_parser("branches", help="乡镇汇总库中的各支部数据包")
    br.add_argument("--json", action="store_true", help="输出 JSON 数组")


def backup(book, args: argparse.Namespace) -> int:
    saved = book.backup_to(args.out)
    print(f"已备份到：{saved}")
    return EXIT_OK


def check(book, args: argparse.Namespace) -> int:
    report = book.check()
    print(f"数据文件：{book.path}")
    print(f"人员记录：{report.members} 条")
    for text in report.problems:
        print(f"  问题：{text}")
    for text in report.warnings:
        print(f"  提醒：{text}")
    print("检查结果：完好" if report.healthy else f"检查结果：发现 {len(report.problems)} 个问题")
    return EXIT_OK if report.healthy else EXIT_FAILED


def password(book, args: argparse.Namespace) -> int:
    # The password guards the window, not the file (see ui/dialogs/password_dialog.py), so whoever
    # can run this on the book's PC can clear it; a backup is made first all the same.
    if not book.security.has_password():
        print("这个台账没有设置启动密码。")
        return EXIT_OK
    saved = book.security.forget_password()
    print(f"已取消启动密码（取消前的数据已备份到 {saved}）。请在窗口中重新设置一个记得住的密码。")
    return EXIT_OK


def branches(book, args: argparse.Namespace) -> int:
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
        return print_json(rows)
    print(f"{book.township.name() or '乡镇汇总库'}：{len(rows)} 个支部")
    for r in rows:
        when = (r["created_at"] or "").replace("T", " ")
        print(
            f"  {r['branch']}：人员 {r['members']} 名，会议 {r['meetings']} 次，"
            f"范围 {r['scope']}，{when} 导出"
        )
    return EXIT_OK


COMMANDS = {"backup": backup, "check": check, "password": password, "branches": branches}
