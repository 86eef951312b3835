"""The export layouts (表格格式): which columns each workbook sheet has, saved in the book."""

from __future__ import annotations

import logging
from pathlib import Path

from partybook.book.changes import Change
from partybook.book.core import Core
from partybook.domain.errors import PartyBookError, RuleViolation

log = logging.getLogger(__name__)

_LAYOUTS_KEY = "export.layouts"


class Layouts:
    """book.layouts: the saved layouts, and the small file that carries them to another school."""

    def __init__(self, core: Core) -> None:
        self._core = core

    def current(self):
        """The export layouts saved in the book (sheets not set use their default)."""
        from partybook.export.layouts import Layouts as Saved

        text = self._core.settings().get(_LAYOUTS_KEY, "")
        if not text:
            return Saved()
        try:
            return Saved.from_json(text)
        except PartyBookError:
            log.warning("saved layouts unreadable; using the defaults")
            return Saved()

    def save(self, layouts) -> None:
        from partybook.export.layouts import check_layout

        for sheet, layout in layouts.sheets.items():
            problems = check_layout(sheet, layout)
            if problems:
                raise RuleViolation(f"“{sheet}”的表格格式：" + "；".join(problems))
        self._core.put_settings({_LAYOUTS_KEY: layouts.to_json()}, Change.LAYOUTS)

    def export(self, target: Path) -> Path:
        """Save the layouts as a small file another school's PartyBook can import."""
        from partybook.support.files import atomic_write, cannot_write

        target = Path(target)
        try:
            with atomic_write(target, ".json") as tmp:
                tmp.write_text(self.current().to_json(), encoding="utf-8")
        except OSError as exc:
            raise PartyBookError(cannot_write(target, exc)) from exc
        return target

    def import_file(self, source: Path):
        """Read a layouts file and save it in the book; returns the layouts."""
        from partybook.export.layouts import Layouts as Saved

        source = Path(source)
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PartyBookError(f"无法读取“{source.name}”：{exc}") from exc
        layouts = Saved.from_json(text, f"“{source.name}”")
        self.save(layouts)
        return layouts
