#!/usr/bin/env bash
# Set up (Python packages, Chromium, Korean fonts) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
# shellcheck disable=SC1091
. .venv/bin/activate
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1 GRADIO_ANALYTICS_ENABLED=False
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
# Lint first (pyproject's [tool.ruff]): the whole tree, as CI sees it.
python -m ruff check .
# pytest exits 5 when no test ran: set -e makes that a failure too.
python -m pytest -q "$@"
