"""附件: photos and scans kept with a record (a meeting, a study session, a development step, a
member, a talk, a transfer). Pure: what a file's first bytes say it is, the limits, and the
Chinese words for the records an attachment belongs to. The bytes live in the store's
content-addressed folder (store/attachments.py); see ARCHITECTURE.md, "Attachments"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

MB = 1024 * 1024
# One file at most this large: a phone photo is 2–6 MB, a scanned 20-page PDF 10–30 MB.
MAX_FILE_BYTES = 50 * MB
# A data package's attachments together at most this large (the tables have their own cap).
MAX_PACKAGE_ATTACHMENT_BYTES = 8 * 1024 * MB
# Removed attachments stay in the recycle bin (回收站) this long, then are purged.
RECYCLE_DAYS = 30
HEAD_BYTES = 32  # what sniff() needs to see


class FileKind(Enum):
    JPG = "jpg"
    PNG = "png"
    PDF = "pdf"
    HEIC = "heic"

    @property
    def is_image(self) -> bool:
        return self is not FileKind.PDF

    @property
    def label(self) -> str:
        return {"jpg": "JPG 照片", "png": "PNG 图片", "pdf": "PDF 文件", "heic": "HEIC 照片"}[
            self.value
        ]


class Owner(Enum):
    """What kinds of record carry attachments (the values are the table's columns)."""

    MEETING = "meeting"
    STUDY = "study"
    STEP = "event"
    MEMBER = "member"
    TALK = "talk"
    TRANSFER = "transfer"

    @property
    def label(self) -> str:
        return {
            "meeting": "会议",
            "study": "学习记录",
            "event": "发展步骤",
            "member": "人员",
            "talk": "谈心谈话",
            "transfer": "组织关系转接",
        }[self.value]


@dataclass(frozen=True)
class Attachment:
    """One attached file: whose it is, its original name and caption, its bytes' identity."""

    id: int
    owner: Owner
    owner_id: int
    name: str
    kind: FileKind
    size: int
    sha256: str
    caption: str = ""
    added_at: datetime | None = None
    removed_at: datetime | None = None

    @property
    def removed(self) -> bool:
        return self.removed_at is not None

    def purge_due(self, now: datetime) -> bool:
        return self.removed_at is not None and now - self.removed_at >= timedelta(days=RECYCLE_DAYS)


def sniff(head: bytes) -> FileKind | None:
    """The file's kind by its first bytes (never by its extension); None if none we keep."""
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim"):
        return FileKind.HEIC
    return None


def describe_unknown(head: bytes, name: str) -> str:
    """Why a file that sniff() refused was refused, in Chinese, naming the file."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    what = {
        b"PK\x03\x04": "压缩文件或 Word/Excel 文档",
        b"GIF8": "GIF 动图",
        b"BM": "BMP 图片",
        b"\xd0\xcf\x11\xe0": "旧版 Word/Excel 文档",
    }
    found = next((w for magic, w in what.items() if head.startswith(magic)), None)
    if found is None and head and all(b in b"\t\n\r" or 32 <= b < 127 or b >= 128 for b in head):
        found = "文本文件"
    said = f"（扩展名是 .{ext}，但内容是{found}）" if ext and found else ""
    if not said and found:
        said = f"（内容是{found}）"
    return (
        f"“{name}”不是可以保存的附件类型{said}。附件只收 JPG、PNG 照片和 PDF 文件；"
        "Word、Excel 文件请先另存为 PDF 再添加。"
    )


def size_text(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} 字节"
