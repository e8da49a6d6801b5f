"""A small real archive for the web tests: the demo corpus plus documents made to exercise the pages.

Built once per test module through `service.Service` (the real catalog, blobs and Whoosh index).
"""

from __future__ import annotations

from pathlib import Path

from archive.settings import Settings
from converters.charsets import encode
from service import Service

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

REPORT_1998 = (
    "ỦY BAN NHÂN DÂN TỈNH HÀ TÂY\nSố: 12/BC-UBND\nHà Tây, ngày 5 tháng 3 năm 1998\n"
    "BÁO CÁO\nTổng kết công tác quản lý đô thị năm 1997\n"
    "Trong năm qua, công tác quản lý đô thị đã đạt nhiều kết quả.\n"
)
DECISION_2001 = (
    "BỘ XÂY DỰNG\nSố: 15/2001/QĐ-BXD\nHà Nội, ngày 20 tháng 6 năm 2001\n"
    "QUYẾT ĐỊNH\nVề việc ban hành quy chế quản lý kiến trúc đô thị\n"
    "Điều 1. Ban hành kèm theo quyết định này quy chế quản lý kiến trúc.\n"
)
SCRIPT_NOTICE = "Thông báo <script>alert('xss')</script> về lịch họp\nNăm 2004, phòng họp số 2.\n"
# Typed in TCVN3 (ABC): stored as those bytes, shown through cp1252 on a machine without the fonts.
LEGACY_TEXT = "Kế hoạch phát triển giao thông nông thôn năm 1995\nCác xã cần hoàn thành đường liên thôn.\n"


def write_sources(folder: Path) -> dict[str, Path]:
    """The extra documents as files, keyed by a short name."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "report": ("bao_cao_1998.txt", REPORT_1998.encode("utf-8")),
        "decision": ("quyet_dinh_2001.txt", DECISION_2001.encode("utf-8")),
        "script": ("thong_bao.txt", SCRIPT_NOTICE.encode("utf-8")),
        "legacy": ("ke_hoach_tcvn3.txt", encode(LEGACY_TEXT, "tcvn3")),
    }
    paths = {}
    for key, (name, data) in files.items():
        paths[key] = folder / name
        paths[key].write_bytes(data)
    return paths


def build_archive(root: Path) -> tuple[Service, dict[str, str]]:
    """A service over a fresh home holding the corpus and the extra documents; returns (service, ids)."""
    home = root / "home"
    sources = write_sources(root / "incoming")
    svc = Service(Settings({"home": str(home), "access": "public"}))
    # The demo corpus changes as the converters improve; exact counts in tests use collection "tests".
    outcomes = svc.ingest([CORPUS], recursive=True, collection="demo").outcomes
    outcomes += svc.ingest([root / "incoming"], recursive=True, collection="tests").outcomes
    by_name = {Path(o.path).name: o.doc_id for o in outcomes}
    ids = {key: by_name[path.name] for key, path in sources.items()}
    ids.update({f"corpus{n}": by_name[p.name] for n, p in enumerate(sorted(CORPUS.glob("*.txt")))})
    return svc, ids


def web_client(svc: Service, **config: object):
    """A Flask test client of the web UI over `svc`."""
    from webui import create_app

    app = create_app({"TESTING": True, "SETTINGS": svc.settings, "SERVICE": svc, **config})
    return app.test_client()
