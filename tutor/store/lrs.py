"""Talking to a class's learning record store: post statements once, read them back.

The standard library's HTTP client is enough for xAPI's two calls (POST a JSON array,
GET a page with `more`), so qi-tutor needs no HTTP dependency of its own. Credentials
come from the caller (an env variable or the settings file, never argv, which `ps`
shows). Plain http is refused except to loopback, because the statements name
students and the credentials travel with every request.

`send` posts in batches what the `sent` table does not list for this LRS, and records
each batch the moment the LRS accepts it: a connection dropped mid-batch leaves that
batch unrecorded, so it is posted again, and because a statement's id is derived from
its content the LRS answers the re-post with 200 or 204, never a duplicate.
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from tutor.store.progress import ProgressStore, utc_stamp

XAPI_VERSION = "1.0.3"
BATCH = 200  # statements per POST: small enough for any LRS's request limit, large enough to be fast
PAGE = 500  # statements asked for per GET; the LRS may give fewer
TIMEOUT_S = 30.0
RETRIES = 5
BACKOFF_S = 0.5  # doubled after each failed try: 0.5, 1, 2, 4 s
USER_AGENT = "qi-tutor"


class LrsError(Exception):
    """The LRS could not be reached or refused the request; the message says what to do."""


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def statements_url(url: str, allow_http: bool = False) -> str:
    """The statements endpoint for an LRS address given with or without `/statements`; ValueError when unsafe."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) address of an LRS (such as https://lrs.school.example/xAPI)")
    if parts.scheme == "http" and not allow_http and not _loopback(parts.hostname):
        raise ValueError(
            f"{url} is plain http: the statements and your credentials would cross the network unencrypted; "
            "use https, or pass --allow-http for a trial on a network you trust"
        )
    base = url.rstrip("/")
    return base if base.endswith("/statements") else base + "/statements"


@dataclass
class Client:
    """One LRS's statements endpoint; `sleep` is injectable so tests of back-off need not wait."""

    endpoint: str
    credentials: str | None = None  # "user:password" for HTTP basic authentication
    timeout: float = TIMEOUT_S
    retries: int = RETRIES
    sleep: Callable[[float], None] = field(default=time.sleep)

    def _request(self, method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = {"X-Experience-API-Version": XAPI_VERSION, "User-Agent": USER_AGENT}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if self.credentials:
            headers["Authorization"] = "Basic " + base64.b64encode(self.credentials.encode("utf-8")).decode("ascii")
        wait = BACKOFF_S
        for attempt in range(1, self.retries + 1):
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.status, response.read()
            except urllib.error.HTTPError as error:
                detail = error.read()[:300].decode("utf-8", "replace")
                if error.code < 500 or attempt == self.retries:
                    return error.code, detail.encode("utf-8")
                problem = f"{error.code} {detail}"
            except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
                problem = str(getattr(error, "reason", error))
                if attempt == self.retries:
                    raise LrsError(f"{self.endpoint} could not be reached ({problem}) after {attempt} tries") from None
            self.sleep(wait)  # a 5xx or a dropped connection: the LRS may be restarting; try again later
            wait *= 2
        raise LrsError(f"{self.endpoint}: {problem}")  # pragma: no cover - the loop returns or raises

    def post(self, statements: list[dict[str, Any]]) -> int:
        """POST one batch; returns the status (200 or 204). LrsError for anything the LRS refused."""
        body = json.dumps(statements, ensure_ascii=False).encode("utf-8")
        status, detail = self._request("POST", self.endpoint, body)
        if status in (200, 204):
            return status
        text = detail.decode("utf-8", "replace")
        if status == 409:
            raise LrsError(f"the LRS already holds a statement with one of these ids and other content (409): {text}")
        if status in (401, 403):
            raise LrsError(f"the LRS refused the credentials ({status}); check $QI_TUTOR_LRS_AUTH or lrs_auth")
        raise LrsError(f"the LRS refused the batch ({status}): {text}")

    def pages(self, filters: dict[str, str] | None = None) -> Iterator[list[dict[str, Any]]]:
        """GET every statement, page by page, following `more` until it is empty."""
        url: str | None = self.endpoint + "?" + urlencode({"limit": str(PAGE), **(filters or {})})
        while url:
            status, body = self._request("GET", url)
            if status != 200:
                raise LrsError(
                    f"the LRS refused to list statements ({status}): {body[:300].decode('utf-8', 'replace')}"
                )
            try:
                page = json.loads(body)
                statements, more = page["statements"], page.get("more") or None
            except (ValueError, KeyError, TypeError):
                raise LrsError(f"{url}: not an xAPI StatementResult") from None
            if not isinstance(statements, list):
                raise LrsError(f"{url}: `statements` is not a list")
            yield statements
            url = urljoin(self.endpoint, more) if isinstance(more, str) else None


@dataclass
class Sent:
    posted: int = 0  # statements in batches the LRS accepted in this run
    batches: int = 0
    already: int = 0  # statements the record says this LRS has, left out


def already_sent(store: ProgressStore, endpoint: str) -> set[str]:
    return {row["statement_id"] for row in store.rows("SELECT statement_id FROM sent WHERE lrs = ?", (endpoint,))}


def send(store: ProgressStore, client: Client, statements: Iterable[dict[str, Any]], batch: int = BATCH) -> Sent:
    """Post what this LRS has not accepted yet, recording each batch as it is accepted."""
    done = already_sent(store, client.endpoint)
    result = Sent()
    pending: list[dict[str, Any]] = []
    for statement in statements:
        if statement["id"] in done:
            result.already += 1
            continue
        done.add(statement["id"])
        pending.append(statement)
        if len(pending) == batch:
            _post(store, client, pending, result)
            pending = []
    if pending:
        _post(store, client, pending, result)
    return result


def _post(store: ProgressStore, client: Client, pending: list[dict[str, Any]], result: Sent) -> None:
    client.post(pending)
    stamp = utc_stamp()
    with store.write() as conn:
        conn.executemany(
            "INSERT OR IGNORE INTO sent (lrs, statement_id, sent_at) VALUES (?, ?, ?)",
            [(client.endpoint, s["id"], stamp) for s in pending],
        )
    result.posted += len(pending)
    result.batches += 1
