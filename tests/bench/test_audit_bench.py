"""Benchmark (run on purpose): what the audit triggers (store/audit.py) cost a bulk insert.

    python3 -m pytest tests/bench/test_audit_bench.py -q -s

The same 10 000 members and 300 000 attendance rows inserted with insert_many in one
transaction, once with the triggers writing the change log and once paused.
"""

from __future__ import annotations

import time

import scale
from _measure import report


def _insert(path, rows, pause: bool) -> float:
    from partybook.store import audit
    from partybook.store.records import AttendanceRecord, MeetingRecord, MemberRecord
    from partybook.store.store import Store

    store = Store.open(path)
    start = time.perf_counter()
    with store.atomic():
        if pause:
            audit.AuditPauseRecord.create()
        for model in (MemberRecord, MeetingRecord, AttendanceRecord):
            found = rows[model]
            fields = list(found[0])
            step = max(1, 900 // len(fields))
            for i in range(0, len(found), step):
                model.insert_many(found[i : i + step]).execute()
        if pause:
            audit.AuditPauseRecord.delete().execute()
    took = time.perf_counter() - start
    store.close()
    return took


def test_audit_triggers_on_bulk_inserts(tmp_path) -> None:
    from partybook.store.records import AttendanceRecord, MeetingRecord, MemberRecord

    rows = scale.branch_rows("测试党支部", seed=3, **scale.FULL_SIZE)
    named = {}
    for model in (MemberRecord, MeetingRecord, AttendanceRecord):
        by_column = {f.column_name: f.name for f in model._meta.sorted_fields}
        named[model] = [{by_column[k]: v for k, v in r.items()} for r in rows[model]]
    count = sum(len(v) for v in named.values())
    audited = _insert(tmp_path / "a.sqlite", named, pause=False)
    paused = _insert(tmp_path / "p.sqlite", named, pause=True)
    print()
    report(f"insert {count} rows, audited vs paused", audited, paused, None)
