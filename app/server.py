"""One server for the page and the REST API: FastAPI, the guard in front, Gradio mounted at ``/``.

Gradio's own ``launch()`` builds its app and starts serving in one call, with no
way to add middleware before the first request; mounting the page on our app
lets the guard see every request and keeps the REST routes out of Gradio's queue.
"""

from __future__ import annotations

import signal
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from fastapi import FastAPI, HTTPException, Request

from app.guard import Credentials, GuardMiddleware, LoginThrottle, client_address
from app.rest import add_api
from app.service import Service
from app.text import gradio_translations
from corpus.errors import SeminarSearchError

FOOTER_LINKS = ["api", "settings"]
PAGE_CSS = Path(__file__).parent / "assets" / "page.css"
SYSTEM_FONTS = ("system-ui", "Noto Sans", "Noto Sans CJK KR", "NanumGothic", "sans-serif")
START_TIMEOUT_S = 60


def create_server(
    engine, demo, *, auth: tuple[str, str] | None = None, throttle: LoginThrottle | None = None
) -> FastAPI:
    """The FastAPI app serving ``demo`` at ``/`` and the REST API at ``/api``."""
    import gradio as gr

    throttle = throttle or LoginThrottle()
    # FastAPI's own documentation pages load Swagger from a CDN and skip the login: app.rest serves both itself.
    server = FastAPI(
        title="seminar-search API",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        description="Bilingual French/Korean search over the Franco-Korean seminar archive.",
    )
    login_check = _login_check(server, Credentials(auth), throttle) if auth else None
    add_api(server, Service(engine), login_check)
    server.add_middleware(GuardMiddleware, throttle=throttle)
    # show_error=False: a failure inside a callback stays in the server's log, the page shows the one-line gr.Error.
    gr.mount_gradio_app(
        server,
        demo,
        path="/",
        auth=auth,
        footer_links=FOOTER_LINKS,
        show_error=False,
        css_paths=[PAGE_CSS],
        theme=_theme(),
        i18n=gr.I18n(**gradio_translations()),
    )
    return server


def _theme():
    """Gradio's default look with system fonts: they have real bold weights, and nothing is fetched for them."""
    import gradio as gr

    return gr.themes.Default(font=SYSTEM_FONTS, font_mono=("ui-monospace", "DejaVu Sans Mono", "monospace"))


def _login_check(server: FastAPI, credentials: Credentials, throttle: LoginThrottle):
    """REST routes accept HTTP Basic with the ``--auth`` user, or the cookie of the page's login form."""

    def check(request: Request) -> None:
        client = client_address(request.scope)
        if throttle.blocked_for(client):
            raise HTTPException(429, throttle.message(client))
        header = request.headers.get("authorization")
        if header:
            if credentials.check_basic(header):
                return
            throttle.failed(client)
        elif _page_user(server, request):
            return
        raise HTTPException(
            401,
            "login required: HTTP Basic with the server's --auth user, or the page's login",
            headers={"WWW-Authenticate": 'Basic realm="seminar-search"'},
        )

    return check


def _page_user(server: FastAPI, request: Request) -> str | None:
    gradio_app = getattr(server.state, "gradio_app", None) or _find_gradio_app(server)
    cookie_id = gradio_app.cookie_id
    token = request.cookies.get(f"access-token-{cookie_id}") or request.cookies.get(
        f"access-token-unsecure-{cookie_id}"
    )
    return gradio_app.tokens.get(token) if token else None


def _find_gradio_app(server: FastAPI):
    from starlette.routing import Mount

    mounted = next(route.app for route in server.routes if isinstance(route, Mount) and route.path == "")
    server.state.gradio_app = mounted
    return mounted


@dataclass
class RunningServer:
    """A server started on a bound socket, in a thread (tests, benchmarks) or about to block (``serve``)."""

    server: uvicorn.Server
    url: str
    thread: threading.Thread | None = None

    def close(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound now so that a taken port is one clear line before anything starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say so, and without it every small
    # answer waited ~40 ms for the client's delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except (OSError, OverflowError) as error:
        sock.close()
        raise SeminarSearchError(
            f"cannot serve on {host}:{port}: {getattr(error, 'strerror', None) or error}"
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(app: FastAPI, sock: socket.socket, *, open_browser: bool = False) -> None:
    """Serve ``app`` on the bound ``sock`` until interrupted."""
    running = _server(app, sock)

    def announce() -> None:
        while not running.server.started and not running.server.should_exit:
            time.sleep(0.05)
        if running.server.started:
            print(f"seminar-search: serving on {running.url} (Ctrl+C to stop)", flush=True)
            if open_browser:
                import webbrowser

                webbrowser.open(running.url)

    threading.Thread(target=announce, daemon=True, name="seminar-search-announce").start()
    if threading.current_thread() is threading.main_thread():
        # uvicorn re-raises the SIGTERM it stopped on once it has shut down: with the default handler that kills
        # the process before ``finally`` and ``atexit`` run, leaving the scratch folders behind.
        signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        running.server.run(sockets=[sock])  # uvicorn turns SIGINT/SIGTERM into a graceful stop and returns
    finally:
        from app.scratch import remove_owned

        remove_owned()


def _exit_on_signal(signum, _frame) -> None:
    raise SystemExit(128 + signum)  # the shell's status for "stopped by that signal", after cleaning up


def start_in_thread(app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> RunningServer:
    """Serve ``app`` in a thread (tests, benchmarks); returns once the server accepts connections."""
    sock = bind(host, port)
    running = _server(app, sock)
    running.thread = threading.Thread(
        target=running.server.run, kwargs={"sockets": [sock]}, daemon=True, name="seminar-search-server"
    )
    running.thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not running.server.started and running.thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    if not running.server.started:
        raise SeminarSearchError(f"the server did not start on {host}:{port}")
    return running


def _server(app: FastAPI, sock: socket.socket) -> RunningServer:
    host, port = sock.getsockname()[:2]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else (f"[{host}]" if ":" in host else host)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=2, lifespan="on")
    return RunningServer(uvicorn.Server(config), f"http://{shown}:{port}/")
