"""db.fetch reads rows straight from the cursor: it must give what peewee's tuples() gives."""

from __future__ import annotations

from partybook.store.db import fetch, stream
from partybook.store.records import MODELS


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
