"""`PartyBook.exe --self-test` typed in cmd: the packaged Windows program is a window program
(no console of its own, sys.stdout is None), so it attaches to the prompt's console and writes
there, in the console's code page. Run here with the Windows calls faked."""

from __future__ import annotations

import io

import pytest

import partybook.__main__ as entry


class FakeWindows:
    def __init__(self, has_console: bool = True, code_page: int = 936) -> None:
        self.has_console, self.page = has_console, code_page
        self.attached = 0
        self.opened: list[tuple] = []

    def attach(self) -> bool:
        self.attached += 1
        return self.has_console

    def code_page(self) -> int:
        return self.page

    def open(self, name, mode, **options):
        self.opened.append((name, mode, options))
        return io.StringIO()

    def stream(self, platform="win32", frozen=True, stdout=None):
        return entry.console_stream(
            platform, frozen, stdout, self.attach, self.code_page, self.open
        )


def test_from_cmd_the_packaged_program_writes_into_the_prompt_in_its_code_page() -> None:
    windows = FakeWindows(code_page=936)
    stream = windows.stream()
    assert stream is not None and windows.attached == 1
    assert windows.opened == [
        ("CONOUT$", "w", {"encoding": "cp936", "errors": "replace", "buffering": 1})
    ]
    "  ok    资源文件".encode(windows.opened[0][2]["encoding"])  # Chinese fits the code page
    utf8 = FakeWindows(code_page=65001)
    assert utf8.stream() is not None and utf8.opened[0][2]["encoding"] == "cp65001"


@pytest.mark.parametrize(
    ("platform", "frozen", "stdout", "has_console"),
    [
        ("linux", True, None, True),  # not Windows
        ("win32", False, None, True),  # python -m partybook: Python's own console
        ("win32", True, io.StringIO(), True),  # output redirected to a file: keep it
        ("win32", True, None, False),  # a double click: no console to attach to
    ],
)
def test_nothing_is_attached_when_there_is_nothing_to_do(platform, frozen, stdout, has_console):
    windows = FakeWindows(has_console)
    assert windows.stream(platform, frozen, stdout) is None
    assert windows.opened == []
    if platform != "win32" or not frozen or stdout is not None:
        assert windows.attached == 0  # not even asked


def test_the_console_is_sought_only_when_the_program_is_given_arguments(monkeypatch) -> None:
    import partybook.cli
    import partybook.support.logs

    calls: list[str] = []
    monkeypatch.setattr(entry, "_attach_console", lambda: calls.append("attach"))
    monkeypatch.setattr(partybook.support.logs, "setup_logging", lambda *a, **k: None)
    monkeypatch.setattr(partybook.cli, "main", lambda argv=None: calls.append("cli") or 0)
    monkeypatch.setattr("sys.argv", ["PartyBook.exe"])
    assert entry.main() == 0 and calls == ["cli"]  # a double click opens the window
    monkeypatch.setattr("sys.argv", ["PartyBook.exe", "--self-test"])
    calls.clear()
    assert entry.main() == 0 and calls == ["attach", "cli"]
