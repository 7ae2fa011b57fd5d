"""Query vectors are kept for the next search of the same text (index/encoders/base.py)."""

from __future__ import annotations

import numpy as np
import pytest

from index.encoders import base
from index.encoders.base import Encoder


class CountingEncoder(Encoder):
    """A deterministic encoder that counts how many texts it was asked to encode."""

    id = "counting"
    dimension = 4

    def __init__(self):
        self.encoded = 0

    def _encode(self, texts, *, kind):
        self.encoded += len(texts)
        return np.array([[len(t), t.count("a"), 1.0, kind == "query"] for t in texts], dtype=np.float32)


def test_the_same_query_is_encoded_once_and_its_vector_cannot_be_changed():
    encoder = CountingEncoder()
    first = encoder.encode_query("hydrogène")
    again = encoder.encode_query("hydrogène")
    assert encoder.encoded == 1
    np.testing.assert_array_equal(first, again)
    np.testing.assert_array_equal(first, encoder.encode_queries(["hydrogène"]))
    with pytest.raises(ValueError):
        first[0, 0] = 0.0  # shared between searches and threads


def test_the_cache_is_bounded_and_can_be_switched_off(monkeypatch):
    monkeypatch.setattr(base, "QUERY_CACHE_SIZE", 2)
    encoder = CountingEncoder()
    for text in ("a", "b", "c", "a"):  # "a" was evicted by "c"
        encoder.encode_query(text)
    assert encoder.encoded == 4
    monkeypatch.setattr(base, "QUERY_CACHE_SIZE", 0)
    encoder = CountingEncoder()
    encoder.encode_query("a")
    encoder.encode_query("a")
    assert encoder.encoded == 2


def test_the_cache_size_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(base.QUERY_CACHE_ENV, "0")
    assert base._query_cache_size() == 0
    monkeypatch.setenv(base.QUERY_CACHE_ENV, "not a number")
    assert base._query_cache_size() == 512
