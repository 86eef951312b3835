"""The layers of ARCHITECTURE.md, checked by walking every module's imports with ast: every
module of partybook/ belongs to exactly one layer, and each layer may import only what it may."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "partybook"

QT = {"PySide6", "shiboken6"}
DATABASE = {"peewee", "playhouse"}
EXCEL = {"openpyxl", "xlrd"}
WORD = {"docx"}  # python-docx: written in export/ only


def _ours(*names: str) -> set[str]:
    return {f"partybook.{n}" for n in names}


# layer -> what its modules may not import (a module or any module below it)
LAYERS: dict[str, set[str]] = {
    "support": QT
    | DATABASE
    | EXCEL
    | WORD
    | _ours(
        "domain",
        "store",
        "importing",
        "export",
        "book",
        "cli",
        "ui",
        "app",
        "samples",
        "selftest",
    ),
    "domain": QT
    | DATABASE
    | EXCEL
    | WORD
    | _ours(
        "store",
        "importing",
        "export",
        "book",
        "cli",
        "ui",
        "app",
        "samples",
        "selftest",
    ),
    "store": QT
    | EXCEL
    | WORD
    | _ours("importing", "export", "book", "cli", "ui", "app", "samples", "selftest"),
    "importing": QT
    | DATABASE
    | _ours("store", "export", "book", "cli", "ui", "app", "samples", "selftest"),
    "export": QT
    | DATABASE
    | _ours("store", "importing", "book", "cli", "ui", "app", "samples", "selftest"),
    "book": QT | DATABASE | WORD | _ours("cli", "ui", "app", "samples", "selftest"),
    "samples": QT | DATABASE | _ours("store", "cli", "ui", "app", "selftest"),
    # the command line may load partybook.ui.printing lazily for `print` (Qt's PDF writer)
    "cli": QT | DATABASE | _ours("store", "importing", "ui.tabs", "ui.dialogs", "ui.pages"),
    "ui": DATABASE | EXCEL | WORD | _ours("store", "importing", "cli", "selftest"),
    "app": DATABASE | _ours("store", "importing", "cli"),
    "selftest": QT | DATABASE | _ours("store", "importing", "ui.tabs", "ui.dialogs"),
    "main": QT | DATABASE | _ours("store", "importing"),
}
ROOT_MODULES = {
    "__init__.py": "main",
    "__main__.py": "main",
    "app.py": "app",
    "selftest.py": "selftest",
}


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    if len(rel.parts) == 1:
        return ROOT_MODULES[rel.name]
    return rel.parts[0]


def runtime_imports(path: Path) -> set[str]:
    """The modules a file imports when it runs (imports under `if TYPE_CHECKING:` are for the
    annotations only and are left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _hits(names: set[str], banned: set[str]) -> set[str]:
    return {n for n in names for b in banned if n == b or n.startswith(b + ".")}


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_layer() -> None:
    strays = []
    for path in MODULES:
        try:
            if layer_of(path) not in LAYERS:
                strays.append(str(path.relative_to(PACKAGE)))
        except KeyError:
            strays.append(str(path.relative_to(PACKAGE)))
    assert not strays, f"modules outside every layer (add them to ARCHITECTURE.md): {strays}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_respects_its_layer(path: Path) -> None:
    banned = LAYERS[layer_of(path)]
    bad = _hits(runtime_imports(path), banned)
    rel = path.relative_to(PACKAGE).as_posix()
    assert not bad, f"{rel} imports what its layer must not: {sorted(bad)}"


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text(
        "import os\nfrom typing import TYPE_CHECKING\nfrom PySide6.QtCore import Qt\n"
        "from peewee import Model\nif TYPE_CHECKING:\n    from partybook.store import db\n"
    )
    found = _hits(runtime_imports(bad), {"PySide6", "peewee", "partybook.store"})
    assert found == {"PySide6.QtCore", "PySide6.QtCore.Qt", "peewee", "peewee.Model"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_name_is_imported_from_another_module(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("partybook")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]
    assert not private, f"{path.relative_to(PACKAGE)} imports private names: {private}"


def test_every_module_opens_with_a_docstring() -> None:
    missing = [
        str(p.relative_to(PACKAGE))
        for p in MODULES
        if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert not missing, f"modules without a one-line docstring: {missing}"


def test_the_package_root_holds_only_the_entry_points() -> None:
    root = {p.name for p in PACKAGE.glob("*.py")}
    assert root <= set(ROOT_MODULES), f"modules at the root that belong in a layer: {root}"


def test_ui_tabs_holds_tabs_only() -> None:
    """ui/tabs/: one module per tab (and their shared base); pages and models live beside it."""
    from partybook.ui.tabs.base import Tab

    tabs = PACKAGE / "ui" / "tabs"
    for path in sorted(tabs.glob("*.py")):
        if path.name in ("__init__.py", "base.py"):
            continue
        module = __import__(f"partybook.ui.tabs.{path.stem}", fromlist=["x"])
        found = [
            c
            for c in vars(module).values()
            if inspect.isclass(c) and issubclass(c, Tab) and c.__module__ == module.__name__
        ]
        assert found, f"ui/tabs/{path.name} holds no tab"


def test_the_book_is_a_small_surface_of_managers() -> None:
    """The Book's own verbs are few; the rest is its managers' (book.members, book.meetings …)."""
    from partybook.book import Book

    public = [n for n in vars(Book) if not n.startswith("_")]
    assert len(public) <= 20, public
    managers = {
        n for n in Book.__init__.__code__.co_names if n[0].islower() and not n.startswith("_")
    }
    assert {"members", "pipeline", "meetings", "appraisal", "study", "dues", "talks"} <= managers
