"""附件 on the command line: `attach`, `attachments`, `attachment --id N --out FILE`."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from partybook.cli.common import EXIT_OK, print_json
from partybook.domain.attachments import Owner, size_text


def _step(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[:：]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"“{text}”应写成 人员编号:步骤，如 12:5")
    return int(match[1]), int(match[2])


def add_parsers(sub) -> None:
    attach_help = (
        "给一条记录添加附件（照片 JPG/PNG 或 PDF 扫描件）；命令行按原图大小保存，"
        "“照片缩小”的设置（attachments --max-side）只在窗口中添加时生效"
    )
    at = sub.add_parser("attach", help=attach_help, description=attach_help)
    at.add_argument("file", type=Path, help="要添加的文件")
    whose = at.add_mutually_exclusive_group(required=True)
    whose.add_argument("--meeting", type=int, metavar="ID", help="会议编号")
    whose.add_argument("--study", type=int, metavar="ID", help="学习记录编号")
    whose.add_argument("--member", type=int, metavar="ID", help="人员编号")
    whose.add_argument("--step", type=_step, metavar="人员编号:步骤", help="某人的发展步骤")
    whose.add_argument("--talk", type=int, metavar="ID", help="谈心谈话编号")
    whose.add_argument("--transfer", type=int, metavar="ID", help="组织关系转接编号")
    at.add_argument("--caption", default="", help="说明文字")
    ls = sub.add_parser("attachments", help="列出全部附件（所属记录、文件名、大小、sha256）")
    ls.add_argument("--json", action="store_true", help="输出 JSON 数组")
    ls.add_argument("--bin", action="store_true", help="列出回收站中的附件（30 天后自动清除）")
    ls.add_argument(
        "--max-side",
        type=int,
        metavar="像素",
        help="设置：窗口中添加的照片长边超过这么多像素时先缩小（0 表示保留原图，默认；"
        "命令行 attach 不缩小，按原图保存）",
    )
    one = sub.add_parser("attachment", help="把一个附件另存为文件")
    one.add_argument("--id", type=int, required=True, help="附件编号（见 attachments）")
    act = one.add_mutually_exclusive_group(required=True)
    act.add_argument("--out", type=Path, help="保存到哪个文件")
    act.add_argument("--remove", action="store_true", help="移到回收站（保留 30 天）")
    act.add_argument("--restore", action="store_true", help="从回收站放回原记录")
    one.add_argument("--force", action="store_true", help="与 --out 一起用：覆盖已有的文件")


def attach(book, args: argparse.Namespace) -> int:
    if args.step is not None:
        owner, owner_id = Owner.STEP, book.attachments.step_owner(*args.step)
    else:
        owner, owner_id = next(
            (o, getattr(args, o.name.lower()))
            for o in Owner
            if o is not Owner.STEP and getattr(args, o.name.lower()) is not None
        )
    a = book.attachments.attach(args.file, owner, owner_id, caption=args.caption)
    print(
        f"已添加附件 {a.id}：“{a.name}”（{a.kind.label}，{size_text(a.size)}）"
        f"→ {book.attachments.whose(a)}"
    )
    side = book.attachments.shrink_side()
    if side and a.kind.is_image:
        # Making a photo smaller needs an image decoder: the window's Qt does it; the command
        # line has none (no Pillow), so it keeps the original and says so.
        print(
            f"说明：命令行按原图大小保存，没有缩小（“照片长边超过 {side} 像素时缩小”的设置"
            "只在窗口中添加照片时生效）。"
        )
    return EXIT_OK


def attachments(book, args: argparse.Namespace) -> int:
    if args.max_side is not None:
        book.attachments.set_shrink_side(args.max_side)
        side = book.attachments.shrink_side()
        print(
            f"已设置：在窗口中添加的照片长边超过 {side} 像素时缩小后保存"
            "（命令行 attach 按原图大小保存）。"
            if side
            else "已设置：保留原图。"
        )
        return EXIT_OK
    rows = [
        {
            "id": a.id,
            "record": book.attachments.whose(a),
            "owner": a.owner.value,
            "owner_id": a.owner_id,
            "name": a.name,
            "caption": a.caption,
            "kind": a.kind.value,
            "size": a.size,
            "sha256": a.sha256,
            "added_at": a.added_at.isoformat() if a.added_at else None,
        }
        for a in (book.attachments.recycle_bin() if args.bin else book.attachments.all())
    ]
    if args.json:
        return print_json(rows)
    if not rows:
        print("回收站是空的。" if args.bin else "还没有附件。")
    for r in rows:
        print(f"{r['id']:>4}  {r['record']}  “{r['name']}”  {size_text(r['size'])}  {r['sha256']}")
    binned = [] if args.bin else book.attachments.recycle_bin()
    if binned:
        print(f"（回收站中另有 {len(binned)} 个附件，30 天后自动清除。）")
    return EXIT_OK


def attachment(book, args: argparse.Namespace) -> int:
    if args.remove or args.restore:
        a = book.attachments.get(args.id)
        (book.attachments.remove if args.remove else book.attachments.restore)(args.id)
        done = "移到回收站（30 天内可放回）" if args.remove else "放回"
        print(f"已把附件 {a.id}“{a.name}”{done}：{book.attachments.whose(a)}")
        return EXIT_OK
    saved = book.attachments.save_copy(args.id, args.out, replace=args.force)
    print(f"已保存到：{saved}")
    return EXIT_OK


COMMANDS = {"attach": attach, "attachments": attachments, "attachment": attachment}
