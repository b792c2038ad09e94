#!/usr/bin/env bash
# Runs walletwatch end to end on this machine in about a minute:
#
#   XChange bot + agent --DogStatsD/UDP--> monitor local --webhook--> receiver --> SMS
#
# The bot sells BTC from 8 to 6 to 4.9, then a deposit brings it back to 5.9. The terminal
# shows the bot's balances, the monitor's Triggered and Recovered transitions, the receiver's
# rule decision and the SMS it would send (phone masked). Everything stops at the end.
#
# By default the receiver uses the log provider, so nothing leaves the machine. With
# ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and WALLETWATCH_PHONE set, it
# sends a real SMS through Aliyun SendSms instead. That mode also needs WALLETWATCH_SIGN_NAME,
# WALLETWATCH_TEMPLATE and WALLETWATCH_RECOVERY_TEMPLATE, approved in the Aliyun console. The
# alert template takes the variables name, metric, range and value; the recovery template
# takes metric.
#
# Ports on 127.0.0.1: WALLETWATCH_DEMO_RECEIVER_PORT (default 18080, TCP) for the receiver,
# WALLETWATCH_DEMO_STATSD_PORT (default 18125, UDP) for the monitor, and
# WALLETWATCH_DEMO_RELAY_PORT (default 18126, UDP) for a relay that prints each gauge the agent
# sends and forwards it to the monitor.
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)

AGENT_JAR=$ROOT/agent/target/walletwatch-agent.jar
RECEIVER_JAR=$ROOT/receiver/target/walletwatch-receiver.jar
MONITOR_JAR=$ROOT/monitor/target/walletwatch-monitor.jar
BOT_JAR=$ROOT/integration-tests/target/demo-apps.jar

RECEIVER_PORT=${WALLETWATCH_DEMO_RECEIVER_PORT:-18080}
STATSD_PORT=${WALLETWATCH_DEMO_STATSD_PORT:-18125}
RELAY_PORT=${WALLETWATCH_DEMO_RELAY_PORT:-18126}
# How long to wait for the recovery SMS after the bot has finished.
SETTLE_SECONDS=20

say() { printf '\033[1m[demo]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[demo] %s\033[0m\n' "$*" >&2; exit 1; }

for tool in java mvn; do
  command -v "$tool" >/dev/null || fail "$tool not found on PATH: install a JDK 17 and Maven 3.8+"
done

if [[ ! -f $AGENT_JAR || ! -f $RECEIVER_JAR || ! -f $MONITOR_JAR || ! -f $BOT_JAR ]]; then
  say "building the jars (mvn -q -DskipTests package), this takes a few minutes the first time"
  mvn -q -B -DskipTests package || fail "the build failed: run 'mvn -B -DskipTests package' to see why"
fi

SMS_MODE=log
RECEIVER_CONFIG=$ROOT/demo/receiver-log.yml
if [[ -n ${ALIBABA_CLOUD_ACCESS_KEY_ID:-} && -n ${ALIBABA_CLOUD_ACCESS_KEY_SECRET:-} && -n ${WALLETWATCH_PHONE:-} ]]; then
  for name in WALLETWATCH_SIGN_NAME WALLETWATCH_TEMPLATE WALLETWATCH_RECOVERY_TEMPLATE; do
    [[ -n ${!name:-} ]] || fail "$name is not set: the Aliyun mode needs an approved sign name and template codes"
  done
  SMS_MODE=aliyun
  RECEIVER_CONFIG=$ROOT/demo/receiver-aliyun.yml
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/walletwatch-demo.XXXXXX")
PIDS=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'say "interrupted, stopping"; exit 130' INT TERM

export WALLETWATCH_WEBHOOK_TOKEN=${WALLETWATCH_WEBHOOK_TOKEN:-demo-$RANDOM$RANDOM$RANDOM}
export WALLETWATCH_DEMO_RECEIVER_PORT=$RECEIVER_PORT
export WALLETWATCH_DEMO_STORE=$WORK/walletwatch.db
export WALLETWATCH_DEMO_SMS_FILE=$WORK/sms.jsonl
export WALLETWATCH_DEMO_WEBHOOK_URL=http://127.0.0.1:$RECEIVER_PORT/webhooks/datadog

# Starts a JVM in the background with each output line prefixed by its name and copied to
# $WORK/NAME.log; the PID kept is the JVM's, not the prefixing filter's.
start() {
  local name=$1
  shift
  "$@" > >(tee "$WORK/$name.log" | sed -u "s/^/[$name] /") 2>&1 &
  PIDS+=($!)
}

# Waits until NAME's log has a line matching PATTERN; fails when NAME's process has exited.
await_line() {
  local name=$1 pid=$2 pattern=$3 seconds=$4
  for _ in $(seq $((seconds * 10))); do
    grep -qE "$pattern" "$WORK/$name.log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || fail "$name exited before printing '$pattern' (see [$name] lines above)"
    sleep 0.1
  done
  fail "$name did not print '$pattern' within ${seconds}s (see [$name] lines above)"
}

say "SMS provider: $SMS_MODE; work folder $WORK"
if (exec 3<>"/dev/tcp/127.0.0.1/$RECEIVER_PORT") 2>/dev/null; then
  fail "port $RECEIVER_PORT is in use: set WALLETWATCH_DEMO_RECEIVER_PORT to a free port"
fi
say "starting the receiver on 127.0.0.1:$RECEIVER_PORT"
start receiver java -Xmx128m -jar "$RECEIVER_JAR" serve --config "$RECEIVER_CONFIG"
await_line receiver "${PIDS[-1]}" 'receiver\.started' 30

if [[ $SMS_MODE == log ]]; then
  # Each SMS the log provider would send, as one JSON line with the phone masked.
  : >"$WALLETWATCH_DEMO_SMS_FILE"
  start sms tail -n +1 -F "$WALLETWATCH_DEMO_SMS_FILE"
fi

say "starting monitor local on UDP 127.0.0.1:$STATSD_PORT"
start monitor java -Xmx128m -jar "$MONITOR_JAR" local "$ROOT/demo/monitors.yml" --statsd-port "$STATSD_PORT"
MONITOR_PID=${PIDS[-1]}
await_line monitor "$MONITOR_PID" 'Listening for DogStatsD' 30
say "starting the gauge relay on UDP 127.0.0.1:$RELAY_PORT"
start statsd java -Xmx64m -cp "$BOT_JAR" dev.walletwatch.demo.relay.StatsdRelay "$RELAY_PORT" "$STATSD_PORT"
await_line statsd "${PIDS[-1]}" 'relaying' 30

say "starting the XChange bot with the agent (instrumentation.yml)"
# The SLF4J property silences XChange's "no SLF4J providers" notice.
start bot env DD_AGENT_HOST=127.0.0.1 DD_DOGSTATSD_PORT="$RELAY_PORT" java -Xmx256m \
  -Dslf4j.internal.verbosity=ERROR -javaagent:"$AGENT_JAR"=config="$ROOT/instrumentation.yml" \
  -jar "$BOT_JAR" --step=4s --tail=8s
BOT_PID=${PIDS[-1]}

if ! wait "$BOT_PID"; then
  fail "the bot exited with an error (see [bot] lines above)"
fi
say "the bot has finished; waiting up to ${SETTLE_SECONDS}s for the recovery message"
await_line monitor "$MONITOR_PID" 'Recovered' "$SETTLE_SECONDS"
# Give the receiver a moment to decide and deliver the recovery SMS.
sleep 2
say "the receiver's history: each webhook, the rule's decision and the deliveries"
java -Xmx128m -jar "$RECEIVER_JAR" history --config "$RECEIVER_CONFIG" >"$WORK/history.log" 2>&1 || true
sed "s/^/[history] /" "$WORK/history.log"
grep -qE 'delivery .* alert .* sent' "$WORK/history.log" || fail "the alert SMS was not sent"
grep -qE 'delivery .* recovery .* sent' "$WORK/history.log" || fail "the recovery SMS was not sent"
say "done: the alert and the recovery SMS went through; stopping everything"
