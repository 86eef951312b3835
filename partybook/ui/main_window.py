"""The main window: menus for the data file, and one tab per part of the ledger."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QWidget

from partybook import __version__
from partybook.book import Book, Change
from partybook.book.attachments import FilesMissing
from partybook.domain.errors import Cancelled, PartyBookError
from partybook.support.files import safe_file_name
from partybook.ui import messages
from partybook.ui.tabs.base import Tab
from partybook.ui.tabs.home_tab import SET_UP
from partybook.ui.widgets import PACKAGE_FILTER, ScrollingTabs


class _LazyTab:
    """A branch tab that is built (its module imported, its widgets made) the first time it is
    shown or asked for: opening the window pays for the home page only. Reading the attribute
    (`window.members_tab`) builds it, so callers never see the difference."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, window: MainWindow | None, owner: type) -> Tab:
        if window is None:
            return self  # type: ignore[return-value] - the class attribute itself
        return window._tab(self.name)


def _tab_class(name: str) -> type[Tab]:
    """A tab's class, imported when first needed. The imports are written out (not built from
    strings) so that PyInstaller sees them and packs the modules."""
    if name == "home_tab":
        from partybook.ui.tabs.home_tab import HomeTab as cls
    elif name == "members_tab":
        from partybook.ui.tabs.members_tab import MembersTab as cls
    elif name == "pipeline_tab":
        from partybook.ui.tabs.pipeline_tab import PipelineTab as cls
    elif name == "meetings_tab":
        from partybook.ui.tabs.meetings_tab import MeetingsTab as cls
    elif name == "appraisal_tab":
        from partybook.ui.tabs.appraisal_tab import AppraisalTab as cls
    elif name == "study_tab":
        from partybook.ui.tabs.study_tab import StudyTab as cls
    elif name == "org_tab":
        from partybook.ui.tabs.org_tab import OrgTab as cls
    elif name == "dues_tab":
        from partybook.ui.tabs.dues_tab import DuesTab as cls
    elif name == "summary_tab":
        from partybook.ui.tabs.summary_tab import SummaryTab as cls
    else:
        raise KeyError(name)
    return cls


class MainWindow(QMainWindow):
    """Holds the Book it was given. The Book announces what each write changed (a Change);
    `changed` carries it to the tabs built so far, and each tab that shows one of those areas
    (its SHOWS) refreshes: now if it is shown, otherwise when it is next shown."""

    changed = Signal(object)  # a Change

    # In tab order; what each shows is declared by the tab itself (Tab.SHOWS).
    home_tab = _LazyTab("首页")
    members_tab = _LazyTab("党员花名册")
    pipeline_tab = _LazyTab("发展党员")
    meetings_tab = _LazyTab("三会一课")
    appraisal_tab = _LazyTab("民主评议")
    study_tab = _LazyTab("学习记录")
    org_tab = _LazyTab("组织建设")
    dues_tab = _LazyTab("党费")
    summary_tab = _LazyTab("年度统计")
    # the tab order: the _LazyTab attributes above, as written
    TAB_NAMES = tuple(n for n, v in list(locals().items()) if isinstance(v, _LazyTab))

    def __init__(
        self, book: Book, parent: QWidget | None = None, *, fill_after_paint: bool = False
    ) -> None:
        """`fill_after_paint`: the program's start shows the window first and works out the
        home page's due list right after its first paint, so a slow PC shows something at once."""
        super().__init__(parent)
        self.book = book
        self._fill_after_paint = fill_after_paint
        self._fit_to_screen()
        self.township_view: TownshipView | None = None  # noqa: F821 - imported when needed
        self.changed.connect(self._on_changed)
        self._unsubscribe = book.subscribe(self.changed.emit)
        self.destroyed.connect(lambda *_, stop=self._unsubscribe: stop())
        self.file_label = QLabel()
        self.statusBar().addPermanentWidget(self.file_label)
        self._build_content()

    def _fit_to_screen(self) -> None:
        """1280×760, or what the screen leaves if that is less (a 1024×768 screen leaves about
        1024×690 on Windows); the program shows the window maximized anyway."""
        screen = self.screen() or QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 1280, 760
        if room is not None:
            width, height = min(width, room.width()), min(height, room.height() - 40)
        self.resize(width, height)

    def _build_content(self) -> None:
        """A branch's tabs, or the township view when the book is a township collection."""
        if self.book.township.is_collection():
            from partybook.ui.pages.township_view import TownshipView

            self._fill_after_paint = False  # the township view has no home page to fill

            self.township_view = TownshipView(self.book)
            self.setCentralWidget(self.township_view)
        else:
            self._build_tabs()
        self._build_menus()
        self._update_title()

    def _build_tabs(self) -> None:
        self._built: dict[str, Tab] = {}
        self.tabs = ScrollingTabs()  # pages scroll on a screen smaller than they want
        for name in self.TAB_NAMES:
            self.tabs.addTab(QWidget(), getattr(type(self), name).title)  # a stand-in until shown
        self.tabs.currentChanged.connect(self._on_current_changed)
        self.setCentralWidget(self.tabs)
        self._tab("home_tab")

    def _tab(self, name: str) -> Tab:
        """The tab called `name`, built now if this is the first time it is needed."""
        tab = self._built.get(name)
        if tab is not None:
            return tab
        spec: _LazyTab = getattr(type(self), name)
        # Every tab reloads after a change only while it is shown (otherwise when next shown).
        # The home page, the first one seen, loads at once, or right after the first paint.
        tab = _tab_class(name)(self.book, lazy=True)
        if name == "home_tab":
            if self._fill_after_paint:
                tab.hold()
            else:
                tab.load_now()
        self._built[name] = tab
        if hasattr(tab, "go"):
            tab.go.connect(self._on_go)
        index = self.TAB_NAMES.index(name)
        current = self.tabs.currentIndex()
        stand_in = self.tabs.widget(index)
        self.tabs.blockSignals(True)  # the swap is not the user changing tabs
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, spec.title)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        stand_in.deleteLater()
        return tab

    def built_tabs(self) -> list[str]:
        """The names of the tabs built so far, in the order they were built."""
        return list(self._built)

    def event(self, event: QEvent) -> bool:
        if self._fill_after_paint and event.type() == QEvent.Type.Paint:
            self._fill_after_paint = False
            QTimer.singleShot(0, self._tab("home_tab").release)
        return super().event(event)

    @Slot(int)
    def _on_current_changed(self, index: int) -> None:
        if 0 <= index < len(self.TAB_NAMES):
            self._tab(self.TAB_NAMES[index])

    def _build_menus(self) -> None:
        self.menuBar().clear()
        file_menu = self.menuBar().addMenu("文件(&F)")
        if self.township_view is not None:
            view = self.township_view
            self._action(file_menu, "导入支部数据包…", view._on_import_clicked)
            self._action(file_menu, "用新的数据包替换…", view._on_replace_clicked)
            self._action(file_menu, "导出汇总年度台账…", view._on_export_clicked)
            self._action(file_menu, "启动密码…", self._on_password_triggered)
        else:
            self._action(file_menu, "支部基本信息…", self._on_branch_triggered)
            self._action(file_menu, "规则与提醒设置…", self._on_settings_triggered)
            self._action(file_menu, "启动密码…", self._on_password_triggered)
            file_menu.addSeparator()
            self._tab_action(file_menu, "从 Excel 导入花名册…", "members_tab", "_on_import_clicked")
            self._tab_action(file_menu, "导出党员花名册…", "members_tab", "_on_export_clicked")
            self._tab_action(file_menu, "导出年度台账…", "summary_tab", "_on_export_clicked")
            self._tab_action(
                file_menu, "年度台账表格格式设置…", "summary_tab", "_on_layouts_clicked"
            )
            file_menu.addSeparator()
            self.export_package_action = self._action(
                file_menu, "导出数据包…", self._on_export_package_triggered
            )
            self.import_package_action = self._action(
                file_menu, "导入数据包…", self._on_import_package_triggered
            )
        file_menu.addSeparator()
        self._action(file_menu, "备份到…", self._on_backup_triggered, QKeySequence.StandardKey.Save)
        self._action(file_menu, "从备份恢复…", self._on_restore_triggered)
        self._action(file_menu, "检查数据文件", self._on_check_triggered)
        self._action(file_menu, "打开备份文件夹位置", self._on_where_triggered)
        file_menu.addSeparator()
        self._action(file_menu, "退出", self.close, QKeySequence.StandardKey.Quit)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        self._action(help_menu, "关于党支部工作台账", self._on_about_triggered)

    def _tab_action(self, menu, text: str, tab: str, slot: str) -> QAction:
        """A menu entry doing what a tab's button does (the tab is built if it is not yet)."""
        return self._action(menu, text, lambda: getattr(self._tab(tab), slot)())

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _update_title(self) -> None:
        if self.township_view is not None:
            name = f"{self.book.township.name() or '乡镇'} · 乡镇汇总库"
        else:
            name = self.book.branch().name or "党支部"
        self.setWindowTitle(f"{name} - 党支部工作台账")
        self.file_label.setText(f"数据文件：{self.book.path}")

    @Slot(object)
    def _on_changed(self, change: Change) -> None:
        if self.township_view is None and self.book.township.is_collection():
            self._build_content()  # an empty book just became a township collection
        if change & (Change.BRANCH | Change.TOWNSHIP):
            self._update_title()
        if self.township_view is not None:
            self.township_view.refresh()
            self.statusBar().showMessage("已保存。", 4000)
            return
        for tab in self._built.values():  # a tab not built yet loads fresh when built
            if tab.SHOWS & change:
                tab.refresh()
        self.statusBar().showMessage("已保存。", 4000)

    @Slot(str, int)
    def _on_go(self, kind: str, member_id: int) -> None:
        """From the home page to the place where an item is done."""
        if kind.startswith(SET_UP):
            self._go_set_up(kind.removeprefix(SET_UP))
        elif kind == "pipeline":
            self.tabs.setCurrentWidget(self.pipeline_tab)
            if member_id:
                self.pipeline_tab.select_person(member_id)
        elif kind == "meeting":
            self.tabs.setCurrentWidget(self.meetings_tab)
        elif kind == "appraisal":
            self.tabs.setCurrentWidget(self.appraisal_tab)
        elif kind == "dues":
            self.tabs.setCurrentWidget(self.dues_tab)
        elif kind == "study":
            self.tabs.setCurrentWidget(self.study_tab)
            if member_id:
                self.study_tab.show_only(member_id)
        elif kind in ("talk", "transfer", "committee"):
            self.tabs.setCurrentWidget(self.org_tab)
            self.org_tab.show_page(kind)

    def _go_set_up(self, step: str) -> None:
        """Where each step of the first-week checklist (建账清单) is done."""
        if step == "branch":
            self._on_branch_triggered()
        elif step == "roster":
            self.tabs.setCurrentWidget(self.members_tab)
            self.members_tab._on_import_clicked()
        elif step == "pipeline":
            self.tabs.setCurrentWidget(self.pipeline_tab)
            self.pipeline_tab._on_import_clicked()
        elif step == "balances":
            self.open_balances()
        elif step == "meetings":
            self.tabs.setCurrentWidget(self.meetings_tab)
        elif step == "groups":
            self.tabs.setCurrentWidget(self.org_tab)
            self.org_tab.show_page("committee")

    @Slot()
    def _on_branch_triggered(self) -> None:
        from partybook.ui.dialogs.branch_dialog import BranchDialog  # dialogs load when first used

        branch = BranchDialog.ask(self, self.book.branch())
        if branch is None:
            return
        try:
            self.book.save_branch(branch)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return

    @Slot()
    def _on_settings_triggered(self) -> None:
        from partybook.ui.dialogs.settings_dialog import Settings, SettingsDialog

        current = Settings(
            self.book.rules.current().name,
            self.book.rules.practice(),
            self.book.meetings.frequency(),
            self.book.appraisal.settings(),
            self.book.study.settings(),
            self.book.talks.settings(),
            self.book.transfers.settings(),
            self.book.committee.settings(),
            self.book.dues.settings(),
            self.book.opening.date(),
            self.book.today(),
            self.book.rules.schedules(),
        )
        dialog = SettingsDialog.ask_dialog(self, current, self.open_balances)
        if dialog is None:
            return
        chosen = dialog.settings()
        try:  # every page in one transaction: a page refused keeps none of them
            self.book.save_settings(
                rule_set=chosen.rule_set,
                practice=chosen.practice,
                frequency=chosen.frequency,
                appraisal=chosen.appraisal,
                study=chosen.study,
                talks=chosen.talks,
                transfers=chosen.transfers,
                committee=chosen.committee,
                dues=chosen.dues,
                schedules={
                    year: schedule
                    for year, schedule in dialog.chosen_schedules.items()
                    if schedule != current.schedules.get(year)
                },
                opening=chosen.opening if chosen.opening != current.opening else "keep",
            )
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return

    @Slot()
    def open_balances(self) -> None:
        """The 期初数据 dialog (from the settings and the home page's checklist)."""
        from partybook.ui.dialogs.opening_dialog import BalancesDialog

        BalancesDialog.ask(self, self.book)

    @Slot()
    def open_opening_date(self) -> None:
        """Ask for the 建账日期 (from the home page, when a book has none yet)."""
        from partybook.ui.dialogs.opening_date_dialog import OpeningDateDialog

        on = OpeningDateDialog.ask(self, self.book.opening.date(), self.book.today())
        if on is None:
            return
        try:
            self.book.opening.set_date(on)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))

    @Slot()
    def _on_password_triggered(self) -> None:
        from partybook.ui.dialogs.password_dialog import PasswordDialog

        had = self.book.security.has_password()
        chosen = PasswordDialog.ask(self, had)
        if chosen is None:
            return
        current, new, hint = chosen
        try:
            if new:
                self.book.security.set_password(new, current=current, hint=hint)
            else:
                self.book.security.clear_password(current)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        if new:
            messages.show_info(self, "已设置启动密码。下次打开台账时需要输入密码。")
        else:
            messages.show_info(self, "已取消启动密码。")

    @Slot()
    def _on_export_package_triggered(self) -> None:
        name = self.book.branch().name or "党支部"
        default = safe_file_name(f"{name}数据包-{self.book.today():%Y%m%d}.zip")
        path, _ = QFileDialog.getSaveFileName(
            self, "导出数据包（换电脑或报镇党委汇总）", default, PACKAGE_FILTER
        )
        if not path:
            return
        try:
            manifest = self.book.packages.export(Path(path))
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        people = manifest["tables"]["member"]["rows"]
        messages.show_info(
            self,
            f"已导出数据包（整本台账，人员 {people} 名）：\n{path}\n\n"
            "在新电脑上用“文件 → 导入数据包…”导入到空的数据文件即可恢复全部数据；"
            "也可以发给镇党委汇总。",
        )

    @Slot()
    def _on_import_package_triggered(self) -> None:
        from partybook.ui.progress import progress_dialog

        path, _ = QFileDialog.getOpenFileName(self, "选择数据包", "", PACKAGE_FILTER)
        if not path:
            return
        try:
            township = False
            if not self.book.packages.holds_data():
                info = self.book.packages.info(Path(path))
                when = f"{info.created_at:%Y-%m-%d %H:%M}" if info.created_at else "时间不明"
                chosen = messages.choose(
                    self,
                    f"数据包：{info.branch or '（未填支部名称）'}\n"
                    f"范围：{info.scope}，{when} 导出，"
                    f"人员 {info.people} 名、会议 {info.meetings} 次。\n\n"
                    "恢复为本支部的台账：换电脑时用，导入后和原来一模一样。\n"
                    "建成乡镇汇总库：镇党委收集各学校的数据包，看合计的统计。",
                    ["恢复为本支部的台账", "建成乡镇汇总库"],
                    "导入数据包",
                )
                if chosen is None:
                    return
                township = chosen == 1
            with progress_dialog(self, "正在导入数据包…") as progress:
                result = self.book.packages.import_file(
                    Path(path), township=township, progress=progress
                )
        except Cancelled:
            messages.show_info(self, "已取消导入，数据文件没有任何改动。")
            return
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(self, result.summary())

    @Slot()
    def _on_backup_triggered(self) -> None:
        branch = self.book.branch().name or "党支部"
        default = safe_file_name(f"{branch}台账备份-{self.book.today():%Y%m%d}.sqlite")
        path, _ = QFileDialog.getSaveFileName(
            self, "把数据备份到（可选U盘）", default, "台账数据文件 (*.sqlite)"
        )
        if not path:
            return
        try:
            copy = self.book.backup_copy(Path(path))
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        if not copy.warnings:
            messages.show_info(self, f"已完整备份到：\n{copy.path}")
            return
        shown = "\n".join(copy.warnings[:10])
        more = f"\n…另有 {len(copy.warnings) - 10} 个" if len(copy.warnings) > 10 else ""
        messages.show_error(
            self,
            f"已备份到：\n{copy.path}\n\n但有 {len(copy.warnings)} 个附件的文件没有备份进去"
            f"（在本机已经找不到或已损坏）：\n{shown}{more}\n\n"
            "其余的数据和附件都已备份。请用“检查数据文件”查看，并从更早的备份恢复这些附件。",
        )

    @Slot()
    def _on_restore_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "选择要恢复的备份", str(self.book.backup_dir), "台账数据文件 (*.sqlite)"
        )
        if not path:
            return
        if not messages.confirm(
            self,
            f"用备份“{Path(path).name}”替换现在的全部数据？\n\n"
            "替换前会先把现在的数据另存一份到备份文件夹，万一选错了还可以再恢复回来。",
            yes="恢复",
        ):
            return
        try:
            try:
                safety = self.book.restore_from(Path(path))
            except FilesMissing as exc:
                if not messages.confirm(
                    self,
                    f"{exc}\n\n仍要恢复其余的数据和附件吗？缺少的附件恢复后会显示为缺失。",
                    yes="仍然恢复",
                ):
                    return
                safety = self.book.restore_from(Path(path), allow_missing=True)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(self, f"已恢复。恢复前的数据另存在：\n{safety}")

    @Slot()
    def _on_check_triggered(self) -> None:
        report = self.book.check()
        lines = [f"人员记录 {report.members} 条。"]
        lines += [f"问题：{p}" for p in report.problems[:20]]
        lines += [f"提醒：{w}" for w in report.warnings[:20]]
        verdict = "数据文件完好。" if report.healthy else f"发现 {len(report.problems)} 个问题。"
        messages.show_info(self, verdict + "\n\n" + "\n".join(lines), "检查结果")

    @Slot()
    def _on_where_triggered(self) -> None:
        messages.show_info(
            self,
            f"数据文件：\n{self.book.path}\n\n自动备份文件夹（每天第一次打开和关闭时自动备份）：\n"
            f"{self.book.backup_dir}",
            "数据文件位置",
        )

    @Slot()
    def _on_about_triggered(self) -> None:
        messages.show_info(
            self,
            f"党支部工作台账 PartyBook {__version__}\n\n离线使用，数据只保存在本机：\n"
            f"{self.book.path}",
            "关于",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._unsubscribe()  # a closed window hears no more of the book
        self.statusBar().showMessage("正在保存和备份…")
        event.accept()
