"""The startup password of a book: set, change, remove and check it (kept as a scrypt hash)."""

from __future__ import annotations

from pathlib import Path

from partybook.book.changes import Change
from partybook.book.core import Core
from partybook.domain.errors import RuleViolation
from partybook.domain.privacy import hash_password, verify_password

_PASSWORD_KEY = "security.password"
_HINT_KEY = "security.hint"


class Security:
    """book.security: the password only guards the window on a shared PC; the file itself is
    an ordinary SQLite file, which the dialogs say plainly. Nothing a tab shows changes with it."""

    def __init__(self, core: Core) -> None:
        self._core = core

    def has_password(self) -> bool:
        return bool(self._core.settings().get(_PASSWORD_KEY))

    def hint(self) -> str:
        return self._core.settings().get(_HINT_KEY, "")

    def check_password(self, password: str) -> bool:
        stored = self._core.settings().get(_PASSWORD_KEY, "")
        return not stored or verify_password(password, stored)

    def set_password(self, new: str, *, current: str = "", hint: str = "") -> None:
        """Set or change the password; changing needs the current one."""
        if not self.check_password(current):
            raise RuleViolation("原密码不对，密码没有修改。")
        if hint.strip() and new in hint:
            raise RuleViolation("密码提示里不能写出密码本身。")
        self._put({_PASSWORD_KEY: hash_password(new), _HINT_KEY: hint.strip()})

    def clear_password(self, current: str) -> None:
        if not self.check_password(current):
            raise RuleViolation("密码不对，没有取消密码。")
        self._put({_PASSWORD_KEY: "", _HINT_KEY: ""})

    def forget_password(self) -> Path:
        """Remove the password without it (`partybook password --clear` when it is lost), after
        a backup; returns the backup's path."""
        saved = self._core.backup("取消密码前")
        self._put({_PASSWORD_KEY: "", _HINT_KEY: ""})
        return saved

    def _put(self, values: dict[str, str]) -> None:
        self._core.put_settings(values, Change.NOTHING)
