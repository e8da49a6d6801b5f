"""converters/repairs."""
