"""What a write changed, by area of the ledger: the Book announces it, each tab says which
areas it shows, and the window refreshes the tabs that show what changed."""

from __future__ import annotations

from enum import Flag, auto


class Change(Flag):
    """The areas of a book a write can change; a write announces all it touched, e.g. a
    passed vote in a meeting is MEETINGS | PIPELINE | MEMBERS (the step and the stage)."""

    NOTHING = 0
    MEMBERS = auto()  # the roster: people, their stage, posts, groups, leaving
    PIPELINE = auto()  # development steps and materials
    MEETINGS = auto()  # 三会一课 and their attendance and votes
    APPRAISAL = auto()  # 民主评议
    STUDY = auto()  # study sessions
    DUES = auto()  # bases and payments
    TALKS = auto()  # 谈心谈话
    TRANSFERS = auto()  # 组织关系转接
    COMMITTEE = auto()  # elections, the term, party groups
    BRANCH = auto()  # 支部基本信息
    SETTINGS = auto()  # rules, reminders, frequencies, requirements
    LAYOUTS = auto()  # the export layouts
    TOWNSHIP = auto()  # a township collection's branch packages and figures
    OPENING = auto()  # 建账: the opening date, the 期初数据, the first-week checklist
    ATTACHMENTS = auto()  # 附件: photos and scans kept with the records

    @classmethod
    def everything(cls) -> Change:
        """Every area: a restore or an imported package replaces the whole book."""
        found = cls.NOTHING
        for area in cls:
            found |= area
        return found

    @classmethod
    def areas(cls) -> list[Change]:
        """Each single area, in the order above."""
        return [area for area in cls if area is not cls.NOTHING]
