"""converters/formats."""
