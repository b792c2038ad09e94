#!/usr/bin/env bash
# End to end on loopback: the XChange demo bot with the agent, monitor local, the receiver with
# the Aliyun provider and an Aliyun stand-in. Reports p50/p99 from each sell below 5 to the SMS
# request. The bot's jar and configuration come from the integration-tests module and the
# top-level instrumentation.yml, or from --app and --config.
# Extra options go to EndToEndRunner: --crossings N (default 20), --step-ms N (default 4000).
set -euo pipefail
source "$(dirname "$0")/common.sh"
monitor_jar=$root/monitor/target/walletwatch-monitor.jar
"$java_bin" -cp "$bench_jar" dev.walletwatch.bench.endtoend.EndToEndRunner \
  --agent "$agent_jar" --monitor "$monitor_jar" --receiver "$receiver_jar" \
  --app "$root/integration-tests/target/demo-apps.jar" --config "$root/instrumentation.yml" \
  --dir "$results/end-to-end" --out "$results/endtoend.md" "$@" | tee "$results/endtoend.log"
