#!/usr/bin/env bash
# Installs what is missing, builds every target (Release) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j "$(nproc)"
# Tests that open windows use the offscreen platform or their own Xvfb; none needs a display.
QT_QPA_PLATFORM=offscreen ctest --test-dir build --output-on-failure --timeout 600
