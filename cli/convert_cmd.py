"""`vnarchive` convert commands."""

COMMANDS: list = []
