"""Serve the app under waitress, in one process or in several that share one listening socket.

Waitress answers requests on threads, and threads share one interpreter lock: however many cores the
machine has, one process does Python work on one of them at a time. With `workers` > 1 the socket is
bound once and that many processes are forked; each builds its own app (catalog connections, searcher,
result cache) and accepts connections from the shared socket, so the kernel spreads them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from collections.abc import Callable

import waitress
from flask import Flask

BACKLOG = 1024


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on `host`:`port` (OSError when the port is taken)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def serve(make_app: Callable[[], Flask], sock: socket.socket, *, threads: int, workers: int = 1) -> None:
    """Answer on `sock` until terminated: in this process, or in `workers` forked ones."""
    if workers <= 1:
        _run(make_app(), sock, threads)
        return
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # the child: serve until terminated, never return into the parent's code
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                _run(make_app(), sock, threads)
            finally:
                os._exit(1)
        children.append(pid)
    sock.close()
    _supervise(children)


def _run(app: Flask, sock: socket.socket, threads: int) -> None:
    waitress.serve(app, sockets=[sock], threads=threads, ident="vnarchive", _quiet=True)


def _supervise(children: list[int]) -> None:
    """Wait for the children; on SIGTERM or SIGINT, or when one of them dies, stop them all."""

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    status = 0
    try:
        _pid, status = os.wait()  # one child ended on its own: the server is no longer whole
        print(f"vnarchive: a server process exited (status {status}); stopping the others",
              file=sys.stderr)
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
    raise SystemExit(1 if status else 0)
