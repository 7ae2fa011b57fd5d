#!/usr/bin/env bash
# Creates .venv and installs the project (and, with "test", the test tools and
# the system packages the browser tests need). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# OCR of scanned PDFs and images: Tesseract with its Korean and French models. Users need it, so the main
# setup installs it too, but never fails without it (no apt, no root): those files are then skipped with a
# warning that says what to install.
ocr_packages="tesseract-ocr tesseract-ocr-kor tesseract-ocr-fra"
if [ "${1:-}" != "test" ] && command -v apt-get >/dev/null 2>&1 && ! command -v tesseract >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
    { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $ocr_packages >/dev/null; } \
        || echo "warning: could not install $ocr_packages with apt-get: scanned pages will not be read" >&2
fi

extras="[formats]"
if [ "${1:-}" = "test" ]; then
    extras="[formats,test]"
    if command -v apt-get >/dev/null 2>&1; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        # Headless Chromium for the end-to-end tests; fonts-nanum so Korean renders;
        # LibreOffice (no GUI) and poppler render the DOCX briefing to PDF and PNG in its test.
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-nanum \
            libreoffice-writer-nogui poppler-utils $ocr_packages >/dev/null
    fi
fi

python3 -m venv .venv
# shellcheck disable=SC1091
. .venv/bin/activate
python -m pip install -q --upgrade pip
# constraints.txt pins torch to the CPU build (an unpinned torch pulls GBs of CUDA).
python -m pip install -q -c constraints.txt -e ".${extras}"
