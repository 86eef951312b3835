"""book.attachments: 附件, photos and scans kept with a meeting, a study session, a development
step, a member, a talk or a transfer. The bytes are checked (kind by content, size) and stored
once by their sha256 beside the book before the row naming them is written in one transaction
(store/attachments.py); removing puts an attachment in the recycle bin for 30 days."""

from __future__ import annotations

import logging
import os
import tempfile
from datetime import datetime
from pathlib import Path

from partybook.book.changes import Change
from partybook.book.core import Core
from partybook.domain.attachments import (
    HEAD_BYTES,
    MAX_FILE_BYTES,
    Attachment,
    FileKind,
    Owner,
    describe_unknown,
    size_text,
    sniff,
)
from partybook.domain.errors import NotFound, PartyBookError
from partybook.store import attachments as store
from partybook.store.backup import list_backups
from partybook.support.files import atomic_write

log = logging.getLogger(__name__)

# A setting: photos larger than this many pixels on their long side are made smaller on the way
# in by the window (ui/attachments.py, with Qt); 0 (the default) keeps the original.
SHRINK_KEY = "attachments.max_side"


def _heic_readable() -> bool:
    """HEIC is kept only where a library can show it; none is a dependency of PartyBook."""
    try:
        import pillow_heif  # noqa: F401
    except ImportError:
        return False
    return True


class FilesMissing(PartyBookError):
    """A restore refused, nothing changed: files the backup names are nowhere whole.
    described: the attachments, with their records, in words."""

    def __init__(self, source: Path, described: list[str], places: list[Path]) -> None:
        self.described = described
        shown = "\n".join(f"  {d}" for d in described[:10])
        more = f"\n  …另有 {len(described) - 10} 个" if len(described) > 10 else ""
        where = "、".join(f"“{p}”" for p in places)
        super().__init__(
            f"备份“{Path(source).name}”中有 {len(described)} 个附件的文件找不到或已损坏"
            f"（在 {where} 中都没有完好的一份）：\n{shown}{more}\n"
            "没有恢复，数据文件没有任何改动。\n"
            f"如果备份旁边原有“{store.folder_for(source).name}”文件夹，请把它和备份文件一起复制过来"
            "再恢复；如果这些文件确实已经没有了，仍可以恢复其余的数据和附件"
            "（命令行加 --allow-missing，窗口中会再问一次），恢复后“检查数据文件”会列出缺少的附件。"
        )


def refusal(source: Path, exc: store.MissingFiles) -> FilesMissing:
    return FilesMissing(source, exc.described, exc.places)


class Attachments:
    """book.attachments: attach, list, caption, remove (to the recycle bin), restore, check."""

    def __init__(self, core: Core, max_bytes: int = MAX_FILE_BYTES) -> None:
        self._core = core
        self.max_bytes = max_bytes

    @property
    def folder(self) -> Path:
        return self._core.store.attachment_folder

    # adding -------------------------------------------------------------------------------
    def attach(
        self, source: Path, owner: Owner, owner_id: int, caption: str = "", name: str = ""
    ) -> Attachment:
        """Keep a copy of the file at source with the record; the file itself is not changed.
        name: the name to keep (default the file's own, e.g. when source is a smaller copy)."""
        source = Path(source)
        name = name or source.name
        if not store.owner_exists(owner, owner_id):
            raise NotFound(f"找不到要添加附件的{owner.label}（编号 {owner_id}），没有添加。")
        try:
            with open(source, "rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                self._refuse_size(name, size)
                head = stream.read(HEAD_BYTES)
                self._refuse_kind(name, head)
                kind = sniff(head)
                sha, size = store.put_stream(self.folder, stream, self.max_bytes, first=head)
        except store.TooLarge as exc:  # it grew while being read
            raise self._too_large(name, int(str(exc))) from exc
        except FileNotFoundError as exc:
            raise PartyBookError(
                f"找不到文件“{source}”（可能已被移走、改名或删除），没有添加附件。"
            ) from exc
        except IsADirectoryError as exc:
            raise PartyBookError(f"“{source}”是文件夹，不是文件，没有添加附件。") from exc
        except PermissionError as exc:
            raise PartyBookError(
                f"没有权限读取“{source}”（文件可能正被别的程序占用），没有添加附件。"
            ) from exc
        except OSError as exc:
            raise PartyBookError(
                f"读取或保存“{name}”时出错（{exc.strerror or exc}；文件可能在读取中被移走，"
                "或 U 盘被拔出，或磁盘已满），没有添加附件，数据文件没有任何改动。"
            ) from exc
        if size == 0:  # emptied while being read
            raise self._empty(name)
        now = self._core.clock()
        with self._core.writing(Change.ATTACHMENTS):
            found = store.add(owner, owner_id, name, kind, sha, size, now, caption.strip())
        log.info("attached %s (%s, %s) to %s %s", name, size, sha[:12], owner.value, owner_id)
        return found

    def _refuse_size(self, name: str, size: int) -> None:
        if size == 0:
            raise self._empty(name)
        if size > self.max_bytes:
            raise self._too_large(name, size)

    def _empty(self, name: str) -> PartyBookError:
        return PartyBookError(f"“{name}”是空文件（0 字节），里面没有照片或文档，没有添加。")

    def _too_large(self, name: str, size: int) -> PartyBookError:
        return PartyBookError(
            f"“{name}”有 {size_text(size)}，超过单个附件 {size_text(self.max_bytes)} 的上限，"
            "没有添加。照片请用手机“压缩/较小尺寸”导出，扫描件请降低分辨率或分成几份后再添加。"
        )

    def _refuse_kind(self, name: str, head: bytes) -> None:
        kind = sniff(head)
        if kind is None:
            raise PartyBookError(describe_unknown(head, name) + "没有添加。")
        if kind is FileKind.HEIC and not _heic_readable():
            raise PartyBookError(
                f"“{name}”是 HEIC 照片（苹果手机的默认格式），本程序打不开这种格式，没有添加。"
                "请在手机“设置 → 相机 → 格式”中选“兼容性最佳”，或先把照片转成 JPG 再添加。"
            )

    def shrink_side(self) -> int:
        """Photos' long side on the way in, in pixels (the window makes larger ones smaller);
        0: keep the original (the default)."""
        try:
            return max(0, int(self._core.settings().get(SHRINK_KEY, "0") or 0))
        except ValueError:
            return 0

    def set_shrink_side(self, side: int) -> None:
        if side and not 800 <= side <= 8000:
            raise PartyBookError("照片缩小后的长边应在 800 到 8000 像素之间（0 表示保留原图）。")
        self._core.put_settings({SHRINK_KEY: str(int(side))}, Change.SETTINGS)

    def step_owner(self, member_id: int, step: int) -> int:
        """The development step's record that `--step MEMBER_ID:STEP` names."""
        found = store.step_event(member_id, step)
        if found is None:
            raise NotFound(f"编号 {member_id} 的人员还没有记录第 {step} 步，不能给它添加附件。")
        return found

    # reading ------------------------------------------------------------------------------
    def of(self, owner: Owner, owner_id: int) -> list[Attachment]:
        """The record's attachments (not those in the recycle bin), in the order added."""
        return store.of_owner(owner, owner_id)

    def by_owner(self, owner: Owner) -> dict[int, list[Attachment]]:
        """Every record of a kind that has attachments: its id → its attachments."""
        return store.counts(owner)

    def all(self) -> list[Attachment]:
        return store.every(removed=False)

    def recycle_bin(self) -> list[Attachment]:
        return store.every(removed=True)

    def get(self, attachment_id: int) -> Attachment:
        found = store.get(attachment_id)
        if found is None:
            raise NotFound(f"没有编号为 {attachment_id} 的附件。")
        return found

    def whose(self, attachment: Attachment) -> str:
        """The record it belongs to, in words: “2026-05-20 支部党员大会”."""
        return f"{attachment.owner.label} {store.label_of(attachment.owner, attachment.owner_id)}"

    def read_bytes(self, attachment_id: int) -> bytes:
        """A (small) attachment's bytes, e.g. to draw a thumbnail or print a photo."""
        a = self.get(attachment_id)
        try:
            return store.blob_path(self.folder, a.sha256).read_bytes()
        except OSError as exc:
            raise self._missing(a) from exc

    def _missing(self, a: Attachment) -> PartyBookError:
        return PartyBookError(
            f"附件“{a.name}”（{self.whose(a)}）的文件不见了，请运行“检查数据文件”，再从备份恢复。"
        )

    def save_copy(
        self, attachment_id: int, target: Path, *, replace: bool = False, make_folder: bool = False
    ) -> Path:
        """Write the attachment's bytes to target (atomically). An existing file is refused
        unless replace, a missing folder unless make_folder (PartyBookError, nothing written)."""
        a = self.get(attachment_id)
        target = Path(target)
        if target.is_dir():
            raise PartyBookError(f"“{target}”是文件夹，请写上要保存成的文件名，没有保存。")
        if target.exists() and not replace:
            raise PartyBookError(
                f"“{target}”已经存在，没有保存，原文件没有改动。"
                "要覆盖它请加 --force，或换一个文件名。"
            )
        if not make_folder and not target.parent.is_dir():
            raise PartyBookError(
                f"文件夹“{target.parent}”不存在（或 U 盘已拔出），没有保存。"
                "请先建好这个文件夹，或换一个位置。"
            )
        try:
            with open(store.blob_path(self.folder, a.sha256), "rb") as stream:
                with atomic_write(target) as tmp:
                    with open(tmp, "wb") as out:
                        for chunk in iter(lambda: stream.read(store.CHUNK), b""):
                            out.write(chunk)
        except FileNotFoundError as exc:
            if not target.parent.exists():
                raise PartyBookError(f"文件夹“{target.parent}”不存在，没有保存。") from exc
            raise self._missing(a) from exc
        except OSError as exc:
            raise PartyBookError(f"无法把附件保存到“{target}”：{exc.strerror or exc}。") from exc
        return target

    def viewable_copy(self, attachment_id: int) -> Path:
        """A copy with its own name in a temporary folder, for the system's viewer (the kept
        file has no extension and must not be changed by another program)."""
        a = self.get(attachment_id)
        folder = Path(tempfile.gettempdir()) / "partybook-附件" / str(a.id)
        suffix = f".{a.kind.value}"
        name = a.name if a.name.lower().endswith(suffix) else f"{Path(a.name).stem}{suffix}"
        return self.save_copy(a.id, folder / name, replace=True, make_folder=True)

    # changing -------------------------------------------------------------------------------
    def set_caption(self, attachment_id: int, caption: str) -> None:
        self.get(attachment_id)
        with self._core.writing(Change.ATTACHMENTS):
            store.set_caption(attachment_id, caption.strip())

    def remove(self, attachment_id: int) -> None:
        """Into the recycle bin (回收站): restorable for 30 days, then purged."""
        self.get(attachment_id)
        with self._core.writing(Change.ATTACHMENTS):
            store.set_removed(attachment_id, self._core.clock())

    def restore(self, attachment_id: int) -> None:
        a = self.get(attachment_id)
        if not store.owner_exists(a.owner, a.owner_id):
            raise PartyBookError(f"附件“{a.name}”所属的记录已删除，不能放回。")
        with self._core.writing(Change.ATTACHMENTS):
            store.set_removed(attachment_id, None)

    def tidy(self, now: datetime | None = None) -> int:
        """Attachments of deleted records into the recycle bin; those there 30 days purged;
        files that neither the book nor any of its backups names deleted. Returns rows purged."""
        now = now or self._core.clock()
        if not store.all_shas() and not self.folder.is_dir():
            return 0
        with self._core.writing(Change.ATTACHMENTS):
            store.bin_orphans(now)
            due = [a.id for a in store.every(removed=True) if a.purge_due(now)]
            store.purge(due)
        if self.folder.is_dir():
            store.sweep(self.folder, self.kept_shas())
        return len(due)

    def kept_shas(self) -> set[str]:
        """Every file the book or one of its backups (backups/, sharing the folder) names."""
        keep = store.all_shas()
        for path, _, _ in list_backups(self._core.store.backup_dir, self._core.store.path.stem):
            keep |= store.shas_in_file(path)
        return keep

    # checking -------------------------------------------------------------------------------
    def unavailable(self, shas: set[str] | list[str]) -> list[str]:
        """The attachments whose files (by sha256) are missing or damaged, each named with its
        record (a backup's warning)."""
        shas = set(shas)
        found = []
        for a in store.every(removed=None):
            if a.sha256 not in shas:
                continue
            state = store.state_of(self.folder, a.sha256, a.size)
            what = "的文件不见了" if state == "missing" else "的文件已损坏"
            bin_note = "（在回收站中）" if a.removed else ""
            found.append(f"{self.whose(a)} 的附件“{a.name}”{bin_note}{what}")
        return found

    def problems(self) -> list[str]:
        """Every attachment's file present and matching its sha256; each one that is not,
        named with its record."""
        found = []
        for a in store.every(removed=None):
            state = store.state_of(self.folder, a.sha256, a.size)
            if state == "ok":
                continue
            what = "的文件不见了" if state == "missing" else "的文件已损坏（内容与保存时不符）"
            bin_note = "（在回收站中）" if a.removed else ""
            found.append(f"{self.whose(a)} 的附件“{a.name}”{bin_note}{what}")
        return found


def attachment_rows(year: int) -> list[tuple]:
    """The year workbook's 附件清单 rows: (类别, 日期, 记录, [(name, caption), …])."""
    return [
        (owner.label, on, words, [(a.name, a.caption) for a in found])
        for owner, _, on, words, found in store.of_year(year)
    ]
