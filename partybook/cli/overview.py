"""The year at a glance: `summary` (年度统计), `due` (what is due), `study` (hours) and
`dues` (党费)."""

from __future__ import annotations

import argparse

from partybook.cli.common import EXIT_OK, YEAR_HELP, ledger_year, print_json, year_of


def add_parsers(sub) -> None:
    sm = sub.add_parser("summary", help="年度统计：各项数字和工作总结用语")
    sm.add_argument("--year", type=ledger_year, help=YEAR_HELP)
    sm.add_argument("--json", action="store_true", help="输出 JSON")

    st = sub.add_parser("study", help="每名党员本年度的学习学时（对照全年要求和进度）")
    st.add_argument("--year", type=ledger_year, help=YEAR_HELP)
    st.add_argument("--sessions", action="store_true", help="改为列出学习记录（带编号）")
    st.add_argument("--on", help="按哪一天计算进度（默认今天），如 2026-06-30")
    st.add_argument("--json", action="store_true", help="输出 JSON 数组")

    du = sub.add_parser("dues", help="党费：每名党员的基数、比例、每月交纳情况")
    du.add_argument("--year", type=ledger_year, help=YEAR_HELP)
    du.add_argument("--json", action="store_true", help="输出 JSON 数组（金额以分为单位）")

    due = sub.add_parser(
        "due",
        help="列出到期和需要办理的事项（发展党员、会议、评议、学习、党费、谈心谈话、转接、换届）",
    )
    due.add_argument("--on", help="按哪一天计算（默认今天），如 2026-11-22")
    due.add_argument("--json", action="store_true", help="输出 JSON 数组")


def due(book, args: argparse.Namespace) -> int:
    from partybook.domain.dates import parse_date
    from partybook.domain.deadlines import STATE_WORDS

    on = parse_date(args.on) if args.on else None
    items = book.due_items(on)
    if args.json:
        return print_json(
            [{k: v for k, v in i.as_json().items() if k != "member_id"} for i in items]
        )
    if not items:
        print("没有到期或可以办理的事项。")
    for i in items:
        step = f"第{i.step}步 " if i.step else ""
        word = "最早" if i.type == "earliest" else "期限"
        print(f"[{STATE_WORDS[i.state]}] {i.member}：{step}{i.title}，{word} {i.date}（{i.basis}）")
    return EXIT_OK


def summary(book, args: argparse.Namespace) -> int:
    year = year_of(book, args)
    figs = book.summary.year_figures(year)
    text = book.summary.year_paragraph(year, figs)
    if args.json:
        figures = [
            {
                "key": f.key,
                "group": f.group,
                "label": f.label,
                "value": f.value,
                "unit": f.unit,
                "note": f.note,
            }
            for f in figs
        ]
        return print_json({"year": year, "figures": figures, "paragraph": text})
    for f in figs:
        print(f"  [{f.group}] {f.label}：{f.text}" + (f"（{f.note}）" if f.note else ""))
    print()
    print(text)
    return EXIT_OK


def study(book, args: argparse.Namespace) -> int:
    from partybook.domain.dates import parse_date

    on = parse_date(args.on) if args.on else None
    year = args.year or (on or book.today()).year
    if args.sessions:
        return _study_sessions(book, year, args.json)
    rows = [
        {
            "member": r.member.name,
            "post": r.member.party_post,
            "status": r.member.status_text,
            "sessions": r.sessions,
            "personal_hours": r.personal_hours,
            "hours": r.hours,
            "requirement": r.requirement,
            "target": r.target,
            "shortfall": r.shortfall,
            "behind": r.behind,
        }
        for r in sorted(book.study.hours(year, on), key=lambda r: r.member.name)
    ]
    if args.json:
        return print_json(rows)
    if not rows:
        print(f"{year} 年没有需要统计学时的党员。")
    for r in rows:
        flag = f"  落后进度，差 {r['shortfall']:.1f}" if r["behind"] else ""
        print(
            f"  {r['member']}：已学 {r['hours']:g} 学时（集体学习 {r['sessions']} 次，"
            f"个人 {r['personal_hours']:g}），全年要求 {r['requirement']:g}，"
            f"按进度应有 {r['target']:.1f}{flag}"
        )
    return EXIT_OK


def _study_sessions(book, year: int, as_json: bool) -> int:
    names = {m.id: m.name for m in book.members.all()}
    rows = [
        {
            "id": s.id,
            "date": s.on.isoformat(),
            "topic": s.topic,
            "form": s.form,
            "hours": s.hours,
            "participants": len(s.participants),
            "personal": names.get(s.member_id, "") if s.personal else "",
            "meeting_id": s.meeting_id,
        }
        for s in book.study.sessions(year)
    ]
    if as_json:
        return print_json(rows)
    if not rows:
        print(f"{year} 年还没有学习记录。")
    for r in rows:
        who = f"（{r['personal']}个人）" if r["personal"] else f"{r['participants']} 人"
        print(f"{r['id']:>4}  {r['date']}  {r['form']}  {r['topic']}  {r['hours']:g} 学时  {who}")
    return EXIT_OK


def dues(book, args: argparse.Namespace) -> int:
    from partybook.domain.dues import rate_text, yuan_text

    year = year_of(book, args)
    rows = book.dues.rows(year)
    if args.json:
        return print_json([_dues_json(r) for r in rows])
    if not rows:
        print(f"{year} 年没有需要交纳党费的党员。")
    marks = {"已交": "✓", "欠交": "欠", "本月待交": "待", "未到月份": "·", "不需交纳": "—"}
    for r in rows:
        if r.assessment is None:
            head = "未核定"
        else:
            base = f"基数 {yuan_text(r.assessment.base_fen)} 元 " if r.assessment.base_fen else ""
            head = f"{r.assessment.category.value} {base}{rate_text(r.rate_bp)}"
            head += f" 每月 {yuan_text(r.monthly)} 元"
        months = " ".join(marks.get(c.state.value, "？") for c in r.cells)
        owe = f"，欠交 {len(r.unpaid)} 个月" if r.unpaid else ""
        print(f"  {r.member.name}：{head}｜{months}｜已交 {yuan_text(r.paid_fen)} 元{owe}")
    return EXIT_OK


def _dues_json(r) -> dict:
    from partybook.domain.dues import rate_text

    return {
        "member": r.member.name,
        "status": r.member.status_text,
        "category": r.assessment.category.value if r.assessment else None,
        "base_fen": r.assessment.base_fen if r.assessment else None,
        "rate": rate_text(r.rate_bp) if r.assessment else None,
        "monthly_fen": r.monthly,
        "months": [
            {
                "month": c.month,
                "state": c.state.value,
                "due_fen": c.due_fen,
                "paid_fen": c.paid_fen,
                "paid_on": c.payment.paid_on.isoformat() if c.payment else None,
                "kind": c.payment.kind.value if c.payment else None,
            }
            for c in r.cells
        ],
        "paid_fen": r.paid_fen,
        "unpaid_months": list(r.unpaid),
        "changes": [
            {"from_month": a.from_month, "base_fen": a.base_fen, "reason": a.reason}
            for a in r.changes[1:]
        ],
    }


COMMANDS = {"summary": summary, "study": study, "dues": dues, "due": due}
