"""The 组织建设 tab with pytest-qt: adding a talk, recording a transfer out (the roster follows),
the election dialog's live quorum check, and the due list leading to the tab."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from partybook.domain.committee import Candidate, Election
from partybook.domain.talks import Talk
from partybook.domain.transfers import Direction
from partybook.ui import messages
from partybook.ui.dialogs.election_dialog import ElectionDialog
from partybook.ui.dialogs.group_dialog import GroupDialog
from partybook.ui.dialogs.talk_dialog import OUTSIDE, TalkDialog
from partybook.ui.dialogs.transfer_dialog import TransferDialog
from partybook.ui.main_window import MainWindow
from partybook.ui.tabs.org_tab import LATE, OrgTab


def _ok(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def _id(book, name: str) -> int:
    return next(m.id for m in book.members.all() if m.name == name)


def _coverage(tab: OrgTab, name: str):
    return next(r for r in tab.talks.coverage_model.rows() if r.talker.name == name)


def test_adding_a_talk(qtbot, demo_book, monkeypatch) -> None:
    tab = OrgTab(demo_book)
    qtbot.addWidget(tab)
    before = tab.talks.model.rowCount()
    assert [m.name for m in _coverage(tab, "刘建华").missing] == [
        "谢婷",
        "彭浩",
        "宋玉华",
        "梁建国",
    ]
    dialog = TalkDialog(demo_book)
    qtbot.addWidget(dialog)
    assert dialog.first.currentData() == _id(demo_book, "刘建华")  # 支委 come first
    assert not _ok(dialog) and "主题" in dialog.problems.text()
    dialog.second.setCurrentIndex(dialog.second.findData(_id(demo_book, "谢婷")))
    dialog.topic.setText("预备期的思想和工作")
    dialog.content.setPlainText("谈预备期表现，提出努力方向。")
    dialog.date.setText("2026.11.20")
    assert _ok(dialog)
    dialog.second.setCurrentIndex(dialog.second.findData(OUTSIDE))
    assert not _ok(dialog) and dialog.second_name.isEnabled()
    dialog.second.setCurrentIndex(dialog.second.findData(_id(demo_book, "谢婷")))
    entered = dialog.talk()
    assert entered.on == date(2026, 11, 20) and entered.second_name == ""
    monkeypatch.setattr(TalkDialog, "ask", classmethod(lambda cls, *a, **k: entered))
    tab.talks.add_button.click()
    assert tab.talks.model.rowCount() == before + 1
    assert "谢婷" not in [m.name for m in _coverage(tab, "刘建华").missing]
    assert "谈心谈话 31 次" in tab.talks.summary.text()
    tab.talks.search.setText("预备期")
    assert tab.talks.proxy.rowCount() == 1


def test_the_talk_dialog_refuses_a_future_date_and_the_same_person(qtbot, demo_book) -> None:
    t = Talk(date(2026, 12, 1), _id(demo_book, "刘建华"), "谈", second_id=_id(demo_book, "刘建华"))
    dialog = TalkDialog(demo_book, t)
    qtbot.addWidget(dialog)
    assert not _ok(dialog)
    assert "晚于今天" in dialog.problems.text() and "同一个人" in dialog.problems.text()


def test_recording_a_transfer_out_updates_the_roster(qtbot, demo_book, monkeypatch) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()  # tabs load when shown
    window.tabs.setCurrentWidget(window.org_tab)
    tab = window.org_tab
    tab.pages.setCurrentWidget(tab.transfers)
    assert tab.transfers.model.rowCount() == 2
    late = [r for r in tab.transfers.model.rows() if r.late]
    assert [r.name for r in late] == ["林海"]
    dialog = TransferDialog(demo_book, Direction.OUT)
    qtbot.addWidget(dialog)
    dialog.person.setCurrentIndex(dialog.person.findData(_id(demo_book, "黄伟")))
    assert not _ok(dialog) and "转往党组织" in dialog.problems.text()
    dialog.organisation.setText("县一中党支部")
    dialog.letter_no.setText("青山组转〔2026〕9号")
    dialog.date.setText("2026-11-10")
    assert _ok(dialog) and not dialog.receipt_on.isEnabled()
    entered = dialog.transfer()
    monkeypatch.setattr(TransferDialog, "ask", classmethod(lambda cls, *a, **k: entered))
    tab.transfers.out_button.click()
    huang = demo_book.members.get(_id(demo_book, "黄伟"))
    assert not huang.active and huang.left_on == date(2026, 11, 10)
    assert huang.left_note == "转往县一中党支部"
    assert tab.transfers.model.rowCount() == 3
    assert tab.transfers.model.rows()[0].name == "黄伟"  # newest first
    window.members_tab.reload()  # hidden tabs reload when shown
    names = {m.name: m for m in window.members_tab.model.rows()}
    assert names["黄伟"].status_text == "已离开（转出）"
    # 林海's 回执 is long overdue: his row is red
    lin = next(
        i for i in range(tab.transfers.proxy.rowCount()) if tab.transfers.proxy.row_at(i).late
    )
    brush = tab.transfers.proxy.index(lin, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == LATE


def test_a_returning_member_transferred_in(qtbot, demo_book, monkeypatch) -> None:
    tab = OrgTab(demo_book)
    qtbot.addWidget(tab)
    dialog = TransferDialog(demo_book, Direction.IN)
    qtbot.addWidget(dialog)
    lin = _id(demo_book, "林海")
    dialog.person.setCurrentIndex(dialog.person.findData(lin))
    assert dialog.organisation.text() == "县城关第二小学党支部"  # where he had gone
    entered = dialog.transfer()
    assert entered.member_id == lin and _ok(dialog)
    monkeypatch.setattr(TransferDialog, "ask", classmethod(lambda cls, *a, **k: entered))
    tab.transfers.in_button.click()
    assert demo_book.members.get(lin).active


def test_the_election_dialog_checks_the_turnout_as_typed(qtbot, demo_book) -> None:
    dialog = ElectionDialog(demo_book)
    qtbot.addWidget(dialog)
    assert len(dialog.rows) == 4  # the present committee as candidates
    assert "17 人" in dialog.should.text()  # 应到 from the roster (issue 20), not typed
    dialog.present.setValue(13)  # 65 < 4 × 17
    assert "未超过五分之四" in dialog.quorum.text() and not _ok(dialog)
    assert "选举无效" in dialog.problems.text()
    dialog.present.setValue(14)
    assert "超过五分之四，选举有效" in dialog.quorum.text()
    dialog.seats.setValue(3)
    for (_, votes, _, _), n in zip(dialog.rows, (14, 13, 12, 2), strict=True):
        votes.setValue(n)
    verdicts = [v.text() for *_, v in dialog.rows]
    assert verdicts == ["当选", "当选", "当选", "未当选"]  # 8 of 14 is more than half
    assert "张丽 未当选" in dialog.problems.text()  # she still has a post chosen
    dialog.rows[3][2].setCurrentIndex(0)
    assert _ok(dialog), dialog.problems.text()


def test_recording_an_election_asks_first_then_sets_the_posts(
    qtbot, demo_book, monkeypatch
) -> None:
    tab = OrgTab(demo_book)
    qtbot.addWidget(tab)
    ids = {n: _id(demo_book, n) for n in ("陈秀英", "王志强", "李国平", "赵春梅")}
    e = Election(
        date(2026, 11, 20),
        None,  # 应到 from the roster (issue 20)
        16,
        3,
        (
            Candidate(ids["陈秀英"], "陈秀英", 16, "书记"),
            Candidate(ids["王志强"], "王志强", 15, "宣传委员"),
            Candidate(ids["李国平"], "李国平", 14, "组织委员"),
            Candidate(ids["赵春梅"], "赵春梅", 3, ""),  # 差额: 4 candidates for 3 seats
        ),
    )
    monkeypatch.setattr(ElectionDialog, "ask", classmethod(lambda cls, *a, **k: e))
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda p, text, **k: asked.append(text) or False)
    tab.committee.elect_button.click()
    assert "刘建华：不再担任书记" in asked[0]
    assert (
        demo_book.members.get(_id(demo_book, "刘建华")).party_post == "书记"
    )  # refused: unchanged
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    tab.committee.elect_button.click()
    assert [m.name for m in tab.committee.committee_model.rows()] == ["陈秀英", "李国平", "王志强"]
    assert "2026-11-20 至 2029-11-20" in tab.committee.term.text()
    assert tab.committee.election_model.rowCount() == 2


def test_a_party_group_dialog(qtbot, demo_book) -> None:
    g = next(g for g in demo_book.committee.groups() if g.name == "第一党小组")
    dialog = GroupDialog(demo_book, g)
    qtbot.addWidget(dialog)
    assert dialog.leader.currentText() == "赵春梅" and _ok(dialog)
    dialog.name.setText("")
    assert not _ok(dialog)


def test_due_items_lead_to_the_page(qtbot, demo_book) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()  # tabs load when shown
    window.home_tab.go.emit("transfer", 0)
    assert window.tabs.currentWidget() is window.org_tab
    assert window.org_tab.pages.currentWidget() is window.org_tab.transfers
    window.home_tab.go.emit("committee", 0)
    assert window.org_tab.pages.currentWidget() is window.org_tab.committee
    assert "准备换届" in window.org_tab.committee.term.text()


def test_the_settings_page_of_the_standing_records(qtbot, demo_book, monkeypatch) -> None:
    from partybook.domain.rules import Practice
    from partybook.ui.dialogs.settings_dialog import Settings, SettingsDialog

    dialog = SettingsDialog(Settings("细则 2014", Practice()))
    qtbot.addWidget(dialog)
    assert dialog.talks_on.isChecked() and dialog.receipt_days.value() == 30
    assert (dialog.term_early.value(), dialog.term_late.value()) == (6, 1)
    dialog.talks_on.setChecked(False)
    dialog.receipt_days.setValue(300)
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    monkeypatch.setattr(SettingsDialog, "ask_dialog", classmethod(lambda cls, *a, **k: dialog))
    window._on_settings_triggered()
    kinds = {i.kind for i in demo_book.due_items()}
    assert "talk" not in kinds and "transfer" not in kinds and "committee" in kinds


def test_the_names_still_to_talk_with_are_listed_in_full_for_a_branch(qtbot, demo_book) -> None:
    from PySide6.QtCore import Qt

    from partybook.ui.tabs.org_tab import COVERAGE_COLUMNS

    tab = OrgTab(demo_book)
    qtbot.addWidget(tab)
    model, last = tab.talks.coverage_model, len(COVERAGE_COLUMNS) - 1
    for row, r in enumerate(model.rows()):
        shown = model.index(row, last).data(Qt.ItemDataRole.DisplayRole)
        assert shown == "、".join(m.name for m in r.missing)  # a branch: all of them


def test_a_townships_hundreds_of_names_are_counted_after_the_first_hundred() -> None:
    from partybook.ui.widgets import listed

    names = [f"党员{i}" for i in range(4632)]
    assert listed(names, "、", "人", limit=100) == "、".join(names[:100]) + "、……共 4632 人"
