"""One error handler: a not-found document, a bad request or any HTTP error renders as an HTML page, or as
JSON `{"error", "message", "status"}` under `/api/`."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from service import ArchiveError, InvalidField, NotFound


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(status: int, code: str, message: str) -> ResponseReturnValue:
    if wants_json():
        return {"error": code, "message": message, "status": status}, status
    return render_template("error.html", status=status, message=message), status


def handle_not_found(exc: NotFound) -> ResponseReturnValue:
    return render_error(404, "not_found", _("No document with id %(id)s.", id=exc.doc_id))


def handle_archive_error(exc: ArchiveError) -> ResponseReturnValue:
    """A stored original that is missing or damaged, or a field the archive refuses: say which."""
    if isinstance(exc, InvalidField):
        return render_error(400, "invalid_field", str(exc))
    message = _("The archive could not serve this: %(reason)s", reason=str(exc))
    return render_error(500, "archive_error", message)


def handle_http(exc: HTTPException) -> ResponseReturnValue:
    messages = {
        400: _("The request could not be understood."),
        404: _("There is no page at this address."),
        405: _("This address does not accept that method."),
    }
    status = exc.code or 500
    message = messages.get(status, exc.description or "")
    if status == 400 and exc.description and exc.description != type(exc).description:
        message = exc.description  # our own `abort(400, "...")` says which parameter is wrong
    return render_error(status, (exc.name or "error").lower().replace(" ", "_"), message)


def init_app(app: Flask) -> None:
    app.register_error_handler(NotFound, handle_not_found)
    app.register_error_handler(ArchiveError, handle_archive_error)
    app.register_error_handler(HTTPException, handle_http)
