#!/usr/bin/env bash
# One command for the datasweep benchmark: installs the peer tools if missing, builds
# datasweep if a build dir exists, generates the corpora (cached in
# ${DATASWEEP_BENCH_DIR:-/var/tmp/datasweep-bench}) and runs datasweep vs rg/ugrep/pdftotext.
#   bash bench/run.sh [--quick] [--corpora a_text,b_mixed,c_tiny,d_bigtxt,d_bigcsv]
#                     [--jobs 1,2] [--tools datasweep,rg,...] [--runs N] [--json FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

# Bench-only tools (not build dependencies, hence not in scripts/install-deps.sh).
need=()
for pair in rg:ripgrep ugrep:ugrep pdftotext:poppler-utils /usr/bin/time:time \
            /usr/bin/python3:python3; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
/usr/bin/python3 -c 'import docx, openpyxl, reportlab' 2>/dev/null ||
  need+=(python3-docx python3-openpyxl python3-reportlab)
if ((${#need[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}"
fi

if [ -f build/CMakeCache.txt ] && [ -z "${DATASWEEP_BENCH_NO_BUILD:-}" ]; then
  cmake --build build -j1 --target datasweep >/dev/null 2>&1 ||
    echo "bench: building datasweep failed; running peers only" >&2
fi
exec /usr/bin/python3 bench/bench.py "$@"
