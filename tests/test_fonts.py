"""converters.fonts: font names in every spelling the formats give map to the right charset."""

from __future__ import annotations

import pytest

from converters.fonts import FontCharset, charset_for_font, normalize_font_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (".VnTime", FontCharset("tcvn3")),
        (".VnTimeH", FontCharset("tcvn3", upper=True)),
        (".VnArial NarrowH", FontCharset("tcvn3", upper=True)),
        (".VnArial Narrow", FontCharset("tcvn3")),
        (".VnCentury Schoolbook", FontCharset("tcvn3")),
        (".VnTime ", FontCharset("tcvn3")),  # a trailing space, as one .xls font table has
        ("AARIQC+.VnTimeH,Bold", FontCharset("tcvn3", upper=True)),  # PDF subset + style
        ("GDNPMG+VnTimeHBold", FontCharset("tcvn3", upper=True)),  # PostScript name, no dot
        ("VnTimeItalic", FontCharset("tcvn3")),
        ("VnTimeH(Ds)", FontCharset("tcvn3", upper=True)),
        ("VNI-Times", FontCharset("vni")),
        ("vni-times", FontCharset("vni")),
        ("VNI-Helve-Condense", FontCharset("vni")),
        ("VPS Times", FontCharset("vps")),
        ("VISCII Times", FontCharset("viscii")),
        ("Times New Roman", FontCharset("unicode")),
        ("TimesNewRomanPSMT", FontCharset("unicode")),
        ("Arial,Bold", FontCharset("unicode")),
        ("UVnTime", FontCharset("unicode")),  # the Unicode re-issue of the .Vn faces
        ("DejaVu Sans", FontCharset("unicode")),
        ("Symbol", FontCharset("symbol")),
        ("Wingdings 2", FontCharset("symbol")),
    ],
)
def test_charset_for_font(name: str, expected: FontCharset) -> None:
    assert charset_for_font(name) == expected


@pytest.mark.parametrize("name", [None, "", "Bodoni", "VNtimes new roman", "Dummy Font"])
def test_unknown_fonts_leave_the_decision_to_content(name: str | None) -> None:
    assert charset_for_font(name) is None


def test_normalize_font_name_strips_subset_tag_and_style() -> None:
    assert normalize_font_name("CCBOFB+.VnTime,Bold") == ".VnTime"
    assert normalize_font_name("VnTimeHBold") == "VnTimeH"
    assert normalize_font_name("Arial Narrow") == "Arial"
