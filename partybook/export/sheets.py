"""Sheets written through layouts: each sheet's records as dicts keyed by field, and one
writer that turns a layout into columns, so every export and the year workbook share them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from openpyxl.worksheet.worksheet import Worksheet

from partybook.domain.dates import month_only
from partybook.domain.deadlines import STATE_WORDS, DueItem
from partybook.domain.meetings import Meeting, Presence
from partybook.domain.members import Member
from partybook.domain.opening import BEFORE_BOOK
from partybook.domain.pipeline import Path
from partybook.domain.privacy import mask_id_number, mask_phone
from partybook.domain.study import MemberHours, Session
from partybook.export.layouts import DATE_FORMATS, SPECS, SheetLayout
from partybook.export.xlsx_style import SheetColumn, write_table

Record = Mapping[str, object]
_MASKS = {"id_number": mask_id_number, "phone": mask_phone}


def columns(sheet: str, layout: SheetLayout) -> list[SheetColumn]:
    spec = SPECS[sheet]
    full, month = DATE_FORMATS[layout.date_format]
    out = []
    for key, header in layout.columns:
        f = spec.field(key)
        wide = f.kind == "date" and "年" in layout.date_format  # 2026年11月22日 needs room
        out.append(
            SheetColumn(
                header,
                f.width + (3 if wide else 0),
                date_format=full if f.kind == "date" else (month if f.kind == "month" else None),
                center=f.kind == "center",
                text=f.kind == "text",
            )
        )
    return out


def write_sheet(
    ws: Worksheet,
    sheet: str,
    layout: SheetLayout,
    title: str,
    subtitle: str | None,
    records: Iterable[Record],
    branch: str = "",
) -> int:
    """Write records (numbered from 1) under the layout's columns; returns the last row.

    The 支部 column shows a record's own "branch" (a township's workbook), else `branch`;
    a layout with mask_private hides the middle of ID and phone numbers.
    """
    masks = _MASKS if layout.mask_private else {}

    def value(n: int, r: Record, key: str) -> object:
        if key == "seq":
            return n
        if key == "branch":
            return r.get("branch", branch)
        return masks[key](r.get(key)) if key in masks else r.get(key)

    rows = [[value(n, r, key) for key, _ in layout.columns] for n, r in enumerate(records, start=1)]
    spec = SPECS[sheet]
    month = DATE_FORMATS[layout.date_format][1]
    rows = [[month_cell(v, month) for v in row] for row in rows]
    return write_table(ws, title, subtitle, columns(sheet, layout), rows, landscape=spec.landscape)


# A date known only to its month is written as text in the layout's month form (1995.07,
# 1995年7月, 199507): never a date cell with a made-up day, and read back as a month alone.
_MONTH_TEXTS = {"yyyy.mm": "{y}.{m:02d}", 'yyyy"年"m"月"': "{y}年{m}月", "yyyymm": "{y}{m:02d}"}


def month_cell(value: object, month: str) -> object:
    if not month_only(value):
        return value
    return _MONTH_TEXTS.get(month, "{y}.{m:02d}").format(y=value.year, m=value.month)


# records ------------------------------------------------------------------------------
def member_record(m: Member, note: str = "") -> dict[str, object]:
    return {
        "name": m.name,
        "sex": m.sex,
        "ethnicity": m.ethnicity,
        "birth": m.birth_date,
        "birth_date": m.birth_date,
        "native_place": m.native_place,
        "education": m.education,
        "work_start": m.work_start,
        "joined": m.joined_on,
        "full": m.full_on,
        "position": m.position,
        "id_number": m.id_number or None,
        "phone": m.phone or None,
        "address": m.address,
        "stage": m.stage.value,
        "post": m.party_post,
        "group": m.group,
        "notes": note,
    }


def _people(path: Path, step: int) -> str:
    event = path.step(step)
    return event.people if event else ""


def _next(due: Sequence[DueItem]) -> str:
    deadlines = [i for i in due if i.type == "deadline"]
    if not deadlines:
        return ""
    first = deadlines[0]
    return f"{first.title} {first.date}（{STATE_WORDS[first.state]}）"


def ledger_record(
    m: Member, path: Path, due: Sequence[DueItem], probation_end: date | None
) -> dict[str, object]:
    record = {
        "name": m.name,
        "sex": m.sex,
        "stage": m.stage.value,
        "birth_date": m.birth_date,
        "id_number": m.id_number or None,
        "education": m.education,
        "position": m.position,
        "mentors": _people(path, 5),
        "sponsors": _people(path, 9) or m.sponsors,  # the roster's, when step 9 is unrecorded
        "probation_end": probation_end,
        "next": _next(due),
        "exceptions": "；".join(f"{e.title}：{e.exception}" for e in path.events if e.exception),
    }
    seen = path.seen_as(m.stage)  # steps the stage proves, never recorded: 建账前未录入
    for step in (1, 2, 3, 7, 11, 15, 17, 20, 23):
        record[f"step{step}"] = path.on(step) or (BEFORE_BOOK if seen.unrecorded(step) else None)
    return record


def meeting_record(m: Meeting, title: str, names: Mapping[int, str]) -> dict[str, object]:
    away = "、".join(
        f"{names.get(a.member_id, '')}（{a.presence.value}）"
        for a in m.attendees
        if not a.excluded and a.presence is not Presence.PRESENT
    )
    return {
        "title": title,
        "kind": m.kind.value + ("（含主题党日）" if m.theme_day else ""),
        "date": m.on,
        "time": f"{m.start}–{m.end}" if m.start else "",
        "place": m.place,
        "host": m.host,
        "recorder": m.recorder,
        "should": m.should_attend,
        "present": m.present,
        "away": away,
        "observers": m.observers,
        "lecturer": m.lecturer,
        "topic": m.topic,
        "agenda": m.agenda,
        "resolutions": m.resolutions,
    }


def appraisal_record(row: Mapping[str, object]) -> dict[str, object]:
    """From Book.appraisal_rows."""
    return {
        "name": row["member"],
        "status": row["status"],
        "excellent": row["优秀"],
        "qualified": row["合格"],
        "basic": row["基本合格"],
        "unqualified": row["不合格"],
        "score": row["score"],
        "grade": row["grade"],
        "reason": row.get("reason", ""),
        "handling": row["handling"],
    }


def session_record(
    s: Session, names: Mapping[int, str], meeting_titles: Mapping[int, str]
) -> dict[str, object]:
    return {
        "date": s.on,
        "topic": s.topic,
        "form": s.form + ("（个人）" if s.personal else ""),
        "materials": s.materials,
        "presenter": s.presenter,
        "place": s.place,
        "hours": s.hours,
        "count": len(s.participants),
        "people": "、".join(names.get(i, "") for i in s.participants),
        "guests": s.guests,
        "meeting": meeting_titles.get(s.meeting_id, "") if s.meeting_id else "",
        "notes": s.notes,
    }


def hours_state(row: MemberHours, year: int, on: date) -> str:
    if row.met:
        return "已完成"
    missing = f"差 {row.requirement - row.hours:.1f}"
    if not row.member.active and row.member.left_on and row.member.left_on <= on:
        return f"离开前未完成（{missing}）"
    if year < on.year:
        return f"未完成（{missing}）"
    if row.behind:
        return f"落后进度（差 {row.shortfall:.1f}）"
    return "按进度"


def hours_record(r: MemberHours, year: int, on: date) -> dict[str, object]:
    return {
        "name": r.member.name,
        "post": r.member.party_post,
        "status": r.member.status_text,
        "sessions": r.sessions,
        "personal": r.personal_hours,
        "opening": r.opening_hours or None,  # 建账前 (期初数据), counted in 合计
        "hours": r.hours,
        "requirement": r.requirement,
        "state": hours_state(r, year, on),
    }
