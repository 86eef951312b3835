"""The year in numbers through the Book: figures equal the records they point to."""

from __future__ import annotations

from datetime import date

from partybook.domain.meetings import MeetingKind


def test_figures_match_the_demo_records(demo_book) -> None:
    figs = {f.key: f for f in demo_book.summary.year_figures(2026)}
    meetings = demo_book.meetings.all(2026)
    for kind in MeetingKind:
        held = [m for m in meetings if kind in m.kinds]
        f = figs[f"meetings_{kind.name.lower()}"]
        assert f.value == len(held) and {r.id for r in f.refs} == {m.id for m in held}
    group = [s for s in demo_book.study.sessions(2026) if not s.personal]
    assert figs["study_sessions"].value == len(group)
    assert figs["study_hours"].value == sum(s.hours for s in group)
    active = [m for m in demo_book.members.all(include_left=False) if m.stage.is_member]
    assert figs["members_end"].value == len(active)
    assert {r.id for r in figs["members_end"].refs} == {m.id for m in active}
    left = [m for m in demo_book.members.all() if m.left_on and m.left_on.year == 2026]
    assert figs["left_transferred"].value == len(left)
    r = demo_book.appraisal.round(2026)
    assert figs["appraised"].value == len(r.entries)


def test_the_paragraph_names_the_branch_and_the_numbers(demo_book) -> None:
    text = demo_book.summary.year_paragraph(2026)
    figs = {f.key: f for f in demo_book.summary.year_figures(2026)}
    assert text.startswith(f"2026年，青山镇中心小学党支部共有党员{figs['members_end'].value:g}名")
    assert f"召开支部党员大会{figs['meetings_general'].value:g}次" in text


def test_summary_years_include_this_year_and_years_with_records(demo_book) -> None:
    assert demo_book.summary.years()[0] == 2026


def test_the_home_page_counts_the_years_branch_study_as_the_sessions_say(demo_book) -> None:
    from partybook.domain.study import Session

    group = [s for s in demo_book.study.sessions(2026) if not s.personal]
    assert group and any(s.personal for s in demo_book.study.sessions(2026))
    line = dict(demo_book.summary.glance())["2026年学习"]
    assert line.startswith(f"集体学习 {len(group)} 次、{sum(s.hours for s in group):g} 学时；")
    # another year's and a member's own study do not count
    member = demo_book.members.all(include_left=False)[0]
    demo_book.study.save(
        Session(date(2025, 5, 1), "往年的学习", "集中学习", 3, participants=(member.id,))
    )
    demo_book.study.save(
        Session(
            date(2026, 5, 1), "自学", "个人自学", 2, participants=(member.id,), member_id=member.id
        )
    )
    demo_book.study.save(
        Session(date(2026, 5, 2), "集中学习", "集中学习", 1.5, participants=(member.id,))
    )
    line = dict(demo_book.summary.glance())["2026年学习"]
    hours = sum(s.hours for s in group) + 1.5
    assert line.startswith(f"集体学习 {len(group) + 1} 次、{hours:g} 学时；")


def test_the_home_page_says_where_this_years_appraisal_stands(demo_book) -> None:
    import dataclasses

    from partybook.domain.appraisal import STEPS

    saved = demo_book.appraisal.saved(2026)
    assert saved is not None and saved.next_step() is not None
    assert dict(demo_book.summary.glance())["2026年民主评议"] == f"下一步：{saved.next_step()}"
    due = [i for i in demo_book.due_items() if i.kind == "appraisal"]
    assert [i.title for i in due] == [f"2026年民主评议党员：下一步“{saved.next_step()}”"]
    done = {s: (date(2026, 11, 20), "") for s in STEPS}
    demo_book.appraisal.save(dataclasses.replace(saved, steps=done, on=date(2026, 11, 20)))
    assert dict(demo_book.summary.glance())["2026年民主评议"] == "已完成"
    assert not [i for i in demo_book.due_items() if i.kind == "appraisal"]
