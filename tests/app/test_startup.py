"""What a command imports: `--help` nothing heavy, a one-shot search no web stack (fast start, issue 8)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "faiss", "kiwipiepy", "search.engine", "gradio", "fastapi", "uvicorn", "torch")
WEB = ("gradio", "fastapi", "uvicorn", "starlette")


def imported(*argv: str) -> set[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "app.cli", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return {match.group(1) for match in re.finditer(r"\|\s+([\w.]+)$", run.stderr, re.MULTILINE)}


def test_help_imports_nothing_heavy():
    assert not {name for name in imported("--help") if name.split(".")[0] in HEAVY or name in HEAVY}


@pytest.mark.slow
def test_a_one_shot_search_imports_no_web_stack(bundled_index):
    modules = imported("search", "수소", "--json", "--index-dir", str(bundled_index))
    assert "search.engine" in modules
    assert not {name for name in modules if name.split(".")[0] in WEB}
