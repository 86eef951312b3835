"""Name search keys: pinyin initials, full pinyin and heteronym surnames."""

from __future__ import annotations

import pytest

from partybook.domain.search import matcher, name_keys


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("zs", "张三"),
        ("ZS", "张三"),
        ("zhangsan", "张三"),
        ("张", "张三"),
        ("zeng", "曾小红"),
        ("zxh", "曾小红"),
        ("shan", "单晓东"),
        ("oyxm", "欧阳晓明"),
        ("", "任何人"),
    ],
)
def test_matches(query, name) -> None:
    assert matcher(query)(name)


def test_no_false_match_and_other_fields() -> None:
    assert not matcher("ls")("张三")
    assert matcher("1234")("张三", "430521199005171234")
    assert not matcher("9999")("张三", "430521199005171234", "13807391234")
    assert matcher("1380")("张三", "", "13807391234")  # any of the other texts
    assert not matcher("1380")("张三")


def test_keys_are_lower_case_and_include_the_name() -> None:
    keys = name_keys("张三")
    assert "张三" in keys and "zs" in keys and "zhangsan" in keys


@pytest.mark.parametrize(
    ("query", "name", "found"),
    [
        ("张", "张三", True),
        ("三", "张三", True),
        ("张三", " 张三 ", True),
        ("李", "张三", False),
        ("Zs", "张三", True),
        ("zhang", "张三", True),
        ("张a", "张A", True),
        ("za", "张A", True),
        ("3", "张3", True),
    ],
)
def test_a_query_without_letters_matches_the_name_itself(query, name, found) -> None:
    assert matcher(query)(name) is found
