"""`vnarchive` users commands."""

COMMANDS: list = []
