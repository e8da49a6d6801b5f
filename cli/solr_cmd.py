"""`vnarchive` solr commands."""

COMMANDS: list = []
