"""Printing HTML documents: print preview for the user, PDF for saving and for tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPen, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QWidget

from partybook.export.printables import SignInSheet
from partybook.support.files import safe_file_name
from partybook.ui import messages


def _document(html: str, printer: QPrinter) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(html)
    # The document counts in 96-dpi pixels; a page measured in points (72 dpi) would draw
    # every character 1.33× too big.
    rect = printer.pageLayout().paintRect(QPageLayout.Unit.Point)
    doc.setPageSize(QSizeF(rect.width() * 96 / 72, rect.height() * 96 / 72))
    return doc


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    return printer


def save_pdf(html: str, target: Path) -> Path:
    """Write the document to a PDF file."""
    printer = _printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    _document(html, printer).print_(printer)
    return Path(target)


def preview(parent: QWidget | None, html: str, title: str) -> None:
    """Qt's print preview, from which the user prints or chooses a PDF printer."""
    printer = _printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.resize(900, 700)
    dialog.paintRequested.connect(lambda p: _document(html, p).print_(p))
    dialog.exec()


# sign-in sheets: drawn with QPainter for exact lines and clean page breaks ---------------------
_MM = 72 / 25.4  # points per millimetre


def draw_signin(sheet: SignInSheet, printer: QPrinter) -> int:
    """Draw the sheet on printer (A4 portrait); rows never split; header repeated. Returns pages."""
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    painter = QPainter(printer)
    try:
        return _draw_pages(sheet, printer, painter)
    finally:
        painter.end()


def _draw_pages(sheet: SignInSheet, printer: QPrinter, painter: QPainter) -> int:
    scale = printer.resolution() / 72  # draw in points
    painter.scale(scale, scale)
    page = printer.pageLayout().paintRect(QPageLayout.Unit.Point)
    width, height = page.width(), page.height()
    widths = [0.1, 0.25, 0.4, 0.25]
    row_h, head_h = 12 * _MM, 9 * _MM
    title_font, text_font, bold = QFont(), QFont(), QFont()
    # The painter counts in points, so pixel sizes here are point sizes on paper.
    title_font.setPixelSize(18)
    title_font.setBold(True)
    text_font.setPixelSize(13)
    bold.setPixelSize(13)
    bold.setBold(True)
    pen = QPen(QColor("black"))
    pen.setWidthF(0.8)
    painter.setPen(pen)
    rows = list(zip(sheet.names, sheet.notes, strict=True))
    pages, index = 0, 0
    while True:
        pages += 1
        y = 0.0
        painter.setFont(title_font)
        painter.drawText(QRectF(0, y, width, 12 * _MM), Qt.AlignmentFlag.AlignCenter, sheet.title)
        y += 14 * _MM
        if pages == 1:
            painter.setFont(text_font)
            for line in sheet.lines:
                painter.drawText(QRectF(0, y, width, 7 * _MM), Qt.AlignmentFlag.AlignVCenter, line)
                y += 7 * _MM
            y += 2 * _MM
        painter.setFont(bold)
        _draw_row(painter, y, width, head_h, widths, ("序号", "姓名", "签名", "备注"))
        y += head_h
        painter.setFont(text_font)
        while index < len(rows) and y + row_h <= height - 10 * _MM:
            name, note = rows[index]
            _draw_row(painter, y, width, row_h, widths, (str(index + 1), name, "", note))
            y += row_h
            index += 1
        painter.setFont(text_font)
        painter.drawText(
            QRectF(0, height - 8 * _MM, width, 8 * _MM),
            Qt.AlignmentFlag.AlignCenter,
            f"第 {pages} 页",
        )
        if index >= len(rows):
            return pages
        printer.newPage()


def _draw_row(painter: QPainter, y: float, width: float, h: float, widths, cells) -> None:
    x = 0.0
    for share, text in zip(widths, cells, strict=True):
        w = share * width
        painter.drawRect(QRectF(x, y, w, h))
        painter.drawText(QRectF(x, y, w, h), Qt.AlignmentFlag.AlignCenter, text)
        x += w


def save_signin_pdf(sheet: SignInSheet, target: Path) -> int:
    """Write the sign-in sheet to a PDF; returns the number of pages."""
    printer = _printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return draw_signin(sheet, printer)


def preview_signin(parent: QWidget | None, sheet: SignInSheet) -> None:
    printer = _printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(sheet.title)
    dialog.resize(800, 900)
    dialog.paintRequested.connect(lambda p: draw_signin(sheet, p))
    dialog.exec()


def ensure_app() -> None:
    """Printing to PDF needs a Qt application object; make a windowless one if there is none."""
    import os

    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A full QApplication, so that widgets made later in the same process still work.
        ensure_app.app = QApplication([])  # type: ignore[attr-defined]  # keep it alive


def save_signin_pdf_as(parent: QWidget, sheet: SignInSheet | None) -> None:
    """Ask where to save a sign-in sheet (nothing when sheet is None), save it, say so."""
    if sheet is None:
        return
    target, _ = QFileDialog.getSaveFileName(
        parent, "签到表存为 PDF", safe_file_name(f"{sheet.title}.pdf"), "PDF 文件 (*.pdf)"
    )
    if target:
        pages = save_signin_pdf(sheet, Path(target))
        messages.show_info(parent, f"已保存（{pages} 页）：\n{target}")


def qt_word(context: str, text: str) -> str:
    """How Qt's own Chinese translation renders one of Qt's words ("" when it cannot load)."""
    from PySide6.QtCore import QTranslator

    from partybook.support.paths import qt_translation

    ensure_app()
    translator = QTranslator()
    if not translator.load(str(qt_translation())):
        return ""
    return translator.translate(context, text)
