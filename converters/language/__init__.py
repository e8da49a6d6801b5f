"""converters/language."""
