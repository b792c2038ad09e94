#!/usr/bin/env bash
# Receiver: start time, accept latency at 100, 500 and 1000 webhooks/s, most accepted per second
# (closed loop and wrk), RSS and jar size. The SQLite store is written under the results folder,
# on the disk that contains this checkout. Extra options go to ReceiverLoad: --rates, --seconds,
# --max-seconds, --concurrency.
set -euo pipefail
source "$(dirname "$0")/common.sh"
"$java_bin" -cp "$bench_jar" dev.walletwatch.bench.receiver.ReceiverLoad \
  --receiver "$receiver_jar" --dir "$results/receiver-store" --out "$results/receiver.md" "$@" \
  | tee "$results/receiver.log"
