"""`vnarchive` web commands."""

COMMANDS: list = []
