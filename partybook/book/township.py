"""The township collection (乡镇汇总库): the branch packages it holds and their figures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from partybook.book.changes import Change
from partybook.book.core import Core
from partybook.book.layouts import Layouts
from partybook.domain.errors import PartyBookError
from partybook.domain.members import Branch
from partybook.domain.progress import Progress, tick
from partybook.domain.stats import Figure, Ref, paragraph
from partybook.domain.township import (
    FIGURES_VERSION,
    BranchPackage,
    BranchYear,
    as_of,
    branch_year,
    combine,
    combined_figures,
    shared_people,
    township_who,
)
from partybook.store import township as township_store
from partybook.store.package import parse_package

T = TypeVar("T")
KIND_KEY, TOWNSHIP = "book.kind", "township"
TOWNSHIP_NAME_KEY = "township.name"

# Makes a Book over another store (a branch package opened in a temporary folder) with its own
# clock: the managers never import the Book itself.
BookMaker = Callable[..., object]


def years_of(book) -> list[BranchYear]:
    """A branch book's figures of each of its years, as its clock stands."""
    return [branch_year(book.summary.year_data(y)) for y in book.summary.years()]


class Township:
    """book.township: is this book a township collection, and what its branches add up to."""

    def __init__(self, core: Core, layouts: Layouts, make_book: BookMaker) -> None:
        self._core = core
        self._layouts = layouts
        self._make_book = make_book

    def is_collection(self) -> bool:
        return self._core.settings().get(KIND_KEY) == TOWNSHIP

    def name(self) -> str:
        return self._core.settings().get(TOWNSHIP_NAME_KEY, "")

    def branches(self) -> list[BranchPackage]:
        return township_store.branch_packages()

    def branch(self) -> Branch:
        """The township as the workbook's header names it."""
        name = self.name()
        return Branch(name=name, committee=name)

    def who(self) -> str:
        """Who the year's draft paragraph speaks of: the township's branches, or the branch."""
        if self.is_collection():
            return township_who(self.name(), len(self.branches()))
        return self._core.branch().name

    def keep(
        self,
        package,
        imported_at,
        settings: dict[str, str],
        years: list[BranchYear],
        *,
        name: str | None = None,
        replacing: str | None = None,
    ) -> None:
        """Keep a branch's package (under name: its normalised name) and the figures computed
        from it, in one transaction; replacing: the name it was held under before (renamed)."""
        name = name or package.branch_name
        with self._core.writing(Change.everything()):
            if replacing and replacing != name:
                township_store.remove_branch_package(replacing)
            township_store.save_branch_package(package, imported_at, name)
            township_store.save_branch_years(name, years)
            self._core.store.put_settings(settings)

    def _each_branch(
        self, work: Callable[[object], T], progress: Progress | None = None, only=None
    ) -> list[tuple[str, T]]:
        """Open each held package (or those named in only) as a book in a temporary folder,
        its clock at the moment its figures are taken (as_of), and run work on it."""
        out = []
        store = self._core.store
        held = [p for p in self.branches() if only is None or p.branch in only]
        for info in tick(held, len(held), progress):
            raw = township_store.package_bytes(info.branch)
            package = parse_package(raw, info.branch, held=True)
            when = as_of(info.created_at, info.imported_at or self._core.clock())
            with store.scratch() as scratch:
                scratch.load_package(package)
                out.append((info.branch, work(self._make_book(scratch, lambda when=when: when))))
        return out

    def figures_missing(self) -> int:
        """How many branches have no figures kept (or kept by an older PartyBook)."""
        versions = township_store.branch_year_versions()
        return sum(1 for v in versions.values() if v != {FIGURES_VERSION})

    def update_figures(self, progress: Progress | None = None) -> int:
        """Compute the figures of branches that have none kept (a collection made by an older
        PartyBook, or figures counted differently since): restores only those packages.
        Returns how many branches were computed; nothing is written if cancelled."""
        versions = township_store.branch_year_versions()
        stale = {b for b, v in versions.items() if v != {FIGURES_VERSION}}
        if not stale:
            return 0
        found = self._each_branch(years_of, progress, only=stale)
        with self._core.writing(Change.TOWNSHIP):
            for branch, years in found:
                township_store.save_branch_years(branch, years)
        return len(found)

    def years(self) -> list[int]:
        self.update_figures()
        return sorted({self._core.today().year} | township_store.kept_years(), reverse=True)

    def figures(self, year: int) -> list[Figure]:
        """The branches' figures of the year together (counts added), from the figures kept
        when each package came in; without the records behind them, which figure_refs reads
        for the one figure asked about. A person on two branches' rosters (one 身份证号)
        counts once, in the branch that holds them first."""
        self.update_figures()
        twice: dict[str, int] = {}
        dropped = self._counted_elsewhere()
        if dropped:
            for key, people in township_store.member_refs(year).items():
                n = sum(1 for p in people if p in dropped)
                if n:
                    twice[key] = n
        return combine(township_store.branch_years(year), twice)

    def figure_refs(self, year: int, key: str) -> tuple[Ref, ...]:
        dropped = self._counted_elsewhere()
        refs = township_store.figure_refs(year, key)
        if not dropped:
            return refs
        return tuple(r for r in refs if r.kind != "member" or (r.branch, r.id) not in dropped)

    # people on two rosters ------------------------------------------------------------
    def _rosters(self) -> list[tuple[str, dict[str, tuple[int, str]]]]:
        """Each held branch's active people with an ID number, read from its package."""

        def read():
            out = []
            for info in self.branches():
                raw = township_store.package_bytes(info.branch) or b""
                out.append((info.branch, township_store.people_in(raw)))
            return out

        return self._core.kept(("township.rosters",), read)

    def shared_people(self) -> dict[str, list[tuple[str, int, str]]]:
        """身份证号 on the active rosters of two or more branches (see domain.township)."""
        return shared_people(self._rosters())

    def _counted_elsewhere(self) -> set[tuple[str, int]]:
        """(branch, member id) of the people another branch holds first."""
        return {(b, i) for held in self.shared_people().values() for b, i, _ in held[1:]}

    def warnings(self) -> list[str]:
        """Each person held by two branches, and where the township counts them."""
        return [
            f"公民身份号码 {number}（{held[0][2]}）同时在"
            + "、".join(f"“{b}”" for b, _, _ in held)
            + f"的名册上：汇总时只计一次，计入“{held[0][0]}”。请核实此人的组织关系在哪个支部。"
            for number, held in self.shared_people().items()
        ]

    def remove(self, branch: str) -> Path:
        """Take a branch out of the collection (a school merged or closed), after a backup;
        returns the backup's path."""
        if branch not in {p.branch for p in self.branches()}:
            raise PartyBookError(f"汇总库里没有“{branch}”的数据包，没有删除任何内容。")
        saved = self._core.backup("删除支部前")
        with self._core.writing(Change.everything()):
            township_store.remove_branch_package(branch)
        return saved

    def export_workbook(
        self, target: Path, year: int, layouts=None, progress: Progress | None = None
    ) -> list[str]:
        """The 年度台账 of every branch held, each sheet with a 支部 column (every package is
        restored for its records: the long part, reported to progress)."""
        from partybook.export.township import TownshipBook, write_township_workbook

        parts = self._each_branch(lambda b: b.summary.year_book(year), progress)
        if not parts:
            raise PartyBookError("汇总库里还没有任何支部的数据包，请先导入数据包。")
        figs = combined_figures([(name, y.data) for name, y in parts])
        t = TownshipBook(
            branch=self.branch(),
            year=year,
            parts=parts,
            figures=figs,
            paragraph=paragraph(year, figs, self.who()),
            packages=self.branches(),
        )
        layouts = layouts or self._layouts.current()
        return write_township_workbook(Path(target), t, layouts, self._core.today())
