"""Data packages through the Book: refusals, and a township collection whose combined figures
equal the sum over small hand-built branch books."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partybook.book import Book
from partybook.domain.errors import PartyBookError
from partybook.domain.meetings import Attendee, Meeting, MeetingKind, Presence
from partybook.domain.members import Branch, Member, Stage
from partybook.domain.study import Session
from partybook.store.package import row_counts

NOW = datetime(2026, 11, 22, 9, 30)
COMMITTEE = "中共青山镇委员会"

# Three small branches: (name, members as (name, stage, joined_on), meetings as
# (kind, day, absent member indexes), study sessions as (day, hours)).
BRANCHES = [
    (
        "东村小学党支部",
        [("甲", Stage.FULL, date(2010, 7, 1)), ("乙", Stage.FULL, date(2015, 7, 1))],
        [
            (MeetingKind.GENERAL, date(2026, 3, 10), ()),
            (MeetingKind.COMMITTEE, date(2026, 4, 8), (1,)),
        ],
        [(date(2026, 4, 2), 2.0)],
    ),
    (
        "西村小学党支部",
        [
            ("丙", Stage.FULL, date(2001, 7, 1)),
            ("丁", Stage.PROBATIONARY, date(2026, 5, 20)),
            ("戊", Stage.APPLICANT, None),
        ],
        [(MeetingKind.GENERAL, date(2026, 6, 1), (0,))],
        [(date(2026, 5, 1), 3.0), (date(2026, 9, 1), 1.5)],
    ),
    (
        "南村中学党支部",
        [("己", Stage.FULL, date(1999, 7, 1))],
        [],
        [],
    ),
]


def _full(stage: Stage, joined: date | None) -> date | None:
    return joined.replace(year=joined.year + 1) if stage is Stage.FULL and joined else None


# Records bind to one open database at a time: each branch's own figures are taken while it
# is open, before the township opens.
OWN: dict[str, dict] = {}


def _write_branch(folder: Path, name, people, meetings, sessions) -> Path:
    """A small branch book, built through the Book as a secretary would, and its package."""
    book = Book.open(folder / f"{name}.sqlite", clock=lambda: NOW, auto_backup=False)
    try:
        book.save_branch(Branch(name=name, committee=COMMITTEE, school=name[:4]))
        added = [
            book.members.add(
                Member(n, stage, sex="女", joined_on=joined, full_on=_full(stage, joined))
            )
            for n, stage, joined in people
        ]
        ids = [m.id for m in added]
        for kind, day, absent in meetings:
            attendees = [  # only Party members are 应到 (an applicant is not); full ones vote
                Attendee(
                    m.id,
                    Presence.ABSENT if k in absent else Presence.PRESENT,
                    can_vote=m.stage is Stage.FULL,
                )
                for k, m in enumerate(added)
                if m.stage.is_member
            ]
            book.meetings.save(Meeting(kind, day, attendees=attendees, place="会议室"))
        for day, hours in sessions:
            book.study.save(Session(day, "学习党章", "集中学习", hours, participants=tuple(ids)))
        target = folder / f"{name}.zip"
        book.packages.export(target)
        OWN[name] = {f.key: f for f in book.summary.year_figures(2026)}
        OWN[name]["_meetings"] = book.meetings.all(2026)
    finally:
        book.close(auto_backup=False)
    return target


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> list[Path]:
    """The three branches' packages, written once for the module; tests only read them."""
    folder = tmp_path_factory.mktemp("branches")
    return [_write_branch(folder, *spec) for spec in BRANCHES]


@pytest.fixture(scope="module")
def township_master(tmp_path_factory, packages) -> Path:
    """A new book made the township of the three packages, once for the module: its folder
    (the book, its backups, its attachments), closed; tests get copies."""
    folder = tmp_path_factory.mktemp("township")
    book = Book.open(folder / "town.sqlite", clock=lambda: NOW)
    book.packages.import_file(packages[0], township=True)
    for p in packages[1:]:
        book.packages.import_file(p)
    book.close(auto_backup=False)
    return folder


@pytest.fixture
def township(tmp_path, township_master):
    """A copy of the module's township, open (as the new book it was made from: no day's
    backup at opening)."""
    shutil.copytree(township_master, tmp_path, dirs_exist_ok=True)
    book = Book.open(tmp_path / "town.sqlite", clock=lambda: NOW, auto_backup=False)
    yield book
    book.close(auto_backup=False)


def test_the_township_holds_each_branch_with_its_counts(township) -> None:
    assert township.township.is_collection()
    assert township.township.name() == COMMITTEE
    held = township.township.branches()
    assert [p.branch for p in held] == sorted(b[0] for b in BRANCHES)
    by_name = {p.branch: p for p in held}
    for name, people, meetings, _ in BRANCHES:
        assert by_name[name].people == len(people)
        assert by_name[name].meetings == len(meetings)
        assert by_name[name].created_at == NOW
    # the township's own roster is empty; its size is its branches' people together
    assert township.members.all() == []
    assert township.people_count() == sum(len(b[1]) for b in BRANCHES) > 0


def test_combined_figures_are_the_sum_over_the_branches(tmp_path, township) -> None:
    combined = {f.key: f for f in township.summary.year_figures(2026)}
    each = [OWN[name] for name, *_ in BRANCHES]
    for key, f in combined.items():
        if f.unit == "%":
            continue
        assert f.value == sum(b[key].value for b in each if key in b), key
        assert f.refs == ()  # read when asked, for one figure
        refs = township.summary.figure_refs(2026, f)
        assert len(refs) == sum(len(b[key].refs) for b in each if key in b), key
        # the records as the branches' own books have them, read back from the kept JSON
        kept = Counter((r.kind, r.id, r.shown, r.on) for r in refs)
        own = Counter(
            (r.kind, r.id, f"{name}：{r.text}", r.on)
            for name, *_ in BRANCHES
            if key in OWN[name]
            for r in OWN[name][key].refs
        )
        assert kept == own, key
        assert [r.branch for r in refs] == sorted(r.branch for r in refs)  # branch by branch
    # by hand, from BRANCHES: members at the end 2 + 2 + 1, the probationary one in 西村
    assert combined["members_end"].value == 5
    assert combined["probationary_end"].value == 1
    assert combined["admitted"].value == 1
    assert combined["meetings_general"].value == 2
    assert combined["meetings_committee"].value == 1
    assert combined["study_sessions"].value == 3
    assert combined["study_hours"].value == 6.5
    assert (
        "东村小学党支部：" in township.summary.figure_refs(2026, combined["members_end"])[0].shown
    )
    assert "西村小学党支部 2 名" in combined["members_end"].note


def test_the_attendance_rate_is_over_all_meetings_not_an_average(township, tmp_path) -> None:
    meetings = [m for name, *_ in BRANCHES for m in OWN[name]["_meetings"]]
    should = sum(m.should_attend for m in meetings)
    present = sum(m.present for m in meetings)
    # by hand: 2 of 2, 1 of 2, 1 of 2 (the applicant 戊 is not 应到: not a Party member)
    assert (present, should) == (4, 6)
    rates = [OWN[name]["attendance"].value for name, *_ in BRANCHES[:2]]
    assert round(present / should, 4) != round(sum(rates) / 2, 4)
    rate = {f.key: f for f in township.summary.year_figures(2026)}["attendance"].value
    assert rate == round(present / should, 4)


def test_the_paragraph_speaks_of_the_townships_branches(township) -> None:
    text = township.summary.year_paragraph(2026)
    assert text.startswith(f"2026年，{COMMITTEE}所汇总的3个党支部共有党员5名")


def test_a_branch_already_held_is_refused_unless_replaced(township, packages) -> None:
    with pytest.raises(PartyBookError, match="已经有“东村小学党支部”.*--replace"):
        township.packages.import_file(packages[0])
    result = township.packages.import_file(packages[0], replace=True)
    assert result.replaced and result.backup is not None and result.backup.exists()
    assert len(township.township.branches()) == 3


def test_import_into_a_book_with_data_is_refused_and_changes_nothing(tmp_path, packages) -> None:
    path = tmp_path / f"{BRANCHES[0][0]}.sqlite"  # a copy of the branch book packages[0] is of
    shutil.copyfile(packages[0].with_suffix(".sqlite"), path)
    book = Book.open(path, clock=lambda: NOW, auto_backup=False)
    try:
        before = row_counts()
        with pytest.raises(PartyBookError, match="已经有“东村小学党支部”的数据.*会重复"):
            book.packages.import_file(packages[0])
        with pytest.raises(PartyBookError, match="只能导入到空的数据文件"):
            book.packages.import_file(packages[1])
        with pytest.raises(PartyBookError, match="乡镇汇总库"):
            book.packages.import_file(packages[1], township=True)
        assert row_counts() == before
        assert not book.township.is_collection()
    finally:
        book.close(auto_backup=False)


def test_a_book_with_only_its_settings_is_backed_up_then_replaced(tmp_path, packages) -> None:
    book = Book.open(tmp_path / "new.sqlite", clock=lambda: NOW, auto_backup=False)
    try:
        book.save_branch(Branch(name="临时名称"))
        result = book.packages.import_file(packages[1])
        assert result.backup is not None and result.backup.exists()
        assert book.branch().name == "西村小学党支部"
        assert [m.name for m in book.members.all()] == ["丙", "丁", "戊"]
    finally:
        book.close(auto_backup=False)


def test_a_township_cannot_be_exported_as_a_branch_package(township, tmp_path) -> None:
    with pytest.raises(PartyBookError, match="乡镇汇总库"):
        township.packages.export(tmp_path / "x.zip")


def test_a_book_without_a_branch_name_is_asked_for_one_before_export(tmp_path) -> None:
    nameless = Book.open(tmp_path / "nameless.sqlite", clock=lambda: NOW, auto_backup=False)
    try:
        with pytest.raises(PartyBookError, match="支部名称"):
            nameless.packages.export(tmp_path / "n.zip")
        assert not (tmp_path / "n.zip").exists()
    finally:
        nameless.close(auto_backup=False)


def test_the_combined_workbook_has_a_branch_column_and_every_branchs_rows(
    township, tmp_path
) -> None:
    target = tmp_path / "汇总.xlsx"
    sheets = township.summary.export_year_workbook(target, 2026)
    assert sheets[:6] == [
        "党员花名册",
        "发展党员台账",
        "三会一课",
        "民主评议结果",
        "学习记录",
        "学时统计",
    ]
    assert sheets[6:] == ["年度统计", "支部一览"]
    wb = load_workbook(target)
    roster = wb["党员花名册"]
    header = [c.value for c in roster[3]]
    assert header[:3] == ["序号", "支部", "姓名"]
    rows = [r for r in roster.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    expected = {("东村小学党支部", "甲"), ("东村小学党支部", "乙"), ("西村小学党支部", "丙")}
    expected |= {("西村小学党支部", "丁"), ("南村中学党支部", "己")}
    assert {(r[1], r[2]) for r in rows} == expected and len(rows) == 5
    order = [p.branch for p in township.township.branches()]
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), key=order.index)
    meetings = wb["三会一课"]
    assert [c.value for c in meetings[3]][1] == "支部"
    branches = {
        r[1] for r in meetings.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)
    }
    assert branches == {"东村小学党支部", "西村小学党支部"}
    assert "共 5 名" in " ".join(str(c.value) for c in roster["A"] if c.value)
    figures = {r[1]: r[2] for r in wb["年度统计"].iter_rows(min_row=4, values_only=True) if r[1]}
    assert figures["召开支部党员大会"] == "2 次"
    listed = [r[1] for r in wb["支部一览"].iter_rows(min_row=4, values_only=True) if r[1]]
    assert listed == [p.branch for p in township.township.branches()]


def test_a_branch_layout_with_its_own_branch_column_keeps_it(demo_book, tmp_path) -> None:
    from partybook.export.layouts import Layouts, SheetLayout

    demo_book.layouts.save(
        Layouts(
            {"党员花名册": SheetLayout((("seq", "序号"), ("name", "姓名"), ("branch", "所在支部")))}
        )
    )
    demo_book.summary.export_year_workbook(tmp_path / "y.xlsx", 2026)
    ws = load_workbook(tmp_path / "y.xlsx")["党员花名册"]
    assert [c.value for c in ws[3]] == ["序号", "姓名", "所在支部"]
    assert ws.cell(4, 3).value == "青山镇中心小学党支部"


def test_figures_are_kept_at_import_so_reading_them_restores_no_package(
    township, monkeypatch
) -> None:
    before = {f.key: f.value for f in township.summary.year_figures(2026)}

    def no_restore(*args, **kwargs):
        raise AssertionError("a package was restored to read the figures")

    monkeypatch.setattr(type(township._core.store), "scratch", no_restore)
    assert {f.key: f.value for f in township.summary.year_figures(2026)} == before
    assert 2026 in township.summary.years()


def test_figures_missing_or_from_an_older_version_are_computed_again(township) -> None:
    from partybook.store.records import BranchFiguresRecord

    before = [(f.key, f.value, f.note) for f in township.summary.year_figures(2026)]
    BranchFiguresRecord.delete().where(BranchFiguresRecord.branch == BRANCHES[0][0]).execute()
    BranchFiguresRecord.update(version=0).where(
        BranchFiguresRecord.branch == BRANCHES[1][0]
    ).execute()
    assert township.township.figures_missing() == 2
    assert [(f.key, f.value, f.note) for f in township.summary.year_figures(2026)] == before
    assert township.township.figures_missing() == 0


def test_cancelling_an_import_into_the_township_keeps_nothing(tmp_path, packages) -> None:
    from partybook.domain.errors import Cancelled

    book = Book.open(tmp_path / "town2.sqlite", clock=lambda: NOW)
    try:
        book.packages.import_file(packages[0], township=True)

        def stop(done, total):
            raise Cancelled()

        with pytest.raises(Cancelled):
            book.packages.import_file(packages[1], progress=stop)
        assert [p.branch for p in book.township.branches()] == [BRANCHES[0][0]]
        assert township_has_figures_only_of(book, {BRANCHES[0][0]})
    finally:
        book.close(auto_backup=False)


def township_has_figures_only_of(book, names) -> bool:
    from partybook.store.records import BranchFiguresRecord

    return {r.branch for r in BranchFiguresRecord.select()} == names


def test_a_branch_books_size_is_its_roster(demo_book) -> None:
    assert not demo_book.township.is_collection()
    assert demo_book.people_count() == len(demo_book.members.all()) > 10
