"""`partybook --self-test`: without a window, write a demo book and every output PartyBook makes,
read each one back and check it. How CI and a school's IT helper know a build works on a PC."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from partybook import __version__
from partybook.support.paths import icon_file, qt_translation, resource

NOW = datetime(2026, 11, 22, 9, 30)  # the demo's fixed day, so every output has data


class Failed(Exception):
    pass


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)


def _rows(path: Path, sheet: str | None = None) -> int:
    """Data rows of a written sheet: rows under the header whose first cell is a number."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    count = sum(1 for row in ws.iter_rows(values_only=True) if isinstance(row[0], int))
    wb.close()
    return count


def _sheets(path: Path) -> list[str]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    names = wb.sheetnames
    wb.close()
    return names


def _pdf(path: Path, pages: int | None = None) -> str:
    data = path.read_bytes()
    _expect(data.startswith(b"%PDF") and b"%%EOF" in data[-64:], f"{path.name} 不是完整的 PDF")
    return f"{pages} 页" if pages else f"{len(data) // 1024} KB"


def run(out: Callable[[str], None] = print) -> int:
    """Run every check; print one line each and "self-test ok" at the end. Returns 0 or 1."""
    if sys.platform != "win32":  # no screen needed (CI, a server); Windows always has one
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out(f"PartyBook {__version__} self-test ({sys.platform}, Python {sys.version.split()[0]})")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="partybook-selftest-") as tmp:
        folder = Path(tmp)
        state: dict = {}
        for name, check in _checks(folder, state):
            try:
                detail = check()
            except Exception as exc:  # a check's failure is a result, not a crash
                failures += 1
                reason = str(exc) if isinstance(exc, Failed) else traceback.format_exc(limit=3)
                out(f"  失败  {name}：{reason}")
            else:
                out(f"  ok    {name}" + (f"（{detail}）" if detail else ""))
        book = state.get("book")
        if book is not None:
            book.close(auto_backup=False)
    if failures:
        out(f"self-test FAILED: {failures} 项未通过")
        return 1
    out("self-test ok")
    return 0


def _checks(folder: Path, state: dict):
    from partybook.book import Book
    from partybook.samples.demo import write_demo

    def resources() -> str:
        for path in (resource("styles", "partybook.qss"), icon_file(), qt_translation()):
            _expect(path.is_file(), f"缺少 {path}")
        return "样式表、图标、Qt 中文翻译"

    def demo() -> str:
        path = write_demo(folder / "自检.sqlite", now=NOW)
        book = state["book"] = Book.open(path, clock=lambda: NOW, auto_backup=False)
        report = book.check()
        _expect(report.healthy, "；".join(report.problems))
        return f"{report.members} 人"

    def book() -> Book:
        _expect("book" in state, "演示数据没有写成")
        return state["book"]

    def roster() -> str:
        target = folder / "花名册.xlsx"
        n = book().members.export(target)
        _expect(n > 0 and _rows(target) == n, f"花名册应有 {n} 行")
        return f"{n} 人"

    def ledger() -> str:
        target = folder / "发展党员台账.xlsx"
        counts = book().pipeline.export_ledger(target)
        _expect(len(_sheets(target)) == len(counts), "发展党员台账的工作表数不对")
        return "，".join(f"{k} {v}" for k, v in counts.items())

    def meetings() -> str:
        target = folder / "三会一课.xlsx"
        n = book().meetings.export(target, NOW.year)
        _expect(n > 0 and _rows(target, "会议记录") == n, f"三会一课台账应有 {n} 次会议")
        return f"{n} 次会议"

    def appraisal() -> str:
        target = folder / "民主评议.xlsx"
        book().appraisal.export(target, NOW.year - 1)
        _expect(_rows(target) > 0, "民主评议结果汇总表是空的")
        return f"{_rows(target)} 人"

    def study() -> str:
        target = folder / "学习记录.xlsx"
        n = book().study.export(target, NOW.year)
        _expect(n > 0 and _rows(target, "学习记录") == n, f"学习记录应有 {n} 条")
        return f"{n} 条"

    def dues() -> str:
        target = folder / "党费收缴明细表.xlsx"
        n = book().dues.export(target, NOW.year)
        _expect(
            n > 0 and _sheets(target) == ["党费收缴明细表", "党费收缴公示"], "党费表应有两个工作表"
        )
        return f"{n} 名党员"

    def year_workbook() -> str:
        target = folder / "年度台账.xlsx"
        sheets = book().summary.export_year_workbook(target, NOW.year)
        _expect(_sheets(target) == sheets and len(sheets) >= 8, "年度台账的工作表不全")
        return f"{len(sheets)} 张表"

    def word() -> str:
        # python-docx reads its template from the package: a bundle without it fails here
        import docx

        target = folder / "工作总结初稿.docx"
        report = book().summary.export_report(target, NOW.year)
        text = [p.text for p in docx.Document(str(target)).paragraphs]
        _expect(
            text[0].replace("\n", "") == report.title and len(report.stated()) > 10,
            "工作总结初稿不完整",
        )
        meeting = book().meetings.all(NOW.year)[0]
        book().meetings.minutes_docx(meeting, folder / "会议记录.docx")
        _expect(docx.Document(str(folder / "会议记录.docx")).tables, "会议记录（Word）没有表格")
        return "工作总结初稿、会议记录"

    def package() -> str:
        target = folder / "数据包.zip"
        manifest = book().packages.export(target)
        other = Book.open(folder / "导入检查.sqlite", clock=lambda: NOW, auto_backup=False)
        try:
            other.packages.import_file(target)
            _expect(other.check().healthy, "数据包导入后检查不通过")
            _expect(len(other.members.all()) == len(book().members.all()), "数据包导入后人数不对")
        finally:
            other.close(auto_backup=False)
        return f"{len(manifest['tables'])} 张表，导出后导入一致"

    def pdfs() -> str:
        from partybook.ui import printing

        printing.ensure_app()
        b = book()
        meeting = b.meetings.all(NOW.year)[0]
        sheet = b.meetings.signin_sheet(meeting)
        pages = printing.save_signin_pdf(sheet, folder / "签到表.pdf")
        _pdf(folder / "签到表.pdf", pages)
        session = next(s for s in b.study.sessions(NOW.year) if not s.personal)
        printing.save_signin_pdf(b.study.signin_sheet(session), folder / "学习签到表.pdf")
        _pdf(folder / "学习签到表.pdf")
        printing.save_pdf(b.meetings.minutes_html(meeting), folder / "会议记录.pdf")
        _pdf(folder / "会议记录.pdf")
        printing.save_pdf(b.appraisal.ballot_html(NOW.year, 2), folder / "测评表.pdf")
        _pdf(folder / "测评表.pdf")
        printing.save_pdf(b.dues.notice_html(NOW.year), folder / "党费公示.pdf")
        _pdf(folder / "党费公示.pdf", 1)
        return "签到表、学习签到表、会议记录、民主测评表、党费公示"

    def translation() -> str:
        from partybook.ui import printing

        word = printing.qt_word("QPlatformTheme", "Cancel")
        _expect(word == "取消", f"Qt 的“Cancel”译为“{word}”（{qt_translation()}）")
        return "Cancel → 取消"

    def window() -> str:
        # every tab's module imported and its data loaded, as when the user opens each one
        # (a packed program misses a module only when it is first needed), without showing it
        from partybook.ui import printing
        from partybook.ui.main_window import MainWindow

        printing.ensure_app()
        w = MainWindow(book())
        try:
            for name in w.TAB_NAMES:
                getattr(w, name).load_now()
            _expect(w.built_tabs() == list(w.TAB_NAMES), f"页签没有都建成：{w.built_tabs()}")
            _expect(w.home_tab.due_model.rowCount() > 0, "首页没有列出要办的事项")
            return f"{len(w.TAB_NAMES)} 个页签"
        finally:
            w.close()
            w.deleteLater()

    def backup() -> str:
        saved = book().backup_to(folder / "备份.sqlite")
        _expect(saved.stat().st_size > 0, "备份文件是空的")
        return f"{saved.stat().st_size // 1024} KB"

    def pdf_thumbnail() -> str:
        from partybook.samples.pdfs import one_page_pdf
        from partybook.support.pdf_preview import first_page_image

        jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 64 + b"\xff\xd9"
        keys = {"/Width": "8", "/Height": "8", "/Filter": "/DCTDecode"}
        found = first_page_image(one_page_pdf([(keys, jpeg)]))
        _expect(found is not None and found.data == jpeg, "读不出 PDF 第一页的图像（pypdf）")
        return "pypdf"

    return [
        ("资源文件", resources),
        ("写入演示数据并检查", demo),
        ("导出党员花名册", roster),
        ("导出发展党员台账", ledger),
        ("导出三会一课台账", meetings),
        ("导出民主评议结果", appraisal),
        ("导出学习记录", study),
        ("导出党费收缴明细表", dues),
        ("导出年度台账", year_workbook),
        ("写出 Word 文档", word),
        ("数据包导出和导入", package),
        ("打印为 PDF", pdfs),
        ("Qt 中文翻译", translation),
        ("主窗口和每个页签", window),
        ("备份", backup),
        ("PDF 缩略图", pdf_thumbnail),
    ]
