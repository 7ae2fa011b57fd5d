"""What the server refuses before Gradio sees a request: URL fetching, uploads, login floods.

Gradio can fetch a URL a client names (``/gradio_api/file=http…``, ``/proxy=``,
a file record with a URL in any event's data) and accepts uploads on its own
routes; the page uses none of them, so these requests are answered 403 here
and the server never opens a connection or resolves a host name for a client.
Failed logins (Gradio's form and the REST API's HTTP Basic)
are counted per client address: past the limit, 429 until the window has passed.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import time

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

LOGIN_FAILURES = 5
LOGIN_WINDOW_S = 60
LOGIN_PATHS = ("/login", "/login/")
# Gradio routes that read or send data the page never needs (uploads, recordings, streams, remote run history).
REFUSED_PREFIXES = (
    "/gradio_api/upload",
    "/gradio_api/process_recording",
    "/gradio_api/stream/",
    "/gradio_api/run-history",
    "/gradio_api/vibe-",
    "/gradio_api/undo-vibe-edit",
)
REFUSED_MESSAGE = "refused: this server neither fetches URLs nor accepts uploads"
GRADIO_API = "/gradio_api/"
FILE_MARKER = b"gradio.FileData"
MAX_BODY_BYTES = 256 * 1024  # the page's largest event carries a query and a few filters


class LoginThrottle:
    """Failed logins per client address over a moving window (``limits``, in memory)."""

    def __init__(self, failures: int = LOGIN_FAILURES, window_s: int = LOGIN_WINDOW_S):
        self._limit = RateLimitItemPerSecond(failures, window_s)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def blocked_for(self, client: str) -> int:
        """Seconds until ``client`` may try again; 0 when it may now."""
        if self._limiter.test(self._limit, client):
            return 0
        reset = self._limiter.get_window_stats(self._limit, client).reset_time
        return max(1, int(reset - time.time() + 0.999))

    def failed(self, client: str) -> None:
        self._limiter.hit(self._limit, client)

    def message(self, client: str) -> str:
        return f"too many failed logins: try again in {self.blocked_for(client)} s"


class Credentials:
    """The one user and password of ``--auth``, checked in constant time."""

    def __init__(self, auth: tuple[str, str]):
        self._user, self._password = auth

    def check(self, user: str, password: str) -> bool:
        user_ok = secrets.compare_digest(user.encode(), self._user.encode())
        return secrets.compare_digest(password.encode(), self._password.encode()) and user_ok

    def check_basic(self, header: str) -> bool:
        """An ``Authorization: Basic …`` header with the right user and password."""
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _, password = base64.b64decode(encoded.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return self.check(user, password)


def is_refused(path: str) -> bool:
    """A path that would make Gradio fetch a URL, proxy a host, or take an upload."""
    if "/proxy=" in path or path.startswith(REFUSED_PREFIXES):
        return True
    _, found, target = path.partition("/file=")
    # Gradio serves files of its own cache by absolute path; anything else (http://, //host, a bare host) is a URL.
    return bool(found) and (not target.startswith("/") or target.startswith("//"))


class GuardMiddleware:
    """Pure ASGI middleware in front of everything (cheaper than BaseHTTPMiddleware on every search)."""

    def __init__(self, app, throttle: LoginThrottle):
        self.app, self.throttle = app, throttle

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if is_refused(path) or is_refused(scope.get("raw_path", b"").decode("latin-1")):
            return await _json(send, 403, REFUSED_MESSAGE)
        if scope["method"] == "POST" and path.startswith(GRADIO_API):
            body = await _read_body(receive, MAX_BODY_BYTES)
            if body is None:
                return await _json(send, 413, f"request too large: at most {MAX_BODY_BYTES // 1024} KB")
            if _names_a_file(body):
                return await _json(send, 403, REFUSED_MESSAGE)
            receive = _replay(body)
        if scope["method"] != "POST" or path not in LOGIN_PATHS:
            return await self.app(scope, receive, send)
        client = client_address(scope)
        if self.throttle.blocked_for(client):
            return await _json(send, 429, self.throttle.message(client))

        async def watch(message):
            # Gradio answers a wrong password with 400 "Incorrect credentials."
            if message["type"] == "http.response.start" and message["status"] in (400, 401):
                self.throttle.failed(client)
            await send(message)

        return await self.app(scope, receive, watch)


async def _read_body(receive, limit: int) -> bytes | None:
    """The whole request body, or None past ``limit`` bytes."""
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes):
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _names_a_file(body: bytes) -> bool:
    """A Gradio file record anywhere in a JSON body: Gradio would copy (or download) it into its cache."""
    if FILE_MARKER not in body and b"\\u" not in body:
        return False
    try:
        pending = [json.loads(body)]
    except ValueError:
        return False  # not JSON: Gradio refuses it itself
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            meta = value.get("meta")
            if isinstance(meta, dict) and meta.get("_type") == FILE_MARKER.decode():
                return True
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False


def client_address(scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


async def _json(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
