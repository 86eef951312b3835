"""The change log read as a teacher would: what was changed, when, and each field old → new."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from partybook.domain.members import FIELD_LABELS

TABLE_LABELS = {
    "member": "人员信息",
    "event": "发展步骤",
    "material": "入党材料",
    "meeting": "会议记录",
    "attendance": "出席情况",
    "vote": "表决",
    "appraisal": "民主评议",
    "appraisal_entry": "评议结果",
    "study": "学习记录",
    "study_participant": "学习参加人员",
    "election": "换届选举",
    "candidate": "候选人得票",
}
ACTION_WORDS = {"insert": "新增", "update": "修改", "delete": "删除"}

# Column names as stored (a few differ from the attribute names) → Chinese.
COLUMN_LABELS = {
    **FIELD_LABELS,
    "party_group": "党小组",
    "left_note": "离开说明",
    "member_id": "人员",
    "meeting_id": "会议",
    "study_id": "学习记录",
    "appraisal_id": "评议",
    "kind": "类别",
    "step": "步骤",
    "on": "日期",
    "people": "有关人员",
    "meeting": "会议",
    "quantity": "数量",
    "unit": "单位",
    "exception": "例外说明",
    "violations": "不符合的规定",
    "document": "材料",
    "theme_day": "同时为主题党日",
    "start": "开始时间",
    "end": "结束时间",
    "place": "地点",
    "host": "主持人",
    "recorder": "记录人",
    "observers": "列席人员",
    "agenda": "议程",
    "content": "内容",
    "resolutions": "决议",
    "lecturer": "讲课人",
    "topic": "主题",
    "presence": "出席情况",
    "reason": "原因",
    "excluded": "不计入应到",
    "excluded_reason": "不计入应到的原因",
    "can_vote": "有表决权",
    "matter": "表决事项",
    "yes": "赞成",
    "no": "反对",
    "abstain": "弃权",
    "written_yes": "书面赞成",
    "written_no": "书面反对",
    "method": "表决方式",
    "year": "年度",
    "handed_out": "发出测评表",
    "returned": "收回测评表",
    "steps": "评议步骤",
    "excellent": "优秀票",
    "qualified": "合格票",
    "basic": "基本合格票",
    "unqualified": "不合格票",
    "score": "得分",
    "grade": "等次",
    "handling": "处理意见",
    "form": "形式",
    "hours": "学时",
    "materials": "学习材料",
    "presenter": "主讲人",
    "guests": "其他参加人员",
    "election_id": "选举",
    "should_attend": "应到",
    "present": "实到",
    "seats": "应选名额",
    "votes": "得票",
    "post": "职务",
}
# What names a row in one line, in order of preference.
_SUMMARY_KEYS = ("name", "stage", "topic", "matter", "document", "kind", "year", "on")
_REFERENCES = {"member_id": "members", "meeting_id": "meetings"}


@dataclass(frozen=True)
class HistoryLine:
    at: str
    what: str  # 人员信息 / 出席情况 …
    action: str  # 新增 / 修改 / 删除
    details: str


def _shown(column: str, value: object, names: Mapping[str, Mapping[int, str]]) -> str:
    if value is None or value == "":
        return "（空）"
    kind = _REFERENCES.get(column)
    if kind and isinstance(value, int):
        return names.get(kind, {}).get(value, f"编号 {value}")
    if column in ("lost_contact", "floating", "theme_day", "excluded", "can_vote"):
        return "是" if value else "否"
    return str(value)


def _label(column: str) -> str:
    return COLUMN_LABELS.get(column, column)


def describe(
    at: str,
    table: str,
    action: str,
    old: Mapping[str, object] | None,
    new: Mapping[str, object] | None,
    names: Mapping[str, Mapping[int, str]],
) -> HistoryLine:
    """One change as a line; an update lists only the fields that changed."""
    row = new or old or {}
    if action == "update" and old and new:
        parts = [
            f"{_label(c)}：{_shown(c, old.get(c), names)} → {_shown(c, new.get(c), names)}"
            for c in new
            if c != "id" and old.get(c) != new.get(c)
        ]
        details = "；".join(parts)
    else:
        parts = [
            f"{_label(c)}：{_shown(c, row[c], names)}"
            for c in (*_REFERENCES, *_SUMMARY_KEYS)
            if row.get(c) not in (None, "")
        ]
        details = "；".join(parts[:4])
    return HistoryLine(
        at, TABLE_LABELS.get(table, table), ACTION_WORDS.get(action, action), details
    )
