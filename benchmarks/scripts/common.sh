# Sourced by the benchmark scripts: paths and the check that the jars are built.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench_jar=$root/benchmarks/target/benchmarks.jar
agent_jar=$root/agent/target/walletwatch-agent.jar
receiver_jar=$root/receiver/target/walletwatch-receiver.jar
results=${WALLETWATCH_BENCH_RESULTS:-$root/benchmarks/target/results}
mkdir -p "$results"
for jar in "$bench_jar" "$agent_jar" "$receiver_jar"; do
  if [[ ! -f $jar ]]; then
    echo "missing $jar; build it first:" \
      "mvn -B -o -pl benchmarks,receiver,monitor -am package -DskipTests" >&2
    exit 2
  fi
done
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
