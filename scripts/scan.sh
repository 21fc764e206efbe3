#!/usr/bin/env bash
# Installs, builds and scans. With no arguments it scans the bundled sample under corpus/sample
# as if it were a laptop's C: drive; otherwise the arguments go to `datasweep scan`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
if (($# == 0)); then
  exec ./build/datasweep scan corpus/sample --location "corpus/sample=local,drive=C:"
fi
exec ./build/datasweep scan "$@"
