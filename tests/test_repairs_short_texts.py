"""Short texts (a title, a table cell, a one-line note): legacy words decoded on little evidence when
nothing speaks against them; short lines in other languages left byte-identical."""

from __future__ import annotations

import pytest

from converters import convert_bytes
from converters.charsets import encode
from converters.detect import detect_8bit

SHORT_VIETNAMESE = [
    "Hà Nội",
    "Bộ Nông nghiệp",
    "Điện thoại:..........Fax:..........",
    "Trương Tấn Thiệu",
    "tai nạn giao thông.",
    "Ông Lê Quang",
    "THàNH PHỐ HỒ CHÍ MINH",  # capitals TCVN3 lacks as typists wrote them; VPS reads as many words
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
]

# Short lines in other languages whose accented letters are also legacy codes: never decoded.
SHORT_FOREIGN = [
    "Où est la gare ?", "Ça va très bien, merci.", "Café crème", "Déjà vu", "À bientôt !",
    "Réunion du comité", "Thé à la menthe", "L'été à Noël", "Crème brûlée", "Bâtiment B, 2ème étage",
    "Hôtel de Ville", "Côte d'Ivoire", "Élysée", "N° de série", "© 2024 Société Générale", "« Bonjour »",
    "Für Elise", "Grüße aus München", "Schöne Grüße", "Straße gesperrt", "Größe: 42", "Über uns",
    "Mädchen für alles", "Bäckerei Schäfer", "Müller-Lüdenscheid",
    "¿Dónde está el baño?", "Año nuevo", "Mañana por la mañana", "Canción de otoño", "Jamón ibérico",
    "Señor López", "Educação física", "São Paulo", "Não há problema", "Coração", "Ação de graças",
    "Perché no?", "Città del Vaticano", "Caffè latte", "Così è", "Gràcies",
    "Smörgåsbord", "Blåbær", "København", "Fjäll och sjö", "Æble og øl", "Göteborg", "Ångström",
    "Åsa Öberg", "här mejlet så snart som", "næste morgen. Næste gang må",
    # Turkish and Polish as a Latin-1 fallback writes them (letters it lacks dropped to their base)
    "Istanbul'da güzel", "Türkçe ögren", "Ölçü", "Açik", "Kraków", "Lódz", "Wroclaw Glówny",
    # product names and e-mail subjects
    "Nestlé Ñora", "Häagen-Dazs", "Moët & Chandon", "Citroën Xsara", "Pokémon Go", "Crème Brûlée Deluxe",
    "Re: Réunion de vendredi", "Fwd: Prüfung nächste Woche", "AW: Angebot für Sie",
    "RE: Presupuesto año 2024", "Prix: 12,50 €", "Tél: 01 23 45 67 89", "José Martí", "Beyoncé",
    "naïve résumé", "Françoise Hardy", "Chloé", "Zoë Saldaña", "Mötley Crüe",
]


def tcvn3_as_cp1252(text: str) -> str:
    """`text` in TCVN3 read as cp1252, its undefined bytes as the Latin-1 controls."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in encode(text, "tcvn3"))


@pytest.mark.parametrize("text", SHORT_VIETNAMESE)
def test_a_short_tcvn3_text_read_as_cp1252_is_decoded(text: str) -> None:
    conversion = convert_bytes(tcvn3_as_cp1252(text).encode())
    assert (conversion.text, conversion.encoding) == (text, "tcvn3")


@pytest.mark.parametrize("text", SHORT_VIETNAMESE)
def test_short_tcvn3_bytes_are_detected(text: str) -> None:
    found = detect_8bit(encode(text, "tcvn3"))
    assert (found.label, found.text) == ("tcvn3", text)


def test_one_legacy_word_alone_is_enough_where_no_language_spells_it_so() -> None:
    # a symbol between the letters or leading them, a capital after a small letter (TCVN3 writes small
    # toned letters with Latin-1's capitals): `Ch­¬ng`, `C«ng`, `®ã`, `§VT`, `phÝ`, `MÉu`
    for text in ("Chương III", "Công ty", "Trong đó:", "ĐVT : 1000 đồng", "(đã ký)", "Thu phí lệ phí 650000",
                 "Mẫu MDS-1", "Châu á"):
        assert convert_bytes(tcvn3_as_cp1252(text).encode()).text == text
        found = detect_8bit(encode(text, "tcvn3"))
        assert (found.label, found.text) == ("tcvn3", text)
    for line in ("Prix: 5 €/kg", "Größe × Breite", "n° 5 — §3", "col·legi", "a«b»", "«mot» ¡Hola!", "25 °C",
                 "²Department of Physics", "Windows® XP", "McDonald's MÉXICO", "LaTeX"):
        assert convert_bytes(line.encode()).text == line
        assert convert_bytes(line.encode("cp1252")).text == line


def test_one_known_word_of_three_letters_or_more_is_enough_when_no_word_is_foreign() -> None:
    # `víi` is TCVN3 `với`; `Luí` reads as a syllable only the grammar allows, `sè` in `Tæng sè` is
    # Italian, and `edad`, `fiable` are Spanish and French words that no Vietnamese spells: all stay
    assert convert_bytes(tcvn3_as_cp1252("so với NK").encode()).text == "so với NK"
    for line in ("Luí", "Tæng sè", "såp kunder", "edad dîa", "clairement fiable hôt"):
        assert convert_bytes(line.encode()).text == line


def test_a_word_read_the_same_both_ways_is_no_counter_evidence() -> None:
    # TCVN3 reads `lý` as `lý`: it says nothing about the text, which `CÊp qu¶n` shows is TCVN3
    assert convert_bytes(tcvn3_as_cp1252("4. Cấp quản lý:").encode()).text == "4. Cấp quản lý:"


def test_bytes_with_one_long_vietnamese_word_are_decoded() -> None:
    # bytes that are not UTF-8 are legacy or cp1252: a word of three letters or more that only a
    # legacy charset makes a known Vietnamese word decides, a shorter one does not (`så`, `må` are
    # Swedish), nor does one that reads as a syllable no one writes (`Luí`)
    found = detect_8bit(encode("Công ty", "tcvn3"))
    assert (found.label, found.text) == ("tcvn3", "Công ty")
    assert detect_8bit(encode("Sở 5", "tcvn3")).label == "cp1252"
    for line in ("Vi ses så snart", "Jeg må gå", "Não há mais", "Café Central", "Luí"):
        assert detect_8bit(line.encode("cp1252")).label == "cp1252"


def test_a_word_valid_only_as_typed_keeps_a_short_text_as_it_is() -> None:
    # `Bún chả` is Unicode Vietnamese: `chả` can only be typed, so `Bún` is not read as legacy either
    assert convert_bytes("Bún chả".encode()).text == "Bún chả"


@pytest.mark.parametrize("line", SHORT_FOREIGN)
def test_short_foreign_lines_stay_byte_identical(line: str) -> None:
    assert convert_bytes(line.encode()).text == line
    data = line.encode("cp1252")
    conversion = convert_bytes(data)
    assert conversion.text == data.decode("cp1252")
