#!/usr/bin/env bash
# Creates .venv and installs the project (and, with "test", the test tools and
# the system packages the browser tests need). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [ "${1:-}" = "test" ]; then
    extras="[test]"
    if command -v apt-get >/dev/null 2>&1; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        # Headless Chromium for the end-to-end tests; fonts-nanum so Korean renders;
        # LibreOffice (no GUI) and poppler render the DOCX briefing to PDF and PNG in its test.
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-nanum \
            libreoffice-writer-nogui poppler-utils >/dev/null
    fi
fi

python3 -m venv .venv
# shellcheck disable=SC1091
. .venv/bin/activate
python -m pip install -q --upgrade pip
# constraints.txt pins torch to the CPU build (an unpinned torch pulls GBs of CUDA).
python -m pip install -q -c constraints.txt -e ".${extras}"
