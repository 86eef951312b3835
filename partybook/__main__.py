"""Entry point: `partybook` and `python -m partybook`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO


def console_stream(
    platform: str,
    frozen: bool,
    stdout: TextIO | None,
    attach: Callable[[], bool],
    code_page: Callable[[], int],
    open_file: Callable[..., TextIO] = open,
) -> TextIO | None:
    """The stream to print to when a window program (the packaged Windows build has no console
    of its own, so its sys.stdout is None) is started from a command prompt: the prompt's own
    console, attached to and opened as CONOUT$ in the console's code page (936 on a Chinese
    Windows), so that the self-test's Chinese lines read right. None when there is nothing to
    do: not Windows, not packaged, output already going somewhere (redirected to a file), or
    started without a console (a double click)."""
    if platform != "win32" or not frozen or stdout is not None:
        return None
    if not attach():
        return None
    return open_file("CONOUT$", "w", encoding=f"cp{code_page()}", errors="replace", buffering=1)


def _attach_console() -> None:
    """`PartyBook.exe --self-test` typed in cmd writes into that window."""
    if sys.platform != "win32":
        return
    import ctypes

    kernel32 = ctypes.windll.kernel32
    stream = console_stream(
        sys.platform,
        getattr(sys, "frozen", False),
        sys.stdout,
        attach=lambda: bool(kernel32.AttachConsole(-1)),  # ATTACH_PARENT_PROCESS
        code_page=kernel32.GetConsoleOutputCP,
    )
    if stream is not None:
        sys.stdout = sys.stderr = stream


def main(argv: list[str] | None = None) -> int:
    from partybook.cli import main as cli_main
    from partybook.support.logs import setup_logging

    if len(sys.argv if argv is None else argv) > (1 if argv is None else 0):
        _attach_console()
    setup_logging()
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
