"""A township collection (乡镇汇总库): the branch packages it holds, and their combined figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from partybook.domain.stats import Figure, Ref, YearData, figures

# Bump when domain/stats.py changes what a figure counts: a township collection's figures
# kept from an older PartyBook are then computed again from the stored packages.
FIGURES_VERSION = 1


@dataclass(frozen=True)
class BranchPackage:
    """One branch's package as the township holds it: who, when, how much."""

    branch: str
    school: str = ""
    committee: str = ""
    scope: str = "全部"  # 全部, or the year (2026年) of a year package
    created_at: datetime | None = None  # when the branch exported it
    imported_at: datetime | None = None
    counts: Mapping[str, int] = field(default_factory=dict)  # rows per table

    @property
    def people(self) -> int:
        return self.counts.get("member", 0)

    @property
    def meetings(self) -> int:
        return self.counts.get("meeting", 0)


def _merged_order(lists: Sequence[Sequence[str]]) -> list[str]:
    """Keys of several lists in one order that keeps each list's order (figures a branch
    lacks, such as a leaving reason nobody else had, sit where that branch has them)."""
    out: list[str] = []
    for keys in lists:
        at = 0
        for key in keys:
            if key in out:
                at = out.index(key) + 1
            else:
                out.insert(at, key)
                at += 1
    return out


@dataclass(frozen=True)
class BranchYear:
    """One branch's figures of one year, as a township combines them: computed once, when
    the branch's package is put into the collection, and kept there."""

    year: int
    as_of: date  # the figures run to min(31 December, this day)
    figures: tuple[Figure, ...]
    should_attend: int  # over the year's meetings, for the combined attendance rate
    present: int
    version: int = FIGURES_VERSION


def branch_year(d: YearData) -> BranchYear:
    return BranchYear(
        d.year,
        d.today,
        tuple(figures(d)),
        sum(m.should_attend for m in d.meetings),
        sum(m.present for m in d.meetings),
    )


def as_of(exported: datetime | None, imported: datetime) -> datetime:
    """The moment a branch's figures are taken at: when it exported its package (its records
    end there), or when the package came in if that is earlier or unknown."""
    return min(exported, imported) if exported is not None else imported


def combined_figures(branches: Sequence[tuple[str, YearData]]) -> list[Figure]:
    """The figures of several branches for one year (see combine), from their records."""
    return combine([(name, branch_year(d)) for name, d in branches])


def combine(
    branches: Sequence[tuple[str, BranchYear]], counted_twice: Mapping[str, int] | None = None
) -> list[Figure]:
    """The figures of several branches for one year: counts added, the attendance rate over
    all their meetings; each figure's records carry their branch, its note says each branch's
    figure. counted_twice: per figure, the people another branch holds too (one 身份证号 on
    two rosters), taken off so a person counts once."""
    per = [(name, {f.key: f for f in b.figures}) for name, b in branches]
    order = _merged_order([list(figs) for _, figs in per])
    should = sum(b.should_attend for _, b in branches)
    present = sum(b.present for _, b in branches)
    out = []
    for key in order:
        mine = [(name, figs[key]) for name, figs in per if key in figs]
        first = mine[0][1]
        if first.unit == "%":
            value = round(present / should, 4) if should else 0
        else:
            value = sum(f.value for _, f in mine) - (counted_twice or {}).get(key, 0)
        refs = tuple(Ref(r.kind, r.id, r.text, r.on, name) for name, f in mine for r in f.refs)
        note = "；".join(f"{name} {f.text}" for name, f in mine) if len(branches) > 1 else ""
        twice = (counted_twice or {}).get(key, 0)
        if twice:
            note += f"（{twice} 人同时在两个支部的名册上，只计一次）"
        out.append(replace(first, value=value, refs=refs, note=note))
    return out


def shared_people(
    rosters: Sequence[tuple[str, Mapping[str, tuple[int, str]]]],
) -> dict[str, list[tuple[str, int, str]]]:
    """身份证号 on the active rosters of more than one branch: number → [(branch, member id,
    name)], the branch that holds the person first (the order of rosters), then the others."""
    seen: dict[str, list[tuple[str, int, str]]] = {}
    for branch, people in rosters:
        for number, (ident, name) in people.items():
            seen.setdefault(number, []).append((branch, ident, name))
    return {n: held for n, held in seen.items() if len(held) > 1}


def township_who(name: str, count: int) -> str:
    """How the draft paragraph names a township's branches together."""
    return f"{name}所汇总的{count}个党支部" if name else f"所汇总的{count}个党支部"
