"""The settings' pages added for issue 20: self-study counted or not, the branch type that sets
the committee's term, and a year's 放假安排 (节假日) saved into the book."""

from __future__ import annotations

from datetime import date

from partybook.ui.dialogs.settings_dialog import SettingsDialog
from partybook.ui.main_window import MainWindow


def test_self_study_branch_type_and_holidays_are_saved(qtbot, demo_book, monkeypatch) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    made = {}

    def ask(parent, current, open_balances=None):
        dialog = SettingsDialog(current, parent, open_balances)
        qtbot.addWidget(dialog)
        assert dialog.count_personal.isChecked()  # counted by default
        dialog.count_personal.setChecked(False)
        dialog.branch_type.setCurrentIndex(dialog.branch_type.findData("village"))
        dialog.holiday_year.setCurrentIndex(dialog.holiday_year.findData(2027))
        assert "还不知道 2027 年" in dialog.holiday_source.text()
        assert not dialog.fill_button.isEnabled()
        dialog.days_off.setPlainText("2027-02-05至2027-02-11")
        dialog.days_on.setPlainText("2027-02-14")
        dialog._on_ok()
        made["dialog"] = dialog
        return dialog

    monkeypatch.setattr(SettingsDialog, "ask_dialog", ask)
    window._on_settings_triggered()
    assert demo_book.study.settings().count_personal is False
    assert demo_book.committee.settings().branch_type == "village"
    schedule = demo_book.rules.schedules()[2027]
    assert date(2027, 2, 8) in schedule.off and schedule.on == {date(2027, 2, 14)}


def test_a_bad_holiday_entry_keeps_the_dialog_open_and_says_where(qtbot, demo_book) -> None:
    from partybook.domain.rules import Practice
    from partybook.ui.dialogs.settings_dialog import Settings

    dialog = SettingsDialog(Settings("细则 2014", Practice(), today=date(2026, 11, 22)))
    qtbot.addWidget(dialog)
    dialog.holiday_year.setCurrentIndex(dialog.holiday_year.findData(2027))
    dialog.days_on.setPlainText("2027-02-15")  # a Monday
    dialog._on_ok()
    assert dialog.result() == 0 and "2027 年放假安排" in dialog.holiday_error.text()
    assert "周六或周日" in dialog.holiday_error.text()
    dialog.holiday_year.setCurrentIndex(dialog.holiday_year.findData(2026))
    dialog._fill_from_library()  # 2026 is known to chinese-calendar
    assert "2026-10-01" in dialog.days_off.toPlainText()
