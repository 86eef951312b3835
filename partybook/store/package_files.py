"""Attachments in a data package (format version 2): each file at `attachments/<sha256>`, stored
(photos do not compress), listed in the manifest with its size. They are streamed in and out a
megabyte at a time, never held in memory, and have limits of their own (per file, in all),
apart from the cap on the ledger's JSON tables. A package of format version 1 has none."""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from partybook.domain.attachments import MAX_FILE_BYTES, MAX_PACKAGE_ATTACHMENT_BYTES, size_text
from partybook.domain.errors import PartyBookError
from partybook.store import attachments as store

PREFIX = "attachments/"
KEY = "attachments"
TABLE = "attachment"
OWNER_COLUMNS = ("meeting_id", "study_id", "event_id", "member_id", "talk_id", "transfer_id")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def owned_only(tables: dict[str, tuple[list[str], list[list]]]) -> dict:
    """A year's tables: an attachment whose record was left out (its link written as null)
    is left out with it."""
    if TABLE not in tables:
        return tables
    columns, rows = tables[TABLE]
    at = [columns.index(c) for c in OWNER_COLUMNS if c in columns]
    kept = [r for r in rows if any(r[i] is not None for i in at)]
    return {**tables, TABLE: (columns, kept)}


def sizes_of(tables: dict[str, tuple[list[str], list[list]]]) -> dict[str, int]:
    """sha256 → size of every file the tables' attachment rows name."""
    columns, rows = tables.get(TABLE, ([], []))
    if not rows:
        return {}
    sha, size = columns.index("sha256"), columns.index("size")
    return {r[sha]: r[size] for r in rows}


def manifest_part(tables: dict, folder: Path | None) -> dict:
    """The manifest's "attachments" entry ({} when there are none)."""
    sizes = sizes_of(tables) if folder is not None else {}
    if not sizes:
        return {}
    return {
        KEY: {
            "count": len(sizes),
            "bytes": sum(sizes.values()),
            "files": dict(sorted(sizes.items())),
        }
    }


def write_files(zf: zipfile.ZipFile, folder: Path | None, part: dict) -> None:
    """Stream every listed file from the book's folder into the zip; a missing or damaged one
    stops the export with its name (run `check`)."""
    for sha, size in (part.get(KEY) or {}).get("files", {}).items():
        if store.state_of(folder, sha, size, deep=False) != "ok":
            raise PartyBookError(
                f"附件文件 {sha[:12]}… 不见了或已损坏，没有导出数据包。请先运行“检查数据文件”。"
            )
        info = zipfile.ZipInfo(f"{PREFIX}{sha}", _ZIP_TIME)
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = size
        with open(store.blob_path(folder, sha), "rb") as src, zf.open(info, "w") as out:
            for chunk in iter(lambda: src.read(store.CHUNK), b""):
                out.write(chunk)


def _listed(manifest: dict, who: str) -> dict[str, int]:
    part = manifest.get(KEY)
    if part is None:
        return {}
    files = part.get("files") if isinstance(part, dict) else None
    if not isinstance(files, dict):
        raise PartyBookError(f"{who}的清单中附件部分不完整，没有导入。")
    for sha, size in files.items():
        ok = isinstance(sha, str) and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)
        if not ok or isinstance(size, bool) or not isinstance(size, int) or size <= 0:
            raise PartyBookError(f"{who}的清单中附件“{sha}”的记录有误，没有导入。")
    return files


def check(zf: zipfile.ZipFile, manifest: dict, who: str) -> None:
    """Before anything is written: each listed attachment is in the zip with its size, none is
    unlisted, each within the per-file limit and all within the package's (nothing is read)."""
    files = _listed(manifest, who)
    entries = {i.filename: i for i in zf.infolist() if i.filename.startswith(PREFIX)}
    stray = sorted(set(entries) - {f"{PREFIX}{sha}" for sha in files})
    if stray:
        raise PartyBookError(f"{who}含有清单之外的附件（{stray[0]}），可能已被改动，没有导入。")
    total = 0
    for sha, size in files.items():
        info = entries.get(f"{PREFIX}{sha}")
        if info is None:
            raise PartyBookError(f"{who}缺少附件文件 {PREFIX}{sha}，没有导入。")
        if info.file_size != size:
            raise PartyBookError(f"{who}中附件 {sha[:12]}… 的大小与清单不符，没有导入。")
        if size > MAX_FILE_BYTES:
            raise PartyBookError(
                f"{who}中有一个附件有 {size_text(size)}，超过单个附件 {size_text(MAX_FILE_BYTES)} "
                "的上限，没有导入。"
            )
        total += size
    if total > MAX_PACKAGE_ATTACHMENT_BYTES:
        raise PartyBookError(
            f"{who}中的附件共 {size_text(total)}，超过数据包附件 "
            f"{size_text(MAX_PACKAGE_ATTACHMENT_BYTES)} 的上限，没有导入。"
        )


@contextlib.contextmanager
def unpacked(source: Path | bytes, manifest: dict, folder: Path, who: str) -> Iterator[int]:
    """unpack, then the caller writes the rows: if anything raises before the block ends (a
    package refused by the book's check, a damaged file, a cancel), every file this import put
    in the folder is removed again, and the folder too if it made it, so a refused package
    leaves nothing beside the book. Yields the number of files written."""
    folder = Path(folder)
    existed = folder.exists()
    made: list[Path] = []
    try:
        yield unpack(source, manifest, folder, who, made)
    except BaseException:
        _take_back(made, folder, existed)
        raise


def _take_back(made: list[Path], folder: Path, existed: bool) -> None:
    for path in made:
        with contextlib.suppress(OSError):
            path.unlink()
        with contextlib.suppress(OSError):
            path.parent.rmdir()  # only when empty
    if not existed:
        with contextlib.suppress(OSError):
            for sub in folder.iterdir():  # stray temporaries of an interrupted copy
                if sub.is_file() and sub.name.startswith(store.TEMP_PREFIX):
                    sub.unlink()
            folder.rmdir()


def unpack(
    source: Path | bytes, manifest: dict, folder: Path, who: str, made: list[Path] | None = None
) -> int:
    """Stream every attachment of a checked package into a book's folder, each checked against
    its sha256 on the way; returns files written, each also added to made. A damaged one stops
    it with a Chinese error before any row is written (use unpacked() to have the files already
    copied removed again)."""
    files = _listed(manifest, who)
    if not files:
        return 0
    made = [] if made is None else made
    written = 0
    opened = source if isinstance(source, Path) else io.BytesIO(source)
    try:
        with zipfile.ZipFile(opened) as zf:
            for sha, size in files.items():
                if store.state_of(folder, sha, size, deep=False) == "ok":
                    continue  # this book holds it already
                with zf.open(f"{PREFIX}{sha}") as stream:
                    store.put_stream(folder, stream, size, expect=sha)
                made.append(store.blob_path(folder, sha))
                written += 1
    except (ValueError, store.TooLarge, zipfile.BadZipFile, EOFError) as exc:
        raise PartyBookError(
            f"{who}中的附件已损坏（内容与校验值不符），没有导入，数据文件没有任何改动。"
        ) from exc
    except OSError as exc:
        raise PartyBookError(
            f"保存{who}中的附件时出错（{exc.strerror or exc}），没有导入，数据文件没有任何改动。"
        ) from exc
    return written
