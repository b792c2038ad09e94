#!/usr/bin/env bash
# Latency from a balance change to its DogStatsD datagram, at the default flush interval (1s) and
# at 100ms. Extra options go to LatencyRunner: --samples-default N (60), --samples-fast N (300).
set -euo pipefail
source "$(dirname "$0")/common.sh"
"$java_bin" -cp "$bench_jar" dev.walletwatch.bench.latency.LatencyRunner \
  --agent "$agent_jar" --out "$results/latency.md" "$@" | tee "$results/latency.log"
