"""The offline environment every front end sets before importing gradio or a model library."""

from __future__ import annotations

import os

OFFLINE_VARIABLES = (
    ("HF_HUB_OFFLINE", "1"),
    ("TRANSFORMERS_OFFLINE", "1"),
    ("HF_HUB_DISABLE_TELEMETRY", "1"),
    ("GRADIO_ANALYTICS_ENABLED", "False"),  # gradio looks up its own hosts at import and launch otherwise
    ("TOKENIZERS_PARALLELISM", "false"),
)
PROXY_VARIABLES = ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def offline_environment() -> None:
    """Keep every library off the network; values the user set explicitly win."""
    for name, value in OFFLINE_VARIABLES:
        os.environ.setdefault(name, value)
    # With a proxy set, gradio's launch() checks its own local URL through the proxy and fails.
    if any(os.environ.get(name) for name in PROXY_VARIABLES):
        for name in ("NO_PROXY", "no_proxy"):
            present = [host for host in os.environ.get(name, "").split(",") if host]
            os.environ[name] = ",".join(dict.fromkeys(present + list(LOCAL_HOSTS)))
