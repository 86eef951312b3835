"""`partybook --self-test`: every output written and checked; a missing piece fails it."""

from __future__ import annotations

import pytest

from partybook import selftest
from partybook.cli import main
from tests.conftest import NOW, copy_book


@pytest.fixture
def copied_demo(monkeypatch, demo_master) -> None:
    """The self-test's demo book is the session's copy (the same day: the test of a passing
    self-test writes its own): the tests of a failure are about the failing step."""
    from partybook.samples import demo

    assert selftest.NOW == NOW

    def write(path, now=None, **options):
        assert now == NOW and not options
        return copy_book(demo_master, path.parent, path.name)

    monkeypatch.setattr(demo, "write_demo", write)


def test_self_test_passes_and_says_so(capsys) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("self-test ok")
    for name in ("导出党员花名册", "导出学习记录", "打印为 PDF", "Qt 中文翻译", "备份"):
        assert f"ok    {name}" in out


def test_self_test_fails_on_a_missing_resource(monkeypatch, tmp_path, capsys, copied_demo) -> None:
    monkeypatch.setattr(selftest, "icon_file", lambda: tmp_path / "missing.png")
    assert main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "失败  资源文件" in out and "missing.png" in out
    assert "self-test FAILED: 1 项" in out


def test_self_test_fails_when_an_output_is_wrong(monkeypatch, capsys, copied_demo) -> None:
    from partybook.book.study import Study

    monkeypatch.setattr(Study, "export", lambda self, target, year: 999)
    assert main(["--self-test"]) == 1
    assert "失败  导出学习记录" in capsys.readouterr().out
