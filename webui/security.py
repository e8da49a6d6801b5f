"""Defences every request passes through: secret key and cookie flags, CSRF, login rate limits, upload
limits and content sniffing, security headers.

`init_app` is called once by the factory, before the blueprints are registered; `limit_login` after.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from pathlib import Path

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask.wrappers import Response
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

LIMITER = "vnarchive.limiter"
# Per client address, and per account name so that many addresses cannot take turns on one account.
LOGIN_LIMITS = ("10 per minute", "50 per hour")
LOGIN_LIMITS_PER_ACCOUNT = "20 per hour"
UPLOAD_OVERHEAD = 64 * 1024  # multipart headers around one file
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class UploadRefused(ValueError):
    """An uploaded file is not taken: the message names the file and the reason."""


class _SessionInterface(SecureCookieSessionInterface):
    """The signed cookie gets `Secure` whenever the request came over HTTPS (directly or via the proxy)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def secret_key(home: Path) -> str:
    """The app's signing key from `HOME/secret_key`, generated (mode 600) on first run; never in the repo."""
    path = Path(home) / "secret_key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker created it first: use theirs
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key + "\n")
    return key


def init_app(app: Flask) -> None:
    settings = app.config["SETTINGS"]
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(settings.home)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_NAME="vnarchive")
    app.config.setdefault("SESSION_COOKIE_SECURE", False)
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = int(settings.max_upload_mb) * 1024 * 1024 + UPLOAD_OVERHEAD
    app.session_interface = _SessionInterface()
    hops = int(app.config.get("PROXY_HOPS", settings.proxy_hops))
    if hops:  # behind the operator's HTTPS reverse proxy: trust exactly that many X-Forwarded-* hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    CSRFProtect(app)
    # One limiter per app with in-process storage: counters live as long as the server process.
    app.extensions[LIMITER] = Limiter(get_remote_address, app=app, storage_uri="memory://", default_limits=[],
                                      headers_enabled=True)
    app.after_request(add_headers)


def limit_login(app: Flask, endpoint: str) -> None:
    """Rate-limit POSTs to the login view (per address and per submitted e-mail)."""
    limiter: Limiter = app.extensions[LIMITER]
    view = app.view_functions[endpoint]
    for limit in LOGIN_LIMITS:
        view = limiter.limit(limit, methods=["POST"])(view)
    view = limiter.limit(LOGIN_LIMITS_PER_ACCOUNT, methods=["POST"],
                         key_func=lambda: "account:" + request.form.get("email", "").strip().lower())(view)
    app.view_functions[endpoint] = view


def add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if request.endpoint and not request.endpoint.startswith("static"):
        response.headers.setdefault("Cache-Control", "private, no-store" if request.cookies else "no-cache")
    return response


# --- uploads ---------------------------------------------------------------------------------------

# Formats we accept, by what the first bytes say (the extension alone proves nothing).
_OLE_TYPES = ("doc", "xls", "ppt")
_OOXML_TYPES = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
_MAGIC = ((b"%PDF-", "pdf"), (b"{\\rtf", "rtf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"),
          (b"II*\x00", "tif"), (b"MM\x00*", "tif"))
_TEXT_TYPES = ("txt", "csv", "html", "htm")
_NAME_OK = re.compile(r"[^\w .()\-+,]", re.UNICODE)
MAX_NAME = 120


def sniff(data: bytes, filename: str) -> str:
    """The file type its content proves, as an extension; raises `UploadRefused` for anything else."""
    claimed = Path(filename).suffix.lower().lstrip(".")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: Word/Excel/PowerPoint 97 to 2003
        return claimed if claimed in _OLE_TYPES else "doc"
    if data.startswith(b"PK\x03\x04"):
        head = data[:65536]
        for marker, kind in _OOXML_TYPES.items():
            if marker.encode() in head:
                return kind
        raise UploadRefused(f"{filename}: a zip archive that is not a Word, Excel or PowerPoint file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data and _looks_like_text(data[:65536]):
        return claimed if claimed in _TEXT_TYPES else "txt"
    if not data:
        raise UploadRefused(f"{filename}: the file is empty")
    raise UploadRefused(f"{filename}: not a document type the archive reads "
                        "(doc, docx, xls, xlsx, ppt, pptx, rtf, pdf, txt, html, images)")


def _looks_like_text(head: bytes) -> bool:
    """Plain text in any legacy 8-bit encoding or UTF-8/16: no NULs (unless UTF-16), few control bytes."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head or head.startswith((b"MZ", b"\x7fELF")):
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls <= len(head) // 100


def safe_filename(filename: str, kind: str) -> str:
    """A display name for an upload that cannot address anything: refuses path parts, keeps letters
    (Vietnamese too), and ends in the sniffed extension."""
    if not filename or "\x00" in filename or "/" in filename or "\\" in filename or filename.startswith(".."):
        raise UploadRefused(f"{filename!r}: file names with folders or '..' are not accepted")
    stem = unicodedata.normalize("NFC", Path(filename).stem)
    stem = _NAME_OK.sub("_", stem).strip(" .")[:MAX_NAME] or "upload"
    return f"{stem}.{kind}"
