"""The record tabs' faster loads (issue 10) show what the old way showed: columns sized
as resizeColumnsToContents() sized them, names as read with the roster, long lists counted,
and a year switched or a record saved under the 请稍候 note when expected to be slow."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.meetings import Meeting, MeetingKind


def _widths(view) -> list[int]:
    return [view.columnWidth(c) for c in range(view.model().columnCount())]


def _tab(qtbot, book, name: str):
    from partybook.ui.tabs.appraisal_tab import AppraisalTab
    from partybook.ui.tabs.dues_tab import DuesTab
    from partybook.ui.tabs.meetings_tab import MeetingsTab
    from partybook.ui.tabs.org_tab import OrgTab
    from partybook.ui.tabs.study_tab import StudyTab

    kinds = {"meetings": MeetingsTab, "study": StudyTab, "appraisal": AppraisalTab}
    kinds.update(dues=DuesTab, org=OrgTab)
    tab = kinds[name](book)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    return tab


@pytest.mark.parametrize("shown", [False, True])
@pytest.mark.parametrize(
    ("name", "views"),
    [
        ("meetings", ("table", "compliance_view", "people_view")),
        ("study", ("table", "hours_view")),
        ("appraisal", ("table",)),
        ("dues", ("table",)),
        (
            "org",
            (
                "talks.table",
                "talks.coverage_view",
                "committee.committee_view",
                "committee.election_view",
                "committee.group_view",
                "transfers.table",
            ),
        ),
    ],
)
def test_columns_are_as_wide_as_resize_to_contents_made_them(
    qtbot, demo_book, name, views, shown
) -> None:
    tab = _tab(qtbot, demo_book, name)
    if name == "appraisal":  # the demo's finished round, with tallies and grades
        tab.year.setCurrentIndex(tab.year.findData(2025))
    if shown:
        tab.show()
        qtbot.waitExposed(tab)
        tab.reload()
    for attr in views:
        view = tab
        for part in attr.split("."):
            view = getattr(view, part)
        assert view.model().rowCount() > 0, attr
        ours = _widths(view)
        view.resizeColumnsToContents()  # the old way
        # the last column stretches to the view's edge either way
        assert ours[:-1] == _widths(view)[:-1], attr


def test_the_names_are_those_of_the_roster_kept_or_not(demo_book) -> None:
    roster = {m.id: m.name for m in demo_book.members.all()}
    assert demo_book.members.names() == roster  # from the kept roster
    someone = demo_book.members.all()[0]
    demo_book.members.update(someone.replace(name="新名字"))
    assert demo_book.members.names() == {**roster, someone.id: "新名字"}  # read afresh


def test_a_long_list_is_counted_after_the_first_twenty() -> None:
    from partybook.ui.tabs.appraisal_tab import LISTED, listed

    few = [f"第{i}条" for i in range(LISTED)]
    assert listed(few, "；", "条") == "；".join(few)
    many = [f"第{i}条" for i in range(3 * LISTED)]
    assert listed(many, "；", "条") == "；".join(many[:LISTED]) + f"；……共 {3 * LISTED} 条"
    # the first ones only, with how many there are: the same text
    assert listed(many[:LISTED], "；", "条", total=len(many)) == listed(many, "；", "条")


@pytest.mark.parametrize("name", ["meetings", "appraisal"])
def test_a_year_switched_shows_the_note_when_expected_slow(
    qtbot, demo_book, monkeypatch, name, busy_notes
) -> None:
    from partybook.ui.tabs import base

    notes = busy_notes
    tab = _tab(qtbot, demo_book, name)
    assert not tab.last_load_noted  # a small book: no note
    monkeypatch.setattr(base, "BIG_ROSTER", 5)  # the demo branch counts as a big book
    other = tab.year.currentIndex() + 1
    tab.year.setCurrentIndex(other)  # a year not loaded yet, on a "big" book: a note
    assert notes == ["正在整理数据，请稍候…"] and tab.last_load_noted
    monkeypatch.setattr(base, "SLOW_LOAD", 60.0)  # every load quick from now on
    tab.year.setCurrentIndex(other - 1)  # loaded before, quickly: no note
    assert len(notes) == 1 and not tab.last_load_noted


def test_a_meeting_saved_reloads_under_the_note_on_a_big_book(
    qtbot, demo_book, monkeypatch, busy_notes
) -> None:
    from partybook.ui.tabs import base

    notes = busy_notes
    tab = _tab(qtbot, demo_book, "meetings")
    monkeypatch.setattr(base, "BIG_ROSTER", 5)  # the demo branch counts as a big book
    monkeypatch.setattr(base, "SLOW_LOAD", 60.0)  # the load before was quick: no matter,
    before = tab.meetings_model.rowCount()
    people = demo_book.meetings.default_attendees(MeetingKind.GENERAL)
    tab._save(Meeting(MeetingKind.GENERAL, demo_book.today(), attendees=people))
    assert tab.meetings_model.rowCount() == before + 1  # the figures are worked out again
    assert notes == ["正在整理数据，请稍候…"] and tab.last_load_noted


def test_the_meetings_held_are_written_as_before(demo_book) -> None:
    from partybook.ui.tabs.meetings_tab import COMPLIANCE_COLUMNS

    on = date(2026, 2, 20)  # a second 支委会 in February
    people = demo_book.meetings.default_attendees(MeetingKind.COMMITTEE, on=on)
    demo_book.meetings.save(Meeting(MeetingKind.COMMITTEE, on, attendees=people))
    rows = [r for r in demo_book.meetings.compliance(2026) if r.met]
    assert rows and any(len(r.held) > 1 for r in rows)
    shown = COMPLIANCE_COLUMNS[2].value
    for r in rows:
        assert shown(r) == "已召开 " + "、".join(f"{d:%m-%d}" for d in r.held)


@pytest.mark.parametrize("listed_at_most", [3, 20, 1000])
def test_the_blank_ballots_and_problems_are_the_old_lists_shortened(
    qtbot, demo_book, monkeypatch, listed_at_most
) -> None:
    from partybook.domain.appraisal import blanks, check_round
    from partybook.ui.tabs import appraisal_tab

    monkeypatch.setattr(appraisal_tab, "LISTED", listed_at_most)
    tab = _tab(qtbot, demo_book, "appraisal")
    tab.year.setCurrentIndex(tab.year.findData(2025))
    tab.handed_out.setValue(900)
    tab.returned.setValue(800)  # everyone graded has blank ballots
    r = tab.current_round()
    names = {m.id: m.name for m in demo_book.members.all()}
    old = [
        f"{names.get(e.member_id, '')} {blanks(e.tally, r.returned)} 张"
        for e in r.entries
        if e.member_id in tab._graded and blanks(e.tally, r.returned)
    ]
    assert len(old) > 3
    assert tab.blanks.text() == "空白票（未勾选任何等次）：" + appraisal_tab.listed(
        old, "，", "人", listed_at_most
    )
    if listed_at_most >= len(old):
        assert tab.blanks.text() == "空白票（未勾选任何等次）：" + "，".join(old)  # as before
    problems = check_round(r, tab._graded, names, demo_book.today())
    assert tab.problems.text() == appraisal_tab.listed(problems, "；", "条", listed_at_most)
