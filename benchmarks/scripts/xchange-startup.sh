#!/usr/bin/env bash
# Startup with the XChange demo bot: median time to its first market sell, and its CPU time then,
# with and without the agent, interleaved. The bot's jar and configuration come from the
# integration-tests module and the top-level instrumentation.yml, or from --app and --config.
# Extra options go to XChangeStartupRunner: --runs N (default 10).
set -euo pipefail
source "$(dirname "$0")/common.sh"
app=$root/integration-tests/target/demo-apps.jar
config=$root/instrumentation.yml
"$java_bin" -cp "$bench_jar" dev.walletwatch.bench.startup.XChangeStartupRunner \
  --agent "$agent_jar" --app "$app" --config "$config" --out "$results/xchange-startup.md" "$@" \
  | tee "$results/xchange-startup.log"
