"""Layer rules of design.md, checked by walking every module's imports with ast."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "partybook"

# layer (path prefix inside partybook/) -> modules and sub-packages it may not import
FORBIDDEN = {
    "domain/": {
        "PySide6",
        "peewee",
        "playhouse",
        "openpyxl",
        "xlrd",
        "partybook.store",
        "partybook.export",
        "partybook.importing",
        "partybook.ui",
        "partybook.book",
        "partybook.app",
        "partybook.cli",
    },
    "store/": {
        "PySide6",
        "openpyxl",
        "xlrd",
        "partybook.export",
        "partybook.importing",
        "partybook.ui",
        "partybook.book",
        "partybook.app",
        "partybook.cli",
    },
    "export/": {
        "PySide6",
        "peewee",
        "playhouse",
        "partybook.store",
        "partybook.ui",
        "partybook.book",
        "partybook.app",
        "partybook.cli",
    },
    "importing/": {
        "PySide6",
        "peewee",
        "playhouse",
        "partybook.store",
        "partybook.ui",
        "partybook.book",
        "partybook.app",
        "partybook.cli",
        "partybook.export",
    },
    "book.py": {"PySide6", "peewee", "playhouse", "partybook.ui", "partybook.app"},
    "book_appraisal.py": {"PySide6", "peewee", "playhouse", "partybook.ui", "partybook.app"},
    "book_meetings.py": {"PySide6", "peewee", "playhouse", "partybook.ui", "partybook.app"},
    "book_summary.py": {"PySide6", "peewee", "playhouse", "partybook.ui", "partybook.app"},
    "book_study.py": {"PySide6", "peewee", "playhouse", "partybook.ui", "partybook.app"},
    "book_pipeline.py": {"PySide6", "peewee", "playhouse", "partybook.ui", "partybook.app"},
    "book_package.py": {"PySide6", "peewee", "playhouse", "partybook.ui", "partybook.app"},
    "selftest.py": {"PySide6", "peewee", "playhouse", "partybook.ui.tabs", "partybook.ui.dialogs"},
    # cli.py may load partybook.ui.printing lazily for `print`; Qt itself stays under ui/.
    "cli.py": {"PySide6", "peewee", "playhouse", "partybook.ui.tabs", "partybook.ui.dialogs"},
    "demo.py": {"PySide6", "peewee", "playhouse", "partybook.ui"},
    "ui/": {"peewee", "playhouse", "partybook.store", "partybook.cli", "openpyxl", "xlrd"},
}
# Outside ui/ and app.py nothing may import Qt; outside store/ nothing may import peewee.
EVERYWHERE = {"PySide6": ("ui/", "app.py"), "peewee": ("store/",), "playhouse": ("store/",)}


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _hits(names: set[str], banned: set[str]) -> set[str]:
    return {n for n in names for b in banned if n == b or n.startswith(b + ".")}


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_respects_its_layer(path: Path) -> None:
    rel = path.relative_to(PACKAGE).as_posix()
    names = imported_names(path)
    bad = set()
    for prefix, banned in FORBIDDEN.items():
        if rel.startswith(prefix):
            bad |= _hits(names, banned)
    for top, allowed in EVERYWHERE.items():
        if not rel.startswith(allowed):
            bad |= _hits(names, {top})
    assert not bad, f"{rel} imports what its layer must not: {sorted(bad)}"


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("import os\nfrom PySide6.QtCore import Qt\nfrom peewee import Model\n")
    assert _hits(imported_names(bad), {"PySide6", "peewee"}) == {"PySide6.QtCore", "peewee"}


def test_every_module_opens_with_a_docstring() -> None:
    missing = [
        str(p.relative_to(PACKAGE))
        for p in MODULES
        if ast.get_docstring(ast.parse(p.read_text())) is None
    ]
    assert not missing, f"modules without a one-line docstring: {missing}"
