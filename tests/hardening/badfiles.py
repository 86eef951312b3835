"""Generated broken spreadsheets for the importers' fuzz test; one seed gives one file.

Every generator takes (rnd, folder, n) and returns a Case. `refuse` says the file can never be
imported (no usable header, not a spreadsheet at all); the others may be partly or wholly fine,
so for them only "all of it or nothing" is required.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from tests.hardening.crash_driver import HEADERS, person, roster_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

PIPELINE_HEADERS = [
    "序号",
    "姓名",
    "性别",
    "身份证号",
    "申请入党日期",
    "谈话日期",
    "确定积极分子日期",
    "培养联系人",
    "确定发展对象日期",
    "入党介绍人",
    "接收预备党员日期",
    "转正日期",
    "当前阶段",
]


@dataclass
class Case:
    kind: str
    seed: int
    path: Path
    refuse: bool = False

    def __str__(self) -> str:
        return f"{self.kind}#{self.seed} ({self.path.name})"


def odd_dates(rnd: random.Random) -> list[object]:
    """A date written in every odd way a spreadsheet offers, valid or not."""
    y, m, d = rnd.randint(1890, 2130), rnd.randint(0, 13), rnd.randint(0, 32)
    fw = str.maketrans("0123456789-.", "０１２３４５６７８９－．")
    return [
        f"{y}.{m}.{d}",
        f"{y}年{m}月{d}日",
        f"{y}年{m}月",
        f"{y}/{m}/{d}",
        f"{m}/{d}/{y}",
        f"{d}.{m}.{y}",
        f"{y % 100:02d}.{m}.{d}",
        f"{y}{m:02d}{d:02d}",
        f"{y}-{m:02d}",
        f"{y}",
        f"{y}-{m:02d}-{d:02d}".translate(fw),
        f"{y} . {m} . {d}",
        f"{y}.{m}.{d}.",
        f"{y}年{m:02d}月{d:02d}号",
        f"{y}-{m:02d}-{d:02d} 08:30",
        f"{y}-{m:02d}-{d:02d}T00:00:00",
        f"'{y}-{m:02d}-{d:02d}",
        "二〇一二年七月一日",
        "年月日",
        "0000-00-00",
        "2012..7",
        "N/A",
        "—",
        "不详",
        str(rnd.randint(-100, 200000)),
        rnd.randint(-100, 200000),
        rnd.uniform(-10, 100000),
        rnd.choice([2006.1, 2006.11, 2006.123, 1899.5, 2101.01, 1e15, 1e300, -0.0]),
        y * 10000 + m * 100 + d,
        y * 100 + m,
        True,
        datetime(rnd.randint(1900, 2100), 1, 1, 12, 30),
        time(8, 30),
    ]


def odd_ids(rnd: random.Random) -> list[object]:
    digits = "".join(rnd.choice("0123456789") for _ in range(19))
    return [
        digits,  # 19 digits as text
        int(digits[:19]) % (2**63 - 1),  # 19 digits as a number cell
        digits[:18],  # 18 digits, check digit wrong (mostly)
        digits[:17] + "x",
        digits[:15],  # an old 15-digit number
        float(digits[:18]),  # digits lost in a number cell
        f"{float(digits[:18]):.5E}",  # as Excel shows it
        " ".join(digits[:18]),
        digits[:18].translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "",
        "无",
        "身份证号",
        -1,
        True,
    ]


def odd_values(rnd: random.Random) -> list[object]:
    return [
        None,
        "",
        " ",
        "\u3000",
        "#REF!",
        "#N/A",
        "张" * rnd.randint(21, 3000),
        "李四2",
        "王\n五",
        "=A1",
        0,
        -7,
        3.5,
        False,
        "男女",
        "未知",
        "正式党员（停止党籍）",
        "预备",
        "'13907390001",
        "1390739000",
        "😀",
        "<b>赵</b>",
        "合计",
        "说明：以上",
    ]


def base_table(rnd: random.Random, serial: int) -> list[list[object]]:
    """A sound roster or development ledger to break: header, then a few people."""
    people = [
        person(serial + i, f"样本{'甲乙丙丁戊己庚辛壬癸'[i]}") for i in range(rnd.randint(1, 8))
    ]
    if rnd.random() < 0.6:
        return [list(HEADERS)] + roster_rows(people)
    rows = [list(PIPELINE_HEADERS)]
    for i, m in enumerate(people):
        rows.append(
            [
                i + 1,
                m.name,
                m.sex,
                m.id_number,
                date(2024, 3, 1),
                date(2024, 3, 20),
                date(2024, 9, 1),
                "刘建华",
                date(2025, 9, 1),
                "刘建华、张丽",
                None,
                None,
                "发展对象",
            ]
        )
    return rows


# writing --------------------------------------------------------------------------------------
def write_xlsx(path: Path, sheets: list[tuple[str, list[list[object]]]], rnd, merges=False) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append([_cell(v) for v in r])
        if merges and rows:
            width = max(len(r) for r in rows) or 1
            for _ in range(rnd.randint(1, 4)):
                r0, c0 = rnd.randint(1, len(rows)), rnd.randint(1, width)
                r1, c1 = r0 + rnd.randint(0, 3), c0 + rnd.randint(0, 3)
                if (r1, c1) != (r0, c0):
                    try:
                        ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
                    except ValueError:
                        pass  # overlaps an earlier merge
    wb.save(path)


def _cell(value: object) -> object:
    # openpyxl refuses control characters; a real file cannot hold them in a cell either.
    if isinstance(value, str):
        return "".join(c for c in value if c >= " " or c in "\n\t")
    return value


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    for r in rows:
        writer.writerow([v.isoformat() if isinstance(v, date | time) else v for v in r])
    path.write_bytes(out.getvalue().encode(encoding, errors="replace"))


def write_html(path: Path, rows: list[list[object]]) -> None:
    cells = "".join(
        "<tr>" + "".join(f"<td>{'' if v is None else v}</td>" for v in r) + "</tr>" for r in rows
    )
    path.write_text(f"<html><body><table>{cells}</table></body></html>", encoding="utf-8")


def write_any(path_stem: Path, rows, rnd, **kw) -> Path:
    kind = rnd.choice(["xlsx", "xlsx", "csv", "xls"])
    path = path_stem.with_suffix("." + kind)
    if kind == "xlsx":
        write_xlsx(path, [("花名册", rows)], rnd, **kw)
    elif kind == "csv":
        write_csv(path, rows)
    else:
        write_html(path, rows)  # a web page saved as .xls, as township systems do
    return path


# the generators -------------------------------------------------------------------------------
Generator = Callable[[random.Random, Path, int], Case]


def wrong_headers(rnd, folder, n) -> Case:
    rows = base_table(rnd, 1000 + n * 10)
    words = ["名称", "Name", "人名", "性 别", "身份", "ID", "入党", "日期", "", None, "姓名姓名"]
    rows[0] = [rnd.choice(words + rows[0]) for _ in rows[0]]
    return Case("wrong_headers", n, write_any(folder / f"wh{n}", rows, rnd))


def missing_header(rnd, folder, n) -> Case:
    rows = base_table(rnd, 1000 + n * 10)[1:]
    words = ["花名册", "党员名单", None, "2026年", "单位：中心小学"]
    rows = [[rnd.choice(words)] for _ in range(rnd.randint(0, 3))] + rows
    return Case("missing_header", n, write_any(folder / f"mh{n}", rows, rnd), refuse=True)


def merged_cells(rnd, folder, n) -> Case:
    rows = base_table(rnd, 1000 + n * 10)
    rows = [["青山镇中心小学党员花名册"], ["填报日期：2026年11月"]] + rows
    path = folder / f"mc{n}.xlsx"
    write_xlsx(path, [("Sheet1", rows)], rnd, merges=True)
    return Case("merged_cells", n, path)


def empty_sheets(rnd, folder, n) -> Case:
    sheets = [(f"空表{i}", []) for i in range(rnd.randint(1, 4))]
    if rnd.random() < 0.5:
        sheets.append(("标题", [["党员花名册"], [None], [None, None, None]]))
    path = folder / f"es{n}.xlsx"
    write_xlsx(path, sheets, rnd)
    return Case("empty_sheets", n, path, refuse=True)


def formulas(rnd, folder, n) -> Case:
    rows = base_table(rnd, 1000 + n * 10)
    formulas = ["=A1", "=SUM(A1:A3)", '=CONCAT("张","三")', "=1/0", "=TODAY()", "=DATE(2012,7,1)"]
    for r in rows[1:]:
        for _ in range(rnd.randint(1, 3)):
            r[rnd.randrange(len(r))] = rnd.choice(formulas)
    path = folder / f"fo{n}.xlsx"
    write_xlsx(path, [("花名册", rows)], rnd)
    return Case("formulas", n, path)


def _mutate_column(rnd, folder, n, kind: str, headers: set[str], pool) -> Case:
    rows = base_table(rnd, 1000 + n * 10)
    cols = [i for i, h in enumerate(rows[0]) if h in headers]
    for r in rows[1:]:
        for c in cols:
            if rnd.random() < 0.7:
                r[c] = rnd.choice(pool(rnd))
    return Case(kind, n, write_any(folder / f"{kind}{n}", rows, rnd))


DATE_HEADERS = {h for h in HEADERS + PIPELINE_HEADERS if "日期" in h or "时间" in h}


def text_dates(rnd, folder, n) -> Case:
    return _mutate_column(rnd, folder, n, "text_dates", DATE_HEADERS, odd_dates)


def long_ids(rnd, folder, n) -> Case:
    return _mutate_column(rnd, folder, n, "long_ids", {"身份证号"}, odd_ids)


def odd_cells(rnd, folder, n) -> Case:
    rows = base_table(rnd, 1000 + n * 10)
    for r in rows[1:]:
        for _ in range(rnd.randint(1, 4)):
            r[rnd.randrange(len(r))] = rnd.choice(odd_values(rnd) + odd_dates(rnd) + odd_ids(rnd))
    return Case("odd_cells", n, write_any(folder / f"oc{n}", rows, rnd))


def duplicate_rows(rnd, folder, n) -> Case:
    rows = base_table(rnd, 1000 + n * 10)
    body = rows[1:]
    extra = [list(rnd.choice(body)) for _ in range(rnd.randint(1, 5))]
    rows = [rows[0]] + body + extra
    rnd.shuffle(rows[1:])
    return Case("duplicate_rows", n, write_any(folder / f"dr{n}", rows, rnd))


def renamed_docx(rnd, folder, n) -> Case:
    path = folder / f"rd{n}.{rnd.choice(['xlsx', 'xls', 'xlsm'])}"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>党员花名册</w:document>")
    return Case("renamed_docx", n, path, refuse=True)


def zero_bytes(rnd, folder, n) -> Case:
    path = folder / f"zb{n}.{['xlsx', 'xls', 'csv', 'xlsm'][n % 4]}"
    path.write_bytes(b"")
    return Case("zero_bytes", n, path, refuse=True)


def random_bytes(rnd, folder, n) -> Case:
    heads = [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html>", b"\xef\xbb\xbf"]
    body = rnd.choice(heads) + rnd.randbytes(rnd.randint(1, 5000))
    path = folder / f"rb{n}.{rnd.choice(['xlsx', 'xls', 'csv'])}"
    path.write_bytes(body)
    # Random bytes named .csv may decode as text: then it is only "no header found".
    return Case("random_bytes", n, path, refuse=True)


def encrypted(rnd, folder, n) -> Case:
    path = folder / f"en{n}.{rnd.choice(['xlsx', 'xls'])}"
    path.write_bytes((FIXTURES / "roster-locked.xlsx").read_bytes())
    return Case("encrypted", n, path, refuse=True)


def html_as_xls(rnd, folder, n) -> Case:
    rows = base_table(rnd, 1000 + n * 10)
    pieces = [
        "<html><body><table>",
        "".join("<tr>" + "".join(f"<td>{v}</td>" for v in r) + "</tr>" for r in rows),
        "</table></body></html>",
    ]
    broken = rnd.choice(["cut", "colspan", "nested", "no_table", "gbk", "ok"])
    text = "".join(pieces)
    if broken == "cut":
        text = text[: rnd.randint(1, len(text))]
    elif broken == "colspan":
        text = text.replace("<td>", f'<td colspan="{rnd.choice(["x", "0", "-1", "999"])}">', 3)
    elif broken == "nested":
        text = text.replace("<td>", "<td><table><tr><td>内</td></tr></table>", 2)
    elif broken == "no_table":
        text = "<html><body><p>党员花名册</p></body></html>"
    path = folder / f"hx{n}.xls"
    path.write_bytes(text.encode("gb18030" if broken == "gbk" else "utf-8"))
    return Case("html_as_xls", n, path, refuse=broken == "no_table")


def truncated_xlsx(rnd, folder, n) -> Case:
    rows = base_table(rnd, 1000 + n * 10)
    whole = folder / f"tx{n}-whole.xlsx"
    write_xlsx(whole, [("花名册", rows)], rnd)
    data = whole.read_bytes()
    whole.unlink()
    path = folder / f"tx{n}.xlsx"
    path.write_bytes(data[: rnd.randint(1, len(data) - 1)])
    return Case("truncated_xlsx", n, path, refuse=True)


def odd_text_files(rnd, folder, n) -> Case:
    rows = base_table(rnd, 1000 + n * 10)
    path = folder / f"ot{n}.{rnd.choice(['csv', 'xls'])}"
    encoding = rnd.choice(["utf-16", "utf-8", "gb18030", "latin-1", "utf-32"])
    text = "\n".join(("\t" if path.suffix == ".xls" else ",").join(map(str, r)) for r in rows)
    if rnd.random() < 0.5:
        text = text.replace(",", '"', rnd.randint(1, 3))  # unbalanced quotes
    if rnd.random() < 0.3:
        text += "\0" * rnd.randint(1, 10)
    path.write_bytes(text.encode(encoding, errors="replace"))
    return Case("odd_text_files", n, path)


def wrong_sheet_structure(rnd, folder, n) -> Case:
    """A real workbook whose zip was tampered with: parts missing or corrupted."""
    rows = base_table(rnd, 1000 + n * 10)
    whole = folder / f"ws{n}-whole.xlsx"
    write_xlsx(whole, [("花名册", rows)], rnd)
    path = folder / f"ws{n}.xlsx"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(path, "w") as dst:
        names = src.namelist()
        victim = rnd.choice(names)
        for name in names:
            data = src.read(name)
            if name == victim:
                if rnd.random() < 0.5:
                    continue  # the part is missing
                cut = rnd.randint(0, len(data))
                data = data[:cut] + rnd.randbytes(rnd.randint(0, 50))
            dst.writestr(name, data)
    whole.unlink()
    return Case("wrong_sheet_structure", n, path)


GENERATORS: list[Generator] = [
    wrong_headers,
    missing_header,
    merged_cells,
    empty_sheets,
    formulas,
    text_dates,
    long_ids,
    odd_cells,
    duplicate_rows,
    renamed_docx,
    zero_bytes,
    random_bytes,
    encrypted,
    html_as_xls,
    truncated_xlsx,
    odd_text_files,
    wrong_sheet_structure,
]
