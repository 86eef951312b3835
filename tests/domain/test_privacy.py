"""Masked numbers for exports and the scrypt-hashed startup password."""

from __future__ import annotations

import pytest

from partybook.domain.errors import InvalidValue
from partybook.domain.privacy import (
    hash_password,
    mask_id_number,
    mask_phone,
    verify_password,
)


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("430521198603120773", "430521********0773"),
        ("43052119860312077X", "430521********077X"),
        ("430521860312077", "430521*****2077"),  # old 15-digit numbers
        ("12345", "*****"),
        ("", ""),
        (None, None),
    ],
)
def test_id_numbers_keep_region_and_last_four(raw, masked) -> None:
    assert mask_id_number(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("0734-8123456", "0734-***3456"),
        ("8123456", "***3456"),
        ("1234", "1234"),
        (None, None),
    ],
)
def test_phones_keep_prefix_and_last_four(raw, masked) -> None:
    assert mask_phone(raw) == masked


def test_password_hash_is_salted_and_verifies() -> None:
    first, second = hash_password("青山1234"), hash_password("青山1234")
    assert first != second and first.startswith("scrypt$")  # a new salt every time
    assert "青山1234" not in first
    assert verify_password("青山1234", first) and verify_password("青山1234", second)
    assert not verify_password("青山12345", first)
    assert not verify_password("青山1234", first[:-2] + "00")


@pytest.mark.parametrize("stored", ["", "plain", "md5$1$2$3$00$00", "scrypt$x$8$1$00$00"])
def test_a_damaged_stored_hash_never_matches(stored) -> None:
    assert not verify_password("anything", stored)


@pytest.mark.parametrize(("pw", "message"), [("abc", "至少要 4 个"), (" abcd", "空格")])
def test_weak_passwords_are_refused(pw, message) -> None:
    with pytest.raises(InvalidValue, match=message):
        hash_password(pw)
