"""converters/charsets."""
