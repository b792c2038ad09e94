#!/usr/bin/env bash
# Builds the jars and runs every benchmark in turn; the summaries land in benchmarks/target/results.
set -euo pipefail
dir=$(dirname "$0")
(cd "$dir/../.." && mvn -B -o -q -pl benchmarks,receiver,monitor -am package -DskipTests)
"$dir/hotpath.sh"
"$dir/startup.sh"
"$dir/latency.sh"
"$dir/receiver.sh"
if [[ -f $dir/../../integration-tests/target/demo-apps.jar ]]; then
  "$dir/xchange-startup.sh"
  "$dir/endtoend.sh"
else
  echo "xchange-startup.sh and endtoend.sh skipped: integration-tests/target/demo-apps.jar" \
    "is missing" >&2
fi
