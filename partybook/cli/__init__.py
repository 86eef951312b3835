"""The command line: `partybook [--db BOOK] COMMAND …`, one module per command group, assembled
by parser.py (no command opens the window, which is app.py's)."""

from __future__ import annotations

from partybook.cli.common import EXIT_FAILED, EXIT_OK, EXIT_REFUSED
from partybook.cli.parser import build_parser, main

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_REFUSED", "build_parser", "main"]
