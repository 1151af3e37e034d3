#!/usr/bin/env bash
# Installs what is missing, builds every target (Release) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j "$(nproc)"
# Widget tests set the offscreen platform themselves and the end-to-end test starts its own Xvfb,
# so no display is needed.
ctest --test-dir build --output-on-failure --timeout 600
