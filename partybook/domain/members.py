"""Member, Stage and LeaveReason: the roster's entities, free of storage and Qt."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from datetime import date


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
