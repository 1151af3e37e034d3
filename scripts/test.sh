#!/usr/bin/env bash
# Installs what is missing, builds every target (Release) and runs every test.
#   scripts/test.sh                     the whole suite, with a few seconds of each fuzzer first
#   scripts/test.sh --sanitize address  the whole suite under ASan + UBSan, built in build-asan
#   scripts/test.sh --sanitize thread   the threading tests under TSan, built in build-tsan
# Extra arguments after the mode go to ctest (e.g. -R core.session).
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizer=""
if [ "${1:-}" = "--sanitize" ]; then
  sanitizer=${2:-}
  case "$sanitizer" in
    address | thread) ;;
    *) echo "usage: scripts/test.sh [--sanitize address|thread] [CTEST-OPTION...]" >&2; exit 2 ;;
  esac
  shift 2
fi
bash scripts/install-deps.sh
if [ -n "$sanitizer" ]; then
  exec bash scripts/sanitizers/run.sh "$sanitizer" "$@"
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j "$(nproc)"
# Each fuzzer a few seconds on its seed corpus (clang, ASan + UBSan, torch-free libraries only):
# a parser that crashes on a known or nearby input fails here. The log is shown only on a failure.
mkdir -p build-fuzz
for target in fuzz_idx fuzz_npy fuzz_npz fuzz_cifar fuzz_image fuzz_checkpoint; do
  if ! bash scripts/fuzz.sh "$target" 5 >"build-fuzz/$target.log" 2>&1; then
    tail -n 60 "build-fuzz/$target.log"
    echo "$target failed: a crash (the input is in build-fuzz/crashes/) or the fuzz build, see above" >&2
    exit 1
  fi
  grep -E '^#[0-9]+[[:space:]]+DONE' "build-fuzz/$target.log" | sed "s/^/$target: /"
done
# Widget tests set the offscreen platform themselves and the end-to-end test starts its own Xvfb,
# so no display is needed.
ctest --test-dir build --output-on-failure --timeout 600 "$@"
