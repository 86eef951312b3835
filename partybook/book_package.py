"""The Book's data packages (数据包) and the township collection (乡镇汇总库) (Qt-free)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from partybook.domain.errors import PartyBookError
from partybook.domain.members import Branch
from partybook.domain.progress import Progress, tick
from partybook.domain.stats import Figure, paragraph
from partybook.domain.township import (
    FIGURES_VERSION,
    BranchPackage,
    BranchYear,
    as_of,
    branch_year,
    combine,
    combined_figures,
    township_who,
)
from partybook.store.package import Package, parse_package, read_package, write_package

log = logging.getLogger(__name__)

T = TypeVar("T")
KIND_KEY, TOWNSHIP = "book.kind", "township"
TOWNSHIP_NAME_KEY = "township.name"
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

    def summary(self) -> str:
        where = "放入乡镇汇总库" if self.township else "导入"
        verb = "用新的数据包替换汇总库中原有的" if self.replaced else where
        held = "，".join(f"{w} {self.counts[t]} 条" for t, w in _WORDS.items() if t in self.counts)
        return (
            f"已{verb}：{self.branch or '（未填支部名称）'}，范围 {self.scope}，"
            f"{self.created_at.replace('T', ' ')} 导出" + (f"（{held}）" if held else "") + "。"
        )


def _held(counts: dict[str, int]) -> str:
    return "、".join(f"{w} {counts[t]} 条" for t, w in _WORDS.items() if counts.get(t))


class PackageBook:
    """Mixed into Book: needs the store, the clock, branch(), backups and the year verbs."""

    # what kind of book ------------------------------------------------------------------
    def is_township(self) -> bool:
        return self._store.settings().get(KIND_KEY) == TOWNSHIP

    def people_count(self) -> int:
        """How many people the book's records are about: the roster, or for a township
        collection its branches' rosters together (what makes a tab's first load slow)."""
        if self.is_township():
            return sum(p.people for p in self.township_branches())
        return len(self.members())

    def township_name(self) -> str:
        return self._store.settings().get(TOWNSHIP_NAME_KEY, "")

    def has_records(self) -> bool:
        """Whether the book holds anything beyond its settings (a package needs an empty one)."""
        return any(n for t, n in self._store.row_counts().items() if t != "setting")

    def summary_who(self) -> str:
        """Who the year's draft paragraph speaks of."""
        if self.is_township():
            return township_who(self.township_name(), len(self._store.branch_packages()))
        return self.branch().name

    # export -----------------------------------------------------------------------------
    def export_package(self, target: Path, year: int | None = None) -> dict:
        """Write the whole book (or one year) as a data package; returns its manifest."""
        if self.is_township():
            raise PartyBookError(
                "这是乡镇汇总库，不能导出为支部数据包。要搬到别的电脑，请用“备份到…”复制数据文件。"
            )
        branch = self.branch()
        if not branch.name.strip():
            raise PartyBookError("请先在“文件 → 支部基本信息”中填写支部名称，再导出数据包。")
        tables = self._store.dump_tables(year)
        who = {"name": branch.name, "committee": branch.committee, "school": branch.school}
        return write_package(Path(target), tables, branch=who, year=year, created_at=self._clock())

    # import -----------------------------------------------------------------------------
    def package_info(self, source: Path) -> BranchPackage:
        """Read and check a package without writing anything: whose, when, how much."""
        package = read_package(Path(source))
        return _info(package)

    def import_package(
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
        if self.is_township():
            return self._collect(package, replace=replace, progress=progress)
        counts = self._store.row_counts()
        records = {t: n for t, n in counts.items() if t != "setting" and n}
        if records:
            have = self.branch().name or "一个支部"
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
        saved = self._backup("导入数据包前") if counts.get("setting") else None
        with self._store.atomic():  # the rows and their check stand or fall together
            written = self._store.load_package(package, progress)
            _refuse_unsound(_checked(self, source.name), source.name)
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
        name = package.branch_name
        if not name:
            raise PartyBookError(
                "数据包中没有支部名称，无法放入汇总库。请对方在“支部基本信息”中填写支部名称后重新导出。"
            )
        held = {p.branch: p for p in self._store.branch_packages()}
        old = held.get(name)
        if old is not None and not replace:
            when = f"{old.created_at:%Y-%m-%d %H:%M} 导出的" if old.created_at else ""
            raise PartyBookError(
                f"汇总库里已经有“{name}”{when}数据包。如要换成这个数据包，"
                "请选择“替换”（命令行加 --replace）。没有导入。"
            )
        imported = self._clock()
        when = as_of(_info(package).created_at, imported)
        with self._store.scratch() as scratch:  # it must open as a sound book before it is kept
            written = scratch.load_package(package, progress)
            scratch_book = type(self)(scratch, self._clock)
            _refuse_unsound(_checked(scratch_book, package.branch_name), package.branch_name)
            years = _years_of(type(self)(scratch, lambda: when))
        saved = None if new else self._backup("导入数据包前")
        settings = {KIND_KEY: TOWNSHIP}
        if new:
            settings[TOWNSHIP_NAME_KEY] = str(package.branch.get("committee") or "")
        self._store.save_branch_package(package, imported, settings, years)
        return PackageImport(
            name,
            package.scope_text,
            str(package.manifest.get("created_at", "")),
            township=True,
            replaced=old is not None,
            counts=written,
            backup=saved,
        )

    # the township collection ------------------------------------------------------------
    def township_branches(self) -> list[BranchPackage]:
        return self._store.branch_packages()

    def township_branch(self) -> Branch:
        """The township as the workbook's header names it."""
        name = self.township_name()
        return Branch(name=name, committee=name)

    def _each_branch(
        self, work: Callable[[object], T], progress: Progress | None = None, only=None
    ) -> list[tuple[str, T]]:
        """Open each held package (or those named in only) as a book in a temporary folder,
        its clock at the moment its figures are taken (as_of), and run work on it."""
        out = []
        held = [p for p in self._store.branch_packages() if only is None or p.branch in only]
        for info in tick(held, len(held), progress):
            package = parse_package(self._store.branch_package_bytes(info.branch), info.branch)
            when = as_of(info.created_at, info.imported_at or self._clock())
            with self._store.scratch() as scratch:
                scratch.load_package(package)
                out.append((info.branch, work(type(self)(scratch, lambda when=when: when))))
        return out

    def township_figures_missing(self) -> int:
        """How many branches have no figures kept (or kept by an older PartyBook)."""
        versions = self._store.branch_year_versions()
        return sum(1 for v in versions.values() if v != {FIGURES_VERSION})

    def update_township_figures(self, progress: Progress | None = None) -> int:
        """Compute the figures of branches that have none kept (a collection made by an older
        PartyBook, or figures counted differently since): restores only those packages.
        Returns how many branches were computed; nothing is written if cancelled."""
        versions = self._store.branch_year_versions()
        stale = {b for b, v in versions.items() if v != {FIGURES_VERSION}}
        if not stale:
            return 0
        found = self._each_branch(_years_of, progress, only=stale)
        with self._store.atomic():
            for branch, years in found:
                self._store.save_branch_years(branch, years)
        return len(found)

    def township_years(self) -> list[int]:
        self.update_township_figures()
        return sorted({self.today().year} | self._store.kept_years(), reverse=True)

    def township_figures(self, year: int) -> list[Figure]:
        """The branches' figures of the year together (counts added), from the figures kept
        when each package came in; without the records behind them, which figure_refs reads
        for the one figure asked about."""
        self.update_township_figures()
        return combine(self._store.branch_years(year))

    def export_township_workbook(
        self, target: Path, year: int, layouts=None, progress: Progress | None = None
    ) -> list[str]:
        """The 年度台账 of every branch held, each sheet with a 支部 column (every package is
        restored for its records: the long part, reported to progress)."""
        from partybook.export.township import TownshipBook, write_township_workbook

        parts = self._each_branch(lambda b: b.year_book(year), progress)
        if not parts:
            raise PartyBookError("汇总库里还没有任何支部的数据包，请先导入数据包。")
        figs = combined_figures([(name, y.data) for name, y in parts])
        t = TownshipBook(
            branch=self.township_branch(),
            year=year,
            parts=parts,
            figures=figs,
            paragraph=paragraph(year, figs, self.summary_who()),
            packages=self.township_branches(),
        )
        layouts = layouts or self.layouts()
        return write_township_workbook(Path(target), t, layouts, self.today())


def _checked(book, name: str):
    """The book's health report; a record that cannot even be read (a stage or reason no
    PartyBook knows) is a refusal too."""
    try:
        return book.check()
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


def _years_of(book) -> list[BranchYear]:
    """A branch book's figures of each of its years, as its clock stands."""
    return [branch_year(book.year_data(y)) for y in book.summary_years()]


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
