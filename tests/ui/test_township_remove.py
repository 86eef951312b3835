"""删除支部… in the township view (issue 22): asks first, backs up, removes the selected branch."""

from __future__ import annotations

from partybook.book import Book
from partybook.domain.members import Branch
from partybook.ui import messages
from tests.hardening.crash_driver import NOW, person


def _package(folder, name, serial):
    book = Book.open(folder / f"{serial}.sqlite", clock=lambda: NOW, auto_backup=False)
    book.save_branch(Branch(name=name))
    book.members.add(person(serial, "党员甲"))
    out = folder / f"{serial}.zip"
    book.packages.export(out)
    book.close(auto_backup=False)
    return out


def test_removing_a_branch_asks_then_backs_up(qtbot, tmp_path, monkeypatch) -> None:
    from partybook.ui.pages.township_view import TownshipView

    town = Book.open(tmp_path / "town.sqlite", clock=lambda: NOW, auto_backup=False)
    town.packages.import_file(_package(tmp_path, "甲校党支部", 1), township=True)
    town.packages.import_file(_package(tmp_path, "乙校党支部", 2))
    view = TownshipView(town)
    qtbot.addWidget(view)
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
    answers = iter([False, True])
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: next(answers))
    target = next(p for p in town.township.branches() if p.branch == "乙校党支部")
    assert not view.remove_branch(target)  # 否: nothing removed
    assert len(town.township.branches()) == 2
    assert view.remove_branch(target)
    assert [p.branch for p in town.township.branches()] == ["甲校党支部"]
    assert "已备份到" in shown[-1]
    town.close(auto_backup=False)


def test_people_on_two_rosters_are_named_above_the_branches(qtbot, tmp_path) -> None:
    from partybook.ui.pages.township_view import TownshipView

    town = Book.open(tmp_path / "town.sqlite", clock=lambda: NOW, auto_backup=False)
    town.packages.import_file(_package(tmp_path, "甲校党支部", 1), township=True)
    second = Book.open(tmp_path / "x.sqlite", clock=lambda: NOW, auto_backup=False)
    second.save_branch(Branch(name="乙校党支部"))
    second.members.add(person(1, "党员甲"))  # the same 身份证号 as 甲校's
    second.packages.export(tmp_path / "x.zip")
    second.close(auto_backup=False)
    town.packages.import_file(tmp_path / "x.zip")
    view = TownshipView(town)
    qtbot.addWidget(view)
    assert "只计一次" in view.shared.text() and not view.shared.isHidden()
    town.close(auto_backup=False)
