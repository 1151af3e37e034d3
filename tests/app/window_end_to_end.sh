#!/usr/bin/env bash
# The real window on a real X server, run as a user runs it: it trains builtin:shapes, shows at
# least one finished epoch, fits the screen, is screenshotted, and is then closed with SIGTERM, which goes through
# QWidget::close like the close button. It must exit with 0, having saved its settings on the way
# out, and must not hang: the bound is loose enough for a machine busy with other builds, and the
# one-second goal for closing mid-run is timed by bench/window_bench (close_ms).
# Usage (under xvfb-run): window_end_to_end.sh VAE_EXPLORER OUTPUT_FOLDER
set -euo pipefail
executable=$1
out=$2
rm -rf "$out"
mkdir -p "$out"
export XDG_CONFIG_HOME="$out/settings"
export QT_QPA_PLATFORM=xcb

fail() {
    echo "FAIL: $*" >&2
    echo "--- application output:" >&2
    cat "$out/app.log" >&2 || true
    exit 1
}

"$executable" --dataset builtin:shapes --start >"$out/app.log" 2>&1 &
pid=$!

# The title counts finished epochs ("shapes · 1/10 epochs — vae-explorer").
for _ in $(seq 1 600); do
    if xwininfo -root -tree 2>/dev/null | grep -qE ' [1-9][0-9]*/[0-9]+ epochs'; then
        break
    fi
    kill -0 "$pid" 2>/dev/null || fail "the window exited before finishing an epoch"
    sleep 0.1
done
xwininfo -root -tree | grep -qE ' [1-9][0-9]*/[0-9]+ epochs' || fail "no epoch finished within 60 s"

# The whole window on the screen, small screens included (no window manager here shrinks it).
window_line=$(xwininfo -root -tree | grep -E ' [1-9][0-9]*/[0-9]+ epochs' | head -1)
window_size=$(grep -oE '[0-9]+x[0-9]+\+' <<<"$window_line" | head -1 | tr -d '+')
screen_size=$(xwininfo -root | awk '/Width:/ {w = $2} /Height:/ {h = $2} END {print w "x" h}')
echo "window ${window_size} on a ${screen_size} screen"
[ "${window_size%x*}" -le "${screen_size%x*}" ] && [ "${window_size#*x}" -le "${screen_size#*x}" ] \
    || fail "the window (${window_size}) is larger than the screen (${screen_size})"

import -window root "$out/window.png"
colours=$(identify -format '%k' "$out/window.png")
echo "screenshot: $out/window.png, $colours distinct colours"
# A blank or single-colour screen has a handful; the window with curves and images has thousands.
[ "$colours" -ge 500 ] || fail "the screenshot looks blank ($colours colours)"

kill -0 "$pid" 2>/dev/null || fail "the window exited before it was asked to"
requested=$(date +%s%N)
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
elapsed_ms=$(( ($(date +%s%N) - requested) / 1000000 ))
echo "exit code $status, ${elapsed_ms} ms after the close request"
[ "$status" -eq 0 ] || fail "exit code $status"
[ "$elapsed_ms" -lt 30000 ] || fail "took ${elapsed_ms} ms to exit"
grep -q 'builtin:shapes' "$out/settings/vae-explorer/vae-explorer.conf" || fail "the settings were not saved on close"
if grep -qE 'QThread: Destroyed|Segmentation|terminate called' "$out/app.log"; then
    fail "unclean shutdown"
fi
echo "PASS"
