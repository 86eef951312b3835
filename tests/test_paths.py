"""Where things live: resources from source, Qt's translation, portable mode beside the exe."""

from __future__ import annotations

import sys

import pytest

from partybook.support import paths


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """Pretend to be the packaged program in tmp_path/PartyBook, with an empty app-data folder."""
    exe = tmp_path / "PartyBook"
    exe.mkdir()
    monkeypatch.setattr(paths, "executable_dir", lambda: exe)
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "appdata" / "PartyBook")
    return exe


def test_resources_and_qt_translation_are_found_from_source() -> None:
    assert paths.resource("styles", "partybook.qss").is_file()
    assert paths.icon_file().is_file()
    assert paths.qt_translation().name == "qtbase_zh_CN.qm" and paths.qt_translation().is_file()


def test_in_a_bundle_everything_comes_from_meipass(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.bundled()
    assert paths.qt_translation() == tmp_path / "resources" / "translations" / "qtbase_zh_CN.qm"
    assert paths.icon_file() == tmp_path / "resources" / "icons" / "partybook.png"


def test_from_source_there_is_no_portable_mode() -> None:
    assert paths.portable_dir() is None and not paths.should_offer_portable()
    with pytest.raises(OSError):
        paths.make_portable()


def test_first_start_of_the_package_offers_portable_mode(frozen) -> None:
    assert paths.should_offer_portable()
    assert paths.default_book_path() == frozen.parent / "appdata" / "PartyBook" / paths.BOOK_FILE
    book = paths.make_portable()
    assert book == frozen / "data" / paths.BOOK_FILE and (frozen / "data").is_dir()
    assert paths.default_book_path() == book and paths.log_dir() == frozen / "data"
    assert not paths.should_offer_portable()  # asked once


def test_an_existing_book_in_app_data_is_not_asked_about(frozen) -> None:
    paths.default_book_path().parent.mkdir(parents=True)
    paths.default_book_path().write_bytes(b"")
    assert not paths.should_offer_portable()


def test_the_first_start_dialog_decides(frozen, monkeypatch, qtbot) -> None:
    from partybook import app
    from partybook.ui import messages
    from partybook.ui.dialogs.storage_dialog import StorageDialog

    monkeypatch.setattr(StorageDialog, "ask", classmethod(lambda cls, parent=None: None))
    assert app._choose_storage() is None  # 退出
    monkeypatch.setattr(StorageDialog, "ask", classmethod(lambda cls, parent=None: False))
    assert app._choose_storage() == paths.user_data_dir() / paths.BOOK_FILE
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, *a: shown.append(text))
    monkeypatch.setattr(paths, "make_portable", lambda: (_ for _ in ()).throw(OSError("只读")))
    monkeypatch.setattr(StorageDialog, "ask", classmethod(lambda cls, parent=None: True))
    assert app._choose_storage() == paths.user_data_dir() / paths.BOOK_FILE
    assert "U盘可能写保护" in shown[0]


def test_the_storage_dialog_shows_both_places(frozen, qtbot) -> None:
    from partybook.ui.dialogs.storage_dialog import StorageDialog

    dialog = StorageDialog()
    qtbot.addWidget(dialog)
    assert dialog.local.isChecked()
    assert str(frozen / "data") in dialog.portable.text()


def test_the_first_paint_probe_quits_after_painting(qtbot, capsys) -> None:
    from PySide6.QtWidgets import QWidget

    from partybook.app import FirstPaintProbe

    window = QWidget()
    qtbot.addWidget(window)
    probe = FirstPaintProbe(window)
    window.show()
    qtbot.waitUntil(lambda: probe.done)
    assert "first-paint " in capsys.readouterr().err
