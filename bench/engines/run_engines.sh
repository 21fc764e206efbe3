#!/usr/bin/env bash
# Runs engine_compare on corpus (a) at 1 and 2 threads with the scanner's pattern set.
#   bash bench/engines/run_engines.sh [PATTERNS] [CORPUS_DIR]
# Builds it standalone in build-bench/ (needs libre2-dev; libhyperscan-dev for the hs modes).
set -euo pipefail
cd "$(dirname "$0")/../.."
pat=${1:-}
if [ -z "$pat" ]; then
  pat=bench/patterns.txt
  if [ -x build/datasweep ] && build/datasweep detectors --export-patterns > build/exported.txt 2>/dev/null \
     && [ -s build/exported.txt ]; then pat=build/exported.txt; fi
fi
dir=${2:-${DATASWEEP_BENCH_DIR:-/var/tmp/datasweep-bench}/full/text}
dpkg-query -W -f='${Status}' libhyperscan-dev 2>/dev/null | grep -q "ok installed" ||
  { [ "$(uname -m)" = x86_64 ] && apt-get -o DPkg::Lock::Timeout=600 install -y -qq libhyperscan-dev || true; }
cmake -S bench -B build-bench -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-bench -j1 >/dev/null
find "$dir" -type f -print0 | xargs -0 cat > /dev/null  # warm cache
modes=re2set_only,re2chunk,hs,hs_nosom,prefilter,windows
for t in 2 1; do
  echo "## threads=$t patterns=$pat load=$(cut -d' ' -f1 /proc/loadavg)"
  build-bench/engine_compare --patterns "$pat" --dir "$dir" --threads $t --repeat 2 --modes $modes
  build-bench/engine_compare --patterns "$pat" --dir "$dir" --threads $t --chunk 4096 --modes re2chunk | tail -1 | sed 's/^re2chunk  /re2chunk4k/'
  build-bench/engine_compare --patterns "$pat" --dir "$dir" --threads $t --radius 64 --modes prefilter,windows | tail -2 | sed 's/^\(prefilter\|windows\)  /\1_r64/'
done
echo "## re2file (slow), threads=2"
build-bench/engine_compare --patterns "$pat" --dir "$dir" --threads 2 --modes re2file | tail -1
