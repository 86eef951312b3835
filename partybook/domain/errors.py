"""Errors the domain raises; every message is Chinese and fit to show a user as it is."""

from __future__ import annotations


class PartyBookError(Exception):
    """Base of every error PartyBook shows to a user; str(e) is the Chinese message."""


class InvalidValue(PartyBookError, ValueError):
    """A single value (a date, an ID number, a phone number) cannot be accepted."""


class RuleViolation(PartyBookError):
    """An action breaks a rule of the rule set; the message names the rule."""


class NotFound(PartyBookError):
    """A record the user referred to does not exist."""


class MemberInvalid(PartyBookError):
    """A member cannot be saved; problems lists each field's problem (FieldProblem objects)."""

    def __init__(self, problems: list) -> None:
        self.problems = list(problems)
        super().__init__("；".join(p.message for p in self.problems))


def join_problems(problems: list[str]) -> str:
    """Several Chinese sentences as one message: 甲；乙；丙。 (no 。； in between)."""
    return "；".join(p.rstrip("。") for p in problems) + "。" if problems else ""


class Cancelled(PartyBookError):
    """The user stopped long work (an import, a workbook) before it finished; nothing of it
    was written."""

    def __init__(self, message: str = "已取消，没有做任何改动。") -> None:
        super().__init__(message)
