"""A realistic demo branch (a village school, ~25 people in every status) for first looks."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, datetime, timedelta
from pathlib import Path

from partybook.book import Book
from partybook.domain.appraisal import STEPS, Grade
from partybook.domain.committee import Candidate, Election, PartyGroup
from partybook.domain.dates import add_months, add_years
from partybook.domain.dues import Assessment, Category
from partybook.domain.errors import PartyBookError
from partybook.domain.idcard import make_id_number
from partybook.domain.meetings import Attendee, Meeting, MeetingKind, Presence
from partybook.domain.members import Branch, LeaveReason, Member, Stage, is_committee_member
from partybook.domain.pipeline import Event, Kind
from partybook.domain.study import Session
from partybook.domain.talks import Talk
from partybook.domain.transfers import Direction, Transfer

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


def _d(today: date, months: float, days: int = 0) -> date:
    return add_months(today, -int(months)) - timedelta(days=days)


def demo_paths(today: date) -> dict[str, list[Event]]:
    """Development records for the people in the pipeline, so the due list is lively."""
    t = today

    def steps(*items) -> list[Event]:
        out = []
        for item in items:
            number, when, *rest = item
            extra = rest[0] if rest else {}
            kind = extra.pop("kind", Kind.STEP)
            out.append(Event(0, kind, when, step=number if kind is Kind.STEP else None, **extra))
        return out

    mentors = {"people": "陈秀英"}
    sponsors = {"people": "刘建华、张丽"}
    training = {"quantity": 3, "unit": "天", "notes": "镇党委发展对象培训班"}
    return {
        "唐颖": steps((1, _d(t, 0, 20))),
        "许俊杰": steps((1, _d(t, 5)), (2, _d(t, 5) + timedelta(days=18), {"people": "陈秀英"})),
        "韩雪": steps(
            (1, _d(t, 18)),
            (2, _d(t, 18) + timedelta(days=12), {"people": "陈秀英"}),
            (3, _d(t, 14, 5), {"meeting": "支委会"}),
            (4, _d(t, 14)),
            (5, _d(t, 14), mentors),
            (None, _d(t, 8), {"kind": Kind.ASSESSMENT}),
            (None, _d(t, 2), {"kind": Kind.ASSESSMENT}),
            (None, _d(t, 2), {"kind": Kind.REPORT}),
        ),
        "冯磊": steps(
            (1, _d(t, 12)),
            (2, _d(t, 12) + timedelta(days=25), {"people": "王志强"}),
            (3, _d(t, 9), {"meeting": "支委会"}),
            (5, _d(t, 9), {"people": "王志强"}),
            (None, _d(t, 4), {"kind": Kind.REPORT}),
        ),
        "邓佳": steps(
            (1, _d(t, 32)),
            (2, _d(t, 32) + timedelta(days=15), {"people": "刘建华"}),
            (3, _d(t, 28)),
            (4, _d(t, 28)),
            (5, _d(t, 28), mentors),
            (None, _d(t, 4), {"kind": Kind.ASSESSMENT}),
            (None, _d(t, 1), {"kind": Kind.REPORT}),
            (7, _d(t, 15)),
            (8, _d(t, 15)),
            (9, _d(t, 14), sponsors),
            (10, _d(t, 6)),
            (11, _d(t, 5), training),
            (12, _d(t, 2)),
            (13, _d(t, 1, 10)),
        ),
        "蒋涛": steps(
            (1, _d(t, 38)),
            (2, _d(t, 38) + timedelta(days=10), {"people": "刘建华"}),
            (3, _d(t, 34)),
            (4, _d(t, 34)),
            (5, _d(t, 34), {"people": "孙德明"}),
            (7, _d(t, 20)),
            (8, _d(t, 20)),
            (9, _d(t, 19), {"people": "孙德明、王志强"}),
            (10, _d(t, 10)),
            (11, _d(t, 9), training),
            (12, _d(t, 5)),
            (13, _d(t, 4)),
            (14, _d(t, 4)),
            (15, _d(t, 2, 20), {"meeting": "支部党员大会"}),
            (16, _d(t, 1, 20), {"people": "镇党委组织委员"}),
            (None, _d(t, 3), {"kind": Kind.ASSESSMENT}),
            (None, _d(t, 1), {"kind": Kind.REPORT}),
        ),
        "谢婷": _probationary(t, 6),
        "彭浩": _probationary(t, 11),
    }


def _probationary(t: date, months: int) -> list[Event]:
    joined = _d(t, months, 3)
    start = add_months(joined, -26)
    chain = [
        (1, start),
        (2, start + timedelta(days=14)),
        (3, add_months(start, 2)),
        (4, add_months(start, 2)),
        (5, add_months(start, 2)),
        (7, add_months(start, 15)),
        (8, add_months(start, 15)),
        (9, add_months(start, 16)),
        (10, add_months(start, 20)),
        (11, add_months(start, 21)),
        (12, add_months(start, 24)),
        (13, add_months(start, 25)),
        (14, add_months(start, 25)),
        (15, joined),
        (16, joined + timedelta(days=10)),
        (17, add_months(joined, 1)),
        (18, add_months(joined, 1)),
        (19, add_months(joined, 1)),
        (20, add_months(joined, 1) + timedelta(days=7)),
    ]
    people = {2: "刘建华", 5: "赵春梅", 9: "刘建华、赵春梅", 16: "镇党委组织委员"}
    events = []
    for number, when in chain:
        extra = {"people": people.get(number, "")}
        if number == 11:
            extra.update(quantity=24, unit="学时")
        events.append(Event(0, Kind.STEP, when, step=number, **extra))
    events.append(Event(0, Kind.REPORT, _d(t, 2)))
    events.append(Event(0, Kind.ASSESSMENT, _d(t, 1)))
    return events


def demo_meetings(book: Book, today: date) -> None:
    """A year of 三会一课 up to last month, with one habitual absentee and one admission vote."""
    rnd = random.Random(11)
    names = {m.name: m.id for m in book.members.all()}
    absentee = names["黄伟"]
    common = {"place": "学校三楼会议室", "host": "刘建华", "recorder": "陈秀英"}

    officers = {names[common["host"]], names[common["recorder"]]}  # present at every meeting

    def attend(kind: MeetingKind, on: date, group: str = "") -> list[Attendee]:
        # who was on leave is drawn over today's list, as it always was (the demo's figures
        # stay as they were); the list itself is the roster on the day
        away = set()
        for a in book.meetings.default_attendees(kind, group):
            if not (a.member_id == absentee and on.month >= 4) and rnd.random() < 0.06:
                away.add(a.member_id)
        out = []
        for a in book.meetings.default_attendees(kind, group, on):
            if a.member_id == absentee and on.month >= 4:
                out.append(dataclasses.replace(a, presence=Presence.ABSENT))
            elif a.member_id in away and a.member_id not in officers:
                out.append(dataclasses.replace(a, presence=Presence.LEAVE, reason="外出培训"))
            else:
                out.append(a)
        return out

    def save(kind: MeetingKind, on: date, group: str = "", **extra) -> None:
        book.meetings.save(
            Meeting(
                kind,
                on,
                group=group,
                attendees=attend(kind, on, group),
                start="16:30",
                end="17:30",
                **{**common, **extra},
            )
        )

    year = today.year
    for month in range(1, today.month):
        save(MeetingKind.COMMITTEE, date(year, month, 8), agenda="研究本月党建工作")
        for group in ("第一党小组", "第二党小组"):
            save(MeetingKind.GROUP, date(year, month, 12), group, agenda="学习讨论")
        if month % 3 == 1:
            save(
                MeetingKind.GENERAL,
                date(year, month, 20),
                theme_day=True,
                agenda="通报党支部工作，开展主题党日活动",
            )
            save(
                MeetingKind.LECTURE,
                date(year, month, 25),
                lecturer="刘建华",
                topic="学习党章，做合格党员",
            )
        else:
            save(MeetingKind.THEME_DAY, date(year, month, 20), agenda="志愿服务进村小")


def demo_appraisals(book: Book, today: date) -> None:
    """Last year's completed round and this year's round in progress (ballots counted)."""
    rnd = random.Random(5)
    for year, complete in ((today.year - 1, True), (today.year, False)):
        r = book.appraisal.round(year)
        graded, _ = book.appraisal.participants(year)
        graded_ids = [m.id for m in graded]
        returned = len(r.entries) - 1
        entries = []
        for e in r.entries:
            if e.member_id not in graded_ids:
                entries.append(e)
                continue
            excellent = rnd.randint(0, 8) if graded_ids.index(e.member_id) % 3 else 12
            counts = (excellent, returned - excellent - 1, 1, 0)
            entries.append(dataclasses.replace(e, counts=counts))
        if complete:
            by_votes = sorted(
                (e for e in entries if e.member_id in graded_ids), key=lambda e: -e.counts[0]
            )
            top = [e.member_id for e in by_votes[: len(graded_ids) // 3] if e.counts[0] >= 10]
            entries = [
                dataclasses.replace(
                    e, grade=Grade.EXCELLENT if e.member_id in top else Grade.QUALIFIED
                )
                if e.member_id in graded_ids
                else e
                for e in entries
            ]
        done = STEPS if complete else STEPS[:4]
        on = date(year, 12, 15) if complete else add_months(today, 0) - timedelta(days=2)
        steps = {s: (on - timedelta(days=10 * (len(done) - i)), "") for i, s in enumerate(done)}
        book.appraisal.save(
            dataclasses.replace(
                r, on=on, handed_out=len(r.entries), returned=returned, entries=entries, steps=steps
            )
        )


STUDY_TOPICS = [
    "学习《中国共产党章程》",
    "学习习近平新时代中国特色社会主义思想",
    "学习《中国共产党纪律处分条例》",
    "学习全国教育大会精神",
    "学习《中国共产党支部工作条例（试行）》",
    "学习党史：新民主主义革命时期",
    "学习《中华人民共和国教育法》",
    "学习师德师风建设文件",
    "学习党的二十届四中全会精神",
    "学习乡村振兴与农村教育",
]


def demo_study(book: Book, today: date) -> None:
    """A year of study up to last month: a monthly 集中学习, the 党课 linked to their meetings,
    the committee's own study and some online study; 黄伟 and 吴晓燕 fall behind."""
    members = book.members.all()
    ids = {m.name: m.id for m in members}
    leaders = [m.id for m in members if is_committee_member(m) and m.active]
    behind = {ids["黄伟"]: range(4, 13), ids["吴晓燕"]: range(6, 9)}  # absent / 产假

    def people(on: date) -> tuple[int, ...]:
        return tuple(
            m.id
            for m in members
            if m.stage.is_member
            and (m.left_on is None or m.left_on >= on)
            and on.month not in behind.get(m.id, ())
        )

    year = today.year
    for month in range(1, today.month):
        on = date(year, month, 15)
        book.study.save(
            Session(
                on,
                STUDY_TOPICS[(month - 1) % len(STUDY_TOPICS)],
                "集中学习",
                2,
                materials="原文学习，交流心得体会",
                presenter="陈秀英" if month % 2 else "王志强",
                place="学校三楼会议室",
                participants=people(on),
            )
        )
        book.study.save(
            Session(
                date(year, month, 8),
                "支委会集体学习：" + STUDY_TOPICS[(month + 4) % len(STUDY_TOPICS)],
                "中心组学习",
                1.5,
                presenter="刘建华",
                place="校长办公室",
                participants=tuple(leaders),
            )
        )
        if month % 3 == 2:
            for member_id in leaders:
                book.study.save(
                    Session(
                        date(year, month, 26),
                        "学习强国专题学习",
                        "网络学习",
                        2,
                        participants=(member_id,),
                        member_id=member_id,
                    )
                )
    for lecture in (m for m in book.meetings.all(year) if m.kind is MeetingKind.LECTURE):
        form = "支部书记讲党课" if lecture.lecturer == BRANCH.secretary else "专题党课"
        book.study.save(
            Session(lecture.on, lecture.topic or "党课", form, 2, meeting_id=lecture.id)
        )
        for a in lecture.attendees:  # who was on leave makes it up on their own (补学)
            if a.presence is Presence.LEAVE:
                book.study.save(
                    Session(
                        lecture.on + timedelta(days=3),
                        f"补学党课：{lecture.topic}",
                        "自学",
                        2,
                        materials="党课讲稿",
                        participants=(a.member_id,),
                        member_id=a.member_id,
                    )
                )


# 郑敏 came from another school's branch; her record is kept like any transfer in.
TRANSFERRED_IN = {
    "郑敏": lambda today: Transfer(
        Direction.IN,
        add_months(today, -14),
        "青山镇中学党支部",
        letter_no=f"青山组转〔{add_months(today, -14).year}〕11号",
        receipt_back=True,
        receipt_on=add_months(today, -14) + timedelta(days=6),
    )
}


def demo_committee(book: Book, today: date) -> None:
    """The committee elected 2 years 8 months ago (so the term warning shows), two party groups
    with their leaders."""
    ids = {m.name: m.id for m in book.members.all()}
    votes = [("刘建华", 16, "书记"), ("陈秀英", 15, "组织委员"), ("王志强", 14, "宣传委员")]
    votes += [("张丽", 13, "纪检委员"), ("李国平", 6, "")]
    book.committee.record_election(
        Election(
            add_months(today, -32),
            should_attend=None,  # 应到 from the roster on the day (17: 郑敏 came later)
            present=16,
            seats=4,
            candidates=tuple(Candidate(ids[n], n, v, post) for n, v, post in votes),
            notes="差额选举，无记名投票；2 人请假（外出培训）",
        )
    )
    for group, leader in (("第一党小组", "赵春梅"), ("第二党小组", "周文斌")):
        members = tuple(m.id for m in book.members.all(include_left=False) if m.group == group)
        book.committee.save_group(PartyGroup(group, ids[leader], members), old_name=group)


def demo_talks(book: Book, today: date) -> None:
    """This year's talks: the secretary has talked with most, the others with a few."""
    party = [m for m in book.members.all(include_left=False) if m.stage.is_member]
    ids = {m.name: m.id for m in book.members.all()}
    topics = ["工作和思想情况", "班主任工作压力", "家庭困难与需要的帮助", "师德师风", "教学改革"]
    plan = {"刘建华": 14, "陈秀英": 8, "王志强": 4, "张丽": 2}
    start = date(today.year, 2, 20)
    for n, (talker, count) in enumerate(plan.items()):
        others = [m for m in party if m.name != talker][:count]
        for i, other in enumerate(others):
            book.talks.save(
                Talk(
                    min(start + timedelta(days=9 * i + 3 * n), today),
                    ids[talker],
                    topics[(i + n) % len(topics)],
                    second_id=other.id,
                    content="交流了近期工作和思想情况，听取了对支部工作的意见。",
                    follow_up="" if i % 3 else "反映的困难已向学校汇报，下月回访。",
                )
            )
    book.talks.save(
        Talk(
            add_months(today, -2),
            ids["陈秀英"],
            "入党动机与培养",
            second_id=ids["韩雪"],
            content="谈入党动机，鼓励其在教学一线发挥作用。",
        )
    )
    book.talks.save(
        Talk(
            add_months(today, -1),
            ids["张丽"],
            "新入职教师思想动态",
            second_name="新入职教师李明（非党员）",
            content="了解入职适应情况，介绍学校和支部。",
        )
    )


# monthly fixed income after tax (元) of the demo people; 何桂兰 is retired (pension)
DUES_BASES = {"刘建华": 6200, "陈秀英": 5600, "王志强": 5300, "李国平": 5000, "孙德明": 5400}
DUES_BEHIND = "周文斌"  # two months behind, so the due list shows him


def demo_dues(book: Book, today: date) -> None:
    """Last year's and this year's dues, collected on the 15th of each month up to last month:
    张丽's base changes mid-year (with a reason), 李国平 paid the rest of the year ahead and
    周文斌 is two months behind."""
    ids = {m.name: m.id for m in book.members.all()}
    first_this_year = None
    for year in (today.year - 1, today.year):
        rows = book.dues.rows(year)
        entries = []
        for r in rows:
            name = r.member.name
            if name == "何桂兰":
                entries.append(Assessment(r.member.id, year, Category.RETIRED, 420000))
            else:
                base = DUES_BASES.get(name, 3000 + (len(name) * 397 + r.member.id * 131) % 2000)
                entries.append(Assessment(r.member.id, year, Category.EMPLOYED, base * 100))
        book.dues.set_bases(year, entries)
        last = 12 if year < today.year else today.month - 1
        for month in range(1, last + 1):
            if year == today.year and month == max(2, today.month - 3):
                book.dues.set_bases(
                    year,
                    [
                        Assessment(
                            ids["张丽"],
                            year,
                            Category.EMPLOYED,
                            520000,
                            month,
                            "职称晋升，工资调整",
                        )
                    ],
                )
            book.dues.collect_month(year, month, date(year, month, 15))
        if year == today.year:
            first_this_year = rows
    if first_this_year is None:
        return
    behind = [add_months(date(today.year, today.month, 1), -k) for k in (1, 2)]
    for day in behind:
        book.dues.delete_payment(ids[DUES_BEHIND], day.year, day.month)
    ahead = list(range(today.month, 13))
    if today.month > 1:
        book.dues.pay(ids["李国平"], today.year, ahead, date(today.year, today.month - 1, 15))


def demo_photos(book: Book) -> None:
    """Made-up photos (small PNGs drawn by samples/images.py) on the last few meetings: the
    主题党日 and 党课 that a township's inspection asks to see with 影像."""
    import tempfile

    from partybook.domain.attachments import Owner
    from partybook.samples.images import scene

    shown = [m for m in book.meetings.all() if m.theme_day or m.kind is MeetingKind.LECTURE][-3:]
    with tempfile.TemporaryDirectory(prefix="partybook-demo-") as folder:
        for n, m in enumerate(shown):
            for k, caption in enumerate(("会场", "会后合影")[: 2 if n < 2 else 1]):
                photo = Path(folder) / f"{m.on:%Y%m%d} {m.kind.value} {caption}.png"
                photo.write_bytes(scene(480, 320, n * 2 + k))
                book.attachments.attach(photo, Owner.MEETING, m.id, caption=caption)


def write_demo(path: Path, now: datetime | None = None, *, meetings: bool = True) -> Path:
    """Write a fresh demo book at path (which must not exist yet)."""
    path = Path(path)
    if path.exists():
        raise PartyBookError(f"“{path}”已经存在，演示数据不会覆盖已有文件。")
    now = now or datetime.now()
    book = Book.open(path, clock=lambda: now, auto_backup=False)
    try:
        book.save_branch(BRANCH)
        for member, left in demo_members(now.date()):
            if member.name in TRANSFERRED_IN:
                book.transfers.record_in(TRANSFERRED_IN[member.name](now.date()), member)
                continue
            saved = book.members.add(member)
            if left is not None:
                book.transfers.record_out(
                    Transfer(
                        Direction.OUT,
                        add_months(now.date(), -8),
                        "县城关第二小学党支部",
                        member_id=saved.id,
                        letter_no=f"青山组转〔{add_months(now.date(), -8).year}〕3号",
                        notes="回执尚未返回，已电话催问",
                    )
                )
        ids = {m.name: m.id for m in book.members.all()}
        for name, events in demo_paths(now.date()).items():
            for event in sorted(events, key=lambda e: e.on):
                book.pipeline.record_event(dataclasses.replace(event, member_id=ids[name]))
        demo_committee(book, now.date())
        if meetings:
            demo_meetings(book, now.date())
            demo_appraisals(book, now.date())
            demo_study(book, now.date())
            demo_talks(book, now.date())
            demo_dues(book, now.date())
            demo_photos(book)
    finally:
        book.close(auto_backup=False)
    return path
