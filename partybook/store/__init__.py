"""Storage on SQLite through peewee: records, schema versions, backups, integrity."""
