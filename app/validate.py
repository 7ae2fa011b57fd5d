"""Checks of the arguments that reach the engine from a client (Gradio's named endpoints, the page).

A client can send any JSON: a list where a string is expected, ``Infinity`` for a
number, a lone surrogate in a query. Each check returns the value in the type the
engine takes, or raises ``InvalidOptionError`` naming the argument, so that the
client gets the one-line message instead of a failure inside the server.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from corpus.errors import InvalidOptionError

MAX_SHOWN = 60
MAX_TEXT_CHARS = 10_000  # the engine truncates a query at 1,000; this only bounds what is decoded and checked


def text(value: object, name: str, *, optional: bool = True) -> str:
    """A string (None → "" when ``optional``) that UTF-8 can encode: lone surrogates are refused."""
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise InvalidOptionError(name, _shown(value), ["a string"])
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidOptionError(name, _shown(value), ["text without lone surrogates"]) from None
    return value[:MAX_TEXT_CHARS]


def choice(value: object, name: str, choices: Sequence[str], *, default: str) -> str:
    if value is None or value == "":
        return default
    if not isinstance(value, str) or value not in choices:
        raise InvalidOptionError(name, _shown(value), list(choices))
    return value


def integer(value: object, name: str, low: int, high: int) -> int:
    """An integer in [low, high]; integral floats and digit strings are accepted, NaN/Infinity/booleans are not."""
    number = _as_number(value)
    if number is None or not math.isfinite(number) or number != int(number) or not low <= int(number) <= high:
        raise InvalidOptionError(name, _shown(value), [f"a whole number from {low} to {high}"])
    return int(number)


def strings(value: object, name: str) -> tuple[str, ...]:
    """A list of strings (None → empty)."""
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise InvalidOptionError(name, _shown(value), ["a list of strings"])
    return tuple(text(item, name) for item in value)


def boolean(value: object, name: str) -> bool:
    if value is None:
        return True
    if not isinstance(value, bool):
        raise InvalidOptionError(name, _shown(value), ["true", "false"])
    return value


def _as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return float(int(value))
    return None


class _Shortened(str):
    def __repr__(self) -> str:
        return str(self)


def _shown(value: object) -> object:
    """The bad value as the message shows it (its repr), cut short: the message is one line."""
    shown = repr(value)
    return value if len(shown) <= MAX_SHOWN else _Shortened(shown[: MAX_SHOWN - 3] + "...")
