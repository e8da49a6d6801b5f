"""A small SolrCloud HTTP client: JSON over the standard library, fail-over between nodes.

Any node of a SolrCloud answers for the whole collection (it forwards to shard leaders and replicas), so
the client keeps a list of node URLs and moves to the next one when a node does not answer or answers
with a server error (5xx). Request errors (4xx: a bad query, a missing collection) are not retried: they
would fail the same way everywhere.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request

from index.backend import SearchUnavailable


class SolrError(SearchUnavailable):
    """Solr answered with an error, or no node could be reached."""


class SolrUnavailable(SolrError):
    """No node of the cluster answered."""


def node_urls(spec: str) -> list[str]:
    """Split a `VNARCHIVE_SOLR_URL` value (one URL, or several separated by commas) into base URLs.

    >>> node_urls("http://a:8983/solr/, http://b:8983/solr")
    ['http://a:8983/solr', 'http://b:8983/solr']
    """
    urls = [u.strip().rstrip("/") for u in spec.split(",") if u.strip()]
    if not urls:
        raise SolrError("no Solr URL configured (set VNARCHIVE_SOLR_URL)")
    return urls


class SolrClient:
    """JSON requests to the first node that answers; `timeout` is per attempt, `retry_for` in total."""

    def __init__(self, urls: str | list[str], *, timeout: float = 30.0, retry_for: float = 10.0):
        self.urls = node_urls(urls) if isinstance(urls, str) else list(urls)
        self.timeout = timeout
        self.retry_for = retry_for
        self._preferred = 0

    def get(self, path: str, params: dict | list | None = None) -> dict:
        return self.request("GET", path, params)

    def post_json(self, path: str, payload: object, params: dict | list | None = None) -> dict:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return self.request("POST", path, params, body, "application/json")

    def post_form(self, path: str, params: dict | list) -> dict:
        """POST parameters as a form: long queries do not fit in a URL."""
        body = urllib.parse.urlencode(_pairs(params), doseq=True).encode("utf-8")
        return self.request("POST", path, None, body, "application/x-www-form-urlencoded")

    def request(self, method: str, path: str, params: dict | list | None = None, body: bytes | None = None,
                content_type: str | None = None) -> dict:
        """Send one request, trying every node in turn until one answers or `retry_for` runs out."""
        query = urllib.parse.urlencode([*_pairs(params or {}), ("wt", "json")], doseq=True)
        deadline = time.monotonic() + self.retry_for
        last: Exception | None = None
        while True:
            for k in range(len(self.urls)):
                i = (self._preferred + k) % len(self.urls)
                url = f"{self.urls[i]}/{path.lstrip('/')}" + (f"?{query}" if query else "")
                req = urllib.request.Request(url, data=body, method=method)
                if content_type:
                    req.add_header("Content-Type", content_type)
                try:
                    with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                        self._preferred = i
                        return json.loads(resp.read().decode("utf-8"))
                except urllib.error.HTTPError as exc:
                    error = _error_message(exc)
                    if exc.code == 404 and not path.startswith("admin/"):
                        raise SolrError(f"collection {path.split('/')[0]!r} does not exist "
                                        "(run `vnarchive solr init`)") from None
                    if exc.code >= 500:
                        # A node going down mid-request, a shard between leaders: another try may succeed.
                        # Writes are safe to repeat (documents are replaced by id).
                        last = SolrError(error)
                        continue
                    raise SolrError(error) from None
                except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
                    last = exc
            if time.monotonic() >= deadline:
                break
            time.sleep(0.25)
        if isinstance(last, SolrError):
            raise last
        raise SolrUnavailable(f"Solr is not reachable at {', '.join(self.urls)} ({_reason(last)})")


def _pairs(params: dict | list) -> list[tuple[str, str]]:
    items = params.items() if isinstance(params, dict) else params
    out = []
    for key, value in items:
        for v in value if isinstance(value, list | tuple) else [value]:
            out.append((key, "true" if v is True else "false" if v is False else str(v)))
    return out


def _error_message(exc: urllib.error.HTTPError) -> str:
    try:
        data = json.loads(exc.read().decode("utf-8"))
        msg = (data.get("error") or {}).get("msg") or data.get("errorMessages") or data
    except (ValueError, AttributeError, OSError):
        msg = exc.reason
    finally:
        exc.close()
    return f"Solr error {exc.code}: {str(msg).splitlines()[0] if str(msg) else exc.reason}"


def _reason(exc: Exception | None) -> str:
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, Exception) else exc
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
