"""`vnarchive serve`: the web UI and JSON API under waitress (never the Flask debug server)."""

from __future__ import annotations

import click

from archive.settings import SettingError, Settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="TCP port")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="worker threads answering requests, per process")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 32),
              help="server processes sharing the port (one per core helps under load; each keeps its "
                   "own caches and login rate-limit counts)")
def serve(host: str, port: int, threads: int, workers: int) -> None:
    """Serve the archive on the web: search, browse, documents and /api.

    \b
    Example:
        vnarchive serve --host 0.0.0.0 --port 8080 --workers 2
    """
    from service import accounts  # imported here: other commands need no web stack
    from webui import create_app
    from webui.service_access import EXTENSION
    from webui.serving import listen
    from webui.serving import serve as serve_app

    try:
        app = create_app({"SETTINGS": Settings()})
    except SettingError as exc:
        raise click.ClickException(str(exc)) from None
    settings = app.config["SETTINGS"]
    where = f"http://{host}:{port}/"
    click.echo(f"vnarchive: serving {settings.home} ({settings.access} access) on {where}", err=True)
    if not accounts.has_staff(app.extensions[EXTENSION]):
        click.echo("vnarchive: no staff account yet; create one with "
                   "`vnarchive user add EMAIL --role staff --generate`, then sign in at /login", err=True)
    try:
        sock = listen(host, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    if workers == 1:
        serve_app(lambda: app, sock, threads=threads)
    else:
        app.extensions[EXTENSION].close()  # each process opens its own catalog connection
        serve_app(lambda: create_app({"SETTINGS": settings}), sock, threads=threads, workers=workers)


COMMANDS: list = [serve]
