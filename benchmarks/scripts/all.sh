#!/usr/bin/env bash
# Builds the jars and runs every benchmark in turn; the summaries land in benchmarks/target/results.
set -euo pipefail
dir=$(dirname "$0")
(cd "$dir/../.." && mvn -B -o -q -pl benchmarks,receiver -am package -DskipTests)
"$dir/hotpath.sh"
"$dir/startup.sh"
"$dir/latency.sh"
"$dir/receiver.sh"
