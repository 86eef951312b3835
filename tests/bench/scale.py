"""Scale data for the benchmarks (issue 10): a township-sized book and a township collection.

- `big_book()`: ONE branch book holding a whole township's worth of records in one file —
  10 000 people, 8 000 meetings, 300 000 attendance rows, 5 000 study sessions, five years
  (2022–2026) of appraisals — for the per-tab, workbook and memory benchmarks.
- `township_packages()`: 30 branch data packages of about a thirtieth of that each, and
  `township_book()`: a township collection (乡镇汇总库) with the 30 of them imported.

Rows are made here as plain data and written through the store layer the way a data package is
restored (`Store.load_package`: `insert_many` in one transaction, audit triggers paused, since
the rows are copied in rather than typed in). So the generated books have an empty change log;
the cost of the audit triggers on bulk inserts is measured on its own (test_audit_bench.py).

Generated files are cached in tests/bench/.cache/ (git-ignored), keyed by SCALE_VERSION and the
schema version; delete the folder (or set PARTYBOOK_BENCH_FRESH=1) to build them again.
"""

from __future__ import annotations

import os
import random
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from partybook.domain.appraisal import participants
from partybook.domain.dues import Category, monthly_fen
from partybook.domain.idcard import make_id_number
from partybook.domain.meetings import MeetingKind, Presence
from partybook.domain.members import Stage
from partybook.store import schema
from partybook.store.package import Package, _encode, _fields, _table, write_package
from partybook.store.records import (
    MODELS,
    AppraisalEntryRecord,
    AppraisalRecord,
    AttendanceRecord,
    DuesBaseRecord,
    DuesPaymentRecord,
    EventRecord,
    MeetingRecord,
    MemberRecord,
    PartyGroupRecord,
    SettingRecord,
    StudyParticipantRecord,
    StudyRecord,
    TalkRecord,
    TransferRecord,
)

# 3: dues, party groups, the committee, talks and transfers (issue 11)
# 4: this year's appraisal round (begun, nothing counted) has an entry for everyone taking
#    part, as the program saves it (v3 saved the round with no entries, a state never written)
# 5: a personal study has its member as its one participant and a receipt back has its day, as
#    the program saves them (check names one without: issue 22, the forms' rules over records)
SCALE_VERSION = 5
CACHE = Path(__file__).resolve().parent / ".cache"
NOW = datetime(2026, 11, 22, 9, 30)  # the benchmarks' fixed "now", as in tests/conftest.py
YEARS = range(2022, 2027)
FULL_SIZE = dict(members=10_000, meetings=8_000, attendance=300_000, study=5_000)
BRANCHES = 30

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "建国志强秀英丽华文斌晓燕德明小红伟桂兰永红敏晓东婷浩佳涛雪磊颖俊杰玉华海军平芳静"
GROUPS = 12  # party groups of a branch (the big book: 30 schools × groups, named by school)
KINDS = list(MeetingKind)
POSTS = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")
FORMS = ["集中学习", "专题研讨", "线上学习", "个人自学"]


def _cache_dir() -> Path:
    folder = CACHE / f"v{SCALE_VERSION}-schema{schema.CURRENT_VERSION}"
    if os.environ.get("PARTYBOOK_BENCH_FRESH") == "1" and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _name(rnd: random.Random) -> str:
    return rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2)))


def _as_tables(rows: dict[type, list[dict]]) -> dict[str, tuple[list[str], list[list]]]:
    """Rows keyed by column name → a package's tables (columns, JSON values), every table."""
    out = {}
    for model in MODELS:
        fields = _fields(model)
        found = rows.get(model, [])
        columns = [f.column_name for f in fields]
        defaults = {
            f.column_name: (f.default() if callable(f.default) else f.default) for f in fields
        }
        out[_table(model)] = (
            columns,
            [[_encode(r.get(c, defaults[c])) for c in columns] for r in found],
        )
    return out


def branch_rows(
    name: str,
    *,
    members: int,
    meetings: int,
    attendance: int,
    study: int,
    seed: int = 10,
    school_groups: int = 1,
) -> dict[type, list[dict]]:
    """One branch's records (column name → value), dates in 2022–2026 before NOW."""
    rnd = random.Random(seed)
    today = NOW.date()
    out: dict[type, list[dict]] = {m: [] for m in MODELS}
    school = name.removesuffix("党支部")
    out[SettingRecord] = [
        {"key": "branch.name", "value": name},
        {"key": "branch.committee", "value": "中共青山镇委员会"},
        {"key": "branch.school", "value": school},
        {"key": "branch.secretary", "value": _name(rnd)},
    ]
    groups = [
        f"第{s + 1}校区第{g + 1}党小组" if school_groups > 1 else f"第{g + 1}党小组"
        for s in range(school_groups)
        for g in range(GROUPS)
    ]
    by_group: dict[str, list[int]] = {g: [] for g in groups}
    full: list[int] = []
    event_id = 0
    for i in range(1, members + 1):
        sex = "男" if rnd.random() < 0.45 else "女"
        birth = date(1960, 1, 1) + timedelta(days=(i * 37 + seed) % 15000)
        roll = rnd.random()
        stage = (
            Stage.FULL
            if roll < 0.84
            else Stage.PROBATIONARY
            if roll < 0.88
            else Stage.CANDIDATE
            if roll < 0.92
            else Stage.ACTIVIST
            if roll < 0.96
            else Stage.APPLICANT
        )
        joined = full_on = None
        if stage.is_member:
            joined = date(birth.year + 25, 1, 1) + timedelta(days=rnd.randint(0, 6000))
            if stage is Stage.PROBATIONARY:
                joined = today - timedelta(days=rnd.randint(30, 330))
            else:
                joined = min(joined, today - timedelta(days=400))
                full_on = joined + timedelta(days=365)
        group = groups[i % len(groups)] if stage.is_member else ""
        left = rnd.random() < 0.02
        post = POSTS[i - 1] if i <= len(POSTS) else ""  # the first five: the branch committee
        out[MemberRecord].append(
            {
                "id": i,
                "name": _name(rnd),
                "stage": stage.value,
                "sex": sex,
                "ethnicity": "汉族" if i % 9 else "苗族",
                "birth_date": birth,
                "id_number": make_id_number("430521", birth, i % 500, sex),
                "education": rnd.choice(["大学本科", "大学专科", "中专", "研究生"]),
                "native_place": "湖南邵东",
                "work_start": date(birth.year + 21, 9, 1),
                "joined_on": joined,
                "full_on": full_on,
                "position": f"{school}教师",
                "phone": f"139{rnd.randint(10000000, 99999999)}",
                "party_group": group,
                "party_post": post,
                "left_on": today - timedelta(days=rnd.randint(1, 900)) if left else None,
                "left_reason": "转出" if left else None,
            }
        )
        if left:
            continue
        if stage.is_member:
            by_group[group].append(i)
            if stage is Stage.FULL:
                full.append(i)
        if stage is not Stage.FULL:  # a path: the first steps, dated before today
            start = today - timedelta(days=rnd.randint(200, 1400))
            for step in range(1, {Stage.APPLICANT: 2, Stage.ACTIVIST: 5}.get(stage, 8)):
                event_id += 1
                out[EventRecord].append(
                    {
                        "id": event_id,
                        "member_id": i,
                        "kind": "step",
                        "step": step,
                        "on": min(start + timedelta(days=25 * step), today),
                    }
                )
    out[PartyGroupRecord] = [
        {"id": n, "name": g, "leader_id": ids[0] if ids else None}
        for n, (g, ids) in enumerate(by_group.items(), start=1)
    ]
    _dues(out, rnd, [i for ids in by_group.values() for i in ids], today)
    _talks_and_transfers(out, rnd, [i for ids in by_group.values() for i in ids], today)
    span = (today - date(YEARS[0], 1, 1)).days
    each = max(1, attendance // max(1, meetings))
    attendance_id = 0
    meeting_days: dict[int, date] = {}
    for m in range(1, meetings + 1):
        on = date(YEARS[0], 1, 1) + timedelta(days=m * span // (meetings + 1))
        kind = KINDS[m % len(KINDS)]
        group = groups[m % len(groups)] if kind is MeetingKind.GROUP else ""
        meeting_days[m] = on
        out[MeetingRecord].append(
            {
                "id": m,
                "kind": kind.value,
                "on": on,
                "start": "14:30",
                "end": "16:00",
                "place": "会议室",
                "host": _name(rnd),
                "recorder": _name(rnd),
                "party_group": group,
                "agenda": "学习传达上级精神；研究支部工作。",
                "content": "会议学习了有关文件精神，讨论了本学期党建工作安排。" * 3,
                "topic": "学习贯彻党的二十大精神" if kind is MeetingKind.LECTURE else "",
            }
        )
        pool = by_group[group] if group else by_group[groups[m % len(groups)]]
        for member_id in rnd.sample(pool, min(each, len(pool))):
            attendance_id += 1
            r = rnd.random()
            presence = (
                Presence.PRESENT if r < 0.9 else Presence.LEAVE if r < 0.97 else Presence.ABSENT
            )
            out[AttendanceRecord].append(
                {
                    "id": attendance_id,
                    "meeting_id": m,
                    "member_id": member_id,
                    "presence": presence.value,
                    "reason": "外出培训" if presence is Presence.LEAVE else "",
                }
            )
    participant_id = 0
    everyone = [i for ids in by_group.values() for i in ids]
    for s in range(1, study + 1):
        on = date(YEARS[0], 1, 1) + timedelta(days=s * span // (study + 1))
        personal = s % 5 == 0
        out[StudyRecord].append(
            {
                "id": s,
                "on": on,
                "topic": f"学习专题{s % 40 + 1}",
                "form": FORMS[3] if personal else FORMS[s % 3],
                "hours": float(1 + s % 4),
                "presenter": "" if personal else _name(rnd),
                "place": "" if personal else "会议室",
                "member_id": rnd.choice(everyone) if personal else None,
            }
        )
        if personal:  # the program keeps its member as its one participant
            participant_id += 1
            member_id = out[StudyRecord][-1]["member_id"]
            out[StudyParticipantRecord].append(
                {"id": participant_id, "study_id": s, "member_id": member_id}
            )
        else:
            for member_id in rnd.sample(everyone, min(20, len(everyone))):
                participant_id += 1
                out[StudyParticipantRecord].append(
                    {"id": participant_id, "study_id": s, "member_id": member_id}
                )
    entry_id = 0
    begun = _taking_part(out[MemberRecord], date(today.year, 12, 31))
    for n, year in enumerate(YEARS, start=1):
        done = year < today.year
        steps = {
            "学习教育": [f"{year}-11-05", ""],
            "自评": [f"{year}-11-20", ""] if done else [None, ""],
        }
        out[AppraisalRecord].append(
            {
                "id": n,
                "year": year,
                "on": date(year, 12, 10) if done else None,
                "handed_out": len(full),
                "returned": len(full) if done else 0,
                "steps": __import__("json").dumps(steps, ensure_ascii=False),
            }
        )
        if not done:  # begun, nothing counted: an entry for everyone taking part, as saved
            for member_id in begun:
                entry_id += 1
                out[AppraisalEntryRecord].append(
                    {"id": entry_id, "appraisal_id": n, "member_id": member_id}
                )
            continue
        for member_id in full:
            entry_id += 1
            good = rnd.randint(0, 20)
            out[AppraisalEntryRecord].append(
                {
                    "id": entry_id,
                    "appraisal_id": n,
                    "member_id": member_id,
                    "excellent": good,
                    "qualified": 20 - good,
                    "score": 80.0 + good,
                    "grade": "优秀" if good > 17 else "合格",
                }
            )
    return out


def _taking_part(members: list[dict], on: date) -> list[int]:
    """Who a round held on `on` lists, graded first (as Book.appraisal() lists a new round),
    decided by the domain's own rule."""
    people = [
        SimpleNamespace(
            id=r["id"],
            stage=Stage(r["stage"]),
            joined_on=r["joined_on"],
            full_on=r["full_on"],
            left_on=r["left_on"],
        )
        for r in members
    ]
    graded, ungraded = participants(people, on)
    return [m.id for m in (*graded, *ungraded)]


def _dues(out, rnd: random.Random, members: list[int], today: date) -> None:
    """Last year's and this year's dues: a base for every member (a tenth of them retired), last
    year paid in full, this year paid up to last month except for one member in twenty."""
    base_id = payment_id = 0
    for member_id in members:
        category = Category.RETIRED if member_id % 10 == 0 else Category.EMPLOYED
        base = rnd.randint(250_000, 800_000)  # 2 500–8 000 元 a month, in fen
        fen = monthly_fen(category, base)
        behind = member_id % 20 == 0
        for year in (today.year - 1, today.year):
            base_id += 1
            out[DuesBaseRecord].append(
                {
                    "id": base_id,
                    "member_id": member_id,
                    "year": year,
                    "from_month": 1,
                    "category": category.value,
                    "base_fen": base,
                    "set_on": date(year, 1, 10),
                }
            )
            last = 12 if year < today.year else today.month - (4 if behind else 1)
            for month in range(1, last + 1):
                payment_id += 1
                out[DuesPaymentRecord].append(
                    {
                        "id": payment_id,
                        "member_id": member_id,
                        "year": year,
                        "month": month,
                        "amount_fen": fen,
                        "paid_on": date(year, month, 15),
                    }
                )


def _talks_and_transfers(out, rnd: random.Random, members: list[int], today: date) -> None:
    """The committee's talks of this year (about half of what they owe) and a few transfers."""
    talk_id = 0
    for first in range(1, len(POSTS) + 1):
        for second in rnd.sample(members, min(len(members) // 2, 4000)):
            if second == first:
                continue
            talk_id += 1
            out[TalkRecord].append(
                {
                    "id": talk_id,
                    "on": today - timedelta(days=rnd.randint(1, 300)),
                    "first_id": first,
                    "second_id": second,
                    "topic": "思想、工作和学习情况",
                }
            )
    for n in range(1, max(2, len(members) // 200) + 1):
        on = today - timedelta(days=rnd.randint(10, 500))
        out[TransferRecord].append(
            {
                "id": n,
                "direction": "转出" if n % 2 else "转入",
                "on": on,
                "member_id": rnd.choice(members),
                "organisation": "县城关第二小学党支部",
                "receipt_back": n % 3 != 0,
                "receipt_on": on + timedelta(days=7) if n % 3 != 0 else None,
            }
        )


def _package(tables) -> Package:
    return Package({"branch": {}}, tables, b"")


def _write_book(path: Path, tables) -> Path:
    """Write the tables into a new book file through the store, in one transaction."""
    from partybook.store.store import Store

    tmp = path.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    store = Store.open(tmp)
    try:
        store.load_package(_package(tables))
    finally:
        store.close()
    tmp.replace(path)
    return path


def big_book() -> Path:
    """The township-sized single book (cached); copy it before writing to it."""
    path = _cache_dir() / "big.sqlite"
    if not path.exists():
        rows = branch_rows("青山镇全镇党支部", seed=1, school_groups=BRANCHES, **FULL_SIZE)
        _write_book(path, _as_tables(rows))
    return path


def branch_names() -> list[str]:
    return [f"青山镇第{n + 1:02d}小学党支部" for n in range(BRANCHES)]


def township_packages() -> list[Path]:
    """30 branch data packages, each about a thirtieth of the big book (cached)."""
    folder = _cache_dir() / "packages"
    folder.mkdir(exist_ok=True)
    out = []
    for n, name in enumerate(branch_names()):
        target = folder / f"{name}数据包.zip"
        if not target.exists():
            size = {k: v // BRANCHES for k, v in FULL_SIZE.items()}
            rows = branch_rows(name, seed=100 + n, **size)
            who = {"name": name, "committee": "中共青山镇委员会", "school": name[:-3]}
            write_package(target, _as_tables(rows), branch=who, year=None, created_at=NOW)
        out.append(target)
    return out


def township_book() -> Path:
    """A township collection holding the 30 packages (cached; copy before writing)."""
    from partybook.book import Book

    path = _cache_dir() / "township.sqlite"
    if not path.exists():
        packages = township_packages()
        tmp = path.with_suffix(".part")
        tmp.unlink(missing_ok=True)
        book = Book.open(tmp, clock=lambda: NOW, auto_backup=False)
        try:
            book.packages.import_file(packages[0], township=True)
            for p in packages[1:]:
                book.packages.import_file(p)
        finally:
            book.close(auto_backup=False)
        shutil.rmtree(tmp.parent / "backups", ignore_errors=True)
        tmp.replace(path)
    return path


def copy_of(source: Path, folder: Path) -> Path:
    """A writable copy of a cached book in folder."""
    target = Path(folder) / source.name
    shutil.copyfile(source, target)
    return target


def roster_xlsx(folder: Path, count: int = 10_000) -> Path:
    """A 10 000-row roster workbook as a township sends it (openpyxl write-only; cached)."""
    from openpyxl import Workbook

    path = _cache_dir() / f"roster-{count}-b.xlsx"  # -b: nobody made full after NOW
    if not path.exists():
        rnd = random.Random(5)
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("花名册")
        ws.append(
            [
                "序号",
                "姓名",
                "性别",
                "民族",
                "身份证号",
                "学历",
                "人员类别",
                "入党时间",
                "转正时间",
                "工作单位及职务",
                "联系电话",
                "党小组",
            ]
        )
        for i in range(1, count + 1):
            sex = "男" if i % 2 else "女"
            birth = date(1962, 1, 1) + timedelta(days=(i * 37) % 14000)
            joined = date(birth.year + 26, 3, 1) + timedelta(days=i % 300)
            joined = min(joined, date(NOW.year - 2, 3, 1) + timedelta(days=i % 300))
            ws.append(
                [
                    i,
                    _name(rnd),
                    sex,
                    "汉族",
                    make_id_number("430522", birth, i % 500, sex),
                    "大学本科",
                    "正式党员",
                    joined.isoformat(),
                    (joined + timedelta(days=365)).isoformat(),
                    "青山镇小学教师",
                    f"139{rnd.randint(10000000, 99999999)}",
                    f"第{i % 12 + 1}党小组",
                ]
            )
        wb.save(path)
    return path
