"""Qt table models (QAbstractTableModel) the tabs and dialogs show through a proxy."""
