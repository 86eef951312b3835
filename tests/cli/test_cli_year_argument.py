"""--year takes a year a ledger can hold (1900–2100): anything else is refused before the book
is read, exit 2, in Chinese, naming the value; a good year passes through."""

from __future__ import annotations

import argparse

import pytest

from partybook.cli.common import ledger_year
from partybook.cli.parser import main
from tests.conftest import copy_book


@pytest.fixture
def demo_path(tmp_path, demo_master):
    return copy_book(demo_master, tmp_path)


@pytest.mark.parametrize("text", ["1", "0", "-5", "1899", "2101", "99999"])
def test_a_year_out_of_the_ledger_is_refused(text, demo_path, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(demo_path), "summary", "--year", text])
    assert stop.value.code == 2
    assert "年份应在 1900 到 2100 之间" in capsys.readouterr().err


def test_a_word_is_not_a_year() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="年份应是四位数字"):
        ledger_year("今年")


def test_a_year_of_the_ledger_passes(demo_path, capsys) -> None:
    assert ledger_year("2026") == 2026
    assert main(["--db", str(demo_path), "summary", "--year", "2026"]) == 0
    assert "年初党员总数" in capsys.readouterr().out
