"""Versioned rule sets: every number of the development rules, with the article it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Rule:
    """One number of a rule set, where it comes from, and what it means in plain Chinese."""

    value: int
    unit: str  # 岁, 个月, 年, 名, 天, 学时, 次
    article: str
    text: str


@dataclass(frozen=True)
class RuleSet:
    """A named, dated set of rules; later sets are copies with a few values changed."""

    name: str
    effective: date
    rules: dict[str, Rule]
    verified: bool = True
    note: str = ""

    def value(self, key: str) -> int:
        return self.rules[key].value

    def cite(self, key: str) -> str:
        """The rule as a message quotes it, e.g. 《细则》第七条：一个月内谈话."""
        rule = self.rules[key]
        return f"{rule.article}：{rule.text}"

    def has(self, key: str) -> bool:
        return key in self.rules


XIZE = "《中国共产党发展党员工作细则》"

_RULES_2014 = {
    "min_age": Rule(18, "岁", f"{XIZE}第五条", "年满十八岁方可申请入党"),
    "talk_within_months": Rule(1, "个月", f"{XIZE}第七条", "收到入党申请书后一个月内派人谈话"),
    "mentors_min": Rule(1, "名", f"{XIZE}第九条", "指定一至二名正式党员作培养联系人"),
    "mentors_max": Rule(2, "名", f"{XIZE}第九条", "指定一至二名正式党员作培养联系人"),
    "assessment_months": Rule(
        6, "个月", f"{XIZE}第十一条", "党支部每半年对入党积极分子进行一次考察"
    ),
    "cultivation_years": Rule(
        1, "年", f"{XIZE}第十三条", "经过一年以上培养教育和考察方可列为发展对象"
    ),
    "sponsors": Rule(2, "名", f"{XIZE}第十四条", "发展对象应当有两名正式党员作入党介绍人"),
    "training_days": Rule(3, "天", f"{XIZE}第十八条", "集中培训时间一般不少于三天"),
    "training_hours": Rule(24, "学时", f"{XIZE}第十八条", "或不少于二十四个学时"),
    "approval_months": Rule(3, "个月", f"{XIZE}第四章（接收预备党员）", "上级党委应在三个月内审批"),
    "approval_max_months": Rule(
        6, "个月", f"{XIZE}第四章（接收预备党员）", "特殊情况可适当延长审批时间，但不得超过六个月"
    ),
    "probation_years": Rule(1, "年", f"{XIZE}第三十二条", "预备期为一年，从支部大会通过之日算起"),
    "extension_min_months": Rule(
        6, "个月", f"{XIZE}第三十二条", "可以延长一次预备期，延长时间不能少于半年"
    ),
    "extension_max_months": Rule(12, "个月", f"{XIZE}第三十二条", "延长预备期最长不超过一年"),
    "extensions_max": Rule(1, "次", f"{XIZE}第三十二条", "预备期只能延长一次"),
    "conversion_approval_months": Rule(
        3, "个月", f"{XIZE}第五章（预备党员转正）", "上级党委应在三个月内审批转正"
    ),
    # issue 20: the extension is decided when probation ends, not long after (0: on that day)
    "extension_grace_days": Rule(
        0,
        "天",
        f"{XIZE}第三十二条",
        "预备党员预备期满，党支部应当及时讨论其能否转为正式党员，需要继续考察的可以延长预备期",
    ),
    # practice, not rule (domain.md §1 step 3): 细则 names 群团组织推优 as one way to propose
    "league_recommend_max_age": Rule(
        28,
        "岁",
        f"{XIZE}第八条（党员推荐、群团组织推优）及各地惯例",
        "28周岁以下的入党申请人一般经共青团组织推优",
    ),
    "prereview_leaving_months": Rule(
        3,
        "个月",
        "中央组织部《发展党员工作流程图》（2014）第13步",
        "发展对象未来3个月内将离开工作、学习单位的，一般不办理接收预备党员手续",
    ),
}

RULES_2014 = RuleSet("细则 2014", date(2014, 5, 28), _RULES_2014)

RULES_2026 = RuleSet(
    "细则 2026 (未核实)",
    date(2026, 5, 1),
    {
        **_RULES_2014,
        "candidate_notice_working_days": Rule(
            5, "个工作日", "2026 年修订细则（未核实）", "确定发展对象前公示不少于五个工作日"
        ),
        "admission_after_prereview_months": Rule(
            1, "个月", "2026 年修订细则（未核实）", "预审后一个月内召开支部大会讨论接收"
        ),
        "oath_after_approval_months": Rule(
            1, "个月", "2026 年修订细则（未核实）", "审批后一般一个月内组织入党宣誓"
        ),
    },
    verified=False,
    note="据 2026 年 5 月修订的细则整理，条文未经核实；默认仍使用 2014 年细则。",
)

RULE_SETS = {r.name: r for r in (RULES_2014, RULES_2026)}
DEFAULT_RULE_SET = RULES_2014.name


def rule_set(name: str) -> RuleSet:
    """The named rule set, or the default if the name is unknown (e.g. from a newer book)."""
    return RULE_SETS.get(name, RULES_2014)


DANGZHANG_TEXT = "《中国共产党章程》"
JILV = "《中国共产党纪律处分条例》"
JIAOYU_GUANLI = "《中国共产党党员教育管理工作条例》（2019）"

# issue 20: 留党察看, 除名 after 自行脱党, and the handling of 基本合格 / 不合格 in the rules' words
DISCIPLINE_RULES = RuleSet(
    "党章、纪律处分条例和党员教育管理工作条例",
    date(2019, 5, 6),
    {
        "watch_short_months": Rule(
            12, "个月", JILV, "留党察看处分，分为留党察看一年、留党察看二年"
        ),
        "watch_long_months": Rule(24, "个月", JILV, "留党察看处分，分为留党察看一年、留党察看二年"),
        "watch_max_months": Rule(
            24,
            "个月",
            f"{DANGZHANG_TEXT}第四十条",
            "留党察看最长不超过两年；党员在留党察看期间没有表决权、选举权和被选举权",
        ),
        "self_lapse_months": Rule(
            6,
            "个月",
            f"{DANGZHANG_TEXT}第九条",
            "党员没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，"
            "就被认为是自行脱党；支部大会应当决定把这样的党员除名，并报上级党组织批准",
        ),
        "correction_max_months": Rule(
            12,
            "个月",
            f"{JIAOYU_GUANLI}第三十条",
            "对不符合党员条件但决心改正的党员，作出限期改正处置，限期改正时间不超过1年",
        ),
    },
    note="党章条文按 2022 年党章；纪律处分条例的条号未核实。",
)


@dataclass(frozen=True)
class Practice:
    """Local practice, not rule: editable settings with the defaults of domain.md."""

    notice_days: int = 5  # 公示天数
    notice_working_days: bool = True  # 公示按工作日计算
    soon_days: int = 30  # "即将到期" window
    report_months: int = 3  # 思想汇报 frequency
    keys: tuple[str, ...] = field(
        default=("notice_days", "notice_working_days", "soon_days", "report_months"),
        repr=False,
    )


# The 32/56 学时 come from the national training plan, which speaks of 集中学习培训; whether a
# member's own self-study counts is not settled there (a setting, counted by default).
GUIHUA = "《2019—2023年全国党员教育培训工作规划》"

STUDY_RULES = RuleSet(
    "全国党员教育培训工作规划 2019—2023",
    date(2019, 11, 1),
    {
        "member_hours": Rule(32, "学时", GUIHUA, "党员每年集中学习培训时间一般不少于32学时"),
        "leader_hours": Rule(
            56,
            "学时",
            GUIHUA,
            "基层党组织书记和班子成员每年集中学习培训时间一般不少于56学时",
        ),
    },
    note=(
        "规划讲的是“集中学习培训”，个人自学是否计入没有统一规定：可在设置中选择（默认计入）；"
        "学时要求也可在设置中修改。"
    ),
)

XUANJU = "《中国共产党基层组织选举工作条例》（2020）"

# Fractions are kept as two whole numbers so that "more than 4/5" is checked exactly.
ELECTION_RULES = RuleSet(
    "基层组织选举工作条例 2020",
    date(2020, 7, 20),
    {
        "term_years": Rule(3, "年", XUANJU, "党的总支部委员会、支部委员会每届任期三年"),
        "quorum_numerator": Rule(
            4, "", XUANJU, "选举时有选举权的到会人数超过应到会人数的五分之四，会议有效"
        ),
        "quorum_denominator": Rule(
            5, "", XUANJU, "选举时有选举权的到会人数超过应到会人数的五分之四，会议有效"
        ),
        "elected_numerator": Rule(
            1, "", XUANJU, "被选举人获得的赞成票超过实到会有选举权的人数的一半，始得当选"
        ),
        "elected_denominator": Rule(
            2, "", XUANJU, "被选举人获得的赞成票超过实到会有选举权的人数的一半，始得当选"
        ),
        # issue 20: 差额, the posts' approval, the term of village and community branches
        "candidates_margin_percent": Rule(
            20, "%", XUANJU, "委员候选人数应当多于应选人数的20%（差额选举）"
        ),
        "posts_approval": Rule(  # 1: required (not a count)
            1, "", XUANJU, "书记、副书记选举产生后，应当报上级党组织批准"
        ),
        "term_years_village": Rule(
            5, "年", "2018 年中共中央办公厅有关意见", "村、社区党组织每届任期由3年调整为5年"
        ),
    },
    note="条文按公开文本整理，条号未核实；预备党员没有选举权和被选举权。",
)

ZHIBU = "《中国共产党支部工作条例（试行）》（2018）"

TALK_RULES = RuleSet(
    "支部工作条例 2018",
    date(2018, 10, 28),
    {
        "talks_per_year": Rule(
            1,
            "次",
            ZHIBU,
            "党支部委员之间、党支部委员和党员之间、党员和党员之间，每年谈心谈话一般不少于1次",
        ),
    },
    note="条文按公开文本整理，条号未核实；谈话范围可在设置中选择。",
)

# issue 20: 三会一课 — who counts in 应到, which branch holds which meeting, the 书记's 党课
HEADCOUNT_SOURCE = "中央组织部组织局关于支部党员大会应到会人数计算的答复（共产党员网）"
DANGZHANG_PROBATION = "《中国共产党章程》第七条"

MEETING_RULES = RuleSet(
    "支部工作条例 2018（三会一课）",
    date(2018, 10, 28),
    {
        "committee_min_full_members": Rule(
            7,
            "名",
            f"{ZHIBU}第六章",
            "有正式党员7人以上的党支部，应当设立党支部委员会；"
            "正式党员不足7人的党支部，不设支部委员会，设1名书记",
        ),
        "secretary_lectures_per_year": Rule(
            1, "次", f"{ZHIBU}第五章", "党支部书记每年至少为党员讲1次党课"
        ),
        "group_meetings_per_month": Rule(
            1, "次", f"{ZHIBU}第五章", "党小组会一般每月召开1次，每个党小组分别召开"
        ),
        "headcount_abroad_months": Rule(
            6,
            "个月",
            HEADCOUNT_SOURCE,
            "经上级党组织同意，自费出国（境）半年以上的党员可不计入应到会人数",
        ),
        "headcount_away_months": Rule(
            6,
            "个月",
            HEADCOUNT_SOURCE,
            "经上级党组织同意，外出学习或工作半年以上、应转未转组织关系的党员可不计入应到会人数",
        ),
    },
    note="条文按公开文本整理，条号未核实；会议频次可在设置中修改或设为不适用。",
)

DUES_GUIDE = "《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）"
# 党章第九条: 党员没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的
# 工作，就被认为是自行脱党 (第三十八条 is about cadres' posts, not this)
DANGZHANG = "《中国共产党章程》第九条"

# Amounts are in fen (分) and rates in basis points (万分之一), so every number stays an exact
# integer: 3000 元 is 300000 分, 0.5% is 50. A bracket's upper bound is inclusive ("含").
DUES_RULES = RuleSet(
    "党费规定 2008",
    date(2008, 2, 29),
    {
        "employed_upto_1": Rule(
            300000, "分", DUES_GUIDE, "在职党员月工资收入（税后）3000元以下（含）"
        ),
        "employed_rate_1": Rule(50, "‱", DUES_GUIDE, "交纳月工资收入的0.5%"),
        "employed_upto_2": Rule(500000, "分", DUES_GUIDE, "3000元以上至5000元（含）"),
        "employed_rate_2": Rule(100, "‱", DUES_GUIDE, "交纳1%"),
        "employed_upto_3": Rule(1000000, "分", DUES_GUIDE, "5000元以上至10000元（含）"),
        "employed_rate_3": Rule(150, "‱", DUES_GUIDE, "交纳1.5%"),
        "employed_rate_4": Rule(200, "‱", DUES_GUIDE, "10000元以上交纳2%"),
        "retired_upto_1": Rule(500000, "分", DUES_GUIDE, "离退休党员离退休费5000元以下（含）"),
        "retired_rate_1": Rule(50, "‱", DUES_GUIDE, "交纳0.5%"),
        "retired_rate_2": Rule(100, "‱", DUES_GUIDE, "5000元以上交纳1%"),
        "no_income_fen": Rule(
            20, "分", DUES_GUIDE, "学生党员、无固定收入和依靠救济生活的党员每月交纳0.2元"
        ),
        "farmer_min_fen": Rule(20, "分", DUES_GUIDE, "农民党员每月交纳党费0.2元至1元"),
        "farmer_max_fen": Rule(100, "分", DUES_GUIDE, "农民党员每月交纳党费0.2元至1元"),
        "backpay_max_months": Rule(6, "个月", DUES_GUIDE, "补交党费的时间一般不得超过6个月"),
        "unpaid_early_months": Rule(3, "个月", "支部惯例", "连续3个月未交党费时提醒"),
        "unpaid_strong_months": Rule(5, "个月", "支部惯例", "连续5个月未交党费时严重提醒"),
        "unpaid_leave_months": Rule(
            6,
            "个月",
            DANGZHANG,
            "党员没有正当理由，连续六个月不交纳党费的，就被认为是自行脱党",
        ),
    },
    note=(
        "比例和金额按 2008 年中组部规定的公开文本整理，条文序号未逐条核实；"
        "3 个月、5 个月两道提醒是本软件的提前量，不是规定。"
    ),
)
