"""What the command groups share: exit codes, JSON output, the year asked for."""

from __future__ import annotations

import argparse
import json

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2
MASK_HELP = "隐藏身份证号、电话号码的中间几位（只对这一次导出）"
YEAR_HELP = "年份（默认今年）"


FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years a ledger can hold (store/checks.py)


def ledger_year(text: str) -> int:
    """--year's type: a year a ledger can hold, else a refusal (argparse exits 2)."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年份应是四位数字，如 2026，而不是“{text}”") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间，而不是 {year}"
        )
    return year


def print_json(data) -> int:
    """Print data as indented JSON with Chinese as it is; the command's exit status."""
    print(json.dumps(data, ensure_ascii=False, indent=1))
    return EXIT_OK


def year_of(book, args: argparse.Namespace) -> int:
    """The year the command asked for, or the book's this year."""
    return args.year or book.today().year
