"""The command line's parser and its dispatch: the global options, each group's commands, and
the book opened and closed around the command that needs it. No command opens the window: with
none, app.py does."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from partybook import __version__
from partybook.cli import attachments as attachment_cli
from partybook.cli import meetings, moving, opening, overview, printouts, records, upkeep
from partybook.cli.common import EXIT_FAILED, EXIT_OK, EXIT_REFUSED
from partybook.domain.errors import PartyBookError
from partybook.support.lockfile import window_holds
from partybook.support.paths import default_book_path

log = logging.getLogger(__name__)

# In the order `partybook --help` lists them; each group adds its parsers and names its commands.
GROUPS = (moving, upkeep, printouts, meetings, overview, records, opening, attachment_cli)
COMMANDS = {name: run for group in GROUPS for name, run in group.COMMANDS.items()}


LOCKED = (
    "数据文件正被另一个程序（可能是 PartyBook 窗口）写入，等了几秒仍未写完，这次没有完成，"
    "数据没有改动。请稍后再试，或先关闭窗口。"
)


class ChineseParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own words stay, with a Chinese lead
        self.print_usage(sys.stderr)
        self.exit(EXIT_REFUSED, f"命令行参数有误：{message}\n运行 partybook --help 查看用法。\n")


def build_parser() -> argparse.ArgumentParser:
    p = ChineseParser(
        prog="partybook",
        description="PartyBook 党支部工作台账。不带命令时打开窗口。",
    )
    p.add_argument("--db", type=Path, help="数据文件（默认：用户数据文件夹中的 partybook.sqlite）")
    p.add_argument("--demo", action="store_true", help="在一份新的演示数据上打开窗口")
    p.add_argument("--version", action="version", version=f"PartyBook {__version__}")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="不开窗口，自检：写演示数据、导出每种表格和 PDF 并逐一核对，通过时显示 self-test ok",
    )
    sub = p.add_subparsers(dest="command", metavar="命令")
    demo = sub.add_parser("demo", help="写一份演示数据文件")
    demo.add_argument("path", type=Path)
    moving.add_parsers(sub)  # import, export, layouts
    upkeep.add_parsers(sub)  # backup, check, password, branches
    printouts.add_parsers(sub)  # print
    meetings.add_parsers(sub)  # appraisal, meetings
    overview.add_parsers(sub)  # summary, study, dues, due
    records.add_parsers(sub)  # talks, transfers, committee
    opening.add_parsers(sub)  # opening
    attachment_cli.add_parsers(sub)  # attach, attachments, attachment
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        from partybook.selftest import run as self_test

        return self_test()
    if args.command is None:
        from partybook.app import run_gui  # Qt is imported only when a window is wanted

        return run_gui(db=args.db, demo=args.demo)
    try:
        return run(args)
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
        if "database is locked" in str(exc) or "database table is locked" in str(exc):
            print(f"错误：{LOCKED}", file=sys.stderr)
            return EXIT_REFUSED
        print(f"出现意外错误：{exc}", file=sys.stderr)
        return EXIT_FAILED


PASSWORD_VARIABLE = "PARTYBOOK_PASSWORD"


def _unlock(book) -> None:
    """A book with a startup password is read by no command without it: from the environment
    (PARTYBOOK_PASSWORD, for scripts) or asked for at the terminal."""
    if not book.security.has_password():
        return
    given = os.environ.get(PASSWORD_VARIABLE)
    if given is None and sys.stdin.isatty():
        import getpass

        given = getpass.getpass("这个台账设置了启动密码，请输入：")
    if given is None:
        raise PartyBookError(
            "这个台账设置了启动密码：请在终端中运行并输入密码，"
            f"或（脚本中）用环境变量 {PASSWORD_VARIABLE} 给出密码。"
        )
    if not book.security.check_password(given):
        raise PartyBookError("启动密码不对，没有读取台账。")


def _writes(args: argparse.Namespace) -> bool:
    """Whether the command changes the book (the window's lock is then honoured)."""
    if args.command in ("import", "password", "restore"):
        return True
    if args.command == "layouts":
        return args.action == "import"
    if args.command == "branches":
        return bool(args.remove)
    if args.command == "opening":
        return any(getattr(args, a, None) for a in ("file", "date", "on", "set"))
    return False


def run(args: argparse.Namespace) -> int:
    """Run a parsed command: `demo` writes a file; the others open the book, run, close it."""
    if args.command == "demo":
        from partybook.samples.demo import write_demo

        write_demo(args.path)
        print(f"已写入演示数据：{args.path}")
        return EXIT_OK

    from partybook.book import Book

    path = args.db or default_book_path()
    if _writes(args) and window_holds(path):
        raise PartyBookError(
            f"数据文件“{path}”正在 PartyBook 窗口中打开。为免两边的修改互相覆盖，"
            "命令行不修改它：请先关闭窗口，再运行这个命令（查看和导出表格的命令可以照常运行）。"
        )
    if args.command == "restore":  # it opens the book itself: mending one that does not open
        return upkeep.restore_book(path, args.source, args.allow_missing)
    if args.command != "import" and not path.exists():
        raise PartyBookError(f"找不到数据文件“{path}”。")
    created = not path.exists()
    book = Book.open(path)
    for text in book.warnings:
        print(f"提醒：{text}", file=sys.stderr)
    try:
        if args.command != "password":  # `password --clear`: the way back from a lost one
            _unlock(book)
        result = COMMANDS[args.command](book, args)
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
