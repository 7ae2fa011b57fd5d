#!/usr/bin/env bash
# The main job: set up, index the bundled seminar corpus, serve the interface on
# http://127.0.0.1:7860 and open it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# shellcheck disable=SC1091
. .venv/bin/activate
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1 GRADIO_ANALYTICS_ENABLED=False
seminar-search index
exec seminar-search serve --open "$@"
