"""The startup password through the Book, and exports with masked ID and phone numbers."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from partybook.book import Book
from partybook.domain.errors import RuleViolation
from partybook.export.layouts import Layouts, SheetLayout


def test_password_set_change_and_clear(quiet_book) -> None:
    assert not quiet_book.security.has_password() and quiet_book.security.check_password("")
    quiet_book.security.set_password("一二三四", hint="小学的名字")
    assert quiet_book.security.has_password() and quiet_book.security.hint() == "小学的名字"
    assert quiet_book.security.check_password(
        "一二三四"
    ) and not quiet_book.security.check_password("")
    stored = quiet_book._core.settings()["security.password"]
    assert "一二三四" not in stored
    with pytest.raises(RuleViolation, match="原密码不对"):
        quiet_book.security.set_password("新的密码", current="错的")
    with pytest.raises(RuleViolation, match="不能写出密码"):
        quiet_book.security.set_password("新的密码", current="一二三四", hint="新的密码就是它")
    assert quiet_book.security.check_password("一二三四")  # a refused change changed nothing
    quiet_book.security.set_password("新的密码", current="一二三四")
    with pytest.raises(RuleViolation):
        quiet_book.security.clear_password("一二三四")
    quiet_book.security.clear_password("新的密码")
    assert not quiet_book.security.has_password() and quiet_book.security.hint() == ""


def test_the_password_survives_closing_and_a_backup(quiet_book, tmp_path) -> None:
    quiet_book.security.set_password("abcd1234")
    copy = quiet_book.backup_to(tmp_path / "copy.sqlite")
    path = quiet_book.path
    quiet_book.close(auto_backup=False)
    for p in (path, copy):
        again = Book.open(p, auto_backup=False)
        assert again.security.has_password() and again.security.check_password("abcd1234")
        again.close(auto_backup=False)


def _ids(ws, header: str) -> list[str]:
    col = [c.value for c in ws[3]].index(header) + 1
    return [ws.cell(r, col).value for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value]


def test_roster_export_masks_for_one_export_or_by_layout(demo_book, tmp_path) -> None:
    plain, masked = tmp_path / "plain.xlsx", tmp_path / "masked.xlsx"
    demo_book.members.export(plain)
    demo_book.members.export(masked, mask=True)
    ids = [v for v in _ids(load_workbook(plain).active, "身份证号") if v]
    hidden = [v for v in _ids(load_workbook(masked).active, "身份证号") if v]
    assert len(ids) == len(hidden) > 10
    assert all(len(v) == 18 and "*" not in v for v in ids)
    assert [h for h in hidden] == [v[:6] + "********" + v[-4:] for v in ids]
    phones = [v for v in _ids(load_workbook(masked).active, "联系电话") if v]
    assert phones and all(p[3:7] == "****" for p in phones if len(p) == 11)
    # saved in the layout, the roster export and the year workbook both mask
    demo_book.layouts.save(
        Layouts(
            {
                "党员花名册": SheetLayout(
                    (("name", "姓名"), ("id_number", "身份证号")), mask_private=True
                )
            }
        )
    )
    demo_book.members.export(plain)
    assert all("*" in v for v in _ids(load_workbook(plain).active, "身份证号") if v)
    demo_book.summary.export_year_workbook(tmp_path / "y.xlsx", 2026)
    wb = load_workbook(tmp_path / "y.xlsx")
    assert all("*" in v for v in _ids(wb["党员花名册"], "身份证号") if v)
    assert Layouts.from_json(demo_book.layouts.current().to_json()).of("党员花名册").mask_private


def test_cli_mask_flag(demo_book, tmp_path) -> None:
    from partybook.cli import main

    path = str(demo_book.path)
    demo_book.close(auto_backup=False)
    out = tmp_path / "y.xlsx"
    assert (
        main(["--db", path, "export", "ledger", "--year", "2026", "--out", str(out), "--mask"]) == 0
    )
    wb = load_workbook(out)
    for sheet in ("党员花名册", "发展党员台账"):
        ids = [v for v in _ids(wb[sheet], "身份证号") if v]
        assert ids and all("*" in v for v in ids)


def test_cli_clears_a_forgotten_password_after_a_backup(quiet_book, capsys) -> None:
    from partybook.cli import main

    quiet_book.security.set_password("忘了的密码")
    path, backups = quiet_book.path, quiet_book.backup_dir
    quiet_book.close(auto_backup=False)
    assert main(["--db", str(path), "password", "--clear"]) == 0
    assert "已取消启动密码" in capsys.readouterr().out
    assert list(backups.glob("*取消密码前*.sqlite"))
    again = Book.open(path, auto_backup=False)
    assert not again.security.has_password()
    again.close(auto_backup=False)
