"""Printing HTML documents: print preview for the user, PDF for saving and for tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPen, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QToolBar, QToolButton, QWidget

from partybook.domain.errors import PartyBookError
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


# The print preview's toolbar in plain Chinese (Qt's own words are English, icons only, when
# its translation is not loaded); (text, shown beside the icon).
PREVIEW_WORDS = {
    "Fit width": ("适合宽度", False),
    "Fit page": ("整页", False),
    "Zoom out": ("缩小", False),
    "Zoom in": ("放大", False),
    "Portrait": ("纵向", False),
    "Landscape": ("横向", False),
    "First page": ("第一页", False),
    "Previous page": ("上一页", False),
    "Next page": ("下一页", False),
    "Last page": ("最后一页", False),
    "Show single page": ("单页显示", False),
    "Show facing pages": ("两页并排", False),
    "Show overview of all pages": ("所有页", False),
    "Print": ("打印", True),
    "Page setup": ("页面设置", True),
}


def chinese_toolbar(dialog: QPrintPreviewDialog) -> None:
    """Every toolbar button of the preview says what it does in Chinese (its tooltip); 打印 and
    页面设置, moved to the front where a narrow screen does not hide them behind "»", show
    their word beside the icon. Not all of them: sixteen words would not fit a small screen."""
    # the action's text is Qt's English word, or its translation when one is installed
    known = {QCoreApplication.translate("QPrintPreviewDialog", e): e for e in PREVIEW_WORDS}
    known.update({e: e for e in PREVIEW_WORDS})
    for bar in dialog.findChildren(QToolBar):
        first = next(iter(bar.actions()), None)
        front = []
        for action in bar.actions():
            english = action.property("english") or known.get(action.text().replace("&", ""))
            if english not in PREVIEW_WORDS:
                continue
            action.setProperty("english", english)
            word, beside = PREVIEW_WORDS[english]
            action.setText(word)
            action.setToolTip(word)
            if beside:
                front.append(action)
        order = list(PREVIEW_WORDS)
        front.sort(key=lambda a: order.index(a.property("english")))  # 打印, then 页面设置
        for action in front:
            bar.removeAction(action)
            bar.insertAction(first, action)
        if front:
            bar.insertSeparator(bar.actions()[len(front)])
        for action in front:
            button = bar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)


def preview_dialog(
    parent: QWidget | None, title: str, paint: Callable[[QPrinter], object]
) -> QPrintPreviewDialog:
    """Qt's print preview with Chinese buttons, sized within a 1024×690 screen."""
    printer = _printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_kept = printer  # the dialog does not own it: kept alive as long as it is
    dialog.setWindowTitle(title)
    chinese_toolbar(dialog)
    dialog.resize(900, 680)
    dialog.paintRequested.connect(paint)
    return dialog


def preview(parent: QWidget | None, html: str, title: str) -> None:
    """Qt's print preview, from which the user prints or chooses a PDF printer."""
    preview_dialog(parent, title, lambda p: _document(html, p).print_(p)).exec()


def save_pdf_as(parent: QWidget, html: str, title: str) -> Path | None:
    """Ask where to save a printable document as PDF (e.g. 会议记录), save it, say so."""
    target, _ = QFileDialog.getSaveFileName(
        parent, f"{title}存为 PDF", f"{title}.pdf", "PDF 文件 (*.pdf)"
    )
    if not target:
        return None
    saved = save_pdf(html, Path(target))
    messages.show_info(parent, f"已保存：\n{target}")
    return saved


def save_word_as(
    parent: QWidget, title: str, name: str, write: Callable[[Path], object]
) -> Path | None:
    """Ask where to save a document as Word (.docx, which WPS opens too), write it with
    write(path) (a Book method), say so; a refusal (the file open in Word…) is shown."""
    target, _ = QFileDialog.getSaveFileName(
        parent, f"{title}存为 Word", safe_file_name(name), "Word 文档 (*.docx)"
    )
    if not target:
        return None
    path = Path(target if target.lower().endswith(".docx") else target + ".docx")
    try:
        write(path)
    except PartyBookError as exc:
        messages.show_error(parent, str(exc))
        return None
    messages.show_info(parent, f"已保存（可以用 Word 或 WPS 修改）：\n{path}")
    return path


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
    preview_dialog(parent, sheet.title, lambda p: draw_signin(sheet, p)).exec()


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
