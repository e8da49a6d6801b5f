"""`vnarchive serve`: a real waitress server on 127.0.0.1 over an archive; a clear error for a busy port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from web_archive import build_archive

VNARCHIVE = str(Path(sys.executable).parent / "vnarchive")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.stderr.read()}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {seconds}s")


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    svc, ids = build_archive(root)
    svc.close()
    return root / "home", ids


@pytest.mark.slow
def test_serve_answers_pages_and_api(home):
    data_home, ids = home
    port = free_port()
    env = {**os.environ, "VNARCHIVE_HOME": str(data_home), "VNARCHIVE_ACCESS": "public"}
    with subprocess.Popen(
        [VNARCHIVE, "serve", "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True
    ) as server:
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/opensearch.xml", server)
            with urllib.request.urlopen(base + "/api/search?q=quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh") as response:
                data = json.load(response)
            assert data["results"][0]["id"] == ids["decision"]
            with urllib.request.urlopen(f"{base}/doc/{ids['report']}") as response:
                assert "Tổng kết công tác quản lý đô thị" in response.read().decode("utf-8")
        finally:
            server.terminate()
            server.wait(timeout=10)
        assert f"on http://127.0.0.1:{port}/" in server.stderr.read()


def test_busy_port_is_a_one_line_error(home, tmp_path):
    data_home, _ = home
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "VNARCHIVE_HOME": str(data_home), "VNARCHIVE_ACCESS": "public"}
        result = subprocess.run(
            [VNARCHIVE, "serve", "--port", str(port)], env=env, capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[-1] == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"
    )
    assert "Traceback" not in result.stderr


def test_bad_setting_is_a_one_line_error(home):
    data_home, _ = home
    env = {**os.environ, "VNARCHIVE_HOME": str(data_home), "VNARCHIVE_ACCESS": "everyone"}
    result = subprocess.run(
        [VNARCHIVE, "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: access should be one of public, members, not 'everyone'"


@pytest.mark.slow
def test_serve_with_two_processes_answers_and_stops_them_all(home):
    data_home, ids = home
    port = free_port()
    env = {**os.environ, "VNARCHIVE_HOME": str(data_home), "VNARCHIVE_ACCESS": "public"}
    with subprocess.Popen([VNARCHIVE, "serve", "--port", str(port), "--workers", "2"], env=env,
                          stderr=subprocess.PIPE, text=True) as server:
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/opensearch.xml", server)
            children = _children(server.pid)
            assert len(children) == 2
            search = base + "/api/search?q=quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh"
            for _ in range(6):  # several connections: the kernel hands them to either process
                with urllib.request.urlopen(search) as response:
                    assert json.load(response)["results"][0]["id"] == ids["decision"]
        finally:
            server.terminate()
            server.wait(timeout=10)
    for pid in children:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found
