#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, torch-free libraries only) into build-fuzz and
# runs one of them for SECONDS on its seed corpus, in one process:
#   scripts/fuzz.sh fuzz_npy 600
# Targets: fuzz_idx fuzz_npy fuzz_npz fuzz_cifar fuzz_image fuzz_checkpoint. New inputs go to build-fuzz/corpus/TARGET,
# crashes to build-fuzz/crashes/ (replay one: build-fuzz/fuzz/TARGET FILE). Extra arguments go to
# libFuzzer. Exits non-zero when the run finds a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS [LIBFUZZER-OPTION...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
if [ ! -d "fuzz/corpus/$target" ]; then
  echo "scripts/fuzz.sh: no target '$target' (no fuzz/corpus/$target)" >&2
  exit 2
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f build-fuzz/CMakeCache.txt ]; then
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release -DVAE_BUILD_FUZZERS=ON \
    -DCMAKE_CXX_COMPILER=clang++-14 "${launcher[@]}" >/dev/null
fi
cmake --build build-fuzz -j 2 --target "$target"
mkdir -p "build-fuzz/corpus/$target" build-fuzz/crashes
# -malloc_limit_mb: no file of a few kilobytes should make a parser ask for this much at once.
exec "build-fuzz/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 \
  -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$target-" "$@" \
  "build-fuzz/corpus/$target" "fuzz/corpus/$target"
