"""`vnarchive` search commands."""

COMMANDS: list = []
