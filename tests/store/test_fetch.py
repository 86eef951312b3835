"""db.fetch reads rows straight from the cursor: it must give what peewee's tuples() gives."""

from __future__ import annotations

from partybook.store import appraisals as appraisal_store
from partybook.store import dues as dues_store
from partybook.store import meetings as meeting_store
from partybook.store import study as study_store
from partybook.store import talks as talk_store
from partybook.store.db import fetch, stream
from partybook.store.records import MODELS

YEARS = {"meetings": meeting_store.years, "study": study_store.years, "talks": talk_store.years}


def test_fetch_gives_the_same_values_as_peewee_for_every_table(demo_book) -> None:
    seen = 0
    for model in MODELS:
        query = model.select().order_by(model._meta.primary_key)
        assert fetch(query) == list(query.tuples()), model.__name__
        seen += len(fetch(query))
    assert seen > 100  # the demo book has rows in most tables


def test_stream_gives_fetchs_rows_one_at_a_time(demo_book) -> None:
    for model in MODELS:
        query = model.select().order_by(model._meta.primary_key)
        rows = stream(query)
        assert iter(rows) is rows  # a generator, not a list
        assert list(rows) == fetch(query), model.__name__


def test_the_years_with_records_are_every_year_a_record_falls_in(demo_book) -> None:
    from datetime import date

    from partybook.domain.talks import Talk
    from partybook.store.records import MeetingRecord, StudyRecord, TalkRecord

    someone = demo_book.members.all()[0].id
    demo_book.talks.save(Talk(date(2019, 12, 31), someone, "几年前的谈话", second_name="某人"))
    demo_book.talks.save(Talk(date(2021, 1, 1), someone, "又一次", second_name="某人"))
    for what, record in (
        ("meetings", MeetingRecord),
        ("study", StudyRecord),
        ("talks", TalkRecord),
    ):
        every = {on.year for (on,) in record.select(record.on).tuples()}
        assert YEARS[what]() == every, what
    assert {2019, 2021} <= talk_store.years()


def test_a_years_dues_payments_are_read_as_peewee_reads_them(demo_book) -> None:
    from partybook.domain.dues import Payment
    from partybook.store.records import DuesPaymentRecord as P

    for year in demo_book.dues.years():
        query = P.select().where(P.year == year).order_by(P.member, P.month)
        expected = [
            Payment(r.member_id, r.year, r.month, r.amount_fen, r.paid_on, r.note, r.id)
            for r in query
        ]
        assert dues_store.load_payments(year) == expected
        assert list(dues_store.stream_payments(year)) == expected
    assert sum(len(dues_store.load_payments(y)) for y in demo_book.dues.years()) > 10


def test_a_rounds_entries_are_read_as_peewee_reads_them(demo_book) -> None:
    """load_round takes the entries' values from the cursor as they come: the same values
    (and types: a whole-number score is still a float) as peewee's models give."""
    import dataclasses

    from partybook.domain.appraisal import Grade
    from partybook.store.records import AppraisalEntryRecord, AppraisalRecord

    r = demo_book.appraisal.round(2026)
    scores = [85, 92.5, None, 100]
    entries = [
        dataclasses.replace(
            e, score=scores[n % 4], counts=(n % 3, 1, 0, 0), reason="理由" * (n % 2)
        )
        for n, e in enumerate(r.entries)
    ]
    graded = {m.id for m in demo_book.appraisal.participants(2026)[0]}
    entries = [
        dataclasses.replace(e, grade=Grade.QUALIFIED) if e.member_id in graded else e
        for e in entries
    ]
    appraisal_store.save_round(dataclasses.replace(r, entries=entries))
    loaded = demo_book.appraisal.saved(2026).entries
    rid = AppraisalRecord.get(AppraisalRecord.year == 2026).id
    e = AppraisalEntryRecord
    recs = list(e.select().where(e.appraisal == rid).order_by(e.id))
    assert [x.member_id for x in loaded] == [rec.member_id for rec in recs]
    assert [x.counts for x in loaded] == [
        (rec.excellent, rec.qualified, rec.basic, rec.unqualified) for rec in recs
    ]
    assert [(x.score, type(x.score)) for x in loaded] == [
        (rec.score, type(rec.score)) for rec in recs
    ]
    assert {type(x.score) for x in loaded} == {float, type(None)}
    assert [(x.grade and x.grade.value, x.reason, x.handling) for x in loaded] == [
        (rec.grade, rec.reason, rec.handling) for rec in recs
    ]
    assert loaded == entries


def test_a_rounds_steps_are_read_without_its_entries(demo_book) -> None:
    """What the home page reads of this year's round: its steps, and what comes next."""
    import dataclasses
    from datetime import date

    from partybook.domain.appraisal import STEPS, next_step

    whole = appraisal_store.load_round(2026)
    assert whole is not None and whole.entries
    assert appraisal_store.load_steps(2026) == whole.steps
    assert next_step(appraisal_store.load_steps(2026)) == whole.next_step()
    done = {s: (date(2026, 11, 1), "") for s in STEPS}
    appraisal_store.save_round(dataclasses.replace(whole, steps=done))
    assert next_step(appraisal_store.load_steps(2026)) is None
    assert appraisal_store.load_steps(1999) is None
