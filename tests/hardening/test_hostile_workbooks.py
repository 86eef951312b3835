"""Hostile workbooks (issue 22, points 7–9): huge sparse ranges, colspans, million-row CSVs are
refused quickly with the sheet and size named; a hidden sheet before the roster is skipped (and
said so), the sheet read is always named. A small fuzzer mixes these into ordinary rosters.
Inputs: PARTYBOOK_FUZZ, else 30 with PARTYBOOK_SLOW=1, else 6."""

from __future__ import annotations

import os
import random
import time
from datetime import date

import pytest
from openpyxl import Workbook

from partybook.domain.errors import PartyBookError
from partybook.importing import reader
from partybook.importing.members import plan_member_import

SLOW = os.environ.get("PARTYBOOK_SLOW") == "1"
CASES = int(os.environ.get("PARTYBOOK_FUZZ") or (30 if SLOW else 6))
HEADERS = ["序号", "姓名", "性别", "人员类别", "备注"]
TODAY = date(2026, 11, 22)


def _roster(ws, n: int = 3) -> None:
    ws.append(HEADERS)
    for i in range(n):
        ws.append([i + 1, f"党员{'甲乙丙丁戊'[i % 5]}", "男", "正式党员", ""])


def test_a_few_cells_at_column_xfd_are_refused_naming_the_sheet(tmp_path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    _roster(ws)
    for r in range(1, 200):
        ws.cell(r, 16384, "x")
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    started = time.monotonic()
    with pytest.raises(PartyBookError, match="花名册.*16384 列（XFD 列）"):
        reader.read_sheets(path)
    assert time.monotonic() - started < 5


def test_a_cell_a_million_rows_down_is_refused(tmp_path) -> None:
    wb = Workbook()
    ws = wb.active
    _roster(ws)
    ws.cell(1_000_000, 2, "x")
    path = tmp_path / "tall.xlsx"
    wb.save(path)
    with pytest.raises(PartyBookError, match=f"{reader.MAX_ROWS} 行"):
        reader.read_sheets(path)


def test_a_colspan_of_a_hundred_million_costs_nothing(tmp_path) -> None:
    path = tmp_path / "page.xls"
    row = "".join(f"<td>{h}</td>" for h in HEADERS)
    path.write_text(
        f'<html><table><tr>{row}</tr><tr><td colspan="100000000"></td><td>x</td></tr></table>',
        encoding="utf-8",
    )
    with pytest.raises(PartyBookError, match="上限"):
        reader.read_sheets(path)
    path.write_text(
        f'<html><table><tr>{row}</tr><tr><td colspan="100000000">甲</td></tr></table>',
        encoding="utf-8",
    )
    (sheet,) = reader.read_sheets(path)  # cut at the limit, nothing beyond it
    assert len(sheet.rows[1]) <= reader.MAX_COLUMNS


def test_a_million_row_csv_is_refused_early(tmp_path) -> None:
    path = tmp_path / "big.csv"
    line = "1,党员甲,男,正式党员,\n"
    path.write_text(",".join(HEADERS) + "\n" + line * 1_000_000, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(PartyBookError, match="big.*行以上"):
        plan_member_import(path, today=TODAY)
    assert time.monotonic() - started < 15


def test_a_hidden_sheet_before_the_roster_is_skipped_and_said_so(tmp_path) -> None:
    wb = Workbook()
    hidden = wb.active
    hidden.title = "旧名单"
    _roster(hidden, 5)
    hidden.sheet_state = "veryHidden"
    ws = wb.create_sheet("花名册")
    _roster(ws, 2)
    wb.create_sheet("也隐藏").sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    plan = plan_member_import(path, today=TODAY)
    assert plan.sheet == "花名册" and len(plan.rows) == 2
    notes = [p.message for p in plan.sheet_problems if p.warning]
    assert any("旧名单" in n and "隐藏" in n for n in notes), notes
    named = plan_member_import(path, today=TODAY, sheet="旧名单")  # asked for by name: read
    assert len(named.rows) == 5


def test_the_cli_names_the_sheet_it_reads(tmp_path, capsys) -> None:
    from partybook.cli.parser import main

    wb = Workbook()
    _roster(wb.active, 2)
    wb.active.title = "名单"
    path = tmp_path / "r.xlsx"
    wb.save(path)
    main(["--db", str(tmp_path / "b.sqlite"), "import", "members", str(path)])
    assert "读取的是工作表“名单”" in capsys.readouterr().out


def _hostile(rnd: random.Random, folder, n: int):
    """An ordinary roster with one hostile feature; returns (path, expect refused)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    kind = rnd.choice(["far_column", "far_row", "hidden_first", "styled_far", "near_limit"])
    if kind == "hidden_first":
        decoy = ws
        decoy.title = "隐藏"
        _roster(decoy, 4)
        decoy.sheet_state = rnd.choice(["hidden", "veryHidden"])
        ws = wb.create_sheet("花名册")
    _roster(ws, rnd.randint(1, 5))
    refused = False
    if kind == "far_column":
        for _ in range(rnd.randint(1, 50)):
            ws.cell(rnd.randint(1, 100), rnd.randint(reader.MAX_COLUMNS + 1, 16384), "x")
        refused = True
    elif kind == "far_row":
        ws.cell(rnd.randint(reader.MAX_ROWS + 1, 1_048_576), rnd.randint(1, 5), "x")
        refused = True
    elif kind == "styled_far":  # formatting far out, no data: read as usual
        from openpyxl.styles import Font

        ws.cell(rnd.randint(1, 50), rnd.randint(reader.MAX_COLUMNS + 1, 16384)).font = Font(b=True)
    elif kind == "near_limit":
        ws.cell(1, reader.MAX_COLUMNS, "备用")
    path = folder / f"hostile-{n}.xlsx"
    wb.save(path)
    return path, refused, kind


@pytest.mark.parametrize("seed", range(CASES))
def test_hostile_workbooks_are_refused_quickly_or_read_the_roster(seed, tmp_path) -> None:
    rnd = random.Random(f"workbook-{seed}")
    path, refused, kind = _hostile(rnd, tmp_path, seed)
    started = time.monotonic()
    try:
        plan = plan_member_import(path, today=TODAY)
    except PartyBookError as exc:
        assert refused, (kind, str(exc))
        assert "花名册" in str(exc) and "上限" in str(exc), str(exc)
    else:
        assert not refused, kind
        assert plan.sheet == "花名册" and plan.rows, kind
    assert time.monotonic() - started < 10, kind
