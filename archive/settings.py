"""Settings, declared once: name, default, help. Environment variables override `HOME/config.toml`."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    choices: tuple[str, ...] = ()
    kind: type = str

    @property
    def env(self) -> str:
        return "VNARCHIVE_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("home", "./data", "data directory: originals, catalog, index, secret key"),
    Setting("access", "members", "who may read: `public` (anyone) or `members` (signed-in accounts)",
            ("public", "members")),
    Setting("search", "whoosh", "search backend: `whoosh` (one machine) or `solr` (SolrCloud)",
            ("whoosh", "solr")),
    Setting("solr_url", "http://127.0.0.1:8983/solr", "SolrCloud base URL when search = solr"),
    Setting("solr_collection", "vnarchive", "SolrCloud collection name"),
    Setting("max_upload_mb", "100", "largest file accepted by upload or ingest, in MB", kind=int),
    Setting("office_timeout", "120", "seconds LibreOffice may spend on one file (and the PDF reader on one "
            "page)", kind=int),
    Setting("proxy_hops", "0", "HTTPS reverse proxies in front of `serve` whose X-Forwarded-* are trusted",
            kind=int),
)
BY_NAME = {s.name: s for s in SETTINGS}


class SettingError(ValueError):
    """A setting has a value it cannot take."""


class Settings:
    """Resolved settings: environment, then `config.toml` in the home, then defaults."""

    def __init__(self, overrides: dict[str, object] | None = None, env: dict[str, str] | None = None):
        env = os.environ if env is None else env
        home = Path((overrides or {}).get("home") or env.get("VNARCHIVE_HOME") or BY_NAME["home"].default)
        file_values = _read_config(home / "config.toml")
        self._values: dict[str, object] = {}
        for s in SETTINGS:
            raw = (overrides or {}).get(s.name)
            if raw is None:
                raw = env.get(s.env, file_values.get(s.name, s.default))
            self._values[s.name] = _validate(s, raw)
        self._values["home"] = home

    def __getattr__(self, name: str) -> object:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def home(self) -> Path:
        return self._values["home"]  # type: ignore[return-value]

    def as_dict(self) -> dict[str, object]:
        return {k: str(v) for k, v in self._values.items()}


def _read_config(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingError(f"{path}: not valid TOML ({exc})") from exc


def _validate(setting: Setting, raw: object) -> object:
    if setting.choices and str(raw) not in setting.choices:
        raise SettingError(f"{setting.name} should be one of {', '.join(setting.choices)}, not {raw!r}")
    if setting.kind is int:
        try:
            return int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise SettingError(f"{setting.name} should be an integer, not {raw!r}") from None
    return str(raw)
