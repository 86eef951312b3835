"""Name search keys: pinyin initials, full pinyin and heteronym surnames."""

from __future__ import annotations

import pytest

from partybook.domain.search import matches, name_keys


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
    assert matches(query, name)


def test_no_false_match_and_other_fields() -> None:
    assert not matches("ls", "张三")
    assert matches("1234", "张三", "430521199005171234")
    assert not matches("9999", "张三", "430521199005171234", "13807391234")


def test_keys_are_lower_case_and_include_the_name() -> None:
    keys = name_keys("张三")
    assert "张三" in keys and "zs" in keys and "zhangsan" in keys
