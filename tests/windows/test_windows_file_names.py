"""Default file names made from a branch's (or a member's, a sheet's) name are valid on Windows:
no \\ / : * ? " < > |, no trailing dot or space, not a device name (CON, NUL, COM1 …)."""

from __future__ import annotations

import ntpath
import re
from dataclasses import replace

import pytest

from partybook.support.files import safe_file_name

FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{k}{n}" for k in ("COM", "LPT") for n in range(1, 10)}


def valid_on_windows(name: str) -> bool:
    device = name.split(".")[0].rstrip(" ").upper()
    return (
        bool(name)
        and not FORBIDDEN.search(name)
        and name == name.strip()
        and not name.endswith(".")
        and device not in DEVICES
        and len(name) <= 255
        and ntpath.basename(name) == name  # one name, not a path
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("青山小学/幼儿园联合党支部党员花名册.xlsx", "青山小学／幼儿园联合党支部党员花名册.xlsx"),
        ('第一"党小组"：<试点>*?|.pdf', "第一＂党小组＂：＜试点＞＊？｜.pdf"),
        (r"C:\党支部.xlsx", "C：＼党支部.xlsx"),
        ("  党支部 . .xlsx", "党支部.xlsx"),
        ("党支部...", "党支部"),
        ("CON.xlsx", "CON_.xlsx"),
        ("nul", "nul_"),
        ("com1.备份.sqlite", "com1_.备份.sqlite"),
        ("Lpt9 .pdf", "Lpt9_.pdf"),
        ("CONSOLE.xlsx", "CONSOLE.xlsx"),
        ("党支部\t\n2026.xlsx", "党支部2026.xlsx"),
        ("", "台账"),
        (" . ", "台账"),
        ("/.xlsx", "／.xlsx"),
        (".xlsx", "台账.xlsx"),
    ],
)
def test_a_name_is_made_valid_and_keeps_its_extension(text, expected) -> None:
    assert safe_file_name(text) == expected
    assert valid_on_windows(safe_file_name(text))


def test_a_very_long_branch_name_is_cut_before_the_extension() -> None:
    name = safe_file_name("青山镇中心小学" * 50 + "党员花名册.xlsx")
    assert len(name) == 200 and name.startswith("青山镇") and name.endswith("心小.xlsx")
    assert valid_on_windows(name)


@pytest.fixture
def odd_branch_window(qtbot, demo_book):
    """The demo book's window, its branch renamed to what no Windows file name may hold."""
    from partybook.domain.members import Branch
    from partybook.ui.main_window import MainWindow

    demo_book.save_branch(Branch(name='青山/幼儿园:联合"党支部"?* CON.', committee="镇党委"))
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    for name in window.TAB_NAMES:
        getattr(window, name).load_now()
    return window


def test_every_save_dialog_suggests_a_name_valid_on_windows(odd_branch_window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from partybook.ui import printing

    w = odd_branch_window
    offered: list[str] = []

    def dialog(parent, caption, name, *rest, **kw):
        offered.append(name)
        return "", ""  # the user cancels: nothing is written

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    w.pipeline_tab.people_view.selectRow(0)
    handlers = [
        w._on_export_package_triggered,
        w._on_backup_triggered,
        w.members_tab._on_export_clicked,
        w.pipeline_tab._on_export_clicked,
        w.pipeline_tab._on_pdf_clicked,
        w.appraisal_tab._on_export_clicked,
        w.study_tab._on_export_clicked,
        w.dues_tab._on_export_clicked,
        w.dues_tab._on_notice_pdf_clicked,
        w.summary_tab._on_export_clicked,
        w.summary_tab._on_export_layouts_clicked,
    ]
    for handler in handlers:
        handler()
    sheet = w.book.meetings.signin_sheet(w.book.meetings.all(2026)[0])
    printing.save_signin_pdf_as(w, replace(sheet, title=f"{sheet.title}/补签?"))
    assert len(offered) == len(handlers) + 1
    bad = [name for name in offered if not valid_on_windows(name)]
    assert not bad, bad
    assert offered[2] == "青山／幼儿园：联合＂党支部＂？＊ CON.党员花名册.xlsx"
