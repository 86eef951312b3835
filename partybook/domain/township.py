"""A township collection (乡镇汇总库): the branch packages it holds, and their combined figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from partybook.domain.stats import Figure, Ref, YearData, figures


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


def combined_figures(branches: Sequence[tuple[str, YearData]]) -> list[Figure]:
    """The figures of several branches for one year: counts added, the attendance rate over
    all their meetings; each figure's records carry their branch, its note says each branch's
    figure."""
    per = [(name, {f.key: f for f in figures(d)}) for name, d in branches]
    order = _merged_order([list(figs) for _, figs in per])
    should = sum(m.should_attend for _, d in branches for m in d.meetings)
    present = sum(m.present for _, d in branches for m in d.meetings)
    out = []
    for key in order:
        mine = [(name, figs[key]) for name, figs in per if key in figs]
        first = mine[0][1]
        if first.unit == "%":
            value = round(present / should, 4) if should else 0
        else:
            value = sum(f.value for _, f in mine)
        refs = tuple(
            Ref(r.kind, r.id, f"{name}：{r.text}", r.on) for name, f in mine for r in f.refs
        )
        note = "；".join(f"{name} {f.text}" for name, f in mine) if len(branches) > 1 else ""
        out.append(replace(first, value=value, refs=refs, note=note))
    return out


def township_who(name: str, count: int) -> str:
    """How the draft paragraph names a township's branches together."""
    return f"{name}所汇总的{count}个党支部" if name else f"所汇总的{count}个党支部"
