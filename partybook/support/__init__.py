"""Shared helpers below every layer: where files live, the log, safe file writes."""
