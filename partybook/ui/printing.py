"""Printing HTML documents: print preview for the user, PDF for saving and for tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget


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
