"""The branch's standing records: `talks`, `transfers`, `committee`."""

from __future__ import annotations

import argparse

from partybook.cli.common import EXIT_OK, YEAR_HELP, ledger_year, print_json


def add_parsers(sub) -> None:
    tk = sub.add_parser("talks", help="谈心谈话记录，以及每名支委今年还需谈话的人")
    tk.add_argument("--year", type=ledger_year, help=YEAR_HELP)
    tk.add_argument("--json", action="store_true", help="输出 JSON")
    tr = sub.add_parser("transfers", help="组织关系转接记录（转入、转出，回执）")
    tr.add_argument("--json", action="store_true", help="输出 JSON 数组")
    cm = sub.add_parser("committee", help="支委会成员、任期、换届选举和党小组")
    cm.add_argument("--json", action="store_true", help="输出 JSON")


def talks(book, args: argparse.Namespace) -> int:
    year = args.year or book.today().year
    names = {m.id: m.name for m in book.members.all()}
    rows = [
        {
            "id": t.id,
            "date": t.on.isoformat(),
            "talker": names.get(t.first_id, ""),
            "with": names.get(t.second_id, "") if t.second_id else t.second_name,
            "topic": t.topic,
            "content": t.content,
            "follow_up": t.follow_up,
        }
        for t in book.talks.all(year)
    ]
    owed = [
        {
            "talker": r.talker.name,
            "post": r.talker.party_post,
            "done": [m.name for m in r.done],
            "missing": [m.name for m in r.missing],
        }
        for r in book.talks.coverage(year)
    ]
    if args.json:
        return print_json({"year": year, "talks": rows, "coverage": owed})
    if not rows:
        print(f"{year} 年还没有谈心谈话记录。")
    for r in rows:
        print(f"{r['id']:>4}  {r['date']}  {r['talker']} 与 {r['with']}：{r['topic']}")
    print()
    for r in owed:
        missing = "、".join(r["missing"]) if r["missing"] else "已全部谈过"
        print(f"  {r['post']}{r['talker']}：已谈 {len(r['done'])} 人；还需谈：{missing}")
    return EXIT_OK


def transfers(book, args: argparse.Namespace) -> int:
    names = {m.id: m.name for m in book.members.all()}
    rows = [
        {
            "id": t.id,
            "direction": t.direction.value,
            "date": t.on.isoformat(),
            "member": names.get(t.member_id, ""),
            "organisation": t.organisation,
            "letter_no": t.letter_no,
            "receipt_back": t.receipt_back,
            "receipt_date": t.receipt_on.isoformat() if t.receipt_on else None,
            "notes": t.notes,
        }
        for t in book.transfers.all()
    ]
    if args.json:
        return print_json(rows)
    if not rows:
        print("还没有组织关系转接记录。")
    for r in rows:
        way = "转往" if r["direction"] == "转出" else "来自"
        receipt = f"回执 {r['receipt_date']}" if r["receipt_back"] else "回执未返回"
        letter = f"  介绍信 {r['letter_no']}" if r["letter_no"] else ""
        print(
            f"{r['id']:>4}  {r['date']}  {r['direction']}  {r['member']}  "
            f"{way}{r['organisation']}{letter}  {receipt}"
        )
    return EXIT_OK


def committee(book, args: argparse.Namespace) -> int:
    start, end = book.committee.term_start(), book.committee.term_end()
    names = {m.id: m.name for m in book.members.all()}
    data = {
        "members": [{"name": m.name, "post": m.party_post} for m in book.committee.current()],
        "term_start": start.isoformat() if start else None,
        "term_end": end.isoformat() if end else None,
        "elections": [
            {
                "id": e.id,
                "date": e.on.isoformat(),
                "should_attend": e.should_attend,
                "present": e.present,
                "seats": e.seats,
                "candidates": [
                    {"name": c.name, "votes": c.votes, "post": c.post} for c in e.candidates
                ],
                "elected": [c.name for c in book.committee.result(e).elected],
            }
            for e in book.committee.elections()
        ],
        "groups": [
            {
                "name": g.name,
                "leader": names.get(g.leader_id, ""),
                "members": [names[i] for i in g.member_ids],
            }
            for g in book.committee.groups()
        ],
    }
    if args.json:
        return print_json(data)
    term = f"本届任期 {start} 至 {end}" if start else "还没有记录本届支委会的选举日期"
    print(f"支委会（{term}）：")
    for m in data["members"]:
        print(f"  {m['post']}：{m['name']}")
    for e in data["elections"]:
        print(
            f"换届选举 {e['date']}：应到 {e['should_attend']} 人，实到 {e['present']} 人，"
            f"当选 {'、'.join(e['elected'])}"
        )
    for g in data["groups"]:
        leader = f"组长 {g['leader']}，" if g["leader"] else ""
        print(f"{g['name']}：{leader}{len(g['members'])} 人（{'、'.join(g['members'])}）")
    return EXIT_OK


COMMANDS = {"talks": talks, "transfers": transfers, "committee": committee}
