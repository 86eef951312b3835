"""Dues through the Book on a real file: 年初核定 and changes with reasons, collecting a month in
one write, paying ahead and back, the due list, the sheet and the public notice."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from partybook.domain.dues import Assessment, Category, DuesSettings, Kind, Rounding, State
from partybook.domain.errors import InvalidValue, RuleViolation
from partybook.domain.members import Member, Stage


@pytest.fixture
def two(book):
    """An empty book with a full member and a probationary member admitted in May."""
    a = book.members.add(
        Member(name="甲老师", joined_on=date(2010, 7, 1), full_on=date(2011, 7, 1))
    )
    b = book.members.add(
        Member(name="乙老师", stage=Stage.PROBATIONARY, joined_on=date(2026, 5, 20))
    )
    return book, a.id, b.id


def _set(book, member_id, base, category=Category.EMPLOYED, **kw):
    return book.dues.set_bases(2026, [Assessment(member_id, 2026, category, base, **kw)])


def test_collecting_a_month_pays_it_for_everyone_who_owes_it_in_one_write(two) -> None:
    book, a, b = two
    _set(book, a, 450000)
    _set(book, b, 300000)
    paid = book.dues.collect_month(2026, 11, date(2026, 11, 20))
    assert sorted((p.member_id, p.amount_fen) for p in paid) == [(a, 4500), (b, 1500)]
    with pytest.raises(RuleViolation, match="没有需要收缴"):
        book.dues.collect_month(2026, 11)
    # the probationary member owes nothing before the month of the admission meeting
    paid = book.dues.collect_month(2026, 5, date(2026, 5, 25))
    assert {p.member_id for p in paid} == {a, b}
    paid = book.dues.collect_month(2026, 6, date(2026, 6, 25))
    assert len(paid) == 2
    with pytest.raises(RuleViolation, match="没有需要收缴"):
        book.dues.collect_month(2026, 11)
    rows = {r.member.id: r for r in book.dues.rows(2026)}
    assert rows[b].cell(4).state is State.NOT_DUE and rows[b].cell(5).state is State.PAID
    assert rows[a].cell(4).state is State.UNPAID


def test_members_without_a_base_are_left_out_and_named(two) -> None:
    book, a, b = two
    _set(book, a, 450000)
    ready, missing = book.dues.to_collect(2026, 11)
    assert [r.member.id for r in ready] == [a] and missing == ["乙老师"]
    with pytest.raises(RuleViolation, match="还没有核定"):
        book.dues.pay(b, 2026, [11], date(2026, 11, 20))


def test_back_pay_and_paying_ahead(two) -> None:
    book, a, _ = two
    _set(book, a, 450000)
    paid = book.dues.pay(a, 2026, [5, 6], date(2026, 11, 22))  # 6 and 5 months back
    assert [p.kind for p in paid] == [Kind.BACK, Kind.BACK]
    with pytest.raises(RuleViolation, match="超过了补交期限") as refused:
        book.dues.pay(a, 2026, [4, 7], date(2026, 11, 22))
    assert "4月" in str(refused.value)
    assert book.dues.row(a, 2026).cell(7).state is State.UNPAID  # all or nothing
    ahead = book.dues.pay(a, 2026, [12, 11], date(2026, 11, 2))
    assert [(p.month, p.kind) for p in ahead] == [(11, Kind.ON_TIME), (12, Kind.AHEAD)]
    with pytest.raises(RuleViolation, match="已经交过"):
        book.dues.pay(a, 2026, [12], date(2026, 11, 22))
    with pytest.raises(InvalidValue):
        book.dues.pay(a, 2026, [], date(2026, 11, 22))
    book.dues.delete_payment(a, 2026, 12)
    assert book.dues.row(a, 2026).cell(12).state is State.FUTURE


def test_a_base_is_corrected_freely_until_collecting_starts_then_changes_need_a_reason(
    two,
) -> None:
    book, a, _ = two
    _set(book, a, 350000)
    _set(book, a, 530000)  # a typo corrected: nothing paid yet
    assert [x.base_fen for x in book.dues.row(a, 2026).changes] == [530000]
    book.dues.collect_month(2026, 3, date(2026, 3, 15))
    with pytest.raises(RuleViolation, match="须写明原因"):
        _set(book, a, 600000, from_month=9)
    with pytest.raises(RuleViolation, match="调整只能从 4 月起"):
        _set(book, a, 600000, from_month=3, reason="工资调整")
    assert _set(book, a, 600000, from_month=9, reason="9月起工资调整") == 1
    row = book.dues.row(a, 2026)
    assert row.cell(3).paid_fen == 7950 and row.cell(8).due_fen == 7950
    assert row.cell(9).due_fen == 9000 and row.changes[-1].reason == "9月起工资调整"
    assert _set(book, a, 600000, from_month=9, reason="再存一次") == 0  # nothing changed


def test_bases_are_checked(two) -> None:
    book, a, _ = two
    with pytest.raises(RuleViolation, match="月工资收入"):
        _set(book, a, 0)
    assert _set(book, a, 0, Category.NO_INCOME) == 1
    assert book.dues.row(a, 2026).monthly == 20


def test_settings_change_the_rounding_and_the_farmers_sum(two) -> None:
    book, a, _ = two
    _set(book, a, 123456)
    assert book.dues.row(a, 2026).monthly == 617
    book.dues.save_settings(DuesSettings(Rounding.JIAO, 50))
    assert book.dues.settings() == DuesSettings(Rounding.JIAO, 50)
    assert book.dues.row(a, 2026).monthly == 620
    assert book.dues.monthly(Category.FARMER, 0) == (None, 50)
    with pytest.raises(InvalidValue, match="农民党员"):
        book.dues.save_settings(DuesSettings(Rounding.FEN, 150))


def test_a_book_that_keeps_no_dues_gets_no_dues_warnings(two) -> None:
    book, _, _ = two
    assert book.dues.due_items() == []


def test_unpaid_months_in_the_due_list(two) -> None:
    book, a, b = two
    _set(book, a, 450000)
    for month in range(1, 6):
        book.dues.collect_month(2026, month, date(2026, month, 15))
    items = {i.member: i for i in book.dues.due_items()}
    assert set(items) == {"甲老师", "乙老师"}
    assert "尚未核定" in items["乙老师"].title
    a_item = items["甲老师"]  # June to October unpaid: five in a row
    assert a_item.kind == "dues" and a_item.state == "overdue"
    assert "已连续 5 个月未交党费" in a_item.title and "自行脱党" in a_item.title
    assert a_item.date == date(2026, 12, 31)  # June may be back-paid until December
    book.dues.pay(a, 2026, [6, 7, 8], date(2026, 11, 22))
    a_item = next(i for i in book.dues.due_items() if i.member == "甲老师")
    assert a_item.state == "later" and "欠交党费 2 个月（9月、10月）" in a_item.title


def test_the_demo_book_has_a_member_two_months_behind(demo_book) -> None:
    items = [i for i in demo_book.due_items() if i.kind == "dues"]
    assert [(i.member, i.title) for i in items] == [
        ("周文斌", "欠交党费 2 个月（9月、10月），共 62.16 元")
    ]
    rows = {r.member.name: r for r in demo_book.dues.rows(2026)}
    assert rows["李国平"].cell(12).payment.kind is Kind.AHEAD
    assert rows["张丽"].changes[-1].reason == "职称晋升，工资调整"
    assert rows["何桂兰"].assessment.category is Category.RETIRED
    assert rows["谢婷"].cell(4).state is State.NOT_DUE  # admitted in May
    assert all(c.state is State.PAID for c in rows["刘建华"].cells[:10])


def test_the_dues_sheet_and_the_notice(demo_book, tmp_path) -> None:
    target = tmp_path / "dues.xlsx"
    # 20 members and the 发展对象 admitted on 2026-09-02, who pays from then (issue 20)
    assert demo_book.dues.export(target, 2026) == 21
    wb = load_workbook(target)
    assert wb.sheetnames == ["党费收缴明细表", "党费收缴公示"]
    ws = wb["党费收缴明细表"]
    assert ws["A1"].value == "青山镇中心小学党支部2026年党费收缴明细表"
    headers = [c.value for c in ws[3]]
    assert headers[:6] == ["序号", "姓名", "类别", "月计算基数\n（元）", "比例", "月交纳额\n（元）"]
    assert headers[6] == "1月" and headers[17] == "12月"
    rows = {r[1].value: r for r in ws.iter_rows(min_row=4) if r[1].value}
    zhou = rows["周文斌"]
    # numbers come back from the file as Excel stores them (binary floating point)
    assert zhou[3].value == 3108 and zhou[4].value == "1%"
    assert zhou[14].value == "欠交" and zhou[15].value == "欠交" and zhou[13].value == 31.08
    assert zhou[13].number_format == "0.00"
    assert rows["谢婷"][6].value == "—"
    assert "12月于10月15日预交" in rows["李国平"][20].value
    assert "职称晋升" in rows["张丽"][20].value
    total = rows["合计"]
    paid = sum(r.paid_fen for r in demo_book.dues.rows(2026))
    assert round(total[18].value * 100) == paid
    notice = wb["党费收缴公示"]
    cells = [c.value for row in notice.iter_rows() for c in row]
    assert "青山镇中心小学党支部2026年度党费收缴情况公示" in cells
    assert 3108 not in cells and 4200 not in cells  # the notice never shows anyone's income
    html = demo_book.dues.notice_html(2026)
    assert "党费收缴情况公示" in html and "欠交9月、10月" in html and "3108" not in html
