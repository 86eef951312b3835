"""Dialogs built in code, each with an ask() classmethod."""
