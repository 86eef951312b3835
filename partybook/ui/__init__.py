"""The Qt user interface (PySide6)."""
