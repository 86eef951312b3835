"""Rules and reminders: which rule set applies, and the local-practice values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partybook.domain.appraisal import AppraisalSettings, ScoreScheme
from partybook.domain.committee import BRANCH_TYPES, CommitteeSettings, branch_type_label
from partybook.domain.dues import DuesSettings, Rounding, yuan_text
from partybook.domain.errors import InvalidValue
from partybook.domain.meetings import DEFAULT_FREQUENCY, NOT_REQUIRED, MeetingKind
from partybook.domain.rules import (
    DUES_RULES,
    MEETING_RULES,
    RULE_SETS,
    STUDY_RULES,
    TALK_RULES,
    Practice,
)
from partybook.domain.study import StudySettings
from partybook.domain.talks import SCOPES, TalkSettings
from partybook.domain.transfers import TransferSettings
from partybook.domain.workdays import (
    YearSchedule,
    check_schedule,
    days_text,
    library_schedule,
    parse_days,
)
from partybook.ui.widgets import ErrorLabel, ok_cancel_buttons

FREQUENCY_WORDS = {"month": "每月", "quarter": "每季度", "year": "每年"}


@dataclass
class Settings:
    rule_set: str
    practice: Practice
    frequency: dict[MeetingKind, str] = field(default_factory=lambda: dict(DEFAULT_FREQUENCY))
    appraisal: AppraisalSettings = field(default_factory=AppraisalSettings)
    study: StudySettings = field(default_factory=StudySettings)
    talks: TalkSettings = field(default_factory=TalkSettings)
    transfers: TransferSettings = field(default_factory=TransferSettings)
    committee: CommitteeSettings = field(default_factory=CommitteeSettings)
    dues: DuesSettings = field(default_factory=DuesSettings)
    opening: date | None = None  # 建账日期; None: the book expects everything of every year
    today: date = field(default_factory=date.today)  # the latest opening date allowed
    schedules: dict[int, YearSchedule] = field(default_factory=dict)  # 放假安排 entered


class SettingsDialog(QDialog):
    """Defaults follow domain.md; practice differs by county, so each value is editable.
    open_balances, when given, opens the 期初数据 (from the 建账 page)."""

    def __init__(
        self,
        current: Settings,
        parent: QWidget | None = None,
        open_balances: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("规则与提醒设置")
        self.setMinimumWidth(640)  # every page's tab in view (seven of them), within 1024 px
        self.rule_set = QComboBox()
        for name, rules in RULE_SETS.items():
            self.rule_set.addItem(name if rules.verified else f"{name}（条文未核实）", name)
        self.rule_set.setCurrentIndex(self.rule_set.findData(current.rule_set))
        self.rule_note = QLabel()
        self.rule_note.setWordWrap(True)
        self.notice_days = self._spin(1, 30, current.practice.notice_days, " 天")
        self.working = QCheckBox("公示按工作日计算（跳过节假日，含调休上班日）")
        self.working.setChecked(current.practice.notice_working_days)
        self.soon_days = self._spin(1, 180, current.practice.soon_days, " 天")
        self.report_months = self._spin(1, 12, current.practice.report_months, " 个月")
        pages = QTabWidget()
        form = self._page(pages, "发展党员")
        form.addRow("发展党员规则", self.rule_set)
        form.addRow("", self.rule_note)
        form.addRow("公示天数", self.notice_days)
        form.addRow("", self.working)
        form.addRow("提前多少天提醒", self.soon_days)
        form.addRow("思想汇报间隔", self.report_months)
        self.frequency: dict[MeetingKind, QComboBox] = {}
        form = self._page(pages, "三会一课")
        for kind in MeetingKind:
            box = QComboBox()
            for value, word in FREQUENCY_WORDS.items():
                box.addItem(f"{word}至少一次", value)
            box.addItem("不适用（不提醒）", NOT_REQUIRED)
            chosen = current.frequency.get(kind, DEFAULT_FREQUENCY[kind])
            box.setCurrentIndex(max(0, box.findData(chosen)))
            self.frequency[kind] = box
            form.addRow(kind.value, box)
        full = MEETING_RULES.value("committee_min_full_members")
        rule = QLabel(
            "每个党小组分别召开党小组会，没有党小组的支部不要求；没有登记支委（党内职务）的"
            f"支部不要求支委会，正式党员 {full} 名以上的提醒设立支委会；书记每年至少讲 "
            f"{MEETING_RULES.value('secretary_lectures_per_year')} 次党课（按党课主讲人统计）。"
            f"依据{MEETING_RULES.rules['committee_min_full_members'].article.split('第')[0]}"
            "第五、六章。"
        )
        rule.setWordWrap(True)
        form.addRow(rule)
        a = current.appraisal
        self.score_excellent = self._spin(1, 200, int(a.scheme.excellent), " 分")
        self.score_qualified = self._spin(1, 200, int(a.scheme.qualified), " 分")
        self.score_basic = self._spin(0, 200, int(a.scheme.basic), " 分")
        self.cap_of_all = QCheckBox("优秀比例按全部参评人员（含预备党员）计算")
        self.cap_of_all.setChecked(a.cap_of_all)
        self.due_month = self._spin(1, 12, a.due_month, " 月")
        self.due_day = self._spin(1, 31, a.due_day, " 日")
        self.criteria = QLineEdit("、".join(a.criteria))
        self.criteria.setPlaceholderText(
            "测评表上的分项，用顿号隔开，如：政治表现、工作实绩（可不填）"
        )
        form = self._page(pages, "民主评议")
        form.addRow("评议得分：优秀不低于", self.score_excellent)
        form.addRow("合格不低于", self.score_qualified)
        form.addRow("基本合格不低于", self.score_basic)
        form.addRow("", self.cap_of_all)
        due = QHBoxLayout()
        due.addWidget(self.due_month)
        due.addWidget(self.due_day)
        form.addRow("民主评议一般在此前完成", due)
        form.addRow("测评表分项", self.criteria)
        s = current.study
        self.member_hours = self._spin(1, 500, int(s.member_hours), " 学时")
        self.leader_hours = self._spin(1, 500, int(s.leader_hours), " 学时")
        self.forms = QLineEdit("、".join(s.forms))
        self.forms.setToolTip("用顿号隔开；登记学习时从中选择，也可以直接输入别的形式")
        self.forms.setCursorPosition(0)
        form = self._page(pages, "学习")
        form.addRow("党员每年应学", self.member_hours)
        form.addRow("书记、支委每年应学", self.leader_hours)
        rule = QLabel(
            f"默认按{STUDY_RULES.cite('member_hours')}；{STUDY_RULES.rules['leader_hours'].text}。"
            "年中入党或离开的按月份折算。"
        )
        rule.setWordWrap(True)
        form.addRow("", rule)
        self.count_personal = QCheckBox("个人自学、网络学习计入学时")
        self.count_personal.setChecked(s.count_personal)
        self.count_personal.setToolTip(
            "全国党员教育培训工作规划讲的是“集中学习培训”，个人自学是否计入没有统一规定，"
            "按镇党委的要求选择"
        )
        form.addRow("", self.count_personal)
        form.addRow("学习形式", self.forms)
        self._org_page(pages, current)
        self._dues_page(pages, current.dues)
        self._opening_page(pages, current, open_balances)
        self._holidays_page(pages, current)
        buttons = ok_cancel_buttons("保存")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(pages)
        layout.addWidget(buttons)
        self.rule_set.currentIndexChanged.connect(self._show_note)
        self._show_note()

    def _org_page(self, pages: QTabWidget, current: Settings) -> None:
        self.talks_on = QCheckBox("在首页提醒还没有谈心谈话的党员")
        self.talks_on.setChecked(current.talks.enabled)
        self.talk_scope = QComboBox()
        for key, words in SCOPES.items():
            self.talk_scope.addItem(words, key)
        self.talk_scope.setCurrentIndex(max(0, self.talk_scope.findData(current.talks.scope)))
        self.receipt_days = self._spin(1, 365, current.transfers.receipt_days, " 天")
        self.term_early = self._spin(2, 24, current.committee.early_months, " 个月")
        self.term_late = self._spin(1, 23, current.committee.late_months, " 个月")
        self.branch_type = QComboBox()
        for key in BRANCH_TYPES:
            self.branch_type.addItem(branch_type_label(key), key)
        self.branch_type.setCurrentIndex(
            max(0, self.branch_type.findData(current.committee.branch_type or "school"))
        )
        form = self._page(pages, "组织建设")
        form.addRow("谈心谈话", self.talks_on)
        form.addRow("每年谈话的范围", self.talk_scope)
        rule = QLabel(f"默认按{TALK_RULES.cite('talks_per_year')}。")
        rule.setWordWrap(True)
        form.addRow("", rule)
        form.addRow("转接回执超过多少天未返回时提醒", self.receipt_days)
        form.addRow("支部类型（决定每届任期）", self.branch_type)
        form.addRow("支委会任期届满前第一次提醒", self.term_early)
        form.addRow("第二次提醒", self.term_late)

    def _dues_page(self, pages: QTabWidget, d: DuesSettings) -> None:
        self.rounding = QComboBox()
        for r in Rounding:
            self.rounding.addItem(f"四舍五入到{r.value}", r.value)
        self.rounding.setCurrentIndex(self.rounding.findData(d.rounding.value))
        self.farmer = QComboBox()
        low, high = DUES_RULES.value("farmer_min_fen"), DUES_RULES.value("farmer_max_fen")
        for fen in range(low, high + 1, 10):
            self.farmer.addItem(f"{yuan_text(fen)} 元", fen)
        self.farmer.setCurrentIndex(max(0, self.farmer.findData(d.farmer_fen)))
        form = self._page(pages, "党费")
        form.addRow("每月交纳额", self.rounding)
        form.addRow("农民党员每月交纳", self.farmer)
        rule = QLabel(
            "比例按" + DUES_RULES.rules["employed_rate_1"].article + "：在职党员税后月收入 3000 元"
            "以下（含）0.5%，3000–5000 元（含）1%，5000–10000 元（含）1.5%，10000 元以上 2%；"
            "离退休党员 5000 元以下（含）0.5%，以上 1%；学生和无收入党员每月 0.2 元；农民党员"
            "每月 0.2 至 1 元（由支部确定）。按镇党委的要求选择舍入方式（默认到分）。"
        )
        rule.setWordWrap(True)
        form.addRow("", rule)

    def _opening_page(
        self, pages: QTabWidget, current: Settings, open_balances: Callable[[], None] | None
    ) -> None:
        self.opened = QCheckBox("从建账日期开始记账（这一天以前的事不再提醒）")
        self.opened.setChecked(current.opening is not None)
        self.opening = QDateEdit()
        self.opening.setCalendarPopup(True)
        self.opening.setDisplayFormat("yyyy-MM-dd")
        today = current.today
        self.opening.setMaximumDate(QDate(today.year, today.month, today.day))
        self.opening.setMinimumDate(QDate(2000, 1, 1))
        shown = current.opening or today
        self.opening.setDate(QDate(shown.year, shown.month, shown.day))
        self.opening.setEnabled(self.opened.isChecked())
        self.opened.toggled.connect(self.opening.setEnabled)
        form = self._page(pages, "建账")
        form.addRow("", self.opened)
        form.addRow("建账日期", self.opening)
        note = QLabel(
            "建账日期以前的会议、党费月份、学习进度和谈话、思想汇报、考察的期限不再提醒；"
            "还在等待的事（如预备期已满还没有讨论转正）照样提醒。不勾选：按全年的记录计算。"
        )
        note.setWordWrap(True)
        form.addRow("", note)
        self.balances_button = QPushButton("期初数据…")
        self.balances_button.setEnabled(current.opening is not None and open_balances is not None)
        self.balances_button.setToolTip(
            "建账以前本年已学学时、党费已交至哪个月、最近一次参加组织生活（先保存建账日期）"
        )
        if open_balances is not None:
            self.balances_button.clicked.connect(open_balances)
        form.addRow("", self.balances_button)

    def _holidays_page(self, pages: QTabWidget, current: Settings) -> None:
        """One year's 放假安排 at a time (this year and the next, and any entered)."""
        self._schedules = dict(current.schedules)
        self.chosen_schedules: dict[int, YearSchedule | None] = {}  # set when saved
        self._texts: dict[int, tuple[str, str]] = {
            y: (days_text(s.off), days_text(s.on)) for y, s in current.schedules.items()
        }
        self.holiday_year = QComboBox()
        for year in sorted({current.today.year, current.today.year + 1, *current.schedules}):
            self.holiday_year.addItem(f"{year} 年", year)
        self.holiday_year.setCurrentIndex(self.holiday_year.findData(current.today.year))
        self._shown_year = current.today.year
        self.days_off = QPlainTextEdit()
        self.days_off.setPlaceholderText("如：2027-02-05至2027-02-11（一行一段）")
        self.days_on = QPlainTextEdit()
        self.days_on.setPlaceholderText("如：2027-02-14、2027-02-20")
        for box in (self.days_off, self.days_on):
            box.setFixedHeight(64)
        self.holiday_source = QLabel()
        self.holiday_source.setWordWrap(True)
        self.fill_button = QPushButton("用 chinese-calendar 已知的填入")
        self.fill_button.clicked.connect(self._fill_from_library)
        self.holiday_error = ErrorLabel()
        form = self._page(pages, "节假日")
        form.addRow("年份", self.holiday_year)
        form.addRow("放假日期", self.days_off)
        form.addRow("调休上班日期", self.days_on)
        form.addRow("", self.fill_button)
        form.addRow("", self.holiday_source)
        form.addRow("", self.holiday_error)
        self.holiday_year.currentIndexChanged.connect(self._on_holiday_year_changed)
        self._show_holidays(self._shown_year)

    def _show_holidays(self, year: int) -> None:
        off, on = self._texts.get(year, ("", ""))
        self.days_off.setPlainText(off)
        self.days_on.setPlainText(on)
        known = library_schedule(year) is not None
        self.fill_button.setEnabled(known)
        if year in self._texts:
            text = f"{year} 年的工作日按这里填写的放假安排计算。清空两栏则不再使用。"
        elif known:
            text = f"{year} 年的节假日和调休 chinese-calendar 已经知道，不必填写。"
        else:
            text = (
                f"软件还不知道 {year} 年的放假安排：请按国务院办公厅的放假通知填写；不填写时，"
                "公示等工作日按周一至周五计算，并在提醒中注明。"
            )
        self.holiday_source.setText(text)

    def _keep_holidays(self) -> None:
        off, on = self.days_off.toPlainText().strip(), self.days_on.toPlainText().strip()
        if off or on:
            self._texts[self._shown_year] = (off, on)
        else:
            self._texts.pop(self._shown_year, None)

    def _on_holiday_year_changed(self) -> None:
        self._keep_holidays()
        self._shown_year = self.holiday_year.currentData()
        self._show_holidays(self._shown_year)

    def _fill_from_library(self) -> None:
        known = library_schedule(self._shown_year)
        if known is not None:
            self.days_off.setPlainText(days_text(known.off))
            self.days_on.setPlainText(days_text(known.on))

    def schedules(self) -> dict[int, YearSchedule | None]:
        """Each year's 放假安排 as entered (None: cleared); InvalidValue naming the year."""
        self._keep_holidays()
        found: dict[int, YearSchedule | None] = {y: None for y in self._schedules}
        for year, (off, on) in self._texts.items():
            try:
                entered = YearSchedule(year, parse_days(off, year), parse_days(on, year))
            except InvalidValue as exc:
                raise InvalidValue(f"{year} 年放假安排：{exc}") from None
            problems = check_schedule(entered)
            if problems:
                raise InvalidValue(f"{year} 年放假安排：{'；'.join(problems)}")
            found[year] = entered
        return found

    def _on_ok(self) -> None:
        try:
            self.chosen_schedules = self.schedules()
        except InvalidValue as exc:
            self.holiday_error.show_message(str(exc))
            return
        self.accept()

    @staticmethod
    def _page(pages: QTabWidget, title: str) -> QFormLayout:
        page = QWidget()
        form = QFormLayout(page)
        pages.addTab(page, title)
        return form

    @staticmethod
    def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def _show_note(self) -> None:
        rules = RULE_SETS[self.rule_set.currentData()]
        self.rule_note.setText(rules.note or f"自 {rules.effective} 起施行。")

    def settings(self) -> Settings:
        practice = Practice(
            notice_days=self.notice_days.value(),
            notice_working_days=self.working.isChecked(),
            soon_days=self.soon_days.value(),
            report_months=self.report_months.value(),
        )
        frequency = {kind: box.currentData() for kind, box in self.frequency.items()}
        appraisal = AppraisalSettings(
            ScoreScheme(
                self.score_excellent.value(), self.score_qualified.value(), self.score_basic.value()
            ),
            self.cap_of_all.isChecked(),
            self.due_month.value(),
            self.due_day.value(),
            tuple(c.strip() for c in self.criteria.text().split("、") if c.strip()),
        )
        study = StudySettings(
            self.member_hours.value(),
            self.leader_hours.value(),
            tuple(f.strip() for f in self.forms.text().split("、") if f.strip()),
            self.count_personal.isChecked(),
        )
        dues = DuesSettings(Rounding(self.rounding.currentData()), self.farmer.currentData())
        return Settings(
            self.rule_set.currentData(),
            practice,
            frequency,
            appraisal,
            study,
            talks=TalkSettings(self.talks_on.isChecked(), self.talk_scope.currentData()),
            transfers=TransferSettings(self.receipt_days.value()),
            committee=CommitteeSettings(
                self.term_early.value(), self.term_late.value(), self.branch_type.currentData()
            ),
            dues=dues,
            opening=self._opening_chosen(),
        )

    def _opening_chosen(self) -> date | None:
        if not self.opened.isChecked():
            return None
        d = self.opening.date()
        return date(d.year(), d.month(), d.day())

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        current: Settings,
        open_balances: Callable[[], None] | None = None,
    ) -> Settings | None:
        dialog = cls.ask_dialog(parent, current, open_balances)
        return dialog.settings() if dialog is not None else None

    @classmethod
    def ask_dialog(
        cls,
        parent: QWidget | None,
        current: Settings,
        open_balances: Callable[[], None] | None = None,
    ) -> SettingsDialog | None:
        """The dialog once saved (its settings() and chosen_schedules), or None."""
        dialog = cls(current, parent, open_balances)
        return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None
