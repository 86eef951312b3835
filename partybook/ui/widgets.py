"""Small widgets shared by the window and dialogs: a forgiving date field, a field-error label,
tabs whose pages scroll on a small screen, and the question before a changed form is thrown away."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractListModel, QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from partybook.domain.dates import exact, format_date, month_only, parse_date
from partybook.domain.errors import InvalidValue
from partybook.ui import messages

PACKAGE_FILTER = "PartyBook 数据包 (*.zip)"  # the file dialogs' filter for data packages
LISTED = 20  # names or problems written out under a table; more are counted, not listed
DATE_HINT = "如 2026-11-22，也可写 2026.11.22 或 2026年11月22日"


class DateField(QLineEdit):
    """A text box for a date that accepts every form a teacher may type; empty means unknown.
    month_ok: a month alone ("1995.07") is kept as known only to the month (a roster's dates);
    day_needed: a month alone is refused with these words after it (a development step, whose
    deadlines are counted in days); otherwise it is read as the month's 1st, as before."""

    def __init__(
        self, parent: QWidget | None = None, *, month_ok: bool = False, day_needed: str = ""
    ) -> None:
        super().__init__(parent)
        self._month_ok = month_ok
        self._day_needed = day_needed
        self.setPlaceholderText("如 2026-11-22" + ("，只知道月份写 1995.07" if month_ok else ""))
        self.setToolTip(DATE_HINT + ("；只知道年月的写 1995.07" if month_ok else ""))
        self.setClearButtonEnabled(True)
        self.editingFinished.connect(self._tidy)

    def value(self) -> date | None:
        """The date typed, None when empty; raises InvalidValue for text that is not a date."""
        found = parse_date(self.text())
        if self._day_needed and month_only(found):
            raise InvalidValue(f"日期“{self.text().strip()}”{self._day_needed}")
        return found if self._month_ok else exact(found)

    def readable_value(self) -> date | None:
        """The date typed, or None when the box is empty or does not hold a readable date."""
        try:
            return self.value()
        except ValueError:
            return None

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))

    def _tidy(self) -> None:
        try:
            value = self.value()
        except ValueError:
            return
        if value is not None:
            self.set_value(value)


class ErrorLabel(QLabel):
    """A small red (error) or brown (warning) line under a field; hidden when empty, its line
    kept free meanwhile, so a form does not jump up and down as messages come and go."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing())
        keep_room_when_hidden(self)
        self.hide()

    def show_message(self, text: str, warning: bool = False) -> None:
        colour = "#9a6700" if warning else "#c62828"
        self.setStyleSheet(f"color: {colour};")
        self.setText(text)
        self.setVisible(bool(text))


def keep_room_when_hidden(widget: QWidget) -> None:
    """A hidden widget keeps its room in the layout (a hint line that comes and goes)."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


def ok_cancel_buttons(ok_text: str = "确定", cancel_text: str = "取消") -> QDialogButtonBox:
    """A dialog's OK/Cancel row with plain Chinese words on the buttons."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    return buttons


def listed(items: list[str], sep: str, what: str, limit: int = LISTED, total: int = 0) -> str:
    """items joined by sep, the first `limit` of them and how many there are in all (a
    township's lists can have thousands: a label of 60 000 characters took 0.2 s to lay out
    and paint, and pushed the table off the page). `total`: how many there are when `items`
    holds only the first ones (a caller that does not make 8 000 texts to show 20)."""
    count = max(total, len(items))
    if count <= limit:
        return sep.join(items)
    return sep.join(items[:limit]) + f"{sep}……共 {count} {what}"


class ScrollingTabs(QTabWidget):
    """A tab widget whose pages scroll when the window is smaller than a page wants (a 1024×768
    screen at 125%): the window's minimum size no longer grows with its widest page. Each page
    is held in a QScrollArea; widget(), currentWidget(), indexOf() and setCurrentWidget() speak
    of the page itself, as a plain QTabWidget's do."""

    def insertTab(self, index: int, page: QWidget, title: str) -> int:  # noqa: N802 - Qt's
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)
        return super().insertTab(index, area, title)

    def addTab(self, page: QWidget, title: str) -> int:  # noqa: N802 - Qt's name
        return self.insertTab(self.count(), page, title)

    def widget(self, index: int) -> QWidget | None:
        area = super().widget(index)
        return area.widget() if isinstance(area, QScrollArea) else area

    def currentWidget(self) -> QWidget | None:  # noqa: N802 - Qt's name
        return self.widget(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:  # noqa: N802 - Qt's name
        return next((i for i in range(self.count()) if self.widget(i) is page), -1)

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802 - Qt's name
        index = self.indexOf(page)
        if index >= 0:
            self.setCurrentIndex(index)


class FlowLayout(QLayout):
    """A row of buttons that wraps onto a second line when the page is narrower than the row
    (a 1024×768 screen) instead of making the page scroll sideways. Left-aligned; each line's
    items are centred on the line's height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name: all on one line
        shown = [i.sizeHint() for i in self._items if not i.isEmpty()]
        width = sum(h.width() for h in shown) + self._gap() * max(0, len(shown) - 1)
        return QSize(width, max((h.height() for h in shown), default=0))

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name: the widest item alone
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size

    def lines(self) -> int:
        """How many lines the items take at the layout's present width (for tests)."""
        middles = sorted(i.geometry().center().y() for i in self._items if not i.isEmpty())
        # items on one line are centred on it (a label and a button differ by a pixel or two)
        gaps = [b - a for a, b in zip(middles, middles[1:], strict=False)]
        return (1 if middles else 0) + sum(1 for gap in gaps if gap > 3)

    def _gap(self) -> int:
        gap = self.spacing()
        return gap if gap >= 0 else 6

    def _arrange(self, rect: QRect, move: bool) -> int:
        gap = self._gap()
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = rect.x()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if lines[-1] and x + hint.width() > rect.right() + 1:
                lines.append([])
                x = rect.x()
            lines[-1].append((item, hint))
            x += hint.width() + gap
        y = rect.y()
        for line in lines:
            height = max((h.height() for _, h in line), default=0)
            x = rect.x()
            for item, hint in line:
                if move:
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + gap
            y += height + gap
        return max(0, y - gap - rect.y())


def flow_row(*widgets: QWidget) -> FlowLayout:
    """A FlowLayout holding widgets in order."""
    row = FlowLayout()
    for w in widgets:
        row.addWidget(w)
    return row


class KeepDialogsOnScreen(QObject):
    """Installed on the application: a dialog opening larger than the screen's free area (a
    1366×768 screen at 125% leaves about 1093×614 logical pixels, less the taskbar) is made to
    fit it, and moved into it, so its buttons are never below the screen's edge."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow():
            fit_on_screen(watched)
        return False


TITLE_BAR = 32  # about what a window's title bar takes above its contents


def fit_on_screen(window: QWidget) -> None:
    """Shrink window to the screen's free area (not below its minimum size), then move it in."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    width = max(window.minimumWidth(), min(window.width(), room.width()))
    height = max(window.minimumHeight(), min(window.height(), room.height() - TITLE_BAR))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(window.x(), room.x()), max(room.x(), room.right() + 1 - width))
    y = min(max(window.y(), room.y()), max(room.y(), room.bottom() + 1 - height - TITLE_BAR))
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


DISCARD = "刚才填写的内容还没有保存，放弃这些内容吗？"


def form_state(root: QWidget) -> tuple:
    """Everything a person can change in root, as shown: the text of its boxes (a date not yet
    readable too), each list's choice, each tick, and every cell of its tables."""
    state: list[object] = []
    for w in root.findChildren(QWidget):
        if isinstance(w, QLineEdit):
            if not isinstance(w.parent(), (QAbstractSpinBox, QComboBox)):  # theirs: below
                state.append(w.text())
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            state.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            state.append((w.currentIndex(), w.currentText()))
        elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
            state.append(w.value())
        elif isinstance(w, QDateTimeEdit):
            state.append(w.dateTime())
        elif isinstance(w, QAbstractButton) and w.isCheckable():
            state.append(w.isChecked())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            for row in range(model.rowCount()):
                for col in range(columns):
                    index = model.index(row, col)
                    state.append(index.data())
                    state.append(index.data(Qt.ItemDataRole.CheckStateRole))
    return tuple(state)


class AsksBeforeDiscarding:
    """For a QDialog holding a form: 取消, Esc and the window's close button ask before a
    changed form is thrown away. The dialog calls keep_form() once it has been filled in."""

    _kept: tuple | None = None

    def keep_form(self) -> None:
        """What the form holds now counts as unchanged (call it at the end of __init__)."""
        self._kept = form_state(self)

    def form_changed(self) -> bool:
        return self._kept is not None and form_state(self) != self._kept

    def reject(self) -> None:  # 取消, Esc and the window's close button
        if self.form_changed() and not messages.confirm(
            self, DISCARD, "还没有保存", yes="放弃，关闭"
        ):
            return
        QDialog.reject(self)
