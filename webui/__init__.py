"""The Flask web UI: search, documents, browse and the JSON API over `service.Service`.

`create_app(config)` builds the app; every blueprint is registered in `BLUEPRINTS`, every read route goes
through the one access check in `webui.access`, and errors render as an HTML page or JSON in `webui.errors`.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from archive.settings import Settings
from webui import (
    access,
    auth,
    errors,
    facet_labels,
    i18n,
    query_args,
    repair_reasons,
    results_body,
    security,
    year_bars,
)
from webui.api import bp as api_bp
from webui.browse import bp as browse_bp
from webui.documents import bp as documents_bp
from webui.search import bp as search_bp
from webui.service_access import init_service
from webui.staff import bp as staff_bp
from webui.users import bp as users_bp

BLUEPRINTS = (search_bp, documents_bp, browse_bp, api_bp, i18n.bp, staff_bp, users_bp)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app. `config` may hold Flask keys and `SETTINGS` (a `Settings`; default: from the env)."""
    app = Flask(__name__)
    app.config.update(config or {})
    settings = app.config.setdefault("SETTINGS", Settings())
    app.json.ensure_ascii = False  # Vietnamese stays readable in the JSON API
    app.json.sort_keys = False  # fields in the documented order of the contract
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    init_service(app, settings)
    security.init_app(app)  # secret key, cookie flags, CSRF, limiter, headers: before any view
    i18n.init_app(app)
    query_args.init_app(app)
    year_bars.init_app(app)
    facet_labels.init_app(app)
    results_body.init_app(app)
    repair_reasons.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    auth.init_app(app)  # sets g.user before the read-access check below
    access.init_app(app)
    errors.init_app(app)
    return app
