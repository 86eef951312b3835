"""PyInstaller's entry script for PartyBook: the same main() as `python -m partybook`."""

import sys

from partybook.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
