#!/usr/bin/env bash
# Regenerates the README's screenshot: the real window under a virtual X server (Xvfb), training
# Fashion-MNIST with the default settings (d_z = 2), photographed once EPOCHS epochs are done,
# then reduced to 256 colours to keep the file small.
# Usage: scripts/screenshot.sh [OUT.png] [WIDTHxHEIGHT] [EPOCHS]
#   default: docs/screenshot.png 1400x900 3; VAE_EXPLORER and DATASET override the program
#   (build/app/vae-explorer) and the dataset (Debian's Fashion-MNIST), DATASET_OPTIONS adds how
#   to read it (e.g. "--color rgb --image-size 32" for a folder of colour images).
set -euo pipefail

# Inside the virtual X server: start training, wait for the epochs, photograph the screen.
if [ "${1:-}" = --inside ]; then
    executable=$2 dataset=$3 epochs=$4 work=$5
    read -ra options <<<"${DATASET_OPTIONS:-}"
    "$executable" --dataset "$dataset" "${options[@]}" --start >"$work/app.log" 2>&1 &
    pid=$!
    # The window's title counts the finished epochs ("fashion-mnist · 3/10 epochs — vae-explorer").
    for _ in $(seq 1 1200); do
        finished=$(xwininfo -root -tree 2>/dev/null | grep -oE ' [0-9]+/[0-9]+ epochs' | head -1 | tr -d ' ' | cut -d/ -f1 || true)
        [ "${finished:-0}" -ge "$epochs" ] && break
        kill -0 "$pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
        sleep 0.5
    done
    sleep 2 # the views catch up with the last snapshot
    import -window root "$work/raw.png"
    kill -TERM "$pid"
    wait "$pid" || true
    exit 0
fi

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/docs/screenshot.png}
size=${2:-1400x900}
epochs=${3:-3}
executable=${VAE_EXPLORER:-$root/build/app/vae-explorer}
dataset=${DATASET:-/usr/share/datasets/fashion-mnist}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Settings of its own: the defaults, not whatever this user's window last remembered.
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data QT_QPA_PLATFORM=xcb

xvfb-run -a -s "-screen 0 ${size}x24" bash "$0" --inside "$executable" "$dataset" "$epochs" "$work"
convert "$work/raw.png" -strip -dither None -colors 256 "PNG8:$out"
echo "$out: $(identify -format '%wx%h' "$out"), $(($(stat -c %s "$out") / 1024)) KB"
