"""The attachment strip (附件) that the meeting, study, step, member, talk and transfer dialogs
show: thumbnails (photos scaled by QImageReader; a PDF by the largest image on its first page,
taken out without Qt by support/pdf_preview.py since PySide6-Essentials has no QtPdf, or a
drawn page icon when it has none), 添加附件… and drag-and-drop, a caption, open with the
system's viewer, remove (to the recycle bin) after asking. It writes at once through
book.attachments: an attachment is kept even if the dialog is then cancelled, as the strip
says."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QIcon,
    QImage,
    QImageReader,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.attachments import Attachment, FileKind, Owner, size_text
from partybook.domain.errors import PartyBookError
from partybook.support.pdf_preview import PageImage, first_page_image
from partybook.ui import messages

THUMB = QSize(64, 48)  # small: the strip must fit the dialogs on a 1024×768 screen
FILTER = "照片和扫描件 (*.jpg *.jpeg *.png *.pdf *.heic *.JPG *.JPEG *.PNG *.PDF);;所有文件 (*)"
ID_ROLE = Qt.ItemDataRole.UserRole


def strip_for(book: Book, owner: Owner, record) -> AttachmentStrip:
    """The strip for a dialog's record (None or without an id: a new one, not saved yet)."""
    return AttachmentStrip(book, owner, getattr(record, "id", None))


def _page_icon(kind: FileKind, note: str = "") -> QPixmap:
    """A drawn page for what has no thumbnail: a PDF, or a photo Qt cannot read."""
    pix = QPixmap(THUMB)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    w, h = THUMB.height() * 3 // 4, THUMB.height() - 4
    x = (THUMB.width() - w) // 2
    p.setPen(QColor(120, 120, 120))
    p.setBrush(QColor(255, 255, 255))
    p.drawRect(x, 2, w, h)
    colour = QColor(200, 30, 30) if kind is FileKind.PDF else QColor(60, 90, 160)
    p.fillRect(x, h // 2 - 9, w, 18, colour)
    p.setPen(QColor(255, 255, 255))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(12)
    p.setFont(font)
    p.drawText(x, h // 2 - 9, w, 18, Qt.AlignmentFlag.AlignCenter, note or kind.value.upper())
    p.end()
    return pix


def thumbnail(data: bytes, kind: FileKind) -> QPixmap:
    """A photo scaled while it is decoded (a 12-megapixel JPEG is not decoded whole); a PDF
    by its first page's scan, else a drawn page."""
    if not kind.is_image:
        return _pdf_thumbnail(data)
    return _scaled(data) or _page_icon(kind, "无法预览")


def _pdf_thumbnail(data: bytes) -> QPixmap:
    found = first_page_image(data)
    pix = None
    if found is not None and found.kind == "jpeg":
        pix = _scaled(found.data)
    elif found is not None:
        pix = _raw_scaled(found)
    return pix or _page_icon(FileKind.PDF)


def _raw_scaled(found: PageImage) -> QPixmap | None:
    formats = {
        "rgb": (QImage.Format.Format_RGB888, found.width * 3),
        "gray": (QImage.Format.Format_Grayscale8, found.width),
        "mono": (QImage.Format.Format_Mono, (found.width + 7) // 8),
    }
    fmt, row = formats[found.kind]
    image = QImage(found.data, found.width, found.height, row, fmt)
    if found.kind == "mono":
        image.setColorTable([0xFF000000, 0xFFFFFFFF])  # DeviceGray: 0 is black
    if image.isNull():
        return None
    small = image.scaled(
        THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    return QPixmap.fromImage(small.copy())  # its own pixels, not the bytes' buffer


def _scaled(data: bytes) -> QPixmap | None:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # a phone photo taken upright shows upright
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    return QPixmap.fromImage(image)


def shrunk_copy(path: Path, side: int) -> Path | None:
    """A JPEG copy of a photo whose long side is above side pixels, scaled down to it; None
    when it is not larger (or not a photo Qt reads): then the original is kept."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if not side or not size.isValid() or max(size.width(), size.height()) <= side:
        return None
    if bytes(reader.format().data()).lower() not in (b"jpeg", b"jpg", b"png"):
        return None
    reader.setScaledSize(size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio))
    image: QImage = reader.read()
    if image.isNull():
        return None
    out = Path(tempfile.mkdtemp(prefix="partybook-")) / f"{path.stem}.jpg"
    return out if image.save(str(out), "JPG", 88) else None


class AttachmentStrip(QGroupBox):
    """Thumbnails of a record's attachments with their buttons; files may be dropped on it."""

    def __init__(
        self, book: Book, owner: Owner, owner_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("附件（照片、扫描件）", parent)
        self._book = book
        self.owner = owner
        self.owner_id = owner_id
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 36, THUMB.height() + 22))
        self.list.setFixedHeight(THUMB.height() + 40)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.itemDoubleClicked.connect(lambda _: self.open_selected())
        self.list.itemSelectionChanged.connect(self._enable)
        self.add_button = QPushButton("添加附件…")
        self.caption_button = QPushButton("说明…")
        self.open_button = QPushButton("打开")
        self.remove_button = QPushButton("移除")
        self.add_button.clicked.connect(self.choose_and_add)
        self.caption_button.clicked.connect(self.edit_caption)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #666;")
        buttons = QGridLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.caption_button, 0, 1)
        buttons.addWidget(self.open_button, 1, 0)
        buttons.addWidget(self.remove_button, 1, 1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.note, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        # the bold title hangs below the frame's top line: the list starts under it
        layout.setContentsMargins(6, self.fontMetrics().height() // 2 + 6, 6, 4)
        layout.addLayout(row)
        self.setAcceptDrops(owner_id is not None)
        self.refresh()

    # showing ------------------------------------------------------------------------------
    def attachments(self) -> list[Attachment]:
        if self.owner_id is None:
            return []
        return self._book.attachments.of(self.owner, self.owner_id)

    def refresh(self) -> None:
        self.list.clear()
        shown = self.attachments()
        for a in shown:
            try:
                icon = thumbnail(self._book.attachments.read_bytes(a.id), a.kind)
            except PartyBookError:
                icon = _page_icon(a.kind, "文件缺失")
            item = QListWidgetItem(QIcon(icon), a.caption or a.name)
            item.setData(ID_ROLE, a.id)
            item.setToolTip(
                f"{a.name}\n{a.kind.label}，{size_text(a.size)}"
                + (f"\n说明：{a.caption}" if a.caption else "")
                + "\n双击用系统程序打开"
            )
            self.list.addItem(item)
        if self.owner_id is None:
            self.note.setText("先保存这条记录，再打开它添加照片或扫描件。")
        elif not shown:
            self.note.setText(
                "可添加 JPG、PNG 照片和 PDF 扫描件（每个不超过 50 MB），也可把文件拖到这里。"
                "添加、移除立即保存，不随“取消”撤销。"
            )
        self.note.setVisible(not shown)  # the list takes its place once there is something
        self.list.setVisible(bool(shown))
        self.setToolTip(
            f"共 {len(shown)} 个附件。添加、移除立即保存；移除的附件在回收站保留 30 天。"
            if shown
            else ""
        )
        self._enable()

    def _enable(self) -> None:
        saved = self.owner_id is not None
        chosen = self.selected() is not None
        self.add_button.setEnabled(saved)
        for b in (self.caption_button, self.open_button, self.remove_button):
            b.setEnabled(saved and chosen)

    def selected(self) -> int | None:
        items = self.list.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    # adding -------------------------------------------------------------------------------
    def _choose_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self, "选择要添加的照片或扫描件", "", FILTER)
        return [Path(n) for n in names]

    def choose_and_add(self) -> None:
        self.add_files(self._choose_files())

    def add_files(self, paths: list[Path]) -> list[Attachment]:
        """Attach each file; those refused are named together with the reason, once."""
        added, refused = [], []
        side = self._book.attachments.shrink_side()
        for path in paths:
            try:
                smaller = shrunk_copy(path, side) if side else None
                source = smaller or path
                name = f"{path.stem}.jpg" if smaller else path.name
                added.append(
                    self._book.attachments.attach(source, self.owner, self.owner_id, name=name)
                )
            except PartyBookError as exc:
                refused.append(str(exc))
        self.refresh()
        if refused:
            self._warn("\n\n".join(refused))
        return added

    def _warn(self, text: str) -> None:
        messages.show_error(self, text, "有文件没有添加")

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.owner_id is not None and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.add_files(paths)

    # one attachment -------------------------------------------------------------------------
    def _ask_caption(self, current: str) -> str | None:
        text, ok = QInputDialog.getText(
            self, "附件说明", "说明（如：会后合影、签到表第 1 页）：", text=current
        )
        return text if ok else None

    def edit_caption(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        caption = self._ask_caption(self._book.attachments.get(chosen).caption)
        if caption is not None:
            self._book.attachments.set_caption(chosen, caption)
            self.refresh()

    def _open_url(self, url: QUrl) -> bool:
        return QDesktopServices.openUrl(url)

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            copy = self._book.attachments.viewable_copy(chosen)
        except PartyBookError as exc:
            self._warn(str(exc))
            return
        if not self._open_url(QUrl.fromLocalFile(str(copy))):
            self._warn(f"这台电脑上没有能打开“{copy.name}”的程序。文件在：{copy}")

    def _confirm(self, text: str) -> bool:
        return messages.confirm(self, text, "移除附件", "移到回收站")

    def remove_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        a = self._book.attachments.get(chosen)
        if self._confirm(
            f"把附件“{a.name}”从这条记录移除？\n"
            "它会在回收站保留 30 天，期间可以恢复；之后自动清除。"
        ):
            self._book.attachments.remove(chosen)
            self.refresh()


# printing -----------------------------------------------------------------------------------
PRINT_SIDE = 1400  # pixels of a photo's long side in a printout (about 200 dpi on half a page)
PAGE_WIDTH, HALF_PAGE = 660, 420  # the document's room (96-dpi pixels, A4 inside 15 mm margins)


def photos_html(book: Book, owner: Owner, owner_id: int, title: str = "") -> str:
    """The photos of a record as printed pages after it (two to a page, each with its caption
    and file name), or "" when it has none. Each photo is scaled while decoded into a
    temporary JPEG, so a printout of ten 3 MB photos stays small; a PDF attachment is named,
    not printed."""
    shown = [a for a in book.attachments.of(owner, owner_id) if a.kind.is_image]
    others = [a for a in book.attachments.of(owner, owner_id) if not a.kind.is_image]
    if not shown:
        return ""
    folder = Path(tempfile.mkdtemp(prefix="partybook-print-"))
    parts = []
    for n, a in enumerate(shown, start=1):
        try:
            data = book.attachments.read_bytes(a.id)
        except PartyBookError as exc:
            parts.append(f"<p>（{_esc(str(exc))}）</p>")
            continue
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > PRINT_SIDE:
            reader.setScaledSize(
                size.scaled(QSize(PRINT_SIDE, PRINT_SIDE), Qt.AspectRatioMode.KeepAspectRatio)
            )
        image = reader.read()
        label = _esc(a.caption or a.name)
        if image.isNull():
            parts.append(f"<p>图 {n}　{label}（无法显示这张照片）</p>")
            continue
        path = folder / f"{n}.jpg"
        image.save(str(path), "JPG", 85)
        room = QSize(PAGE_WIDTH, HALF_PAGE)
        fit = image.size().scaled(room, Qt.AspectRatioMode.KeepAspectRatio)
        src = QUrl.fromLocalFile(str(path)).toString()
        parts.append(
            f"<p align='center'><img src='{src}' width='{fit.width()}' height='{fit.height()}'>"
            f"<br>图 {n}　{label}" + (f"（{_esc(a.name)}）" if a.caption else "") + "</p>"
        )
    more = "、".join(_esc(a.name) for a in others)
    tail = f"<p>另有附件：{more}（PDF 文件，请在电脑上查看）。</p>" if more else ""
    head = f"{_esc(title)}照片" if title else "附件照片"
    return (
        "<div style='page-break-before: always'>"
        f"<h2 align='center'>{head}</h2>{''.join(parts)}{tail}</div>"
    )


def with_photos(html: str, photos: str) -> str:
    """A printable document with the photos' pages added at its end."""
    return html.replace("</body>", photos + "</body>", 1) if photos else html


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _choose(parent: QWidget | None, count: int) -> int | None:
    return messages.choose(
        parent,
        f"这次会议有 {count} 张照片。打印会议记录时要把照片附在后面（从第二页起）吗？",
        ["只打印会议记录", "会议记录和照片"],
        "打印会议记录",
    )


def minutes_with_photos_if_asked(parent: QWidget | None, book: Book, meeting, html: str) -> str:
    """The minutes, with the meeting's photos on the pages after them if the user asks
    (asked only when it has photos); 取消 prints the minutes alone."""
    count = sum(1 for a in book.attachments.of(Owner.MEETING, meeting.id) if a.kind.is_image)
    if not count or _choose(parent, count) != 1:
        return html
    return with_photos(html, photos_html(book, Owner.MEETING, meeting.id, "会议"))
