"""Score vnarchive on the real legacy office corpus: per format and overall char / diacritic / syllable.

    .venv/bin/python bench/realcorpus.py            # table per format, real files and synthetic apart
    .venv/bin/python bench/realcorpus.py -v         # plus one line per file
    .venv/bin/python bench/realcorpus.py --only '*.xls' --no-viparse
    .venv/bin/python bench/realcorpus.py --losses --tool vnarchive   # what each file loses, and why

Files: ../shared/realcorpus/files/**; transcripts: ../shared/realcorpus/ground-truth/<stem>.txt; scorer:
../shared/eval/score.py (METRIC.md: NFC, whitespace folded, LCS alignment). Figures are pooled over the
documents of a group: char weighted by transcript characters, diacritic by diacritic-bearing characters,
syllable by transcript tokens. A file that fails counts as 0 on all three and is listed.

Columns per tool:
  vnarchive   converters.convert_file (extraction + the full conversion pipeline)
  fonts-only  the same extraction decoded by run font alone (TCVN3/VNI/… tables, no detection, no
              repair): separates extraction losses from conversion decisions
  viparse     viparse.load(path, output="text"), when the package is installed (optional)
"""

from __future__ import annotations

import argparse
import bisect
import fnmatch
import importlib.util
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FILES = SHARED / "realcorpus" / "files"
TRUTH = SHARED / "realcorpus" / "ground-truth"
sys.path.insert(0, str(REPO))

from converters import convert_file  # noqa: E402
from converters.charsets import LEGACY_8BIT, cp1252_text_to_bytes, decode  # noqa: E402
from converters.fonts import charset_for_font  # noqa: E402
from converters.formats import extract  # noqa: E402

FIGURES = ("char", "diacritic", "syllable")
# fonts-only: how `.VnTimeH`-style runs are cased (--upper-faces): as stored ("none"), in capitals as
# printed ("all"), or capitals only for words typed in ASCII capitals ("words").
UPPER_FACES = "none"


def load_scorer():
    spec = importlib.util.spec_from_file_location("realcorpus_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fonts_only(path: Path) -> str:
    """Decode each run by its font's charset alone — the extraction's ceiling without any detection.

    In a legacy-font `str` run each character that is a cp1252 byte is decoded through the font's
    table; any other character (Unicode punctuation Word inserted) is kept as it is.
    """
    parts = []
    for run in extract(path).runs:
        kind = charset_for_font(run.font)
        label = kind.charset if kind is not None and kind.charset in LEGACY_8BIT else None
        upper = bool(kind and kind.upper) and UPPER_FACES == "all"
        words = bool(kind and kind.upper) and UPPER_FACES == "words"
        start = len(parts)
        if isinstance(run.text, bytes):
            parts.append(decode(run.text, label or "cp1252", upper_font=upper))
        elif label is None:
            parts.append(run.text)
        else:
            for piece in re.split(r"([^\x00-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                                  r"\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039"
                                  r"\u203a\u20ac\u2122]+)", run.text):
                raw = cp1252_text_to_bytes(piece)
                parts.append(decode(raw, label, upper_font=upper) if raw is not None else piece)
        if words:
            parts[start:] = [_capital_words("".join(parts[start:]))]
    return unicodedata.normalize("NFC", "".join(parts))


def _capital_words(text: str) -> str:
    """`.VnTimeH` words typed in ASCII capitals (`THUÕ`) in capitals throughout (`THUẾ`); others as stored."""
    def word(match: re.Match[str]) -> str:
        letters = [c for c in match.group() if c.isascii() and c.isalpha()]
        return match.group().upper() if letters and all(c.isupper() for c in letters) else match.group()

    return re.sub(r"\w+", word, text)


def run_vnarchive(path: Path) -> str:
    return convert_file(path).conversion.text


def run_viparse(path: Path) -> str:
    import viparse

    return "\n".join(doc.text for doc in viparse.load(str(path), output="text"))


LOSS_KINDS = ("ordering", "missing", "capitals", "wrong letter", "lost ư")


def losses(scorer, pred: str, truth: str) -> tuple[Counter, Counter]:
    """Why the truth's diacritic-bearing characters are lost, aligned as the scorer aligns them.

    Kinds: `ordering` (not aligned, but its word and the word before or after it are in the output),
    `missing` (not there at all), `capitals` (the letter in the other case, aligned or not), `wrong
    letter` (aligned to another letter; the (truth, output) pair is counted too), `lost ư` (`ư` → `u`).
    """
    p, t = scorer.prep(pred), scorer.prep(truth)
    aligned = {}
    bases = ["".join(scorer.base(c)[0] for c in text) for text in (p, t)]
    for block in scorer._matched(*bases):
        aligned.update((block.b + k, block.a + k) for k in range(block.size))
    kinds, pairs = Counter(), Counter()
    lowered = p.lower()
    words = list(re.finditer(r"\S+", t))
    starts, ends = [w.start() for w in words], [w.end() for w in words]
    for i, c in enumerate(t):
        if not scorer.has_diacritic(c):
            continue
        if i in aligned:
            q = p[aligned[i]]
            if q == c:
                continue
            kind = ("capitals" if q.lower() == c.lower() else
                    "lost ư" if (c, q) in (("ư", "u"), ("Ư", "U")) else "wrong letter")
            if kind == "wrong letter":
                pairs[(c, q)] += 1
        else:  # the word with the word before or after it, looked for anywhere in the output
            k = bisect.bisect_right(starts, i) - 1
            pairs_of_words = (t[starts[max(0, k - 1)]:ends[k]], t[starts[k]:ends[min(len(ends) - 1, k + 1)]])
            kind = ("ordering" if any(w in p for w in pairs_of_words) else
                    "capitals" if any(w.lower() in lowered for w in pairs_of_words) else "missing")
        kinds[kind] += 1
    return kinds, pairs


def _report_losses(rows: list[tuple[str, Counter, Counter]]) -> None:
    print("\n## diacritic positions lost, by file (vnarchive)\n")
    print("| file | lost | " + " | ".join(LOSS_KINDS) + " | wrong letters (truth→output) |")
    print("|---|---:|" + "---:|" * len(LOSS_KINDS) + "---|")
    total, all_pairs = Counter(), Counter()
    for name, kinds, pairs in sorted(rows, key=lambda row: -sum(row[1].values())):
        total.update(kinds)
        all_pairs.update(pairs)
        if kinds:
            print(f"| {name} | {sum(kinds.values())} | " + " | ".join(str(kinds[k]) for k in LOSS_KINDS)
                  + " | " + ", ".join(f"{a}→{b} {n}" for (a, b), n in pairs.most_common(4)) + " |")
    print(f"| **all** | {sum(total.values())} | " + " | ".join(str(total[k]) for k in LOSS_KINDS)
          + " | " + ", ".join(f"{a}→{b} {n}" for (a, b), n in all_pairs.most_common(6)) + " |")


def weights(scorer, truth: str, positions: int) -> dict[str, int]:
    prepared = scorer.prep(truth)
    return {"char": len(prepared), "diacritic": positions, "syllable": len(prepared.split(" "))}


class Pool:
    """Weighted sums of the three figures for one (tool, group) cell of the table."""

    def __init__(self) -> None:
        self.sums = dict.fromkeys(FIGURES, 0.0)
        self.weights = dict.fromkeys(FIGURES, 0)
        self.docs = 0
        self.failures: list[str] = []

    def add(self, figures: dict[str, float], weight: dict[str, int]) -> None:
        self.docs += 1
        for name in FIGURES:
            self.sums[name] += figures[name] * weight[name]
            self.weights[name] += weight[name]

    def value(self, name: str) -> float | None:
        return self.sums[name] / self.weights[name] if self.weights[name] else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per file")
    parser.add_argument("--only", default="*", help="glob on file names, e.g. '*.xls'")
    parser.add_argument("--no-viparse", action="store_true", help="skip viparse even when installed")
    parser.add_argument("--tool", action="append", help="only these tools: vnarchive, fonts-only, viparse")
    parser.add_argument("--losses", action="store_true",
                        help="what vnarchive loses per file, by kind (ordering, missing, capitals …)")
    parser.add_argument("--upper-faces", choices=("none", "all", "words"), default="none",
                        help="fonts-only: casing of .VnTimeH runs")
    args = parser.parse_args(argv)
    global UPPER_FACES
    UPPER_FACES = args.upper_faces
    if not FILES.is_dir():
        print(f"{FILES} is not present beside the repository", file=sys.stderr)
        return 2
    scorer = load_scorer()
    tools = {"vnarchive": run_vnarchive, "fonts-only": fonts_only}
    if not args.no_viparse and importlib.util.find_spec("viparse") is not None:
        import viparse

        tools[f"viparse {getattr(viparse, '__version__', '')}".strip()] = run_viparse
    if args.tool:
        tools = {name: run for name, run in tools.items() if name.split()[0] in args.tool}
    pools: dict[tuple[str, str, str], Pool] = defaultdict(Pool)
    seconds: dict[str, float] = defaultdict(float)
    lost: list[tuple[str, Counter, Counter]] = []
    files = sorted(p for p in FILES.rglob("*") if p.is_file() and fnmatch.fnmatch(p.name, args.only))
    for path in files:
        truth_path = TRUTH / f"{path.stem}.txt"
        if not truth_path.is_file():
            print(f"{path.name}: no transcript, skipped", file=sys.stderr)
            continue
        truth = truth_path.read_text(encoding="utf-8")
        subset = "synthetic" if path.parent.name.startswith("synthetic") else "real"
        fmt = path.suffix.lower().lstrip(".")
        cells = []
        for tool, run in tools.items():
            started = time.perf_counter()
            try:
                text = run(path)
                figures = scorer.score(text, truth)
                failed = None
                if args.losses and tool == "vnarchive":
                    lost.append((path.name, *losses(scorer, text, truth)))
            except Exception as exc:  # any tool's crash is a counted failure, never a stop
                figures = {"char": 0.0, "diacritic": 0.0, "syllable": 0.0,
                           "positions": scorer.score(truth, truth)["positions"]}
                failed = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            seconds[tool] += time.perf_counter() - started
            weight = weights(scorer, truth, figures["positions"])
            for group in (fmt, "ALL"):
                pool = pools[(tool, subset, group)]
                pool.add(figures, weight)
                if failed:
                    pool.failures.append(f"{path.name} ({failed})")
            cells.append(f"{figures['char']:.4f} {figures['diacritic']:.4f} {figures['syllable']:.4f}"
                         + (" FAIL" if failed else ""))
        if args.verbose:
            print(f"{subset[:4]} {path.name[:44]:44} " + " | ".join(cells), flush=True)
    _report(pools, tools, seconds)
    if args.losses:
        _report_losses(lost)
    return 0


def _report(pools: dict, tools: dict, seconds: dict) -> None:
    for subset in ("real", "synthetic"):
        groups = [*sorted({g for (_, s, g) in pools if s == subset and g != "ALL"}), "ALL"]
        if len(groups) == 1:
            continue
        title = "real legacy files" if subset == "real" else "synthetic VNI files (self-consistency only)"
        print(f"\n## {title}\n")
        header = "| format | docs | " + " | ".join(f"{t} char | {t} diacritic | {t} syllable" for t in tools)
        print(header + " |")
        print("|" + "---|" * (2 + 3 * len(tools)))
        for group in groups:
            docs = pools[(next(iter(tools)), subset, group)].docs
            row = [group if group != "ALL" else "**overall**", str(docs)]
            for tool in tools:
                pool = pools[(tool, subset, group)]
                row += [_fmt(pool.value(name)) for name in FIGURES]
            print("| " + " | ".join(row) + " |")
    print()
    for tool in tools:
        failures = [f for s in ("real", "synthetic") for f in pools[(tool, s, "ALL")].failures]
        print(f"{tool}: {len(failures)} failures, {seconds[tool]:.1f} s" + (": " if failures else ""))
        for failure in failures:
            print(f"  {failure}")


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.4f}"


if __name__ == "__main__":
    sys.exit(main())
