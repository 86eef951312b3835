"""Pages shown inside a tab or instead of the tabs (the township collection), not tabs."""
