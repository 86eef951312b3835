"""Privacy: masked ID and phone numbers for exports, and the startup password kept only as a
salted scrypt hash (standard library only)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from partybook.domain.errors import InvalidValue

# scrypt's cost: n = 2**14, r = 8 takes ~16 MiB and some 30-60 ms on an old PC, which is
# unnoticeable once at start-up and slow enough against guessing a copied hash.
_N, _R, _P, _SALT_BYTES = 2**14, 8, 1, 16
_SCHEME = "scrypt"
MIN_PASSWORD_LENGTH = 4


def mask_id_number(value: str | None) -> str | None:
    """430521198603120773 → 430521********0773: the region and the last four stay readable."""
    if not value:
        return value
    text = str(value)
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def mask_phone(value: str | None) -> str | None:
    """13812345678 → 138****5678; a landline 0734-8123456 → 0734-***3456."""
    if not value:
        return value
    text = str(value)
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if len(digits) <= 4:
        return text
    keep_head = 3 if len(digits) >= 11 else 0
    if "-" in text:  # area code before the dash stays, as on a business card
        keep_head = len([i for i in digits if i < text.index("-")])
    hidden = set(digits[keep_head:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def hash_password(password: str, salt: bytes | None = None) -> str:
    """The stored form: scheme$n$r$p$salt-hex$hash-hex. Refuses a password too short to help."""
    check_new_password(password)
    salt = salt if salt is not None else secrets.token_bytes(_SALT_BYTES)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"{_SCHEME}${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when password matches the stored hash; a damaged stored value never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(bytes.fromhex(digest)),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, bytes.fromhex(digest))


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue(f"密码至少要 {MIN_PASSWORD_LENGTH} 个字符。")
    if password != password.strip():
        raise InvalidValue("密码的开头和结尾不能是空格。")
