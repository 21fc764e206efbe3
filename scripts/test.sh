#!/usr/bin/env bash
# Installs, builds and runs the whole test suite (unit tests, end-to-end tests, accuracy bars).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cd build
ctest --output-on-failure -j"${JOBS:-2}" --timeout 600
