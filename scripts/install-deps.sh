#!/usr/bin/env bash
# Installs every Debian 12 package datasweep needs to build, test and benchmark.
# Idempotent: skips apt when everything is already installed.
set -euo pipefail
PACKAGES=(
  build-essential cmake pkg-config ccache
  libboost-program-options-dev libtbb-dev libmagic-dev libpoppler-private-dev libzip-dev libre2-dev
  catch2 libxml2-dev libarchive-dev libsqlite3-dev libgsf-1-dev libfreexl-dev libyaml-cpp-dev
  nlohmann-json3-dev
  # test-time tools: corpus generation and format fixtures
  python3 python3-openpyxl python3-docx python3-reportlab python3-xlwt python3-pil zip p7zip-full
  poppler-utils
  # output-format tests: SARIF schema validation, the HTML report in a headless browser (and
  # its screenshot checked), the man page rendered, the systemd units verified
  python3-jsonschema python3-rfc3987 chromium fonts-dejavu-core groff-base systemd
  # fuzzing (cmake --preset fuzz): clang with libFuzzer and the sanitizer runtimes
  clang-14 libclang-rt-14-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
