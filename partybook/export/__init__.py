"""Excel writers and printable documents (Qt-free)."""
