#!/usr/bin/env python3
"""Generate `converters/charsets/tables/*.py` from the cited sources; never edit those files by hand.

Sources (each table names its own in its header):

- TCVN3 (TCVN 5712:1993), VISCII, CP1258: the glibc locale charmaps
  `/usr/share/i18n/charmaps/{TCVN5712-1,VISCII,CP1258}.gz` (Debian package `libc-bin`/`locales`).
- VNI-Windows: the `VNIWinTable` of Unikey's converter (vnconv `data.cpp`), read from the compiled
  engine in the Debian package `fcitx5-unikey` 5.0.12-1 (`libunikey.so`): it sits beside Unikey's
  `UnicodeTable`, entry i of one is entry i of the other (213 entries, low byte = base letter,
  high byte = modifier).
- VPS: the byte table of PyPI `viparse` 0.1.31 (`viparse/normalize/vps.py`, MIT; cross-verified there
  against the vietunicode.sourceforge.net chart and ICU's `x-viet-vps.ucm`); bytes it does not list
  are Latin-1.

Cross-checks (the script stops on a disagreement it cannot explain): Unikey's TCVN3, VISCII and VPS
tables against glibc/viparse for every letter Unikey can place, and viparse's corpus-observed VNI
sequences against Unikey's VNI table.

Usage: python tools/gen_charsets.py [--viparse-wheel WHL] [--unikey-deb DEB]
(without paths it fetches both with `pip download` and `apt-get download` into a temporary folder).
"""

from __future__ import annotations

import argparse
import ast
import gzip
import re
import struct
import subprocess
import sys
import tempfile
import textwrap
import unicodedata
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "converters" / "charsets" / "tables"
GLIBC = Path("/usr/share/i18n/charmaps")
VIPARSE = "viparse==0.1.31"
UNIKEY_DEB = "fcitx5-unikey=5.0.12-1"

# Signatures that locate Unikey's tables inside libunikey.so: the first letters A a Á á À à Ả ả.
UNICODE_SIG = struct.pack("<8H", 0x41, 0x61, 0xC1, 0xE1, 0xC0, 0xE0, 0x1EA2, 0x1EA3)
VNI_SIG = struct.pack("<4H", 0x41, 0x61, 0xD941, 0xF961)
SINGLE_BYTE_SIGS = {
    "tcvn3": b"Aa\xb8\xb8\xb5\xb5\xb6\xb6",
    "vps": b"Aa\xc1\xe1\x80\xe0\x81\xe4",
    "viscii": b"Aa\xc1\xe1\xc0\xe0\xc4\xe4",
}
UNIKEY_TOTAL = 213  # TOTAL_VNCHARS in vnconv


def glibc_charmap(name: str) -> dict[int, str]:
    """Single-byte entries of a glibc charmap: byte -> character."""
    table: dict[int, str] = {}
    with gzip.open(GLIBC / f"{name}.gz", "rt", encoding="latin-1") as fh:
        for line in fh:
            m = re.match(r"<U([0-9A-Fa-f]{4,6})>\s+/x([0-9a-fA-F]{2})\s", line)
            if m:
                table[int(m[2], 16)] = chr(int(m[1], 16))
    return table


def fetch(workdir: Path, viparse_wheel: Path | None, unikey_deb: Path | None) -> tuple[Path, Path]:
    if viparse_wheel is None:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", workdir, VIPARSE],
                       check=True)
        viparse_wheel = next(workdir.glob("viparse-*.whl"))
    if unikey_deb is None:
        subprocess.run(["apt-get", "download", UNIKEY_DEB], check=True, cwd=workdir)
        unikey_deb = next(workdir.glob("fcitx5-unikey_*.deb"))
    return viparse_wheel, unikey_deb


def viparse_literal(wheel: Path, module: str, name: str) -> list:
    """A literal list assigned at the top level of a viparse module (read as data, not imported)."""
    with zipfile.ZipFile(wheel) as zf:
        tree = ast.parse(zf.read(f"viparse/normalize/{module}.py").decode("utf-8"))
    for node in tree.body:
        target = getattr(node, "target", None) or (node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id == name:
            return ast.literal_eval(node.value)
    raise SystemExit(f"{wheel.name}: {module}.{name} not found")


def unikey_tables(deb: Path, workdir: Path) -> dict[str, dict[str, bytes]]:
    """Unikey's tables as {charset: {letter: bytes}} for the letters of its UnicodeTable."""
    subprocess.run(["dpkg-deb", "-x", deb, workdir / "unikey"], check=True)
    blob = next((workdir / "unikey").rglob("libunikey.so")).read_bytes()

    def find(sig: bytes) -> int:
        at = blob.find(sig)
        if at < 0 or blob.find(sig, at + 1) >= 0:
            raise SystemExit(f"{deb.name}: table signature {sig!r} not found exactly once")
        return at

    at = find(UNICODE_SIG)
    letters = [chr(u) for u in struct.unpack(f"<{UNIKEY_TOTAL}H", blob[at:at + 2 * UNIKEY_TOTAL])]
    at = find(VNI_SIG)
    vni = struct.unpack(f"<{UNIKEY_TOTAL}H", blob[at:at + 2 * UNIKEY_TOTAL])
    # low byte = base letter, high byte = modifier (0 for single-byte letters)
    out = {"vni": {ch: bytes([v & 0xFF, v >> 8]).rstrip(b"\0") for ch, v in zip(letters, vni, strict=True)}}
    for name, sig in SINGLE_BYTE_SIGS.items():
        at = find(sig)
        row = blob[at:at + UNIKEY_TOTAL]
        out[name] = {ch: bytes([b]) for ch, b in zip(letters, row, strict=True) if b}
    return out


def vietnamese_letters() -> list[str]:
    sys.path.insert(0, str(REPO))
    from converters.charsets.letters import LETTERS

    return list(LETTERS)


def tcvn3_table(vn1: dict[int, str], unikey: dict[str, bytes]) -> dict[int, str]:
    """TCVN3/ABC as the .VnTime fonts are used: glibc's TCVN5712-1 (VN1) from 0xA0 up; in 0x80-0x9F the
    fonts' Windows punctuation (Unikey's TCVN3 table maps “ ” – … there, and real documents agree:
    `\\x93h\\xb5ng mi\\xd4n thu\\xd5\\x94` is “hàng miễn thuế”), keeping VN1's capitals only on the five
    bytes cp1252 leaves undefined (0x81 Ả, 0x8D Ì, 0x8F Ĩ, 0x90 Í, 0x9D Ù). VN1's C0 capitals
    (0x01-0x17) stay ASCII controls, as in every plain-text file."""
    table = {b: c for b, c in vn1.items() if b >= 0xA0}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            table[byte] = vn1[byte]
    for ch, code in unikey.items():
        # Unikey lists U+20A1 (colon sign) where cp1252 has U+201A at 0x82: a typo for the same glyph.
        if 0x80 <= code[0] < 0xA0 and table[code[0]] != ch and (code[0], ch) != (0x82, "\u20a1"):
            raise SystemExit(f"tcvn3: Unikey puts {ch!r} at 0x{code[0]:02X}, cp1252 has {table[code[0]]!r}")
    return table


def check_single_byte(name: str, decode: dict[int, str], unikey: dict[str, bytes], letters: list[str]
                      ) -> None:
    """Every letter Unikey places in this charset must decode to itself (or, for the font-case
    charsets, to its lower-case form: Unikey writes a capital that has no code as its small letter)."""
    problems = []
    for ch in letters:
        if ch not in unikey:
            continue
        got = decode.get(unikey[ch][0], chr(unikey[ch][0]))
        if got != ch and not (ch.isupper() and got == ch.lower()):
            problems.append(f"{ch}: unikey {unikey[ch].hex()} decodes to {got!r}")
    if problems:
        raise SystemExit(f"{name}: sources disagree:\n  " + "\n  ".join(problems))


def check_vni(unikey: dict[str, bytes], observed: list[tuple[str, str]]) -> list[str]:
    """viparse's VNI sequences (read from documents, a few derived by symmetry) Unikey writes otherwise."""
    notes = []
    for seq, letter in observed:
        if unikey.get(letter) != seq.encode("cp1252"):
            notes.append(f"{letter}: viparse {seq.encode('cp1252').hex()} vs unikey {unikey[letter].hex()}")
    return notes


def char_comment(text: str) -> str:
    return " + ".join(unicodedata.name(c, f"U+{ord(c):04X}") for c in text)


def write_byte_table(name: str, source: str, decode: dict[int, str]) -> None:
    lines = [f'"""{name} byte -> character table. Generated by tools/gen_charsets.py; do not edit.',
             "", *textwrap.wrap(f"Source: {source}", 100), '"""', "", "DECODE: dict[int, str] = {"]
    for byte in sorted(decode):
        ch = decode[byte]
        lines.append(f'    0x{byte:02X}: "\\u{ord(ch):04x}",  # {ch if ch.isprintable() else " "} '
                     f"{char_comment(ch)}")
    lines.append("}")
    (OUT / f"{name}.py").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_vni_table(source: str, sequences: dict[str, bytes], letters: list[str]) -> None:
    lines = ['"""VNI-Windows letter -> byte sequence table. Generated by tools/gen_charsets.py; do not edit.',
             "", f"Source: {source}", '"""', "", "SEQUENCES: dict[str, bytes] = {"]
    for ch in letters:
        seq = sequences[ch]
        lines.append(f'    "\\u{ord(ch):04x}": {seq!r},  # {ch} = {seq.decode("cp1252")}')
    lines.append("}")
    (OUT / "vni.py").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viparse-wheel", type=Path)
    parser.add_argument("--unikey-deb", type=Path)
    args = parser.parse_args()
    letters = vietnamese_letters()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        wheel, deb = fetch(work, args.viparse_wheel, args.unikey_deb)
        unikey = unikey_tables(deb, work)
        vps_rows = viparse_literal(wheel, "vps", "_BYTE_TO_CODEPOINT")
        vni_rows = viparse_literal(wheel, "vni", "_ENTRIES")

    tcvn3 = tcvn3_table(glibc_charmap("TCVN5712-1"), unikey["tcvn3"])
    viscii = glibc_charmap("VISCII")
    cp1258 = {b: c for b, c in glibc_charmap("CP1258").items() if b >= 0x80}
    vps = {b: chr(b) for b in range(0x80, 0x100)} | {b: chr(u) for b, u in vps_rows}

    check_single_byte("tcvn3", tcvn3, unikey["tcvn3"], letters)
    check_single_byte("viscii", viscii, unikey["viscii"], letters)
    check_single_byte("vps", vps, unikey["vps"], letters)
    missing = [ch for ch in letters if ch not in unikey["vni"]]
    if missing:
        raise SystemExit(f"vni: unikey has no sequence for {missing}")
    notes = check_vni(unikey["vni"], vni_rows)

    OUT.mkdir(parents=True, exist_ok=True)
    glibc = "glibc localedata charmaps/{} (/usr/share/i18n/charmaps/{}.gz)"
    write_byte_table("tcvn3", glibc.format("TCVN5712-1", "TCVN5712-1") + " from 0xA0; 0x80-0x9F cp1252 "
                     "punctuation as in Unikey's TCVN3 table, VN1 capitals on cp1252's five undefined bytes",
                     tcvn3)
    write_byte_table("viscii", glibc.format("VISCII", "VISCII"), viscii)
    write_byte_table("cp1258", glibc.format("CP1258", "CP1258") + ", bytes 0x80-0xFF", cp1258)
    write_byte_table("vps", f"PyPI {VIPARSE} viparse/normalize/vps.py (MIT), other bytes Latin-1", vps)
    write_vni_table(f"Unikey vnconv VNIWinTable, read from Debian {UNIKEY_DEB} libunikey.so",
                    {ch: unikey["vni"][ch] for ch in letters}, letters)
    for note in notes:
        print("vni: viparse disagrees (Unikey kept):", note)
    print(f"wrote {', '.join(sorted(p.name for p in OUT.glob('*.py')))} to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
