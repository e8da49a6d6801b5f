"""Held-out measure: dev-style cases made from Vietnamese text that the dev set does not use.

The dev set (../shared/eval/dev) is made from a few texts; quality is also judged on other texts damaged
the same way. This benchmark makes such cases from the real-corpus transcripts
(../shared/realcorpus/ground-truth) and the corpus/ seeds 003 and 004: passages of about 4 KB, each
damaged as one dev variant is. Every damage below reproduces the dev inputs from their gold texts byte
for byte (tcvn3_mixed, which is random, in its proportions):

- `*_raw`: the charset's bytes; TCVN3 writes the capitals it lacks as small letters, and so does the
  gold text (`writable`); `utf16_bom`: UTF-16 with its byte-order mark; `utf8_nfd`: decomposed UTF-8;
- `*_moji`: the legacy bytes read as cp1252 (its five undefined bytes as Latin-1) and saved as UTF-8;
  `tcvn3_moji_lost_u` first drops 0xAD (TCVN3's `ư`, the soft hyphen);
- `tcvn3_mixed`: each word typed in Unicode with odds TYPED_WORD, otherwise TCVN3 read as cp1252,
  where a word with `đ` keeps a Unicode `đ` with odds TYPED_D (the rest of it TCVN3);
- `utf8_double`: UTF-8 read as cp1252 (undefined bytes as U+FFFD) and saved as UTF-8 again;
- `viqr`: VIQR that writes a backslash as it is; `html_ncr`: `<pre>` with every non-ASCII letter as
  `&#N;`;
- beyond the dev set, two charsets in one file (the dev inputs have none): `utf8_then_tcvn3_raw` and
  `tcvn3_raw_then_utf8` (a file's first half in one, the rest appended in the other), `utf8_vni_raw_lines`
  (each line UTF-8 or VNI bytes at random), `tcvn3_vni_raw_halves`, `tcvn3_vni_moji_halves` (the same
  halves read as cp1252) and `utf8_tcvn3_moji_lines`;
- beyond the dev set, a foreign paragraph of bench/heldout_controls.txt in UTF-8 among legacy bytes:
  `tcvn3_raw_then_foreign_utf8`, `viscii_raw_then_foreign_utf8` (appended) and
  `vni_raw_foreign_utf8_inside` (between the halves), `tcvn3_raw_foreign_cp1252_inside` (the paragraph
  in cp1252 bytes between TCVN3 halves), with a line saying how many of those paragraphs
  came back byte-identical; a second legacy charset past the detection sample:
  `tcvn3_long_then_vni_raw` (LONG_BYTES of other passages in TCVN3, the passage in VNI appended);
- `control_utf8` / `control_cp1252`: French, German, Spanish, Portuguese, Italian, Swedish, Danish,
  English with typographic punctuation, code and URLs (bench/heldout_controls.txt) and the docstrings of
  Python's standard library, which must come back byte-identical.

Beyond the dev set (damage its variants do not show, marked `+` in VARIANTS' comments):

- `tcvn3_moji_twice`, `vni_moji_twice`, `viscii_moji_twice`, `vps_moji_twice`, `cp1258_moji_twice`: the
  charset's bytes read as cp1252 and saved as UTF-8, then read as cp1252 once more (undefined bytes as
  U+FFFD) and saved as UTF-8, as a web pipeline that does it twice; `utf8_triple`: `utf8_double`
  read so once more;
- `tcvn3_moji_short`, `tcvn3_raw_short`: one short line (SHORT_WORDS, a title or a table cell) as TCVN3
  mojibake or bytes; `control_short_utf8` / `control_short_cp1252`: as many consecutive words of a
  control paragraph, which must come back byte-identical.
- `tcvn3_moji_bom`: `tcvn3_moji` saved with a UTF-8 byte-order mark (as Notepad saves); `vni_moji_utf16`:
  `vni_moji` saved as UTF-16 with its mark; `utf16le_nobom`: UTF-16 without a mark;
- `tcvn3_moji_lost_u_typed`: as corpus/000 is, `tcvn3_moji_lost_u` with 1 word in 40 still in Unicode;
- `named_references`: a text file with Latin-1's letters as named HTML references (`t&agrave;i`) and the
  others as numbers; `pdf_symbols`: Unicode with every `ư`/`ã` as U+2212/U+2219 (text copied out of a
  `.VnTime` PDF and converted by a tool that did not know them); `eth_for_dj`: Unicode with every `Đ`/`đ`
  as the Icelandic `Ð`/`ð` (CP1258 or VISCII text taken for Latin-1).

Each case is converted with auto-detection (no charset given), as an uploaded file is, and scored with
../shared/eval/score.py; the table is the same as bench/devset.py's. Seeded and deterministic.
Usage: python bench/heldout.py [--cases N] [--seed S] [--variant NAME]... [--failures]
"""

from __future__ import annotations

import argparse
import difflib
import html
import importlib
import inspect
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path

from devset import label_ok, scorer, table
from vietnamese_text import writable

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from converters import charsets, convert_file  # noqa: E402
from converters.language.syllable import is_syllable, strip_tone  # noqa: E402

PASSAGE_CHARS = 4_000
# `tcvn3_long_then_vni_raw`: bytes of the first charset before the second begins (half as much again as
# the detection sample; scoring a longer text costs a second a case).
LONG_BYTES = 96 * 1024
# A short line: this many words (fewest, most), with a letter outside ASCII.
SHORT_WORDS = (2, 6)
# tcvn3_mixed, as measured on the dev inputs: 30 % of words typed in Unicode; of the TCVN3 words with
# `đ`, a third keep a typed `đ`.
TYPED_WORD, TYPED_D = 0.3, 1 / 3
# Typographic punctuation of the transcripts, in ASCII as the dev texts write it (VISCII and VPS have
# no codes for it); private-use symbol-font bullets are dropped.
ASCII_PUNCTUATION = str.maketrans({"…": "...", "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
LETTER_RUN = re.compile(r"[^\W\d_]+")
STDLIB_MODULES = ("argparse", "json", "csv", "http.cookies", "urllib.parse", "unittest", "heapq",
                  "http.server", "smtplib", "ftplib", "subprocess", "itertools", "re", "socket", "ssl",
                  "configparser", "sched", "cmd", "timeit", "doctest", "tempfile", "mimetypes")


def cp1252_read(data: bytes, undefined: str = "latin-1") -> str:
    """`data` read as cp1252; its five undefined bytes as Latin-1 controls or, with `undefined="fffd"`,
    as U+FFFD."""
    text = data.decode("cp1252", errors="replace")
    if undefined == "fffd" or "\ufffd" not in text:
        return text
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def mixed_tcvn3(text: str, rng: random.Random) -> str:
    """`text` with words typed in Unicode or TCVN3 (read as cp1252) at random, as tcvn3_mixed."""
    out = []
    for piece in re.split(r"(\s+)", text):
        if not piece or piece.isspace() or rng.random() < TYPED_WORD:
            out.append(piece)
        elif "đ" in piece.lower() and rng.random() < TYPED_D:
            out.append("".join(ch if ch in "đĐ" else cp1252_read(charsets.encode(ch, "tcvn3"))
                               for ch in piece))
        else:
            out.append(cp1252_read(charsets.encode(piece, "tcvn3")))
    return "".join(out)


def viqr_plain_backslash(text: str) -> str:
    """VIQR that writes a backslash as it is (only the letters' escapes are written)."""
    return charsets.encode_viqr(text.replace("\\", "\0")).replace("\0", "\\")


def ncr_html(text: str) -> str:
    """`text` in an HTML `<pre>`, every non-ASCII character as a numeric character reference."""
    body = "".join(ch if ord(ch) < 128 else f"&#{ord(ch)};" for ch in html.escape(text, quote=False))
    return f"<html><head><title>t</title></head><body><pre>{body}</pre></body></html>"


def _legacy(label: str) -> Callable[[str, random.Random], tuple[bytes, str]]:
    return lambda text, rng: (charsets.encode(text, label), text)


def _moji(label: str, lose_u: bool = False) -> Callable[[str, random.Random], tuple[bytes, str]]:
    def damage(text: str, rng: random.Random) -> tuple[bytes, str]:
        data = charsets.encode(text, label)
        return cp1252_read(data.replace(b"\xad", b"") if lose_u else data).encode("utf-8"), text
    return damage


def _twice(damage: Callable[[str, random.Random], tuple[bytes, str]]
           ) -> Callable[[str, random.Random], tuple[bytes, str]]:
    """`damage`, then its UTF-8 read as cp1252 (undefined bytes as U+FFFD) and saved as UTF-8."""
    def again(text: str, rng: random.Random) -> tuple[bytes, str]:
        data, truth = damage(text, rng)
        return cp1252_read(data, "fffd").encode("utf-8"), truth
    return again


def _saved_as(damage: Callable[[str, random.Random], tuple[bytes, str]], form: str
              ) -> Callable[[str, random.Random], tuple[bytes, str]]:
    """`damage`, its UTF-8 text saved again as `form` (`utf-8-sig`, `utf-16`)."""
    def saved(text: str, rng: random.Random) -> tuple[bytes, str]:
        data, truth = damage(text, rng)
        return data.decode("utf-8").encode(form), truth
    return saved


def lost_u_typed(text: str, rng: random.Random) -> tuple[bytes, str]:
    """Each word TCVN3 read as cp1252 with its soft hyphens (ư) dropped, or with odds 1/40 still Unicode."""
    out = []
    for piece in re.split(r"(\s+)", text):
        legacy = piece and not piece.isspace() and rng.random() >= 1 / 40
        out.append(cp1252_read(charsets.encode(piece, "tcvn3")).replace("\xad", "") if legacy else piece)
    return "".join(out).encode("utf-8"), text


def named_references(text: str, rng: random.Random) -> tuple[bytes, str]:
    """`text` with each non-ASCII character as its named HTML reference, or its number if it has no name."""
    names = html.entities.codepoint2name
    return "".join(ch if ord(ch) < 128 else f"&{names[ord(ch)]};" if ord(ch) in names else f"&#{ord(ch)};"
                   for ch in text).encode("ascii"), text


ETH_FOR_DJ = str.maketrans("Đđ", "Ðð")
# Labels as right as the variant's own: the eths came from CP1258 or VISCII (both write Đ as 0xD0), or
# there were too few of them to say, and the file is UTF-8.
ALSO_RIGHT = {"eth_for_dj": ("viscii", "utf-8")}
PDF_SYMBOLS = str.maketrans({"ư": "\u2212", "Ư": "\u2212", "ã": "\u2219", "Ã": "\u2219"})


def _utf8_double(text: str, rng: random.Random) -> tuple[bytes, str]:
    return cp1252_read(text.encode("utf-8"), "fffd").encode("utf-8"), text


Damage = Callable[[str, random.Random], tuple[bytes, str]]
Piece = Callable[[str], tuple[bytes, str]]


def _piece(label: str, moji: bool = False) -> Piece:
    """A part of a file in `label` (UTF-8 for "utf-8"), or read as cp1252 with `moji`, and its gold text."""
    def damage(text: str) -> tuple[bytes, str]:
        if label == "utf-8":
            return text.encode(), text
        gold = writable(text, label)
        data = charsets.encode(gold, label)
        return (cp1252_read(data).encode() if moji else data), gold
    return damage


def _halves(first: Piece, second: Piece) -> Damage:
    """The passage's first half of lines damaged by `first`, the rest by `second`."""
    def damage(text: str, rng: random.Random) -> tuple[bytes, str]:
        lines = text.split("\n")
        (a, gold_a), (b, gold_b) = first("\n".join(lines[: len(lines) // 2])), second(
            "\n".join(lines[len(lines) // 2 :]))
        return a + b"\n" + b, gold_a + "\n" + gold_b
    return damage


def _with_foreign(piece: Piece, inside: bool, form: str = "utf-8") -> Damage:
    """The passage damaged by `piece`, with a foreign paragraph (`foreign_paragraphs`) in `form`
    appended or, with `inside`, between its two halves of lines: text quoted from a French or German
    partner."""
    def damage(text: str, rng: random.Random) -> tuple[bytes, str]:
        foreign = rng.choice(foreign_paragraphs())
        lines = text.rstrip("\n").split("\n")
        cut = len(lines) // 2 if inside else len(lines)
        parts = [piece("\n".join(lines[:cut])), (foreign.encode(form), foreign)]
        if inside:
            parts.append(piece("\n".join(lines[cut:])))
        return b"\n".join(p[0] for p in parts), "\n".join(p[1] for p in parts)
    return damage


def _after_long(first: Piece, second: Piece) -> Damage:
    """LONG_BYTES and more of other held-out passages damaged by `first`, then the passage by `second`:
    a passage appended past the detection sample."""
    def damage(text: str, rng: random.Random) -> tuple[bytes, str]:
        parts = []
        while sum(len(p[0]) for p in parts) < LONG_BYTES:
            parts.append(first(vietnamese_passage(vietnamese_texts(), rng).strip("\n")))
        parts.append(second(text))
        return b"\n".join(p[0] for p in parts), "\n".join(p[1] for p in parts)
    return damage


def _lines(one: Piece, other: Piece) -> Damage:
    """Each line damaged by `one` or `other` at random."""
    def damage(text: str, rng: random.Random) -> tuple[bytes, str]:
        pieces = [(one if rng.random() < 0.5 else other)(line) for line in text.split("\n")]
        return b"\n".join(p[0] for p in pieces), "\n".join(p[1] for p in pieces)
    return damage


# variant -> (charset the text must be writable in and the label detection should give,
#             damage: (gold text, rng) -> (file bytes, gold text))
VARIANTS: dict[str, tuple[str, Callable[[str, random.Random], tuple[bytes, str]]]] = {
    "tcvn3_raw": ("tcvn3", _legacy("tcvn3")),
    "tcvn3_moji": ("tcvn3", _moji("tcvn3")),
    "tcvn3_moji_lost_u": ("tcvn3", _moji("tcvn3", lose_u=True)),
    "tcvn3_mixed": ("tcvn3", lambda text, rng: (mixed_tcvn3(text, rng).encode("utf-8"), text)),
    "vni_raw": ("vni", _legacy("vni")),
    "vni_moji": ("vni", _moji("vni")),
    "viscii_raw": ("viscii", _legacy("viscii")),
    "vps_raw": ("vps", _legacy("vps")),
    "cp1258_raw": ("cp1258", _legacy("cp1258")),
    "viqr": ("viqr", lambda text, rng: (viqr_plain_backslash(text).encode("utf-8"), text)),
    "utf8_nfd": ("utf-8", lambda text, rng: (unicodedata.normalize("NFD", text).encode("utf-8"), text)),
    "utf8_double": ("utf-8", _utf8_double),
    "utf16_bom": ("utf-16", lambda text, rng: (text.encode("utf-16"), text)),
    "html_ncr": ("utf-8", lambda text, rng: (ncr_html(text).encode("utf-8"), text)),
    "utf8_clean": ("utf-8", lambda text, rng: (text.encode("utf-8"), text)),
    # beyond the dev set: two charsets in one file
    "utf8_then_tcvn3_raw": ("tcvn3", _halves(_piece("utf-8"), _piece("tcvn3"))),
    "tcvn3_raw_then_utf8": ("tcvn3", _halves(_piece("tcvn3"), _piece("utf-8"))),
    "utf8_vni_raw_lines": ("vni", _lines(_piece("utf-8"), _piece("vni"))),
    "tcvn3_vni_raw_halves": ("tcvn3", _halves(_piece("tcvn3"), _piece("vni"))),
    "tcvn3_vni_moji_halves": ("tcvn3", _halves(_piece("tcvn3", moji=True), _piece("vni", moji=True))),
    "utf8_tcvn3_moji_lines": ("tcvn3", _lines(_piece("utf-8"), _piece("tcvn3", moji=True))),
    # + beyond the dev set: a foreign passage in UTF-8 among legacy bytes, a second charset past the sample
    "tcvn3_raw_then_foreign_utf8": ("tcvn3", _with_foreign(_piece("tcvn3"), inside=False)),
    "viscii_raw_then_foreign_utf8": ("viscii", _with_foreign(_piece("viscii"), inside=False)),
    "vni_raw_foreign_utf8_inside": ("vni", _with_foreign(_piece("vni"), inside=True)),
    "tcvn3_raw_foreign_cp1252_inside": ("tcvn3", _with_foreign(_piece("tcvn3"), inside=True, form="cp1252")),
    "tcvn3_long_then_vni_raw": ("tcvn3", _after_long(_piece("tcvn3"), _piece("vni"))),
    "control_utf8": ("utf-8", lambda text, rng: (text.encode("utf-8"), text)),
    "control_cp1252": ("cp1252", lambda text, rng: (text.encode("cp1252"), text)),
    # + beyond the dev set: layered mojibake
    "tcvn3_moji_twice": ("tcvn3", _twice(_moji("tcvn3"))),
    "vni_moji_twice": ("vni", _twice(_moji("vni"))),
    "viscii_moji_twice": ("viscii", _twice(_moji("viscii"))),
    "vps_moji_twice": ("vps", _twice(_moji("vps"))),
    "cp1258_moji_twice": ("cp1258", _twice(_moji("cp1258"))),
    "utf8_triple": ("utf-8", _twice(_utf8_double)),
    # + beyond the dev set: one short line
    "tcvn3_moji_short": ("tcvn3", _moji("tcvn3")),
    "tcvn3_raw_short": ("tcvn3", _legacy("tcvn3")),
    "control_short_utf8": ("utf-8", lambda text, rng: (text.encode("utf-8"), text)),
    "control_short_cp1252": ("cp1252", lambda text, rng: (text.encode("cp1252"), text)),
    # + beyond the dev set: how the file was saved or copied
    "tcvn3_moji_bom": ("tcvn3", _saved_as(_moji("tcvn3"), "utf-8-sig")),
    "vni_moji_utf16": ("vni", _saved_as(_moji("vni"), "utf-16")),
    "utf16le_nobom": ("utf-16", lambda text, rng: (text.encode("utf-16-le"), text)),
    "tcvn3_moji_lost_u_typed": ("tcvn3", lost_u_typed),
    "named_references": ("ascii", named_references),
    "pdf_symbols": ("utf-8", lambda text, rng: (text.translate(PDF_SYMBOLS).encode("utf-8"), text)),
    "eth_for_dj": ("cp1258", lambda text, rng: (text.translate(ETH_FOR_DJ).encode("utf-8"), text)),
}


def well_spelled(line: str) -> bool:
    """True when every run of letters with a Vietnamese letter in `line` is a syllable or an
    abbreviation in capitals without tones (`NĐ-CP`). The transcripts keep a little of their files'
    damage and some typing slips (`NhiƯm vơ`, `CỄNG`, `tựvấn`, `ttrước`): gold text must not contain
    what the converter is meant to repair."""
    return all(is_syllable(run) or (run.isupper() and strip_tone(run) == run)
               for run in LETTER_RUN.findall(line) if not run.isascii())


@cache
def vietnamese_texts() -> list[str]:
    """The held-out Vietnamese sources, NFC, punctuation in ASCII, only their well-spelled lines."""
    paths = sorted((SHARED / "realcorpus" / "ground-truth").glob("*.txt"))
    paths += sorted((REPO / "corpus").glob("00[34]_*.txt"))
    texts = (unicodedata.normalize("NFC", p.read_text(encoding="utf-8")) for p in paths)
    texts = (PRIVATE_USE.sub("", text.translate(ASCII_PUNCTUATION)) for text in texts)
    return ["\n".join(line for line in text.splitlines() if well_spelled(line)) for text in texts]


@cache
def foreign_paragraphs() -> list[str]:
    """The paragraphs of bench/heldout_controls.txt with a character outside ASCII."""
    text = (REPO / "bench" / "heldout_controls.txt").read_text(encoding="utf-8")
    return [p.strip("\n") for p in text.split("\n\n") if not p.isascii()]


def control_texts() -> list[str]:
    """Paragraphs of non-Vietnamese text: our plain-written controls and standard-library docstrings."""
    own = (REPO / "bench" / "heldout_controls.txt").read_text(encoding="utf-8").split("\n\n")
    docs = [inspect.getdoc(importlib.import_module(name)) or "" for name in STDLIB_MODULES]
    return [p.strip("\n") for p in own + docs if p.strip()]


def vietnamese_passage(texts: list[str], rng: random.Random) -> str:
    """About PASSAGE_CHARS of consecutive lines from a random place in a random source."""
    lines = rng.choice(texts).splitlines()
    start = rng.randrange(max(len(lines) - 20, 1))
    out: list[str] = []
    for line in lines[start:]:
        out.append(line)
        if sum(map(len, out)) >= PASSAGE_CHARS:
            break
    return "\n".join(out).strip("\n") + "\n"


def short_line(texts: list[str], rng: random.Random) -> str:
    """A random line of SHORT_WORDS words, with a letter outside ASCII, from a random source."""
    lo, hi = SHORT_WORDS
    while True:
        lines = [line.strip() for line in rng.choice(texts).splitlines()
                 if lo <= len(line.split()) <= hi and not line.isascii()]
        if lines:
            return rng.choice(lines)


def short_control(paragraphs: list[str], rng: random.Random) -> str:
    """SHORT_WORDS consecutive words of a random control paragraph, with a letter outside ASCII."""
    while True:
        words = rng.choice(paragraphs).split()
        n = rng.randint(*SHORT_WORDS)
        start = rng.randrange(max(len(words) - n, 0) + 1)
        line = " ".join(words[start : start + n])
        if not line.isascii():
            return line


def control_passage(paragraphs: list[str], rng: random.Random) -> str:
    """Random paragraphs, separated by blank lines, to about half a passage."""
    out: list[str] = []
    while sum(map(len, out)) < PASSAGE_CHARS // 2:
        out.append(rng.choice(paragraphs))
    return "\n\n".join(out) + "\n"


def wrong_words(output: str, truth: str) -> list[str]:
    """`truth → output` for every stretch of words that differ, with a word of context each side."""
    got, want = output.split(), truth.split()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes():
        if tag != "equal":
            before = " ".join(want[max(i1 - 1, 0):i1])
            after = " ".join(want[i2:i2 + 1])
            out.append(f"{before} [{' '.join(want[i1:i2])} → {' '.join(got[j1:j2])}] {after}")
    return out


def make_cases(n: int, seed: int, variants: list[str] | None = None) -> list[tuple[str, str, bytes, str]]:
    """(case id, variant, file bytes, gold text) for `n` cases of each of `variants` (default: all)."""
    vietnamese, controls = vietnamese_texts(), control_texts()
    cases = []
    for variant in variants or VARIANTS:
        label, damage = VARIANTS[variant]
        writable_in = "utf-8" if label in ("viqr", "ascii") else label
        for k in range(n):
            rng = random.Random(f"{seed}/{variant}/{k}")
            if variant.startswith("control_short"):
                source = short_control(controls, rng)
            elif variant.startswith("control"):
                source = control_passage(controls, rng)
            elif variant.endswith("_short"):
                source = short_line(vietnamese, rng)
            else:
                source = vietnamese_passage(vietnamese, rng)
            data, truth = damage(writable(source, writable_in), rng)
            cases.append((f"{variant}-{k:02d}", variant, data, truth))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=40, help="cases per variant (default 40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS), help="only this variant")
    parser.add_argument("--failures", action="store_true",
                        help="list the wrong words of every case below 0.999")
    args = parser.parse_args()
    if not (SHARED / "realcorpus" / "ground-truth").exists():
        sys.exit(f"{SHARED / 'realcorpus'} is not present beside the repository")
    score = scorer()
    cases = make_cases(args.cases, args.seed, args.variant)
    rows: dict[str, list[dict]] = defaultdict(list)
    kept: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # foreign paragraphs byte-identical, of all
    start = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        for case_id, variant, data, truth in cases:
            path = Path(tmp) / (f"{case_id}.html" if variant == "html_ncr" else f"{case_id}.txt")
            path.write_bytes(data)
            conversion = convert_file(path).conversion
            result = score(conversion.text, truth)
            result["identical"] = conversion.text == truth
            result["label_ok"] = (label_ok(conversion.encoding, VARIANTS[variant][0], variant, data)
                                  or conversion.encoding in ALSO_RIGHT.get(variant, ()))
            rows[variant].append(result)
            quoted = [p in conversion.text for p in foreign_paragraphs() if p in truth]
            if quoted and not variant.startswith("control"):
                kept[variant][0] += sum(quoted)
                kept[variant][1] += len(quoted)
            bad = result["diacritic"] < 0.999 or result["syllable"] < 0.999
            if args.failures and (bad or (variant.startswith("control") and not result["identical"])):
                print(f"  {case_id} -> {conversion.encoding}: {result}")
                for line in wrong_words(conversion.text, truth):
                    print(f"      {line}")
    print("\n".join(table("auto", rows)))
    for variant, (same, total) in sorted(kept.items()):
        print(f"{variant}: foreign paragraphs byte-identical {same}/{total}")
    print(f"\n{len(cases)} cases (seed {args.seed}), {time.process_time() - start:.1f} s CPU")


if __name__ == "__main__":
    main()
