"""Issue 20 in the window: the election dialog shows 应到 computed from the roster (read-only,
explained), members left out of it with a reason, 差额 with an exception; the committee page
shows the approval awaited and records its date; the dialog fits 1024 × 690."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from partybook.domain.committee import EXCLUSION_REASONS, Candidate, Election, Exclusion
from partybook.domain.members import Member, Stage
from partybook.domain.rules import ELECTION_RULES
from partybook.ui import messages
from partybook.ui.dialogs.election_dialog import ApprovalDialog, ElectionDialog, ExclusionDialog
from partybook.ui.pages.committee_page import CommitteePage

NAMES = "赵一 钱二 孙三 李四 周五 吴六 郑七 王八 冯九 陈十".split()
POSTS = ["书记", "组织委员", "宣传委员"]


def _ok(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def _branch(book) -> list[Member]:
    people = []
    for i, name in enumerate(NAMES, 1):
        post = POSTS[i - 1] if i <= len(POSTS) else ""
        member = Member(name, Stage.FULL, joined_on=date(2010, 1, i), full_on=date(2011, 1, i))
        people.append(book.members.add(member.replace(party_post=post)))
    book.members.add(Member("预备", Stage.PROBATIONARY, joined_on=date(2026, 5, 1)))
    return people


def test_the_dialog_shows_the_rolls_should_attend_and_explains_it(qtbot, book) -> None:
    _branch(book)
    dialog = ElectionDialog(book)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.should, QLabel)  # shown, never typed
    assert "10 人" in dialog.should.text()
    assert "花名册上的正式党员 10 人" in dialog.roll_text.text()
    assert "不能手填" in dialog.roll_text.text()
    assert dialog.present.maximum() == 10 and dialog.present.value() == 10
    assert dialog.election().should_attend == 10
    dialog.present.setValue(8)  # exactly 4/5 of 10: not more
    assert "未超过五分之四" in dialog.quorum.text() and not _ok(dialog)


def test_members_left_out_lower_should_attend_in_the_dialog(qtbot, book) -> None:
    people = _branch(book)
    dialog = ElectionDialog(book)
    qtbot.addWidget(dialog)
    dialog.set_excluded([Exclusion(people[9].id, EXCLUSION_REASONS[1], "出国进修，经镇党委同意")])
    assert "9 人" in dialog.should.text() and "陈十：出国出境半年以上" in dialog.roll_text.text()
    assert "（1 人）" in dialog.exclude_button.text()
    assert dialog.election().should_attend == 9 and dialog.present.maximum() == 9


def test_too_few_candidates_need_an_exception_with_its_reason(qtbot, book) -> None:
    _branch(book)
    dialog = ElectionDialog(book)
    qtbot.addWidget(dialog)
    assert len(dialog.rows) == 3 and dialog.seats.value() == 3  # the last committee
    for (_, votes, _, _), n in zip(dialog.rows, (10, 9, 8), strict=True):
        votes.setValue(n)
    assert not _ok(dialog)
    assert "候选人应至少 4 名" in dialog.problems.text()
    assert ELECTION_RULES.cite("candidates_margin_percent") in dialog.problems.text()
    assert dialog.override.isVisibleTo(dialog) and not dialog.reason.isEnabled()
    dialog.override.setChecked(True)
    assert not _ok(dialog)  # the reason is still missing
    dialog.reason.setText("经镇党委同意实行等额选举")
    assert _ok(dialog), dialog.problems.text()
    assert dialog.election().exception == "经镇党委同意实行等额选举"
    dialog.override.setChecked(False)
    dialog._add_row(None)  # a fourth candidate: 差额 met, nothing to excuse
    assert _ok(dialog), dialog.problems.text()
    assert not dialog.override.isVisibleTo(dialog) and dialog.election().exception == ""


def test_the_election_dialog_fits_a_small_screen(qtbot, book) -> None:
    _branch(book)
    dialog = ElectionDialog(book)
    qtbot.addWidget(dialog)
    dialog.show()
    hint = dialog.minimumSizeHint()
    assert dialog.width() <= 1024 and dialog.height() <= 690
    assert hint.width() <= 1024 and hint.height() <= 690


def test_the_exclusion_dialog_needs_a_listed_reason_and_details(qtbot, book) -> None:
    _branch(book)
    dialog = ExclusionDialog(book, date(2026, 11, 20), ())
    qtbot.addWidget(dialog)
    assert _ok(dialog)  # nobody left out
    dialog._add_row(None)
    assert not _ok(dialog) and "请从所列情形中选择" in dialog.error.text()
    who, reason, note, _ = dialog.rows[0]
    reason.setCurrentIndex(reason.findData(EXCLUSION_REASONS[0]))
    assert not _ok(dialog) and "请写明具体情况" in dialog.error.text()
    note.setText("长期住院，经镇党委同意")
    assert _ok(dialog)
    [x] = dialog.excluded()
    assert x.member_id == who.currentData() and x.reason == EXCLUSION_REASONS[0]
    assert "预备" not in [who.itemText(i) for i in range(who.count())]  # voters only


def test_the_committee_page_shows_the_approval_awaited_and_records_it(
    qtbot, book, monkeypatch
) -> None:
    people = _branch(book)
    e = Election(
        date(2026, 11, 20),
        None,
        10,
        3,
        tuple(
            Candidate(m.id, m.name, 10 - i, post)
            for i, (m, post) in enumerate(zip(people[:4], [*POSTS, ""], strict=True))
        ),
    )
    page = CommitteePage(book)
    qtbot.addWidget(page)
    monkeypatch.setattr(ElectionDialog, "ask", classmethod(lambda cls, *a, **k: e))
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    page.elect_button.click()
    [row] = page.election_model.rows()
    assert row.approval == "待批准" and row.election.should_attend == 10
    assert "尚待上级党组织批准" in page.term.text()
    assert "学校党支部每届 3 年" in page.term.text()
    monkeypatch.setattr(ApprovalDialog, "ask", classmethod(lambda cls, *a, **k: date(2026, 11, 21)))
    page.approval_button.click()  # nothing selected: the latest election awaiting approval
    [row] = page.election_model.rows()
    assert row.approval == "2026-11-21" and "尚待" not in page.term.text()


def test_the_approval_dialog_refuses_a_date_before_the_election(qtbot, book) -> None:
    people = _branch(book)
    e = Election(date(2026, 11, 20), 10, 10, 1, (Candidate(people[0].id, "赵一", 10, "书记"),))
    dialog = ApprovalDialog(e, date(2026, 11, 22))
    qtbot.addWidget(dialog)
    assert "书记 赵一" in [w.text() for w in dialog.findChildren(QLabel)][0]
    dialog.date.set_value(date(2026, 11, 19))
    dialog._on_ok()
    assert "早于选举日期" in dialog.error.text() and dialog.result() == 0
    dialog.date.set_value(date(2026, 11, 21))
    dialog._on_ok()
    assert dialog.result() == 1
