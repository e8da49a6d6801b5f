"""Ingest and re-convert real legacy office files (LibreOffice, RTF): metadata, byte-exact originals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from repo_paths import shared_path

from archive.settings import Settings
from service import Service

FILES = {  # real-corpus file -> (year, date, type) its heading states
    "vni/2008-23.QD-991-UBND.doc": (2008, "2008-05-14", "quyết định"),
    "tcvn3/2003-TT132001.doc": (2001, "2001-03-08", "thông tư"),
    "tcvn3/2003-A05.rtf": (2001, "2001-03-08", "thông tư"),
}


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_real_files_ingest_with_metadata_and_reconvert(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "real"
    source.mkdir()
    for name in FILES:
        shutil.copy(shared_path("realcorpus", "files", name), source / Path(name).name)
    svc = Service(Settings())
    report = svc.ingest([source], recursive=True, collection="real")
    assert report.count("added") == 3, [o.reason for o in report.failed]
    by_name = {Path(o.path).name: o.doc_id for o in report.outcomes}
    for name, (year, date, doc_type) in FILES.items():
        doc = svc.get(by_name[Path(name).name])
        assert (doc.year, doc.date, doc.doc_type) == (year, date, doc_type), name
        assert doc.encoding == name.split("/")[0]
        assert svc.original(doc.id) == (source / Path(name).name).read_bytes()
    qd = svc.get(by_name["2008-23.QD-991-UBND.doc"])
    assert qd.title.startswith("QUYẾT ĐỊNH Về việc phê duyệt Kế hoạch")
    assert qd.source == "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC"
    before = svc.get(qd.id).text
    assert svc.reconvert([qd.id]).converted == [qd.id]
    assert svc.get(qd.id).text == before  # same converter, same original: same text
    assert svc.check().ok
