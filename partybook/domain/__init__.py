"""Pure rules and entities: standard library and small pure helpers only."""
