"""Entry point: `partybook` and `python -m partybook`."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from partybook.cli import main as cli_main
    from partybook.logs import setup_logging

    setup_logging()
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
