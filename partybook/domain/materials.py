"""The documents a person's file needs at each stage (入党材料), and which of them exist."""

from __future__ import annotations

from dataclasses import dataclass

from partybook.domain.members import Stage
from partybook.domain.pipeline import Kind, Path

# (document, stage it belongs to, step whose record proves it, or None: ticked by hand)
DOCUMENTS: list[tuple[str, Stage, int | str | None]] = [
    ("入党申请书", Stage.APPLICANT, 1),
    ("谈话记录", Stage.APPLICANT, 2),
    ("推荐/推优表", Stage.APPLICANT, Kind.RECOMMENDATION.value),  # 团组织推优, or ticked
    ("列为积极分子的支委会记录与备案", Stage.ACTIVIST, 4),
    ("培养教育考察登记表", Stage.ACTIVIST, Kind.ASSESSMENT.value),
    ("季度思想汇报", Stage.ACTIVIST, Kind.REPORT.value),
    ("座谈会记录", Stage.CANDIDATE, None),
    ("发展对象备案", Stage.CANDIDATE, 8),
    ("自传", Stage.CANDIDATE, None),
    ("政审材料", Stage.CANDIDATE, 10),
    ("培训结业证书", Stage.CANDIDATE, 11),
    ("公示材料", Stage.CANDIDATE, None),
    ("预审意见", Stage.CANDIDATE, 13),
    ("入党志愿书", Stage.CANDIDATE, 14),
    ("支部大会记录与选票", Stage.CANDIDATE, 15),
    ("审批意见", Stage.CANDIDATE, 17),
    ("宣誓记录", Stage.PROBATIONARY, 20),
    ("转正申请书", Stage.PROBATIONARY, 22),
    ("预备期考察表", Stage.PROBATIONARY, 21),
    ("转正支部大会记录", Stage.PROBATIONARY, 23),
    ("转正审批", Stage.PROBATIONARY, 24),
]
_ORDER = list(Stage)


@dataclass(frozen=True)
class Document:
    name: str
    stage: Stage
    present: bool
    how: str  # 由第 n 步记录 / 手工勾选 / ""


def checklist(path: Path, stage: Stage, ticked: set[str]) -> list[Document]:
    """Documents due up to and including the person's stage, each present or missing."""
    out = []
    for name, belongs, proof in DOCUMENTS:
        if _ORDER.index(belongs) > _ORDER.index(stage):
            continue
        if isinstance(proof, int) and path.on(proof) is not None:
            out.append(Document(name, belongs, True, f"第 {proof} 步已记录"))
        elif isinstance(proof, str) and path.of_kind(Kind(proof)):
            out.append(Document(name, belongs, True, "已有记录"))
        elif name in ticked:
            out.append(Document(name, belongs, True, "手工勾选"))
        else:
            out.append(Document(name, belongs, False, ""))
    return out
