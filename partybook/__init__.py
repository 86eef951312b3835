"""PartyBook 党支部工作台账: an offline ledger for a school Party branch."""

__version__ = "0.1.0"
