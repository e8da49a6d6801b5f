"""Search benchmark: Whoosh (our backend) against tantivy on the same generated Vietnamese documents.

    .venv/bin/python bench/search.py            # 10,000 documents
    .venv/bin/python bench/search.py --n 100000
    .venv/bin/python bench/search.py --n 100000 --backend solr   # adds a local 2-node SolrCloud
    .venv/bin/python bench/search.py --n 100000 --reuse DIR      # build into DIR once, then query it again

Prints a Markdown table: build docs/s and MB/s, index size, p50/p95 latency per query kind (our full API
call with snippets, the bare Whoosh query, and tantivy), the ratio to tantivy, and a known-item relevance
test (titles typed without accents: MRR and success@10).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

import tantivy
from search_corpus import Generator

from index import query as ast
from index import rebuild
from index.analysis import exact_form, fold, folded_form, is_accented, tokens
from index.backend import SearchRequest
from index.posting_cache import POSTINGS
from index.schema import build_schema
from index.whoosh_backend import BUILD_PROCS, WhooshBackend
from index.whoosh_query import compile_query

KINDS = ("common term", "rare term", "unaccented term", "2-syllable phrase", "3-syllable phrase",
         "faceted query")
PER_KIND = 20
TARGET_MS = 100.0
TARGET_BUILD = 600.0


def words_of(text: str) -> list[str]:
    return [exact_form(w) for w, _s, _e, compound in tokens(text) if not compound]


def pick_queries(docs, rng: random.Random) -> dict[str, list[str]]:
    """Query strings per kind, chosen by document frequency in a sample of the collection."""
    sample = rng.sample(docs, min(3000, len(docs)))
    uni, bi, tri = Counter(), Counter(), Counter()
    for d in sample:
        ws = [w for w in words_of(d.text) if w.isalpha()]
        uni.update(set(ws))
        bi.update({f"{a} {b}" for a, b in pairwise(ws)})
        tri.update({f"{a} {b} {c}" for a, b, c in zip(ws, ws[1:], ws[2:], strict=False)})
    n = len(sample)

    def band(counter: Counter, low: float, high: float, accented: bool = True) -> list[str]:
        items = [t for t, c in sorted(counter.items())  # sorted: same queries whatever the hash seed
                 if low * n <= c <= high * n and (is_accented(t) or not accented)]
        rng.shuffle(items)
        return sorted(items[:PER_KIND])

    common = band(uni, 0.15, 0.6)
    rare = [t for t, c in sorted(uni.items()) if c == 1 and is_accented(t) and len(t) > 2]
    rng.shuffle(rare)
    return {
        "common term": common,
        "rare term": sorted(rare[:PER_KIND]),
        "unaccented term": [fold(t) for t in band(uni, 0.01, 0.1)],
        "2-syllable phrase": [f'"{t}"' for t in band(bi, 0.02, 0.2)],
        "3-syllable phrase": [f'"{t}"' for t in band(tri, 0.005, 0.1)],
        "faceted query": [f'{t} type:"quyết định"' for t in common],
    }


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# -- Whoosh ------------------------------------------------------------------------------------------
def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the machine may be shared)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build_whoosh(docs, path: Path, procs: int) -> tuple[float, float]:
    started, cpu = time.perf_counter(), cpu_seconds()

    def progress(done: int) -> None:
        rate = done / (time.perf_counter() - started)
        print(f"\r  whoosh: {done}/{len(docs)} ({rate:.0f} docs/s)", end="", file=sys.stderr, flush=True)

    rebuild(lambda: WhooshBackend(path, procs=procs), docs, progress)
    print(file=sys.stderr)
    return time.perf_counter() - started, cpu_seconds() - cpu


def time_whoosh(backend: WhooshBackend, kind: str, q: str, reps: int,
                cpu: list[float] | None = None) -> tuple[list[float], list[float], int]:
    """Wall ms of the full API call and of the bare Whoosh query, and the hit count; API CPU ms into `cpu`.

    The first run of each query starts with the posting cache empty (as in a fresh server process); later
    runs read its lists from the cache, as a server does for words searched before."""
    facets = kind == "faceted query"
    full, core = [], []
    total = 0
    searcher = backend.searcher()
    POSTINGS.clear()
    for _ in range(reps):
        t, c = time.perf_counter(), time.process_time()
        result = backend.search(SearchRequest(q=q, per_page=10, facets=facets))
        full.append((time.perf_counter() - t) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - c) * 1000)
        total = result.total
        t = time.perf_counter()
        wq = compile_query(ast.parse(q))
        hits = searcher.search(wq, limit=10, terms=False)
        hits.scored_length()
        len(hits)
        core.append((time.perf_counter() - t) * 1000)
    return full, core, total


# -- tantivy -----------------------------------------------------------------------------------------
def tantivy_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=True)
    sb.add_text_field("body")
    sb.add_text_field("title_f", tokenizer_name="vnfold")
    sb.add_text_field("body_f", tokenizer_name="vnfold")
    sb.add_text_field("type", fast=True, tokenizer_name="raw")
    sb.add_integer_field("year", fast=True, indexed=True, stored=True)
    return sb.build()


def open_tantivy(path: Path) -> tantivy.Index:
    """The tantivy index at `path` (created empty if there is none), with our folding analyzer."""
    index = tantivy.Index(tantivy_schema(), path=str(path))
    index.register_tokenizer("vnfold", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                             .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build())
    return index


def build_tantivy(docs, path: Path) -> tuple[tantivy.Index, float, float]:
    index = open_tantivy(path)
    started, cpu = time.perf_counter(), cpu_seconds()
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    for d in docs:
        writer.add_document(tantivy.Document(id=d.id, title=d.title, body=d.text, title_f=d.title,
                                             body_f=d.text, type=d.doc_type or "", year=d.year or 0))
    writer.commit()
    writer.wait_merging_threads()
    elapsed = time.perf_counter() - started
    index.reload()
    return index, elapsed, cpu_seconds() - cpu


def tantivy_query(index: tantivy.Index, q: str):
    """The same query for tantivy: accented words on exact + folded fields, unaccented on folded only."""
    node = ast.parse(q)
    type_filter = None
    if isinstance(node, ast.And):
        type_filter = next((n for n in node.nodes if isinstance(n, ast.Filter)), None)
        node = next(n for n in node.nodes if not isinstance(n, ast.Filter))
    text = " ".join(node.words) if isinstance(node, ast.Phrase) else node.text
    quoted = f'"{text}"' if isinstance(node, ast.Phrase) else text
    fields = ["title", "body", "title_f", "body_f"] if is_accented(text) else ["title_f", "body_f"]
    query = index.parse_query(quoted, fields, field_boosts={"title": 6.0, "body": 2.0, "title_f": 3.0})
    if type_filter is not None:
        schema = index.schema
        query = tantivy.Query.boolean_query([
            (tantivy.Occur.Must, query),
            (tantivy.Occur.Must, tantivy.Query.term_query(schema, "type", type_filter.value)),
        ])
    return query


def time_tantivy(index: tantivy.Index, kind: str, q: str, reps: int) -> tuple[list[float], int]:
    searcher = index.searcher()
    query = tantivy_query(index, q)
    samples = []
    total = 0
    for _ in range(reps):
        t = time.perf_counter()
        result = searcher.search(query, limit=10, count=True)
        for _score, address in result.hits:
            searcher.doc(address)
        if kind == "faceted query":
            searcher.aggregate(query, {"year": {"terms": {"field": "year", "size": 100}},
                                       "type": {"terms": {"field": "type", "size": 20}}})
        samples.append((time.perf_counter() - t) * 1000)
        total = result.count
    return samples, total


# -- relevance ---------------------------------------------------------------------------------------
def known_item(backend: WhooshBackend, docs, rng: random.Random, n: int = 200) -> tuple[float, float]:
    """Each sampled document's title typed without accents; MRR and success@10 of finding it."""
    reciprocal, found = [], 0
    for d in rng.sample(docs, min(n, len(docs))):
        q = " ".join(folded_form(w) for w, _s, _e, compound in tokens(d.title) if not compound)
        ranked = [h.id for h in backend.search(SearchRequest(q=q, per_page=10, facets=False)).hits]
        rank = ranked.index(d.id) + 1 if d.id in ranked else None
        reciprocal.append(1 / rank if rank else 0.0)
        found += rank is not None
    return statistics.mean(reciprocal), found / len(reciprocal)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii")
    except FileNotFoundError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="documents to generate (default 10000)")
    parser.add_argument("--procs", type=int, default=BUILD_PROCS,
                        help=f"Whoosh writer processes (default {BUILD_PROCS})")
    parser.add_argument("--reps", type=int, default=3, help="runs of each query (default 3)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the indexes here and keep them")
    parser.add_argument("--reuse", type=Path,
                        help="keep the indexes here; if they exist from a run with the same --n, --seed and "
                             "index fields and formats, query them without building")
    parser.add_argument("--backend", choices=("whoosh", "solr"), default="whoosh",
                        help="solr: also load and query a local SolrCloud (2 shards x 2 replicas)")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    t = time.perf_counter()
    docs = list(Generator(args.seed).documents(args.n))
    megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    print(f"generated {len(docs)} documents, {megabytes:.1f} MB of text in {time.perf_counter() - t:.0f} s",
          file=sys.stderr)
    queries = pick_queries(docs, rng)

    work = args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="vnsearch-bench-"))
    fields = ",".join(f"{name}:{type(field.format).__name__}" for name, field in build_schema().items())
    stamp = f"n={args.n} seed={args.seed} fields={fields}\n"
    reused = args.reuse is not None and _read(work / "BUILT") == stamp
    solr = None
    for sub in ("whoosh", "tantivy", "solr"):
        if reused and sub != "solr":
            continue
        shutil.rmtree(work / sub, ignore_errors=True)
        (work / sub).mkdir(parents=True)
    try:
        load = os.getloadavg()[0]
        if reused:
            print(f"reusing the indexes in {work}", file=sys.stderr)
            w_seconds = w_cpu = t_seconds = t_cpu = float("nan")
            tindex = open_tantivy(work / "tantivy")
        else:
            (work / "BUILT").unlink(missing_ok=True)
            w_seconds, w_cpu = build_whoosh(docs, work / "whoosh", args.procs)
            tindex, t_seconds, t_cpu = build_tantivy(docs, work / "tantivy")
            (work / "BUILT").write_text(stamp, encoding="ascii")
        backend = WhooshBackend(work / "whoosh", cache_size=0)  # time the searches, not the result cache
        w_size = backend.size_bytes() / 1e6
        t_size = sum(f.stat().st_size for f in (work / "tantivy").rglob("*") if f.is_file()) / 1e6
        if args.backend == "solr":
            from search_solr import SolrBench

            solr = SolrBench(work / "solr")
            s_seconds, s_cpu = solr.build(docs, cpu_seconds)
            s_size = solr.size_mb()

        rows = []
        cpu_ms: dict[str, tuple[float, float]] = {}
        for kind in KINDS:
            cpu: list[float] = []
            full, core, tant, sol, first = [], [], [], [], []
            hits_w = hits_t = 0
            for q in queries[kind]:
                f, c, total = time_whoosh(backend, kind, q, args.reps, cpu)
                s, ttotal = time_tantivy(tindex, kind, q, args.reps)
                if solr:
                    sol += solr.time(kind, q, args.reps)[0]
                full += f
                first.append(f[0])
                core += c
                tant += s
                hits_w += total
                hits_t += ttotal
            rows.append((kind, len(queries[kind]), percentiles(full), percentiles(core), percentiles(tant),
                         hits_w / max(1, len(queries[kind])), hits_t / max(1, len(queries[kind])),
                         percentiles(sol) if sol else None, percentiles(first)))
            cpu_ms[kind] = percentiles(cpu)
        mrr, success = known_item(backend, docs, rng)
        if solr:
            s_mrr, s_success = known_item(solr.backend, docs, random.Random(args.seed + 1))
    finally:
        if solr:
            solr.stop()
        if not (args.keep or args.reuse):
            shutil.rmtree(work, ignore_errors=True)

    w_rate, t_rate = len(docs) / w_seconds, len(docs) / t_seconds
    print(f"\n### Search benchmark: {len(docs):,} documents, {megabytes:.0f} MB of text, "
          f"Whoosh writer procs={args.procs}, {os.cpu_count()} CPUs, load average {load:.1f} at start\n")
    if reused:
        print(f"Indexes reused from {work}: not built in this run (build rows nan).\n")
    print("| build | Whoosh (ours) | tantivy | ratio ours/tantivy | target |")
    print("|---|---:|---:|---:|---|")
    print(f"| docs/s | {w_rate:,.0f} | {t_rate:,.0f} | {w_rate / t_rate:.3f} | ≥ {TARGET_BUILD:.0f} docs/s |")
    print(f"| MB/s | {megabytes / w_seconds:.2f} | {megabytes / t_seconds:.2f} | | |")
    print(f"| docs per CPU-second | {len(docs) / w_cpu:,.0f} | {len(docs) / t_cpu:,.0f} "
          f"| {t_cpu / w_cpu:.3f} | |")
    print(f"| index size MB | {w_size:,.0f} | {t_size:,.0f} | {w_size / t_size:.1f} | |")
    if solr:
        print("\n| build, SolrCloud 2 shards x 2 replicas (every document indexed twice) | SolrCloud |")
        print("|---|---:|")
        print(f"| docs/s | {len(docs) / s_seconds:,.0f} |")
        print(f"| docs per CPU-second (Python + Java) | {len(docs) / s_cpu:,.0f} |")
        print(f"| index size MB, all 4 replicas | {s_size:,.0f} |")
    print("\nEach query's first run starts with the posting cache empty (`first run` columns); its other runs"
          " find the query's lists there, as a server does for words searched before.\n")
    print("| query kind (n queries × reps) | avg hits | ours API p50 / p95 ms "
          "| ours API first run p50 / p95 ms | ours API CPU p50 / p95 ms | bare Whoosh p50 / p95 ms "
          "| tantivy p50 / p95 ms "
          "| p95 ratio API/tantivy | p95 ≤ 100 ms (also first run) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for kind, nq, (f50, f95), (c50, c95), (t50, t95), hw, _ht, _s, (r50, r95) in rows:
        u50, u95 = cpu_ms[kind]
        ok = "yes" if max(f95, r95) <= TARGET_MS else f"no (CPU p95: {'yes' if u95 <= TARGET_MS else 'no'})"
        print(f"| {kind} ({nq} × {args.reps}) | {hw:,.0f} | {f50:.1f} / {f95:.1f} | {r50:.1f} / {r95:.1f} "
              f"| {u50:.1f} / {u95:.1f} | {c50:.1f} / {c95:.1f} | {t50:.2f} / {t95:.2f} "
              f"| {f95 / max(t95, 1e-3):.0f}× | {ok} |")
    print(f"\nKnown-item relevance (200 titles typed without accents): MRR {mrr:.3f}, "
          f"success@10 {success:.1%} (target MRR ≥ 0.9)")
    if solr:
        print("\n| query kind (n queries × reps) | Whoosh API p50 / p95 ms | SolrCloud API p50 / p95 ms "
              "| tantivy p50 / p95 ms |")
        print("|---|---:|---:|---:|")
        for kind, nq, (f50, f95), _c, (t50, t95), _hw, _ht, (s50, s95), _first in rows:
            print(f"| {kind} ({nq} × {args.reps}) | {f50:.1f} / {f95:.1f} | {s50:.1f} / {s95:.1f} "
                  f"| {t50:.2f} / {t95:.2f} |")
        print(f"\nSolrCloud known-item relevance (200 other titles): MRR {s_mrr:.3f}, "
              f"success@10 {s_success:.1%}")


if __name__ == "__main__":
    main()
