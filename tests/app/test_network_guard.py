"""Issue 11 items 6 and 7: nothing a client sends makes the server resolve a host or open a connection.

The server runs in a subprocess whose ``sitecustomize`` logs every host-name
lookup and every outgoing connection to a file; the test probes Gradio's
URL-fetching and upload routes with host names and IP literals, then reads the log.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.app.servers import wait_until_up

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 180

HOOK = """
import os, socket, traceback
_log = os.environ["NETWORK_LOG"]

def _record(kind, target):
    with open(_log, "a", encoding="utf-8") as out:
        out.write(f"{kind} {target!r}\\n")

_getaddrinfo = socket.getaddrinfo
def getaddrinfo(host, *args, **kwargs):
    _record("getaddrinfo", host)
    return _getaddrinfo(host, *args, **kwargs)
socket.getaddrinfo = getaddrinfo

_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
def connect(self, address):
    _record("connect", address)
    return _connect(self, address)
def connect_ex(self, address):
    _record("connect", address)
    return _connect_ex(self, address)
socket.socket.connect, socket.socket.connect_ex = connect, connect_ex

_gethostbyname = socket.gethostbyname
def gethostbyname(host):
    _record("gethostbyname", host)
    return _gethostbyname(host)
socket.gethostbyname = gethostbyname
"""

FILE_TARGETS = [
    "http://example.com/config",
    "https://93.184.215.14/",
    "http://127.0.0.1:{port}/config",
    "http://localhost:{port}/config",
    "HTTP://EXAMPLE.ORG/x",
    "//example.net/a",
    "http://[::1]:{port}/",
    "example.com/file.txt",
    "http%3A%2F%2Fexample.com%2F",
]
PROXY_TARGETS = ["http://example.com/x", "https://1.1.1.1/", "http://localhost:{port}/"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def hooked_server(tmp_path_factory, bundled_index):
    folder = tmp_path_factory.mktemp("network-hook")
    (folder / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    log = folder / "network.log"
    port = free_port()
    env = {**os.environ, "NETWORK_LOG": str(log), "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)])}
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--index-dir", str(bundled_index)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url, server, START_TIMEOUT_S)
        yield url, port, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def _probe(url: str, port: int) -> list[tuple[str, int]]:
    answers = []
    with httpx.Client(base_url=url, timeout=30) as http:
        for target in FILE_TARGETS:
            for prefix in ("/gradio_api/file=", "/file="):
                path = prefix + target.format(port=port)
                answers.append((path, http.get(path).status_code))
        for target in PROXY_TARGETS:
            path = "/gradio_api/proxy=" + target.format(port=port)
            answers.append((path, http.get(path).status_code))
        upload = http.post("/gradio_api/upload", files={"files": ("a.txt", b"x", "text/plain")})
        answers.append(("/gradio_api/upload", upload.status_code))
        connect = http.post("/gradio_api/run-history/connect", json={"bucket": "http://example.com"})
        answers.append(("/gradio_api/run-history/connect", connect.status_code))
    return answers


def _file_data_events(url: str) -> list[int]:
    """Events whose data hold a file record naming a host: Gradio would download it into its cache."""
    record = {
        "path": "http://example.com/a.txt",
        "url": "https://93.184.215.14/a.txt",
        "meta": {"_type": "gradio.FileData"},
    }
    escaped = json.dumps({"data": [record, "all", 5]}).replace("gradio.FileData", "gradio\\u002eFileData")
    with httpx.Client(base_url=url, timeout=30) as http:
        return [
            http.post("/gradio_api/call/search", json={"data": [record, "all", 5, "hybrid", [], "", True]}).status_code,
            http.post(
                "/gradio_api/queue/join", json={"data": [record], "fn_index": 0, "session_hash": "x"}
            ).status_code,
            http.post(
                "/gradio_api/call/context", content=escaped, headers={"content-type": "application/json"}
            ).status_code,
        ]


def test_no_lookup_and_no_connection_for_anything_a_client_sends(hooked_server):
    url, port, log = hooked_server
    log.write_text("", encoding="utf-8")  # from here on, only what the probes cause
    answers = _probe(url, port)
    file_events = _file_data_events(url)
    search = httpx.get(f"{url}/api/search", params={"q": "http://example.com/recyclage"}, timeout=30)
    time.sleep(0.5)  # anything started in the background would have logged by now
    assert all(status in (403, 404) for _path, status in answers), answers
    assert file_events == [403, 403, 403] and search.status_code == 200
    assert log.read_text(encoding="utf-8") == "", "the server resolved or connected:\n" + log.read_text()


def test_refusals_are_json_with_one_line(hooked_server):
    url, port, _log = hooked_server
    answer = httpx.get(f"{url}/gradio_api/file=http://example.com/", timeout=30)
    assert answer.status_code == 403 and json.loads(answer.text)["error"].startswith("refused")
