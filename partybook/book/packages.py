"""Data packages (数据包): a whole book (or a year) in one file, into an empty book or a
township collection."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from partybook.book.changes import Change
from partybook.book.core import BRANCH_ID_KEY, BRANCH_KEYS, Core
from partybook.book.township import KIND_KEY, TOWNSHIP, TOWNSHIP_NAME_KEY, Township, years_of
from partybook.domain.errors import PartyBookError
from partybook.domain.progress import Progress
from partybook.domain.township import BranchPackage, as_of
from partybook.domain.validation import normal_name
from partybook.store import package as package_store
from partybook.store import package_files
from partybook.store import township as township_store
from partybook.store.package import Package, read_package, write_package

log = logging.getLogger(__name__)

# What the messages call each table when they say what a book already holds.
_WORDS = {"member": "人员", "meeting": "会议", "study": "学习记录", "event": "发展记录"}


@dataclass
class PackageImport:
    """What an import did, for the message that follows it."""

    branch: str
    scope: str
    created_at: str
    township: bool = False
    replaced: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    backup: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        where = "放入乡镇汇总库" if self.township else "导入"
        verb = "用新的数据包替换汇总库中原有的" if self.replaced else where
        held = "，".join(f"{w} {self.counts[t]} 条" for t, w in _WORDS.items() if t in self.counts)
        return (
            f"已{verb}：{self.branch or '（未填支部名称）'}，范围 {self.scope}，"
            f"{self.created_at.replace('T', ' ')} 导出"
            + (f"（{held}）" if held else "")
            + "。"
            + "".join(f"\n提醒：{w}" for w in self.warnings)
        )


def _held(counts: dict[str, int]) -> str:
    return "、".join(f"{w} {counts[t]} 条" for t, w in _WORDS.items() if counts.get(t))


class Packages:
    """book.packages: write the book as a package, read one, import one."""

    def __init__(self, core: Core, township: Township, check, make_book) -> None:
        self._core = core
        self._township = township
        self._check = check  # the Book's health report, which an imported package must pass
        self._make_book = make_book

    def holds_data(self) -> bool:
        """Whether the book holds anything beyond its settings (a package needs an empty one)."""
        return any(n for t, n in package_store.row_counts().items() if t != "setting")

    # export -----------------------------------------------------------------------------
    def export(self, target: Path, year: int | None = None) -> dict:
        """Write the whole book (or one year) as a data package; returns its manifest."""
        if self._township.is_collection():
            raise PartyBookError(
                "这是乡镇汇总库，不能导出为支部数据包。要搬到别的电脑，请用“备份到…”复制数据文件。"
            )
        branch = self._core.branch()
        if not branch.name.strip():
            raise PartyBookError("请先在“文件 → 支部基本信息”中填写支部名称，再导出数据包。")
        ident = self._core.settings().get(BRANCH_ID_KEY, "")
        if not ident:  # made once, the first time the book writes a package
            ident = uuid.uuid4().hex
            self._core.put_settings({BRANCH_ID_KEY: ident}, Change.NOTHING)
        tables = package_store.dump_tables(year)
        tables = package_files.owned_only(tables) if year is not None else tables
        who = {"name": branch.name, "committee": branch.committee, "school": branch.school}
        who["id"] = ident
        folder = self._core.store.attachment_folder
        return write_package(
            Path(target),
            tables,
            branch=who,
            year=year,
            created_at=self._core.clock(),
            attachments=folder,
        )

    # import -----------------------------------------------------------------------------
    def info(self, source: Path) -> BranchPackage:
        """Read and check a package without writing anything: whose, when, how much."""
        package = read_package(Path(source))
        return _info(package)

    def import_file(
        self,
        source: Path,
        *,
        township: bool = False,
        replace: bool = False,
        progress: Progress | None = None,
    ) -> PackageImport:
        """Import a package: into an empty book it restores everything; a township
        collection (or a new one, with township=True) keeps it as one of its branches,
        with its figures of every year computed once, here."""
        source = Path(source)
        package = read_package(source)
        if self._township.is_collection():
            return self._collect(package, replace=replace, progress=progress)
        counts = package_store.row_counts()
        records = {t: n for t, n in counts.items() if t != "setting" and n}
        if records:
            have = self._core.branch().name or "一个支部"
            if township:
                why = "只有新的、空的数据文件才能建成乡镇汇总库"
            elif have == package.branch_name:
                why = "不能再导入这个支部的数据包（会重复）"
            else:
                why = (
                    f"数据包（{package.branch_name or '未填支部名称'}）只能导入到空的数据文件；"
                    "要汇总几个支部的数据，请新建一个乡镇汇总库"
                )
            raise PartyBookError(
                f"这个数据文件里已经有“{have}”的数据（{_held(records) or '有记录'}），{why}。"
                f"没有导入“{source.name}”，数据文件没有任何改动。"
            )
        if township:
            return self._collect(package, replace=replace, new=True, progress=progress)
        saved = self._core.backup("导入数据包前") if counts.get("setting") else None
        folder = self._core.store.attachment_folder  # the files first, then their rows
        # the files, the rows and their check stand or fall together: a refused package
        # takes its files away again (no 附件 folder beside a book that was never written)
        with package_files.unpacked(source, package.manifest, folder, f"“{source.name}”"):
            with self._core.writing(Change.everything()):
                written = self._core.store.load_package(package, progress)
                _refuse_unsound(_checked(self._check, source.name), source.name)
        log.info("imported package %s: %s", source, written)
        return PackageImport(
            package.branch_name,
            package.scope_text,
            str(package.manifest.get("created_at", "")),
            counts=written,
            backup=saved,
        )

    def _collect(
        self, package: Package, *, replace: bool, new: bool = False, progress=None
    ) -> PackageImport:
        name, ident = _identity(package)
        if not name:
            raise PartyBookError(
                "数据包中没有支部名称，无法放入汇总库。请对方在“支部基本信息”中填写支部名称后重新导出。"
            )
        held = {p.branch: p for p in self._township.branches()}
        ids = township_store.branch_ids()
        # the same branch: the same stable id, or (a package without one) the same name
        same = [b for b, i in ids.items() if ident and i == ident]
        same = same or [b for b in held if normal_name(b) == name and not (ident and ids[b])]
        clash = [b for b in held if normal_name(b) == name and b not in same]
        if clash and not replace:
            raise PartyBookError(
                f"汇总库里已经有名为“{clash[0]}”的支部，但它来自另一个数据文件（支部编号不同）。"
                "如确是同一个支部（换了电脑重新建账），请选择“替换”（命令行加 --replace）。"
                "没有导入。"
            )
        old = held.get(same[0]) if same else (held.get(clash[0]) if clash else None)
        if old is not None and not replace:
            when = f"{old.created_at:%Y-%m-%d %H:%M} 导出的" if old.created_at else ""
            raise PartyBookError(
                f"汇总库里已经有“{old.branch}”{when}数据包。如要换成这个数据包，"
                "请选择“替换”（命令行加 --replace）。没有导入。"
            )
        clock = self._core.clock
        imported = clock()
        when = as_of(_info(package).created_at, imported)
        # it must open as a sound book before it is kept
        with self._core.store.scratch() as scratch:
            who = f"“{package.branch_name}”的数据包"
            held = package.path or package.raw  # streamed from the file when there is one
            package_files.unpack(held, package.manifest, scratch.attachment_folder, who)
            written = scratch.load_package(package, progress)
            scratch_book = self._make_book(scratch, clock)
            _refuse_unsound(_checked(scratch_book.check, package.branch_name), package.branch_name)
            years = years_of(self._make_book(scratch, lambda: when))
        saved = None if new else self._core.backup("导入数据包前")
        settings = {KIND_KEY: TOWNSHIP}
        if new:
            settings[TOWNSHIP_NAME_KEY] = str(package.branch.get("committee") or "")
        replacing = old.branch if old is not None else None  # renamed: that one goes
        self._township.keep(package, imported, settings, years, name=name, replacing=replacing)
        return PackageImport(
            name,
            package.scope_text,
            str(package.manifest.get("created_at", "")),
            township=True,
            replaced=old is not None,
            counts=written,
            backup=saved,
            warnings=[w for w in self._township.warnings() if f"“{name}”" in w],
        )


def _identity(package: Package) -> tuple[str, str]:
    """The branch's name (normalised: NFKC, no invisible characters) and stable id, from the
    package's own settings; the manifest must say the same (a forger edits one of them)."""
    columns, rows = package.tables.get("setting", ([], []))
    settings = {}
    if columns[:2] == ["key", "value"]:
        settings = {r[0]: r[1] for r in rows}
    name = normal_name(str(settings.get(BRANCH_KEYS["name"]) or package.branch_name))
    ident = str(settings.get(BRANCH_ID_KEY) or "")
    said_name = normal_name(package.branch_name)
    said_id = str(package.branch.get("id") or "")
    if (said_name and said_name != name) or (said_id and said_id != ident):
        raise PartyBookError(
            f"数据包的清单写的是“{package.branch_name}”，而其中的支部基本信息是“{name}”"
            "（或支部编号不同）：数据包可能被改动过，没有导入。"
        )
    return name, ident


def _checked(check, name: str):
    """The book's health report; a record that cannot even be read (a stage or reason no
    PartyBook knows) is a refusal too."""
    try:
        return check()
    except (ValueError, TypeError, KeyError) as exc:
        raise PartyBookError(
            f"数据包“{name}”中有 PartyBook 不认识的值（{exc}），没有导入，数据文件没有任何改动。"
        ) from exc


def _refuse_unsound(report, name: str) -> None:
    """A package whose records break the roster's rules (edited by hand, or damaged in a way
    its checksums do not show) is refused whole."""
    if report.healthy:
        return
    shown = "；".join(report.problems[:5])
    more = f"（另有 {len(report.problems) - 5} 处）" if len(report.problems) > 5 else ""
    raise PartyBookError(
        f"数据包“{name}”中的记录有问题，没有导入，数据文件没有任何改动：{shown}{more}"
    )


def _info(package: Package) -> BranchPackage:
    created = package.manifest.get("created_at")
    try:
        when = datetime.fromisoformat(created) if isinstance(created, str) else None
    except ValueError:
        when = None
    return BranchPackage(
        branch=package.branch_name,
        school=str(package.branch.get("school") or ""),
        committee=str(package.branch.get("committee") or ""),
        scope=package.scope_text,
        created_at=when,
        counts={t: package.rows(t) for t in package.tables},
    )
