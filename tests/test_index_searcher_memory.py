"""A searcher reads compound segment files in place: each server thread's searcher must not hold its own
copy of the index (it did: Whoosh read every part into a BytesIO)."""

from __future__ import annotations

import threading
import tracemalloc

from backend_suite import doc

from index.backend import SearchRequest
from index.whoosh_backend import WhooshBackend

WORDS = ["báo", "cáo", "quy", "hoạch", "đô", "thị", "xây", "dựng", "ngân", "sách", "nhà", "nước",
         "đất", "đai", "giáo", "dục", "y", "tế", "giao", "thông"]


def test_another_threads_searcher_allocates_a_small_share_of_the_index(tmp_path):
    backend = WhooshBackend(tmp_path)
    def text(i: int) -> str:
        return " ".join(f"{WORDS[(i * 7 + j * 3) % len(WORDS)]} {i * 31 + j}" for j in range(300))

    backend.add([doc(f"d{i:04d}", title=f"Báo cáo số {i}", text=text(i)) for i in range(400)])
    assert backend.search(SearchRequest(q="đô thị")).total == 400
    on_disk = backend.size_bytes()
    allocated = []

    def search_in_another_thread():
        tracemalloc.start()
        backend.search(SearchRequest(q="ngân sách"))
        allocated.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()

    thread = threading.Thread(target=search_in_another_thread)
    thread.start()
    thread.join()
    assert on_disk > 2_000_000
    assert allocated[0] < on_disk / 4, (allocated[0], on_disk)
