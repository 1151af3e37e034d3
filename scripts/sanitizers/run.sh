#!/usr/bin/env bash
# Builds the project under one sanitizer in its own folder and runs the tests, failing on the
# first report. Called by scripts/test.sh --sanitize address|thread; extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/../.."
sanitizer=$1
shift
here=$PWD/scripts/sanitizers
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
build=build-${sanitizer:0:1}san
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVAE_SANITIZE="$sanitizer" \
  -DVAE_BUILD_BENCH=OFF "${launcher[@]}"
run=()
tests=()
targets=()
if [ "$sanitizer" = address ]; then
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:strict_string_checks=1:suppressions=$here/asan.supp"
  export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$here/ubsan.supp"
else
  # die_after_fork=0: a test that reads an export back with NumPy starts Python through QProcess,
  # and a thread starts in the forked child before it execs, which TSan would otherwise die on.
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:suppressions=$here/tsan.supp"
  # The threads: the training session and its worker, the job runners, and the window's tests,
  # which drive all of them together; only their programs are built.
  programs=(test_core_session test_core_session_qt test_ui_commands test_ui_curves test_ui_latent test_ui_panels
            test_ui_window)
  targets=(--target "${programs[@]}" vae-explorer)
  tests=(-L "^($(IFS='|'; echo "${programs[*]}")|window_end_to_end)\$")
  # This kernel's address-space randomisation leaves no room for TSan's fixed shadow mapping.
  run=(setarch "$(uname -m)" --addr-no-randomize)
fi
cmake --build "$build" -j "$(nproc)" "${targets[@]}"
"${run[@]}" ctest --test-dir "$build" --output-on-failure "${tests[@]}" "$@"
