"""Word documents (.docx) a secretary can edit, over python-docx: the year's 工作总结 draft in the
look of a Chinese official document (党政机关公文格式: A4, margins 37/35/28/26 mm, 方正小标宋 or
黑体 title, 仿宋 三号 body, page numbers), and the 会议记录, 发展党员全程纪实表 and 民主评议结果
汇总表 with the same content as their printable pages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from partybook.domain.errors import PartyBookError
from partybook.domain.report import Report
from partybook.export.printables import MinutesParts, RecordParts
from partybook.support import fonts
from partybook.support.files import atomic_write, cannot_write

# Characters XML 1.0 cannot hold (python-docx refuses them), and the direction overrides that
# could show a name backwards: taken out of every text that goes into a document.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile("[\ud800-\udfff]")

OFFICIAL_MARGINS = (37, 35, 28, 26)  # top, bottom, left, right in mm (GB/T 9704-2012)
FORM_MARGINS = (20, 20, 20, 20)
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
TITLE_EMS = 19  # 二号 characters across A4 within the 公文 margins (156 mm), a little spare
TABLE_PT = 12  # 小四
LINE_PT = 28.9  # 22 lines to the page


def clean(value: object) -> str:
    """Text as a document may hold it: control characters and direction overrides removed,
    line ends made one kind (a line break in the document)."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATES.sub("", _UNSAFE.sub("", text))


class Fonts:
    """The fonts a document names, chosen by what this computer has."""

    def __init__(self) -> None:
        self.title = fonts.pick("方正小标宋简体", "黑体")
        self.body = fonts.pick("仿宋_GB2312", "仿宋")
        self.heading = "黑体"
        self.sub = fonts.pick("楷体_GB2312", "楷体")


def _set_font(element, name: str) -> None:
    """Name the font for Chinese (w:eastAsia) and for Latin letters and digits alike."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _run(paragraph, text: str, font: str, size: float, *, bold: bool = False, mark: bool = False):
    run = paragraph.add_run(clean(text))
    _set_font(run._element, font)
    run.font.size = Pt(size)
    run.font.bold = bold
    if mark:  # a placeholder stands out until the secretary writes over it
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def _new(margins: tuple[int, int, int, int], body: str, size: float):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = margins
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.footer_distance = Mm(max(bottom - 9, 10))
    normal = doc.styles["Normal"]
    _set_font(normal.element, body)
    normal.font.size = Pt(size)
    _page_number(section.footer.paragraphs[0])
    return doc


def _page_number(paragraph) -> None:
    """— 1 — centred in the footer: Word's PAGE field between two dashes."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", "宋体", 14)
    run = _run(paragraph, "", "宋体", 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1")):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._element.append(instr)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._element.append(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._element.append(end)
    _run(paragraph, " —", "宋体", 14)


def _body_format(paragraph, *, indent: bool = True) -> None:
    f = paragraph.paragraph_format
    f.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    f.line_spacing = Pt(LINE_PT)
    f.space_before = f.space_after = Pt(0)
    if indent:
        f.first_line_indent = Pt(BODY_PT * 2)  # two characters


def _save(doc, target: Path) -> Path:
    """Save atomically (never half a file); a Chinese message when it cannot be written."""
    target = Path(target)
    try:
        with atomic_write(target, ".docx") as tmp:
            doc.save(str(tmp))
    except OSError as exc:
        raise PartyBookError(cannot_write(target, exc)) from exc
    return target


def title_lines(title: str, room: float = TITLE_EMS) -> list[str]:
    """The title on one line when it fits the type area at 二号, else broken where a reader
    would break it: the branch's name, then "<年>年度党建工作总结" (never one character alone)."""
    if _ems(title) <= room:
        return [title]
    found = re.search(r"\d{4}年度", title)
    if found and found.start() > 0:
        return [title[: found.start()], title[found.start() :]]
    half = len(title) // 2
    return [title[:half], title[half:]]


def _ems(text: str) -> float:
    """Width in ems: a Chinese character one, a digit or a Latin letter 0.6 (in 黑体 and its stand-ins)."""
    return sum(0.6 if ord(c) < 0x2E80 else 1.0 for c in text)


# the year's work summary --------------------------------------------------------------------
def write_report(target: Path, report: Report) -> Path:
    """The work summary draft: title, opening, numbered sections, placeholders in yellow, the
    branch and the date at the end."""
    f = Fonts()
    doc = _new(OFFICIAL_MARGINS, f.body, BODY_PT)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(LINE_PT)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    lines = title_lines(report.title)
    for i, line in enumerate(lines):
        run = _run(title, line, f.title, TITLE_PT)
        if i < len(lines) - 1:
            run.add_break()
    for p in report.intro:
        _para(doc, p, f)
    for s in report.sections:
        heading = doc.add_paragraph()
        _body_format(heading)
        _run(heading, s.heading, f.heading, BODY_PT)
        for p in s.paras:
            _para(doc, p, f)
    doc.add_paragraph()
    for line in report.signature:
        p = doc.add_paragraph()
        _body_format(p, indent=False)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(BODY_PT * 2)
        _run(p, line, f.body, BODY_PT)
    doc.core_properties.title = clean(report.title)[:255]  # the property's limit
    return _save(doc, target)


def _para(doc, p, f: Fonts) -> None:
    out = doc.add_paragraph()
    _body_format(out)
    font = f.sub if p.kind == "sub" else f.body
    _run(out, p.text, font, BODY_PT, mark=p.kind == "placeholder")


# forms: minutes, the development record, the appraisal's results ----------------------------
def _form(title: str, subtitle: str = ""):
    f = Fonts()
    doc = _new(FORM_MARGINS, f.body, TABLE_PT)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(head, title, f.title, 18)
    if subtitle:
        sub = doc.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(sub, subtitle, f.body, TABLE_PT)
    return doc, f


def _table(doc, f: Fonts, header: Sequence[str], rows: Sequence[Sequence[str]], widths=()):
    table = doc.add_table(rows=0, cols=len(header) if header else len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for n, values in enumerate([header, *rows] if header else rows):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            paragraph = cell.paragraphs[0]
            _run(paragraph, value, f.body, TABLE_PT, bold=bool(header) and n == 0)
    _widths(table, widths)
    return table


def _widths(table, widths: Sequence[float]) -> None:
    """Column widths in mm, in the grid (LibreOffice, WPS) and in each cell (Word)."""
    if not widths:
        return
    table.autofit = False
    for i, width in enumerate(widths):
        table.columns[i].width = Mm(width)
        for cell in table.columns[i].cells:
            cell.width = Mm(width)


def _line(doc, f: Fonts, text: str, *, right: bool = False) -> None:
    p = doc.add_paragraph()
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(p, text, f.body, TABLE_PT)


def write_minutes(target: Path, m: MinutesParts) -> Path:
    """The 会议记录: the header table, 议题, 会议内容 and 决议 (with room to write by hand and
    each vote's count), and the host's and recorder's signature lines."""
    doc, f = _form(m.title)
    table = _table(doc, f, (), [(k, v) for k, v in m.head], widths=(35, 135))
    for label, text, lines in m.body:
        cells = table.add_row().cells
        _run(cells[0].paragraphs[0], label, f.body, TABLE_PT)
        body = cells[1].paragraphs[0]
        used = clean(text).count("\n") + 1 if text.strip() else 0
        extra = m.votes if label == "决议" else ()
        _run(body, text, f.body, TABLE_PT)
        for vote in extra:
            _run(cells[1].add_paragraph(), vote, f.body, TABLE_PT)
        for _ in range(max(0, lines - used - len(extra))):
            cells[1].add_paragraph()
    _widths(table, (35, 135))
    doc.add_paragraph()
    _line(doc, f, "主持人（签字）：＿＿＿＿＿＿　　　　记录人（签字）：＿＿＿＿＿＿")
    return _save(doc, target)


def write_record(target: Path, r: RecordParts) -> Path:
    """The 发展党员全程纪实表: the person, steps 1–25, the repeated assessments and reports, the
    documents, and the secretary's signature line."""
    doc, f = _form("发展党员全程纪实表", r.subtitle)
    pairs = [r.info[i] + r.info[i + 1] for i in range(0, len(r.info) - 1, 2)]
    _table(doc, f, (), pairs, widths=(25, 60, 30, 55))
    doc.add_paragraph()
    _table(
        doc,
        f,
        ("步骤", "事项", "日期", "相关人员", "决定的会议", "说明"),
        r.steps,
        widths=(10, 40, 28, 28, 26, 38),
    )
    _line(doc, f, "培养教育考察、思想汇报和延长预备期：")
    _table(doc, f, ("日期", "事项", "相关人员", "说明"), r.repeated or [("（无）", "", "", "")])
    _line(doc, f, f"入党材料：{r.documents}")
    _line(doc, f, "支部书记（签字）：＿＿＿＿＿＿　　　　党支部（盖章）　　　　年　　月　　日")
    return _save(doc, target)


def write_results(target: Path, title: str, rows: Sequence[dict], summary: str) -> Path:
    """The 民主评议党员结果汇总表: one line per participant, the counts by grade, signature."""
    doc, f = _form(title)
    grades = ("优秀", "合格", "基本合格", "不合格")
    header = ("序号", "姓名", "身份", "优秀票", "合格票", "基本合格票", "不合格票")
    header += ("得分", "评定等次", "处理意见")
    lines = [
        (
            str(n),
            r["member"],
            r["status"],
            *(str(r[g]) for g in grades),
            "" if r["score"] is None else f"{r['score']:g}",
            r["grade"],
            r["handling"],
        )
        for n, r in enumerate(rows, start=1)
    ]
    _table(doc, f, header, lines, widths=(11, 18, 22, 15, 15, 17, 15, 13, 18, 26))
    _line(doc, f, summary)
    _line(doc, f, "党支部（盖章）　　　　支部书记（签字）：＿＿＿＿＿＿　　　　年　　月　　日")
    return _save(doc, target)
