"""The year's work summary draft (book.summary.report): every figure it states is one of the
year's figures, every topic it lists comes from a record, and an empty year gets placeholders."""

from __future__ import annotations

from partybook.domain.meetings import MeetingKind
from partybook.domain.report import number


def _record_texts(book, year: int) -> set[str]:
    texts = set()
    for m in book.meetings.all(year):
        texts |= {m.topic.strip(), m.agenda.strip()}
    texts |= {s.topic.strip() for s in book.study.sessions(year)}
    texts |= {t.topic.strip() for t in book.talks.all(year)}
    return texts - {""}


def test_every_stated_figure_is_the_years_figure_and_is_in_its_sentence(demo_book) -> None:
    report = demo_book.summary.report(2026)
    figures = {f.key: f for f in demo_book.summary.year_figures(2026)}
    stated = report.stated()
    # the draft speaks of the roster, meetings, development, study, dues and talks
    for key in ("members_end", "full_end", "meetings_general", "admitted", "dues_paid", "talks"):
        assert key in stated, key
    for key, value in stated.items():
        assert figures[key].value == value, key
    for p in report.paras():
        for key in p.keys:
            assert number(figures[key]) in p.text, (key, p.text)
    text = report.text()
    assert report.title == "青山镇中心小学党支部2026年度党建工作总结"
    assert f"支部共有党员{number(figures['members_end'])}名" in text
    assert f"全年上党课{number(figures['meetings_lecture'])}次" in text
    # the people a summary names: the new 预备党员, from their records
    admitted = {r.text for r in figures["admitted"].refs}
    assert admitted and all(name in text for name in admitted)


def test_every_topic_listed_comes_from_a_record(demo_book) -> None:
    report = demo_book.summary.report(2026)
    records = _record_texts(demo_book, 2026)
    listed = [t for p in report.paras() for t in p.topics]
    assert listed
    for topic in listed:
        assert topic in records, topic
    lectures = [m for m in demo_book.meetings.all(2026) if m.kind is MeetingKind.LECTURE]
    assert lectures[0].topic in report.text()
    theme_days = [m for m in demo_book.meetings.all(2026) if MeetingKind.THEME_DAY in m.kinds]
    assert any(m.agenda in report.text() for m in theme_days)


def test_the_secretarys_parts_are_placeholders_never_made_up(demo_book) -> None:
    report = demo_book.summary.report(2026)
    headings = [s.heading for s in report.sections]
    assert headings[0].startswith("一、") and headings[-1] == "六、2027年工作打算"
    for s in report.sections[2:]:  # 作风, 活动, 问题, 打算: the secretary writes them
        assert any(p.kind == "placeholder" for p in s.paras), s.heading
    for p in report.paras():
        assert (p.kind == "placeholder") == p.text.startswith("【请填写："), p.text
        assert "成绩显著" not in p.text and "圆满完成" not in p.text


def test_an_empty_year_gives_placeholders_not_sentences(book) -> None:
    report = book.summary.report(2026)
    assert report.stated() == {}
    kinds = {p.kind for p in report.paras()}
    assert kinds <= {"placeholder", "sub"}
    assert all("台账中" in p.text or "请填写" in p.text for p in report.paras() if p.kind != "sub")


def test_a_year_without_meetings_says_so_for_the_meetings(quiet_book) -> None:
    report = quiet_book.summary.report(2026)
    organisation = report.sections[1].paras
    assert organisation[1].kind == "placeholder"
    assert "没有会议记录" in organisation[1].text
    activities = report.sections[3].paras
    assert activities[0].kind == "placeholder" and "没有主题党日记录" in activities[0].text
    # the roster is recorded: the members are still stated
    assert "members_end" in report.stated()
