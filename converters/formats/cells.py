"""How a spreadsheet number reads as text, shared by the .xls and .xlsx readers."""

from __future__ import annotations


def format_number(value: float | int) -> str:
    """Excel's General format: integers without `.0`, others to 10 significant digits.

    >>> format_number(2005.0), format_number(118.27956989247312), format_number(0.5), format_number(1e21)
    ('2005', '118.2795699', '0.5', '1E+21')
    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.10g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}E{exponent[0]}{exponent[1:].lstrip('0') or '0'}"
    return text
