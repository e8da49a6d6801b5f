"""One `service.Service` per app, reached from views with `service()`; views never open SQLite or Whoosh."""

from __future__ import annotations

from flask import Flask, current_app

from archive.settings import Settings
from service import Service

EXTENSION = "vnarchive.service"


def init_service(app: Flask, settings: Settings) -> None:
    """Attach the service (or the one given as `config["SERVICE"]`, e.g. a shared one in tests)."""
    app.extensions[EXTENSION] = app.config.get("SERVICE") or Service(settings)


def service() -> Service:
    """The archive + index API of the current app."""
    return current_app.extensions[EXTENSION]
