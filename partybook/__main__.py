"""Entry point: `partybook` and `python -m partybook`."""

from __future__ import annotations

import sys


def _attach_console() -> None:
    """The Windows build is a window program without a console. When it is started from a
    command prompt with arguments (`PartyBook.exe --self-test`), write to that prompt."""
    if sys.platform != "win32" or not getattr(sys, "frozen", False) or sys.stdout is not None:
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # the parent's console, if it has one
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", buffering=1)  # noqa: SIM115
        sys.stderr = sys.stdout


def main(argv: list[str] | None = None) -> int:
    from partybook.cli import main as cli_main
    from partybook.support.logs import setup_logging

    if len(sys.argv if argv is None else argv) > (1 if argv is None else 0):
        _attach_console()
    setup_logging()
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
