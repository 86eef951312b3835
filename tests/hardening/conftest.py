"""Hardening tests: slow mode (PARTYBOOK_SLOW=1) runs the long versions and the `slow` tests."""

from __future__ import annotations

import os

import pytest

SLOW = os.environ.get("PARTYBOOK_SLOW") == "1"


def pytest_collection_modifyitems(config, items) -> None:
    if SLOW:
        return
    skip = pytest.mark.skip(reason="slow hardening test: run with PARTYBOOK_SLOW=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
