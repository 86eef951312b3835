"""Looking after the data file: `backup`, `check`, `password`, and a township's `branches`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partybook.cli.common import EXIT_FAILED, EXIT_OK, print_json
from partybook.domain.errors import PartyBookError


def add_parsers(sub) -> None:
    bk = sub.add_parser("backup", help="把数据文件完整备份到指定位置")
    bk.add_argument("--out", type=Path, required=True)
    sub.add_parser("check", help="检查数据文件是否完好（完好时退出码为 0）")
    pw = sub.add_parser("password", help="忘记启动密码时取消它（需能在这台电脑上打开数据文件）")
    pw.add_argument("--clear", action="store_true", required=True, help="取消启动密码")
    rs = sub.add_parser(
        "restore", help="用备份恢复数据文件（先另存当前数据；旁边残留的 -wal/-shm 文件一并处理）"
    )
    rs.add_argument("--from", dest="source", type=Path, required=True, metavar="备份文件")
    rs.add_argument(
        "--allow-missing",
        action="store_true",
        help="备份中有附件的文件已经找不到时，仍恢复其余的数据和附件（不加时拒绝恢复并列出它们）",
    )
    br = sub.add_parser("branches", help="乡镇汇总库中的各支部数据包")
    br.add_argument("--json", action="store_true", help="输出 JSON 数组")
    br.add_argument(
        "--remove",
        metavar="支部名称",
        help="把这个支部从汇总库中删除（学校合并或撤销；删除前先备份）",
    )
    br.add_argument("--yes", action="store_true", help="与 --remove 一起用：不再询问，直接删除")


def backup(book, args: argparse.Namespace) -> int:
    copy = book.backup_copy(args.out)
    print(f"已备份到：{copy.path}")
    if copy.warnings:
        n = len(copy.warnings)
        print(f"提醒：有 {n} 个附件的文件没有备份进去（在本机已经找不到或已损坏）：")
        for text in copy.warnings:
            print(f"  {text}")
        print("其余的数据和附件都已备份。请运行 check 查看，并从更早的备份恢复这些附件。")
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
    if args.remove:
        return _remove_branch(book, args.remove, args.yes)
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
    for text in book.township.warnings():
        print(f"  提醒：{text}")
    for r in rows:
        when = (r["created_at"] or "").replace("T", " ")
        print(
            f"  {r['branch']}：人员 {r['members']} 名，会议 {r['meetings']} 次，"
            f"范围 {r['scope']}，{when} 导出"
        )
    return EXIT_OK


def _remove_branch(book, name: str, yes: bool) -> int:
    held = {p.branch: p for p in book.township.branches()}
    if name not in held:
        known = "、".join(held) or "（没有）"
        raise PartyBookError(f"汇总库里没有“{name}”。汇总库中的支部：{known}。")
    p = held[name]
    if not yes:
        if not sys.stdin.isatty():
            raise PartyBookError(
                f"删除“{name}”（人员 {p.people} 名，会议 {p.meetings} 次）需要确认："
                "请在命令后加 --yes。没有删除任何内容。"
            )
        answer = input(f"确实要把“{name}”从汇总库中删除吗？删除前会先备份。输入 是 确认：")
        if answer.strip() not in ("是", "y", "yes"):
            print("没有删除。")
            return EXIT_OK
    saved = book.township.remove(name)
    print(f"已把“{name}”从汇总库中删除（删除前的数据已备份到 {saved}）。")
    return EXIT_OK


def restore_book(path: Path, source: Path, allow_missing: bool = False) -> int:
    """`restore --from FILE`: run before the book is opened, since a book that does not open
    (a -wal that is not its own) is what it mends."""
    from partybook.book import Book

    book, kept = Book.restore_file(path, source, allow_missing=allow_missing)
    try:
        print(f"已用“{source}”恢复数据文件“{path}”。")
        if kept is not None:
            print(f"恢复前的数据另存在：{kept}")
        else:
            print("这里原来没有数据文件，已新建。")
        report = book.check()
        for text in report.problems:
            print(f"  问题：{text}")
        print(
            "检查结果：完好" if report.healthy else f"检查结果：发现 {len(report.problems)} 个问题"
        )
    finally:
        book.close(auto_backup=False)
    return EXIT_OK if report.healthy else EXIT_FAILED


COMMANDS = {"backup": backup, "check": check, "password": password, "branches": branches}
