"""A township collection's stored branch packages: one validated zip per branch."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date, datetime

from partybook.domain.stats import Figure, Ref
from partybook.domain.township import BranchPackage, BranchYear
from partybook.store.package import Package
from partybook.store.records import BranchFiguresRecord, BranchPackageRecord


def _when(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _to_info(rec: BranchPackageRecord) -> BranchPackage:
    try:
        tables = json.loads(rec.manifest).get("tables", {})
    except ValueError:
        tables = {}
    return BranchPackage(
        branch=rec.branch,
        school=rec.school,
        committee=rec.committee,
        scope=rec.scope,
        created_at=_when(rec.created_at),
        imported_at=_when(rec.imported_at),
        counts={name: int(entry.get("rows", 0)) for name, entry in tables.items()},
    )


def branch_packages() -> list[BranchPackage]:
    query = BranchPackageRecord.select(
        BranchPackageRecord.branch,
        BranchPackageRecord.school,
        BranchPackageRecord.committee,
        BranchPackageRecord.scope,
        BranchPackageRecord.created_at,
        BranchPackageRecord.imported_at,
        BranchPackageRecord.manifest,
    ).order_by(BranchPackageRecord.branch)
    return [_to_info(rec) for rec in query]


def package_bytes(branch: str) -> bytes | None:
    rec = BranchPackageRecord.get_or_none(BranchPackageRecord.branch == branch)
    return bytes(rec.content) if rec is not None else None


def save_branch_package(package: Package, imported_at: datetime, name: str = "") -> None:
    """Store a package under its branch (name, else the manifest's), replacing the one held
    (the caller asked to)."""
    row = dict(
        branch=name or package.branch_name,
        school=str(package.branch.get("school") or ""),
        committee=str(package.branch.get("committee") or ""),
        scope=package.scope_text,
        created_at=str(package.manifest.get("created_at") or ""),
        imported_at=imported_at.replace(microsecond=0).isoformat(),
        manifest=json.dumps(package.manifest, ensure_ascii=False),
        sha256=hashlib.sha256(package.raw).hexdigest(),
        content=package.raw,
    )
    BranchPackageRecord.delete().where(BranchPackageRecord.branch == row["branch"]).execute()
    BranchPackageRecord.insert(**row).execute()


def branch_ids() -> dict[str, str]:
    """The stable id each held branch's package carries (its book's `branch.id`), by name;
    "" for a package from a PartyBook that had none."""
    out = {}
    query = BranchPackageRecord.select(BranchPackageRecord.branch, BranchPackageRecord.manifest)
    for name, manifest in query.tuples():
        try:
            found = json.loads(manifest).get("branch", {}).get("id", "")
        except (ValueError, AttributeError):
            found = ""
        out[name] = found if isinstance(found, str) else ""
    return out


def people_in(raw: bytes) -> dict[str, tuple[int, str]]:
    """people_of a package held (checked when it came in), reading only its roster."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            content = json.loads(zf.read("tables/member.json").decode("utf-8"))
        return _people(content["columns"], content["rows"])
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile):
        return {}


def _people(columns: list, rows: list) -> dict[str, tuple[int, str]]:
    at = {c: i for i, c in enumerate(columns)}
    if not {"id", "name", "id_number", "left_on"} <= set(at):
        return {}
    out = {}
    for row in rows:
        number = str(row[at["id_number"]] or "").strip().upper()
        if (
            number
            and row[at["left_on"]] is None
            and ("left_reason" not in at or row[at["left_reason"]] is None)
        ):
            out.setdefault(number, (row[at["id"]], str(row[at["name"]])))
    return out


def member_refs(year: int) -> dict[str, list[tuple[str, int]]]:
    """For each kept figure of the year that counts people one by one (unit 名, one member
    record per person counted): the (branch, member id) of each person counted."""
    out: dict[str, list[tuple[str, int]]] = {}
    columns = (BranchFiguresRecord.branch, BranchFiguresRecord.figures)
    for branch, figures in _held_years(year, *columns).tuples().iterator():
        for d in json.loads(figures):
            refs = d["refs"]
            if d["unit"] == "名" and refs and all(r[0] == "member" for r in refs):
                if d["value"] == len(refs):
                    out.setdefault(d["key"], []).extend((branch, r[1]) for r in refs)
    return out


def remove_branch_package(branch: str) -> int:
    BranchFiguresRecord.delete().where(BranchFiguresRecord.branch == branch).execute()
    return BranchPackageRecord.delete().where(BranchPackageRecord.branch == branch).execute()


# the figures computed from each package ----------------------------------------------
def _ref_json(r: Ref) -> list:
    return [r.kind, r.id, r.text, r.on.isoformat() if r.on else None]


def _figure_json(f: Figure) -> dict:
    return {
        "key": f.key,
        "group": f.group,
        "label": f.label,
        "value": f.value,
        "unit": f.unit,
        "note": f.note,
        "refs": [_ref_json(r) for r in f.refs],
    }


def _to_figure(d: dict) -> Figure:
    """A kept figure from its JSON, without its records (figure_refs reads those): 30
    branches' figures of a year hold about 100 000 records, 12 MB once read."""
    return Figure(d["key"], d["group"], d["label"], d["value"], d["unit"], (), d["note"])


def _to_refs(d: dict, branch: str, kinds: dict[str, str], days: dict[str, date]) -> list[Ref]:
    """A kept figure's records, each carrying its branch. `kinds` and `days`, shared by one
    read, make the values that repeat one object each (JSON gives every string its own)."""
    return [
        Ref(kinds.setdefault(kind, kind), ident, text, _day(on, days) if on else None, branch)
        for kind, ident, text, on in d["refs"]
    ]


def _day(text: str, days: dict[str, date]) -> date:
    found = days.get(text)
    if found is None:
        found = days[text] = date.fromisoformat(text)
    return found


def save_branch_years(branch: str, years: list[BranchYear]) -> None:
    """Replace the figures kept for a branch; call inside the transaction storing its package."""
    BranchFiguresRecord.delete().where(BranchFiguresRecord.branch == branch).execute()
    rows = [
        dict(
            branch=branch,
            year=y.year,
            version=y.version,
            as_of=y.as_of,
            should_attend=y.should_attend,
            present=y.present,
            figures=json.dumps([_figure_json(f) for f in y.figures], ensure_ascii=False),
        )
        for y in years
    ]
    if rows:
        BranchFiguresRecord.insert_many(rows).execute()


def branch_year_versions() -> dict[str, set[int]]:
    """Per branch held, the versions of the figures kept for it (empty: none kept)."""
    out: dict[str, set[int]] = {
        b: set() for (b,) in BranchPackageRecord.select(BranchPackageRecord.branch).tuples()
    }
    query = BranchFiguresRecord.select(BranchFiguresRecord.branch, BranchFiguresRecord.version)
    for branch, version in query.distinct().tuples():
        if branch in out:
            out[branch].add(version)
    return out


def kept_years() -> set[int]:
    query = BranchFiguresRecord.select(BranchFiguresRecord.year).distinct()
    return {y for (y,) in query.tuples()}


def _held_years(year: int, *columns):
    """The kept figures' rows of the year for the branches held, by branch name."""
    held = BranchPackageRecord.select(BranchPackageRecord.branch)
    return (
        BranchFiguresRecord.select(*columns)
        .where((BranchFiguresRecord.year == year) & BranchFiguresRecord.branch.in_(held))
        .order_by(BranchFiguresRecord.branch)
    )


def branch_years(year: int) -> list[tuple[str, BranchYear]]:
    """The kept figures of every branch for one year, by branch name, without the records
    behind them (figure_refs)."""
    return [
        (
            rec.branch,
            BranchYear(
                rec.year,
                rec.as_of,
                tuple(_to_figure(d) for d in json.loads(rec.figures)),
                rec.should_attend,
                rec.present,
                rec.version,
            ),
        )
        for rec in _held_years(year).iterator()
    ]


def figure_refs(year: int, key: str) -> tuple[Ref, ...]:
    """The records behind one kept figure of the year, every branch's in turn (by branch
    name, each in its own order, as the combined figure lists them)."""
    kinds: dict[str, str] = {}
    days: dict[str, date] = {}
    refs: list[Ref] = []
    columns = (BranchFiguresRecord.branch, BranchFiguresRecord.figures)
    for branch, figures in _held_years(year, *columns).tuples().iterator():
        for d in json.loads(figures):
            if d["key"] == key:
                refs.extend(_to_refs(d, branch, kinds, days))
    return tuple(refs)
