#!/usr/bin/env bash
# Installs GenStudio's build and run dependencies from Debian's archive (only
# those missing), then configures and builds everything into ./build.
# Used by both set-up commands in the README and by .ci/run.
#   BUILD_DIR=build  CMAKE_BUILD_TYPE=Release  JOBS=2  (environment overrides)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ ccache pkg-config
  qt6-base-dev libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libgloo-dev libopencv-dev nlohmann-json3-dev libcli11-dev zlib1g-dev
  libjemalloc-dev libopenblas0-openmp libgif-dev libpng-dev libjpeg62-turbo-dev
  dataset-fashion-mnist
  fortunes  # the text corpus of the character-level models (/usr/share/games/fortunes)
  opencv-doc  # its example photos are the built-in photo2painting domains
  xvfb xauth
  help2man desktop-file-utils  # the man pages (built from --help) and the install test
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-Release}"
# Never more than two compile jobs: LibTorch translation units need ~1.5 GB each.
cmake --build "$build_dir" -j "${JOBS:-2}"
echo "setup: built $build_dir/genstudio and $build_dir/genstudio-cli"
