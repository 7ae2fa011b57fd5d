"""Shared fixtures: real models, loaded once per session; a temporary index per need."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture(scope="session")
def encoder():
    """The bundled USE-m3 encoder, one instance for the whole session."""
    from index.encoders import load_encoder

    return load_encoder("use-m3", threads=1)


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory, encoder):
    """An index of the bundled corpus (French originals + Korean translations)."""
    from index.builder import build_index

    index_dir = tmp_path_factory.mktemp("bundled-index")
    build_index(None, index_dir, encoder=encoder)
    return index_dir


@pytest.fixture(scope="session")
def engine(bundled_index, encoder):
    from search.engine import SearchEngine

    return SearchEngine.open(bundled_index, encoder=encoder)


@pytest.fixture
def isolated_env(tmp_path, monkeypatch):
    """A private index location for CLI tests, so nothing touches the user's data."""
    monkeypatch.setenv("SEMINAR_SEARCH_INDEX", str(tmp_path / "index"))
    return tmp_path
