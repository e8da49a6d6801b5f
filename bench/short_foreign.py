#!/usr/bin/env python3
"""Short Western lines that must stay as written: `python bench/short_foreign.py [--seed S]`.

For each language written in cp1252 (`lexicon.WESTERN_LANGUAGES`) it makes N snippets of one to three
words: one word with a letter outside ASCII from the lower two thirds of the language's wordfreq list
(rarer than the common words the detection itself weighs against), with up to two common words of the
same language, capitalised half the time. Each snippet is converted as UTF-8 and as cp1252 bytes with
auto-detection; any change is a false positive. Prints a table per language and the changed snippets.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import wordfreq

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from converters import convert_bytes
from converters.language.lexicon import WESTERN_LANGUAGES


def _writable(word: str) -> bool:
    try:
        word.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def snippets(lang: str, count: int, rng: random.Random) -> list[str]:
    """`count` snippets of `lang`, each holding one of its rarer words with a letter outside ASCII."""
    ranked = sorted(wordfreq.get_frequency_dict(lang).items(), key=lambda item: -item[1])
    rare = [w for w, _ in ranked[len(ranked) // 3:] if not w.isascii() and w.isalpha() and _writable(w)]
    common = [w for w, f in ranked if f > 1e-5 and w.isalpha() and _writable(w)]
    out = []
    for _ in range(count):
        words = [rng.choice(rare)] + [rng.choice(common) for _ in range(rng.choice((0, 1, 2)))]
        rng.shuffle(words)
        line = " ".join(words)
        out.append(line.capitalize() if rng.random() < 0.5 else line)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-language", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print("| language | snippets | changed as UTF-8 | changed as cp1252 |\n|---|---|---|---|")
    changed = []
    for lang in WESTERN_LANGUAGES:
        lines = snippets(lang, args.per_language, rng)
        bad = {"utf-8": 0, "cp1252": 0}
        for line in lines:
            for form in bad:
                got = convert_bytes(line.encode(form)).text
                if got != line:
                    bad[form] += 1
                    changed.append(f"{lang} {form}: {line!r} -> {got!r}")
        print(f"| {lang} | {len(lines)} | {bad['utf-8']} | {bad['cp1252']} |")
    print(f"\n{len(changed)} of {2 * args.per_language * len(WESTERN_LANGUAGES)} conversions changed")
    for line in changed:
        print(" ", line)


if __name__ == "__main__":
    main()
