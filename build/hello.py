"""The baseline the bundle benchmark compares against: a bare PySide6 window, frozen the same way.

With PARTYBOOK_FIRST_PAINT_PROBE=1 in the environment, `hello` prints "first-paint <epoch seconds>"
on its first paint and quits."""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


class _Probe(QObject):
    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            print(f"first-paint {time.time():.6f}", file=sys.stderr, flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QLabel("你好，PySide6")
    window.resize(400, 300)
    if os.environ.get("PARTYBOOK_FIRST_PAINT_PROBE") == "1":
        probe = _Probe(window)
        window.installEventFilter(probe)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
