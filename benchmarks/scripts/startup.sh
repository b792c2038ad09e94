#!/usr/bin/env bash
# Startup and memory: a small trading bot is started with and without the agent, interleaved.
# It reports the median time to its first trade, and heap and metaspace in use after a warm-up.
# Extra options go to StartupRunner: --runs N (default 10), --warmup-ms N (default 3000), and
# --agent-option "-X..." for a third variant: the agent with extra JVM options.
set -euo pipefail
source "$(dirname "$0")/common.sh"
"$java_bin" -cp "$bench_jar" dev.walletwatch.bench.startup.StartupRunner \
  --agent "$agent_jar" --out "$results/startup.md" "$@" | tee "$results/startup.log"
