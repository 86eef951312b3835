"""A realistic demo branch (a village school, ~25 people in every status) for first looks."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from partybook.book import Book
from partybook.domain.dates import add_months, add_years
from partybook.domain.errors import PartyBookError
from partybook.domain.idcard import make_id_number
from partybook.domain.members import Branch, LeaveReason, Member, Stage

BRANCH = Branch(
    name="青山镇中心小学党支部",
    committee="中共青山镇委员会",
    school="青山镇中心小学",
    secretary="刘建华",
)

# name, sex, stage, age, years since joining (or since applying), post, party group
PEOPLE = [
    ("刘建华", "男", Stage.FULL, 52, 26, "书记", "第一党小组", "校长"),
    ("陈秀英", "女", Stage.FULL, 47, 20, "组织委员", "第一党小组", "副校长"),
    ("王志强", "男", Stage.FULL, 45, 18, "宣传委员", "第二党小组", "教导主任"),
    ("张丽", "女", Stage.FULL, 39, 12, "纪检委员", "第二党小组", "语文教师"),
    ("李国平", "男", Stage.FULL, 58, 33, "", "第一党小组", "数学教师"),
    ("赵春梅", "女", Stage.FULL, 43, 15, "", "第一党小组", "英语教师兼班主任"),
    ("周文斌", "男", Stage.FULL, 36, 9, "", "第二党小组", "体育教师"),
    ("吴晓燕", "女", Stage.FULL, 33, 7, "", "第二党小组", "语文教师兼班主任"),
    ("孙德明", "男", Stage.FULL, 55, 29, "", "第一党小组", "总务主任"),
    ("曾小红", "女", Stage.FULL, 41, 14, "", "第二党小组", "数学教师"),
    ("黄伟", "男", Stage.FULL, 30, 4, "", "第二党小组", "信息技术教师"),
    ("何桂兰", "女", Stage.FULL, 61, 35, "", "第一党小组", "退休教师"),
    ("罗永红", "男", Stage.FULL, 49, 22, "", "第一党小组", "村小负责人"),
    ("郑敏", "女", Stage.FULL, 35, 8, "", "第二党小组", "音乐教师"),
    ("单晓东", "男", Stage.FULL, 44, 16, "", "第一党小组", "科学教师"),
    ("谢婷", "女", Stage.PROBATIONARY, 28, 0.5, "", "第二党小组", "语文教师"),
    ("彭浩", "男", Stage.PROBATIONARY, 31, 0.9, "", "第一党小组", "数学教师"),
    ("邓佳", "女", Stage.CANDIDATE, 27, 2.5, "", "", "英语教师"),
    ("蒋涛", "男", Stage.CANDIDATE, 29, 3, "", "", "美术教师"),
    ("韩雪", "女", Stage.ACTIVIST, 26, 1.2, "", "", "语文教师"),
    ("冯磊", "男", Stage.ACTIVIST, 32, 0.8, "", "", "体育教师"),
    ("唐颖", "女", Stage.APPLICANT, 24, 0.1, "", "", "特岗教师"),
    ("许俊杰", "男", Stage.APPLICANT, 25, 0.4, "", "", "数学教师"),
    ("宋玉华", "女", Stage.FULL, 50, 24, "", "第一党小组", "会计"),
    ("梁建国", "男", Stage.FULL, 57, 30, "", "第二党小组", "教师"),
]

EDUCATION = ["大学本科", "大学本科", "大学本科", "大学专科", "大学专科", "中专", "研究生"]
REGIONS = ["430521", "430522", "430523"]  # a county's district codes
NATIVE = ["湖南邵东", "湖南新邵", "湖南邵阳"]


def demo_members(today: date, seed: int = 7) -> list[tuple[Member, LeaveReason | None]]:
    """The demo people, with dates relative to today so deadlines stay lively."""
    rnd = random.Random(seed)
    out: list[tuple[Member, LeaveReason | None]] = []
    for seq, (name, sex, stage, age, years, post, group, job) in enumerate(PEOPLE, start=11):
        birth = date(today.year - age, rnd.randint(1, 12), rnd.randint(1, 28))
        region = rnd.choice(REGIONS)
        joined = full = None
        months_ago = int(years * 12)
        day_shift = timedelta(days=rnd.randint(0, 27))  # so not everyone joined on the same day
        if stage is Stage.FULL:
            joined = add_months(today, -months_ago) - day_shift
            full = add_years(joined, 1)
        elif stage is Stage.PROBATIONARY:
            joined = add_months(today, -months_ago) - day_shift
        phone = f"1{rnd.choice('3589')}{rnd.randint(0, 9)}{rnd.randint(10000000, 99999999)}"
        member = Member(
            name=name,
            stage=stage,
            sex=sex,
            ethnicity="汉族" if seq % 9 else "苗族",
            birth_date=birth,
            id_number=make_id_number(region, birth, seq * 3 % 97 + 1, sex),
            education=rnd.choice(EDUCATION),
            native_place=NATIVE[REGIONS.index(region)],
            work_start=date(birth.year + 21, 9, 1),
            joined_on=joined,
            full_on=full,
            position=f"青山镇中心小学{job}",
            phone=phone,
            party_post=post,
            group=group,
        )
        out.append((member, None))
    # Two people who left, so the roster shows that nobody is deleted.
    moved = Member(
        name="林海",
        stage=Stage.FULL,
        sex="男",
        ethnicity="汉族",
        birth_date=date(today.year - 40, 3, 12),
        id_number=make_id_number("430521", date(today.year - 40, 3, 12), 77, "男"),
        education="大学本科",
        joined_on=date(today.year - 15, 6, 20),
        full_on=date(today.year - 14, 6, 20),
        position="原青山镇中心小学数学教师",
        phone="13907391234",
        group="第一党小组",
    )
    out.append((moved, LeaveReason.TRANSFERRED))
    return out


def write_demo(path: Path, now: datetime | None = None) -> Path:
    """Write a fresh demo book at path (which must not exist yet)."""
    path = Path(path)
    if path.exists():
        raise PartyBookError(f"“{path}”已经存在，演示数据不会覆盖已有文件。")
    now = now or datetime.now()
    book = Book.open(path, clock=lambda: now, auto_backup=False)
    try:
        book.save_branch(BRANCH)
        for member, left in demo_members(now.date()):
            saved = book.add_member(member)
            if left is not None:
                book.leave(saved.id, left, add_months(now.date(), -8), "转往县城关第二小学党支部")
    finally:
        book.close(auto_backup=False)
    return path
