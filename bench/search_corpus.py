"""Realistic Vietnamese documents for the search benchmark, generated from real Vietnamese text.

A syllable bigram chain is learned from the real transcripts beside the repository
(`../shared/realcorpus/ground-truth`, `../shared/eval/dev/*.truth.txt`) and the demo `corpus/`; generated
text walks that chain, now and then dropping in a word from pyvi's Vietnamese lexicon (rare words) or
from wordfreq's Vietnamese frequency list, so the vocabulary has a realistic long tail. Titles are
"<type> về <phrase>", with years, dates, types, issuing bodies, formats and encodings drawn from
plausible distributions. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import wordfreq

from archive.document import Document

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

TYPES = ["báo cáo", "quyết định", "nghị định", "thông tư", "công văn", "kế hoạch", "tờ trình", "chỉ thị",
         "thông báo", "biểu mẫu"]
TYPE_WEIGHTS = [20, 18, 6, 8, 22, 10, 6, 3, 5, 2]
SOURCES = ["Bộ Xây dựng", "Bộ Tài chính", "Bộ Nội vụ", "Bộ Giáo dục và Đào tạo", "Bộ Y tế",
           "Bộ Tài nguyên và Môi trường", "Bộ Kế hoạch và Đầu tư", "UBND TP Hà Nội", "UBND TP Hồ Chí Minh",
           "UBND TP Cần Thơ", "UBND tỉnh Quảng Nam", "UBND tỉnh Nghệ An", "UBND tỉnh Lào Cai",
           "Hiệp hội các đô thị Việt Nam", "Sở Xây dựng Đà Nẵng", "Tổng cục Thống kê"]
FORMATS = (["doc"] * 50 + ["xls"] * 15 + ["pdf"] * 15 + ["rtf"] * 8 + ["ppt"] * 4 + ["docx"] * 8)
ENCODINGS = (["tcvn3"] * 45 + ["vni"] * 25 + ["unicode"] * 15 + ["viscii"] * 5 + ["vps"] * 3 + ["cp1258"] * 7)
COLLECTIONS = ["văn bản pháp quy", "báo cáo địa phương", "hồ sơ dự án", "tư liệu hiệp hội"]
_SYLLABLE = re.compile(r"^[^\W\d_]+$")


def _real_texts() -> list[str]:
    paths = sorted((SHARED / "realcorpus" / "ground-truth").glob("*.txt"))
    paths += sorted((SHARED / "eval" / "dev").glob("*.truth.txt"))
    paths += sorted((REPO / "corpus").glob("*.txt"))
    texts = []
    for path in paths:
        try:
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue  # corpus/000 is legacy bytes, not UTF-8: skipped on purpose
        texts.append(text)
    if not texts:
        raise SystemExit(f"no real Vietnamese text found under {SHARED}: the generator needs it")
    return texts


def _pyvi_words() -> list[str]:
    import pyvi

    path = Path(pyvi.__file__).parent / "models" / "words.txt"
    return [w for w in path.read_text(encoding="utf-8").split("\n") if w and w == w.lower()]


class Generator:
    """Syllable chain over real text plus a long-tail lexicon."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.next: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        for text in _real_texts():
            for sentence in re.split(r"(?<=[.;:!?])\s+|\n+", text):
                words = [w.strip("|-*•·()[]“”\"'") for w in sentence.split()]
                words = [w for w in words if w]
                if len(words) < 4:
                    continue
                self.starts.append(words[0])
                for a, b in pairwise(words):
                    self.next[a.lower()].append(b)
        self.lexicon = _pyvi_words()
        self.common = wordfreq.top_n_list("vi", 8000)

    def phrase(self, n: int, *, plain: bool = False) -> list[str]:
        """`n` words along the chain; `plain` keeps only syllables (for titles)."""
        rng = self.rng
        out: list[str] = []
        word = rng.choice(self.starts)
        while len(out) < n:
            r = rng.random()
            if r < 0.04:
                word = rng.choice(self.lexicon)  # long-tail vocabulary
            elif r < 0.07:
                word = self.common[min(int(rng.paretovariate(1.1)) - 1, len(self.common) - 1)]
            else:
                followers = self.next.get(word.split()[-1].lower())
                word = rng.choice(followers) if followers else rng.choice(self.starts)
            if not word.strip():
                word = rng.choice(self.starts)
                continue
            shown = " ".join(w for w in word.split() if _SYLLABLE.match(w)) if plain else word
            if shown:
                out.append(shown)
        return out

    def document(self, i: int) -> Document:
        rng = self.rng
        doc_type = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        title = f"{doc_type.capitalize()} về {' '.join(self.phrase(rng.randint(5, 10), plain=True))}"
        length = max(40, int(rng.lognormvariate(5.6, 0.7)))  # syllables: median ≈ 270, long tail
        body = " ".join(self.phrase(length))
        year = min(2024, max(1990, int(rng.gauss(2005, 7))))
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.7 else None
        return Document(
            id=f"d{i:06d}", sha256=f"{i:064x}", filename=f"{doc_type.replace(' ', '_')}_{i}.doc",
            title=title, text=f"{title}\n{body}", year=year, date=date, doc_type=doc_type,
            source=rng.choice(SOURCES), format=rng.choice(FORMATS), encoding=rng.choice(ENCODINGS),
            collection=rng.choice(COLLECTIONS), size=len(body.encode("utf-8")),
        )

    def documents(self, n: int) -> Iterator[Document]:
        for i in range(n):
            yield self.document(i)
