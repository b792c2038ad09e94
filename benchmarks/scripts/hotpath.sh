#!/usr/bin/env bash
# Hot path: time and allocation a woven balance method adds over an identical unwoven one (JMH,
# -prof gc), with 1 and 4 threads and with nothing listening on the DogStatsD port.
# Extra options go to HotPathRunner: --forks, --warmups, --iterations, --time-ms, --jfr DIR.
set -euo pipefail
source "$(dirname "$0")/common.sh"
"$java_bin" -cp "$bench_jar" dev.walletwatch.bench.hotpath.HotPathRunner \
  --agent "$agent_jar" --out "$results/hotpath.md" "$@" | tee "$results/hotpath.log"
