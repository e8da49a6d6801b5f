"""`vnarchive` archive commands."""

COMMANDS: list = []
