"""Waiting for a `seminar-search serve` subprocess in tests: up, or a failure that shows its output."""

from __future__ import annotations

import subprocess
import time

import httpx
import pytest


def wait_until_up(url: str, server: subprocess.Popen, timeout_s: float) -> None:
    """Return once ``url``'s REST API answers; fail the test with the server's output if it exits or times out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"server exited: {server.stdout.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{url}/api/documents", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    pytest.fail("server did not start")
