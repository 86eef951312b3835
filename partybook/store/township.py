"""A township collection's stored branch packages: one validated zip per branch."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from partybook.domain.township import BranchPackage
from partybook.store.package import Package
from partybook.store.records import BranchPackageRecord


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


def save_branch_package(package: Package, imported_at: datetime) -> None:
    """Store a package under its branch, replacing the one held (the caller asked to)."""
    row = dict(
        branch=package.branch_name,
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


def remove_branch_package(branch: str) -> int:
    return BranchPackageRecord.delete().where(BranchPackageRecord.branch == branch).execute()
