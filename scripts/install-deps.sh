#!/usr/bin/env bash
# Installs everything vae-explorer needs to build, run and test, from Debian 12's packages only.
# Safe to run again: apt-get skips what is already there.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6svg6 libgl-dev
  libtorch-dev libqcustomplot-dev
  libopenblas0-openmp
  zlib1g-dev libgif-dev libzip-dev
  dataset-fashion-mnist
  libgtest-dev libgmock-dev
  clang-14 libclang-rt-14-dev
  python3 python3-torch python3-numpy
  xvfb xauth imagemagick x11-utils
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
