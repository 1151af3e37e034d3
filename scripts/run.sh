#!/usr/bin/env bash
# Installs what is missing, builds vae-explorer (Release) and launches it on its default dataset
# (Fashion-MNIST from Debian's dataset-fashion-mnist). Arguments are passed on to the program.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --target vae-explorer -j "$(nproc)"
exec build/app/vae-explorer "$@"
