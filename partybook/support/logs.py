"""Logging to a rotating file in the user's data folder (never print for diagnostics)."""

from __future__ import annotations

import logging
import logging.handlers

from partybook.support.paths import log_dir


def setup_logging(level: int = logging.INFO) -> None:
    """Log to partybook.log (rotating, 1 MB × 3) beside the book; quiet if impossible."""
    root = logging.getLogger()
    if any(getattr(h, "_partybook", False) for h in root.handlers):
        return
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "partybook.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._partybook = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
