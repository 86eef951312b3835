"""partybook talks / transfers / committee on the demo book, text and JSON."""

from __future__ import annotations

import json

from partybook.cli import main


def _run(capsys, *args) -> str:
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_talks_committee_and_transfers_on_the_demo(demo_book, capsys) -> None:
    path = str(demo_book.path)
    demo_book.close(auto_backup=False)
    data = json.loads(_run(capsys, "--db", path, "talks", "--year", "2026", "--json"))
    assert data["year"] == 2026 and len(data["talks"]) == 30
    owed = {r["talker"]: r for r in data["coverage"]}
    assert owed["刘建华"]["missing"] == ["谢婷", "彭浩", "宋玉华", "梁建国"]
    assert "还需谈：谢婷、彭浩、宋玉华、梁建国" in _run(capsys, "--db", path, "talks")
    rows = json.loads(_run(capsys, "--db", path, "transfers", "--json"))
    assert [(r["direction"], r["member"], r["receipt_back"]) for r in rows] == [
        ("转入", "郑敏", True),
        ("转出", "林海", False),
    ]
    assert "回执未返回" in _run(capsys, "--db", path, "transfers")
    c = json.loads(_run(capsys, "--db", path, "committee", "--json"))
    assert [m["post"] for m in c["members"]] == ["书记", "组织委员", "宣传委员", "纪检委员"]
    assert c["term_end"] == "2027-03-22" and c["elections"][0]["present"] == 16
    assert c["elections"][0]["elected"] == ["刘建华", "陈秀英", "王志强", "张丽"]
    assert "组长 赵春梅" in _run(capsys, "--db", path, "committee")
    due = json.loads(_run(capsys, "--db", path, "due", "--json", "--on", "2026-11-22"))
    kinds = {d["kind"] for d in due}
    assert {"talk", "transfer", "committee"} <= kinds
    assert len([d for d in due if d["kind"] == "talk"]) == 4  # one per 支委, not one per pair
