"""Member, Stage and LeaveReason: the roster's entities, free of storage and Qt."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from datetime import date

from partybook.domain.rules import DISCIPLINE_RULES


class Stage(enum.StrEnum):
    """Where a person stands on the road to full membership (人员类别)."""

    APPLICANT = "入党申请人"
    ACTIVIST = "入党积极分子"
    CANDIDATE = "发展对象"
    PROBATIONARY = "预备党员"
    FULL = "正式党员"

    @property
    def is_member(self) -> bool:
        """Probationary and full members belong to the Party; the earlier stages do not."""
        return self in (Stage.PROBATIONARY, Stage.FULL)


class LeaveReason(enum.StrEnum):
    """Why someone is no longer on the active roster. Members are never deleted."""

    TRANSFERRED = "转出"
    DECEASED = "去世"
    EXPELLED = "出党"
    CANCELLED = "取消预备党员资格"
    STOPPED = "停止培养"
    REMOVED = "除名"  # the 支部大会's decision after 自行脱党 (党章第九条), approved above


# What each reason means, for the leave dialog (the articles quoted from domain.rules).
LEAVE_EXPLANATIONS: dict[LeaveReason, str] = {
    LeaveReason.TRANSFERRED: "组织关系转到其他党组织（转接本身在全国党员管理信息系统中办理）。",
    LeaveReason.DECEASED: "去世。",
    LeaveReason.EXPELLED: "开除党籍等其他出党情形（自行脱党、劝而不退的，请选“除名”）。",
    LeaveReason.CANCELLED: (
        "预备党员不履行党员义务、不具备党员条件，经支部大会讨论取消其预备党员资格。"
    ),
    LeaveReason.STOPPED: "对入党申请人、积极分子或发展对象停止培养（尚未入党）。",
    LeaveReason.REMOVED: (
        f"自行脱党的党员由支部大会决定除名——{DISCIPLINE_RULES.cite('self_lapse_months')}。"
        "劝其退党而不退、坚持退党的党员也予以除名。请在“说明”中写明哪次支部党员大会决定、"
        "上级党组织何时批准。"
    ),
}
NOTE_HINTS: dict[LeaveReason, str] = {
    LeaveReason.TRANSFERRED: "如：转往某某学校党支部",
    LeaveReason.REMOVED: "如：2026年第2次支部党员大会决定除名，2026-04-10 镇党委批准",
    LeaveReason.CANCELLED: "如：2026年第2次支部党员大会决定",
}


def leave_reasons(stage: Stage) -> list[LeaveReason]:
    """The reasons a person at this stage can leave with, in the dialog's order."""
    if stage.is_member:
        out = [LeaveReason.TRANSFERRED, LeaveReason.DECEASED, LeaveReason.EXPELLED]
        if stage is Stage.PROBATIONARY:
            out.append(LeaveReason.CANCELLED)
        return [*out, LeaveReason.REMOVED]
    return [LeaveReason.STOPPED, LeaveReason.TRANSFERRED, LeaveReason.DECEASED]


def leave_problems(member: Member, reason: LeaveReason, note: str = "") -> list[str]:
    """Why this person cannot leave for this reason, in Chinese (empty: they can)."""
    if reason is LeaveReason.CANCELLED and member.stage is not Stage.PROBATIONARY:
        return ["只有预备党员才能被取消预备党员资格。"]
    if reason is LeaveReason.STOPPED and member.stage.is_member:
        return ["“停止培养”只用于尚未入党的申请人、积极分子和发展对象。"]
    if reason is LeaveReason.REMOVED:
        if not member.stage.is_member:
            return [
                f"{member.name} 是{member.stage.value}，还不是党员：“除名”只用于自行脱党的"
                "正式党员和预备党员；尚未入党的请选“停止培养”。"
            ]
        if not note.strip():
            return [
                f"除名是支部大会的决定（{DISCIPLINE_RULES.rules['self_lapse_months'].article}）："
                "请在“说明”中写明哪次支部党员大会决定、上级党组织是否已批准。"
            ]
    return []


PARTY_POSTS = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")
SEXES = ("男", "女")


@dataclass(slots=True)  # a township's roster is 10 000 of them
class Member:
    """One person on the roster, member or not yet member, active or left."""

    name: str
    stage: Stage = Stage.FULL
    id: int | None = None
    sex: str = ""
    ethnicity: str = ""  # 民族
    birth_date: date | None = None
    id_number: str = ""  # 公民身份号码, 18 characters
    education: str = ""  # 学历
    native_place: str = ""  # 籍贯
    work_start: date | None = None  # 参加工作日期
    joined_on: date | None = None  # 入党日期 (the admission meeting)
    full_on: date | None = None  # 转正日期
    position: str = ""  # 工作单位及职务 / 工作岗位
    phone: str = ""
    address: str = ""  # 家庭住址
    party_post: str = ""  # 党内职务
    group: str = ""  # 党小组
    sponsors: str = ""  # 介绍人
    lost_contact: bool = False  # 是否失联
    floating: bool = False  # 是否流动党员
    notes: str = ""
    left_on: date | None = None
    left_reason: LeaveReason | None = None
    left_note: str = ""  # e.g. where a member transferred to

    @property
    def active(self) -> bool:
        """True while the person is on the branch's active roster."""
        return self.left_reason is None

    @property
    def status_text(self) -> str:
        """The status as the roster shows it: the stage, or the way the person left."""
        if self.left_reason is not None:
            return f"已离开（{self.left_reason.value}）"
        return self.stage.value

    def replace(self, **changes: object) -> Member:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)


def is_committee_member(m: Member) -> bool:
    """支部委员: whoever holds a 党内职务. The one test that the 支委会's attendance, the 56-学时
    requirement, talks and the committee view all use; a member who left keeps the post as
    history, so callers that want today's committee also ask `m.active`."""
    return bool(m.party_post.strip())


@dataclass
class Branch:
    """The branch's basic facts, asked for on first start and editable later."""

    name: str = ""  # 支部名称, e.g. 某某镇中心小学党支部
    committee: str = ""  # 所属党委, e.g. 某某镇党委
    school: str = ""
    secretary: str = ""

    @property
    def is_set_up(self) -> bool:
        return bool(self.name.strip())


@dataclass
class FieldProblem:
    """One problem with one field of a member, in Chinese; field is a Member attribute name."""

    field: str
    message: str
    warning: bool = False  # a warning is shown but does not stop saving


FIELD_LABELS: dict[str, str] = {
    "name": "姓名",
    "stage": "人员类别",
    "sex": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "id_number": "公民身份号码",
    "education": "学历",
    "native_place": "籍贯",
    "work_start": "参加工作日期",
    "joined_on": "入党日期",
    "full_on": "转正日期",
    "position": "工作单位及职务",
    "phone": "联系电话",
    "address": "家庭住址",
    "party_post": "党内职务",
    "group": "党小组",
    "sponsors": "入党介绍人",
    "lost_contact": "是否失联",
    "floating": "是否流动党员",
    "notes": "备注",
    "left_on": "离开日期",
    "left_reason": "离开原因",
}
