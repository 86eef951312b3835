"""`partybook --self-test`: every output written and checked; a missing piece fails it."""

from __future__ import annotations

from partybook import selftest
from partybook.cli import main


def test_self_test_passes_and_says_so(capsys) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("self-test ok")
    for name in ("导出党员花名册", "导出学习记录", "打印为 PDF", "Qt 中文翻译", "备份"):
        assert f"ok    {name}" in out


def test_self_test_fails_on_a_missing_resource(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setattr(selftest, "icon_file", lambda: tmp_path / "missing.png")
    assert main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "失败  资源文件" in out and "missing.png" in out
    assert "self-test FAILED: 1 项" in out


def test_self_test_fails_when_an_output_is_wrong(monkeypatch, capsys) -> None:
    from partybook.book.study import Study

    monkeypatch.setattr(Study, "export", lambda self, target, year: 999)
    assert main(["--self-test"]) == 1
    assert "失败  导出学习记录" in capsys.readouterr().out
