"""``serve``: the web page and the REST API on one server."""

from __future__ import annotations

import argparse
import sys

from app.commands import add_glossary_option, open_engine

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def register(sub, common) -> None:
    serve = sub.add_parser("serve", parents=[common], help="start the web interface",
                           description="Serve the web page and its REST API "
                                       "(indexes the bundled corpus first if needed).",
                           epilog=f"Examples:\n  seminar-search serve --port {DEFAULT_PORT}\n"
                                  "  seminar-search serve --host 0.0.0.0 --auth team:secret")
    serve.add_argument("--host", default=DEFAULT_HOST, help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"TCP port (default {DEFAULT_PORT})")
    serve.add_argument("--auth", type=_auth, default=None, metavar="USER:PASSWORD",
                       help="require a login (use it with a non-local --host)")
    serve.add_argument("--open", action="store_true", help="open the page in a browser")
    add_glossary_option(serve)
    serve.set_defaults(run=run_serve)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid port {value!r}: use a number from 1 to 65535") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"invalid port {port}: use a number from 1 to 65535")
    return port


def _auth(value: str) -> tuple[str, str]:
    user, _, password = value.partition(":")
    if not user or not password:
        raise argparse.ArgumentTypeError("--auth must be USER:PASSWORD")
    return user, password


def run_serve(args) -> int:
    import ui

    if args.host not in LOCAL_HOSTS:
        print(f"warning: serving on {args.host}: other machines on the network can reach this page"
              + ("" if args.auth else "; consider --auth USER:PASSWORD"), file=sys.stderr)
    engine = open_engine(args)
    ui.launch(engine, host=args.host, port=args.port, auth=args.auth, open_browser=args.open)
    return 0

