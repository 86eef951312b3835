"""Attachments' bytes and rows. The bytes are content-addressed files in a folder beside the
book, `<book stem>-附件/ab/abcdef…` (the name is the sha256 of the content), shared by the book
and its dated backups in `backups/`: the same photo attached twice, or held by 60 backups, is
one file. A file is written to a temporary name, fsync'd, then renamed to its hash, before the
row that names it is written: a kill at any moment leaves either nothing, a stray temporary
(removed later) or a complete file no row names yet (swept later), never a row without bytes
nor a half file under a real name. Why not BLOBs in SQLite: see ARCHITECTURE.md, "Attachments".
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from partybook.domain.attachments import Attachment, FileKind, Owner
from partybook.store.records import AttachmentRecord

TEMP_PREFIX = ".partybook-"
FOLDER_SUFFIX = "-附件"
CHUNK = 1024 * 1024
STALE_SECONDS = 3600  # a temporary or unnamed file this old is no attach still running
_STAMP = "%Y-%m-%d %H:%M:%S"


class TooLarge(Exception):
    """The stream passed its limit; nothing was kept."""


def folder_for(book_path: Path) -> Path:
    """Where a book's attachments live: beside it, named after it (book-附件/)."""
    book_path = Path(book_path)
    return book_path.parent / f"{book_path.stem}{FOLDER_SUFFIX}"


def folders_near(source: Path) -> list[Path]:
    """Where the attachments of a backup or copy at source may be: beside it (a copy made with
    “备份到…”), or beside the book whose backups/ folder holds it."""
    source = Path(source)
    stem = source.stem
    found = [folder_for(source)]
    if source.parent.name == "backups":
        from partybook.store.backup import parse_backup_name

        parsed = parse_backup_name(source.name)
        if parsed:
            stem = parsed[0]
        found.append(source.parent.parent / f"{stem}{FOLDER_SUFFIX}")
    return found


def blob_path(folder: Path, sha: str) -> Path:
    return Path(folder) / sha[:2] / sha


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder; its renames are journalled by NTFS
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def put_stream(
    folder: Path,
    stream: BinaryIO,
    limit: int,
    expect: str | None = None,
    first: bytes = b"",
) -> tuple[str, int]:
    """Copy stream (after the bytes `first` already read from it) into the folder under its
    sha256, never holding more than CHUNK in memory; returns (sha256, size).

    Raises TooLarge past limit, ValueError when expect is given and the content's hash differs,
    OSError from reading or writing; in each case nothing is left under a real name."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".part", dir=folder)
    tmp = Path(name)
    try:
        digest = hashlib.sha256()
        size = 0
        with os.fdopen(fd, "wb") as out:
            chunk = first
            while True:
                if chunk:
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge(size)
                    digest.update(chunk)
                    out.write(chunk)
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        if expect is not None and sha != expect:
            raise ValueError(sha)
        target = blob_path(folder, sha)
        if _complete(target, size) and state_of(folder, sha, size) == "ok":
            return sha, size  # stored already: the same content is kept once
        # (a damaged file under this name is replaced by the good content just written)
        target.parent.mkdir(exist_ok=True)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        return sha, size
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _complete(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size == size
    except OSError:
        return False


def put_file(folder: Path, source: Path, limit: int) -> tuple[str, int]:
    with open(source, "rb") as stream:
        return put_stream(folder, stream, limit)


def state_of(folder: Path, sha: str, size: int, deep: bool = True) -> str:
    """ "ok", "missing" or "damaged" (another size, or with deep, another sha256)."""
    path = blob_path(folder, sha)
    try:
        if path.stat().st_size != size:
            return "damaged"
        if not deep:
            return "ok"
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(CHUNK), b""):
                digest.update(chunk)
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "damaged"
    return "ok" if digest.hexdigest() == sha else "damaged"


def copy_blob(source_folder: Path, folder: Path, sha: str, limit: int) -> None:
    """Copy one file between folders, checked against its name; ValueError if damaged."""
    with open(blob_path(source_folder, sha), "rb") as stream:
        put_stream(folder, stream, limit, expect=sha)


def stored(folder: Path) -> Iterator[tuple[str, Path]]:
    """(sha256, path) of every complete file in the folder."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    for sub in folder.iterdir():
        if sub.is_dir() and len(sub.name) == 2:
            for path in sub.iterdir():
                if len(path.name) == 64 and path.name.startswith(sub.name):
                    yield path.name, path


def sweep(folder: Path, keep: set[str], now: float | None = None) -> list[Path]:
    """Delete files no book or backup names (and stale temporaries), if older than an hour
    (an attach may be between writing the file and writing its row). Returns them."""
    limit = (now or time.time()) - STALE_SECONDS
    deleted = []
    folder = Path(folder)
    candidates = [p for sha, p in stored(folder) if sha not in keep]
    if folder.is_dir():
        candidates += list(folder.glob(f"{TEMP_PREFIX}*"))
    for path in candidates:
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < limit:
                path.unlink()
                deleted.append(path)
    return deleted


def shas_in_file(path: Path) -> set[str]:
    """The sha256 of every attachment a backup file names (none for a backup made before
    attachments existed); read-only, nothing beside it created."""
    return set(sizes_in_file(path))


def sizes_in_file(path: Path) -> dict[str, int]:
    """sha256 → size of every attachment a backup file names; read-only."""
    try:
        con = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    except sqlite3.Error:
        return {}
    try:
        return {r[0]: r[1] for r in con.execute("SELECT sha256, size FROM attachment")}
    except sqlite3.Error:
        return {}
    finally:
        con.close()


def described_in_file(path: Path, shas: Iterable[str]) -> list[str]:
    """The attachments of shas as a backup file names them, in words for a message:
    “会议 2026-05-20 的附件“合影.jpg””; read-only."""
    shas = set(shas)
    if not shas:
        return []
    columns = [f"{o.value}_id" for o in Owner]
    try:
        con = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    out = []
    try:
        rows = con.execute(f"SELECT sha256, name, {', '.join(columns)} FROM attachment")
        for sha, name, *ids in rows.fetchall():
            if sha not in shas:
                continue
            whose = "已删除的记录"
            for owner, owner_id in zip(Owner, ids, strict=True):
                if owner_id is None:
                    continue
                whose = f"{owner.label}（编号 {owner_id}）"
                with contextlib.suppress(sqlite3.Error):
                    column = "name" if owner is Owner.MEMBER else '"on"'
                    found = con.execute(
                        f"SELECT {column} FROM {owner.value} WHERE id = ?", (owner_id,)
                    ).fetchone()
                    if found and found[0]:
                        whose = f"{owner.label} {found[0]}"
                break
            out.append(f"{whose} 的附件“{name}”")
    except sqlite3.Error:
        pass
    finally:
        con.close()
    return sorted(out)


# rows -----------------------------------------------------------------------------------
_OWNER_FIELDS = {o: o.value for o in Owner}


def _stamp(when: datetime | None) -> str | None:
    return when.strftime(_STAMP) if when else None


def _time(text: str | None) -> datetime | None:
    return datetime.strptime(text, _STAMP) if text else None


def _of(rec: AttachmentRecord) -> Attachment:
    owner, owner_id = Owner.MEETING, 0
    for o, column in _OWNER_FIELDS.items():
        value = getattr(rec, f"{column}_id")
        if value is not None:
            owner, owner_id = o, value
            break
    return Attachment(
        id=rec.id,
        owner=owner,
        owner_id=owner_id,
        name=rec.name,
        kind=FileKind(rec.kind),
        size=rec.size,
        sha256=rec.sha256,
        caption=rec.caption,
        added_at=_time(rec.added_at),
        removed_at=_time(rec.removed_at),
    )


def add(
    owner: Owner,
    owner_id: int,
    name: str,
    kind: FileKind,
    sha: str,
    size: int,
    now: datetime,
    caption: str = "",
) -> Attachment:
    rec = AttachmentRecord.create(
        sha256=sha,
        size=size,
        kind=kind.value,
        name=name,
        caption=caption,
        added_at=_stamp(now),
        **{_OWNER_FIELDS[owner]: owner_id},
    )
    return _of(rec)


def of_owner(owner: Owner, owner_id: int) -> list[Attachment]:
    column = getattr(AttachmentRecord, _OWNER_FIELDS[owner])
    query = AttachmentRecord.select().where(
        (column == owner_id) & AttachmentRecord.removed_at.is_null()
    )
    return [_of(r) for r in query.order_by(AttachmentRecord.id)]


def counts(owner: Owner) -> dict[int, list[Attachment]]:
    """Every owner's kept attachments, by owner id (the year workbook's column)."""
    column = getattr(AttachmentRecord, _OWNER_FIELDS[owner])
    query = AttachmentRecord.select().where(
        column.is_null(False) & AttachmentRecord.removed_at.is_null()
    )
    found: dict[int, list[Attachment]] = {}
    for rec in query.order_by(AttachmentRecord.id):
        a = _of(rec)
        found.setdefault(a.owner_id, []).append(a)
    return found


def every(removed: bool | None = False) -> list[Attachment]:
    """All attachments (removed=None), the kept ones (False) or the recycle bin (True)."""
    query = AttachmentRecord.select().order_by(AttachmentRecord.id)
    if removed is True:
        query = query.where(AttachmentRecord.removed_at.is_null(False))
    elif removed is False:
        query = query.where(AttachmentRecord.removed_at.is_null())
    return [_of(r) for r in query]


def get(attachment_id: int) -> Attachment | None:
    rec = AttachmentRecord.get_or_none(AttachmentRecord.id == attachment_id)
    return _of(rec) if rec else None


def set_caption(attachment_id: int, caption: str) -> int:
    return (
        AttachmentRecord.update(caption=caption)
        .where(AttachmentRecord.id == attachment_id)
        .execute()
    )


def set_removed(attachment_id: int, when: datetime | None) -> int:
    return (
        AttachmentRecord.update(removed_at=_stamp(when))
        .where(AttachmentRecord.id == attachment_id)
        .execute()
    )


def bin_orphans(now: datetime) -> int:
    """Attachments whose record was deleted (every owner column NULL) go to the recycle bin."""
    orphan = AttachmentRecord.removed_at.is_null()
    for column in _OWNER_FIELDS.values():
        orphan &= getattr(AttachmentRecord, column).is_null()
    return AttachmentRecord.update(removed_at=_stamp(now)).where(orphan).execute()


def purge(ids: Iterable[int]) -> int:
    ids = list(ids)
    if not ids:
        return 0
    return AttachmentRecord.delete().where(AttachmentRecord.id.in_(ids)).execute()


def all_shas() -> set[str]:
    return {r[0] for r in AttachmentRecord.select(AttachmentRecord.sha256).tuples()}


def each_blob(folder: Path, shas: Iterable[str]) -> Iterator[tuple[str, Callable[[], BinaryIO]]]:
    """(sha, opener) for every file of shas, to stream them somewhere (a package)."""
    for sha in sorted(set(shas)):
        yield sha, (lambda s=sha: open(blob_path(folder, s), "rb"))


# backups and copies ---------------------------------------------------------------------
class MissingFiles(Exception):
    """Files a backup names that are nowhere whole (PartyBookError in book/, with the words)."""

    def __init__(self, described: list[str], places: list[Path]) -> None:
        super().__init__(described)
        self.described = described
        self.places = places


def copy_all(folder: Path, target: Path) -> tuple[Path | None, list[str]]:
    """Before a copy of the book is written to target: every attachment the book names, into
    the folder beside target (checked against its name; the ones already there are kept).
    A file missing or damaged here is not copied (a backup must not fail for one photo) but
    named. Returns (that folder or None when the book has no attachments, the shas skipped)."""
    from partybook.domain.attachments import MAX_FILE_BYTES
    from partybook.domain.errors import PartyBookError

    sizes = {
        r[0]: r[1]
        for r in AttachmentRecord.select(AttachmentRecord.sha256, AttachmentRecord.size).tuples()
    }
    if not sizes:
        return None, []
    out = folder_for(target)
    skipped = []
    if out.resolve() == Path(folder).resolve():
        return out, skipped
    for sha, size in sorted(sizes.items()):
        if state_of(out, sha, size, deep=False) == "ok":
            continue
        try:
            copy_blob(folder, out, sha, MAX_FILE_BYTES * 4)
        except (FileNotFoundError, ValueError):
            skipped.append(sha)  # missing or damaged here already: named to the caller
        except OSError as exc:
            reason = "磁盘空间不足" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
            raise PartyBookError(f"备份附件到“{out}”失败：{reason}。原数据没有受到影响。") from exc
    return out, skipped


def bring_in(source: Path, folder: Path, allow_missing: bool = False) -> list[str]:
    """Before a restore from source: every attachment it names made whole in the book's folder,
    copied from where it may be (beside source, or the book's folder a backups/ copy shares);
    a damaged file already in the folder is replaced by a good copy (the sha256 decides).
    Raises MissingFiles (nothing changed but files brought in) when some are nowhere whole,
    unless allow_missing: then returns those, described."""
    from partybook.domain.attachments import MAX_FILE_BYTES

    folder = Path(folder)
    places = [p for p in folders_near(source) if p.resolve() != folder.resolve()]
    # first where each is (nothing written), so that a refusal copies nothing in
    wanted: dict[str, list[Path]] = {}
    unavailable = []
    for sha, size in sorted(sizes_in_file(source).items()):
        if state_of(folder, sha, size) == "ok":
            continue
        found = [p for p in places if state_of(p, sha, size, deep=False) == "ok"]
        if found:
            wanted[sha] = found
        else:
            unavailable.append(sha)
    if unavailable and not allow_missing:
        raise MissingFiles(_described(source, unavailable), [folder, *places])
    for sha, found in wanted.items():
        for near in found:
            try:
                copy_blob(near, folder, sha, MAX_FILE_BYTES * 4)  # checked against its name
                break
            except (OSError, ValueError):
                continue
        else:
            unavailable.append(sha)  # damaged there too (another content of the same size)
    if unavailable and not allow_missing:
        raise MissingFiles(_described(source, unavailable), [folder, *places])
    return _described(source, unavailable) if unavailable else []


def _described(source: Path, shas: list[str]) -> list[str]:
    return described_in_file(source, shas) or [f"{len(shas)} 个附件"]


# whose -----------------------------------------------------------------------------------
def owner_exists(owner: Owner, owner_id: int) -> bool:
    return _owner_model(owner).get_or_none(id=owner_id) is not None


def _owner_model(owner: Owner):
    from partybook.store import records as r

    return {
        Owner.MEETING: r.MeetingRecord,
        Owner.STUDY: r.StudyRecord,
        Owner.STEP: r.EventRecord,
        Owner.MEMBER: r.MemberRecord,
        Owner.TALK: r.TalkRecord,
        Owner.TRANSFER: r.TransferRecord,
    }[owner]


def label_of(owner: Owner, owner_id: int) -> str:
    """The record an attachment belongs to, in a few Chinese words (for `check`, the lists)."""
    rec = _owner_model(owner).get_or_none(id=owner_id) if owner_id else None
    if rec is None:
        return "已删除的记录"
    if owner is Owner.MEETING:
        return f"{rec.on} {rec.kind}" + (f"（{rec.topic}）" if rec.topic else "")
    if owner is Owner.STUDY:
        return f"{rec.on} 学习“{rec.topic}”"
    if owner is Owner.STEP:
        kinds = {"assessment": "考察", "report": "思想汇报", "extension": "延长预备期"}
        step = f"第 {rec.step} 步" if rec.step else kinds.get(rec.kind, rec.kind)
        return f"{rec.member.name} 的发展记录 {step}（{rec.on}）"
    if owner is Owner.MEMBER:
        return f"{rec.name} 的档案"
    if owner is Owner.TALK:
        return f"{rec.on} 谈心谈话“{rec.topic}”"
    who = rec.member.name if rec.member_id else ""
    return f"{rec.on} {rec.direction} {who}（{rec.organisation}）"


def step_event(member_id: int, step: int) -> int | None:
    """The id of a person's recorded development step, if recorded."""
    from partybook.store.records import EventRecord

    rec = (
        EventRecord.select(EventRecord.id)
        .where((EventRecord.member == member_id) & (EventRecord.step == step))
        .order_by(EventRecord.on.desc())
        .first()
    )
    return rec.id if rec else None


def of_year(year: int) -> list[tuple[Owner, int, object, str, list[Attachment]]]:
    """Every record of the year that has attachments (a member's are listed every year), as
    (owner, id, its date or None, its words, its attachments), by kind then date."""
    out = []
    for owner in Owner:
        model = _owner_model(owner)
        for owner_id, found in counts(owner).items():
            rec = model.get_or_none(id=owner_id)
            if rec is None:
                continue
            on = getattr(rec, "on", None)
            if on is not None and on.year != year:
                continue
            out.append((owner, owner_id, on, label_of(owner, owner_id), found))
    order = {o: i for i, o in enumerate(Owner)}
    return sorted(out, key=lambda r: (order[r[0]], str(r[2] or ""), r[1]))
