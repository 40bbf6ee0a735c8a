#!/usr/bin/env bash
# Starts and stops the real Apache Kafka broker (single-node KRaft) and real Apache Kafka Connect
# (distributed mode) that the integration tests use as references; run by the CTest fixtures.
#
#   kafka_harness.sh start-kafka|stop-kafka|start-connect|stop-connect <state-dir>
#
# Each service runs in its own session (setsid) so stop can signal its whole process group.
# Addresses go to <state-dir>/env as KEY=VALUE lines (KAFKA_BOOTSTRAP, CONNECT_URL, ...), read by
# tests/support/harness_env.h. Logs stay in <state-dir>/logs after stop (.ci/run prints them).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KAFKA_READY_TIMEOUT=${KAFKA_READY_TIMEOUT:-60}
CONNECT_READY_TIMEOUT=${CONNECT_READY_TIMEOUT:-120}
STOP_TIMEOUT=${STOP_TIMEOUT:-20}
JAVA_HEAP=${CONNECTDESK_HARNESS_HEAP:--Xmx512m}

say() { printf '[harness] %s\n' "$*" >&2; }
die() {
  say "ERROR: $*"
  exit 1
}
now_ms() { date +%s%3N; }

usage() {
  echo "usage: $0 start-kafka|stop-kafka|start-connect|stop-connect <state-dir>" >&2
  exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
state=$2
mkdir -p "$state/logs"
state=$(cd "$state" && pwd)
env_file="$state/env"

# --- env file: KEY=VALUE lines shared by both services; rewritten atomically under a lock ---------

env_update() { # env_update KEY=VALUE... ; a bare KEY (no '=') removes the key
  (
    flock -w 30 8 || die "cannot lock $env_file.lock"
    local tmp
    tmp=$(mktemp "$env_file.XXXXXX")
    [ -f "$env_file" ] && cp "$env_file" "$tmp"
    local kv key
    for kv in "$@"; do
      key=${kv%%=*}
      grep -v "^$key=" "$tmp" >"$tmp.n" || true
      mv "$tmp.n" "$tmp"
      [ "$kv" != "$key" ] && printf '%s\n' "$kv" >>"$tmp"
    done
    mv "$tmp" "$env_file"
  ) 8>"$env_file.lock"
}

env_get() { if [ -f "$env_file" ]; then sed -n "s/^$1=//p" "$env_file" | tail -n 1; fi; }

# --- processes ------------------------------------------------------------------------------------

free_ports() { # free_ports N: N distinct free loopback ports, held open together so they differ
  python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

group_alive() { [ -n "$1" ] && kill -0 -- "-$1" 2>/dev/null; }

# stop_service NAME: TERM the process group recorded in <state>/NAME.pid, KILL it after
# STOP_TIMEOUT seconds; returns once no process of the group is left.
stop_service() {
  local name=$1 pidfile="$state/$1.pid" pgid
  [ -f "$pidfile" ] || return 0
  pgid=$(cat "$pidfile")
  if group_alive "$pgid"; then
    say "stopping $name (process group $pgid)"
    kill -TERM -- "-$pgid" 2>/dev/null || true
    local deadline=$(($(date +%s) + STOP_TIMEOUT))
    while group_alive "$pgid" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
    if group_alive "$pgid"; then
      say "$name did not stop within ${STOP_TIMEOUT}s: KILL"
      kill -KILL -- "-$pgid" 2>/dev/null || true
      while group_alive "$pgid"; do sleep 0.1; done
    fi
  fi
  rm -f "$pidfile"
}

# spawn NAME LOG CMD...: runs CMD as the leader of a new session, detached from the caller's
# stdio so CTest does not wait on it. The leader writes its own pid (= its process group id) before
# exec'ing CMD, so stop finds the group even if this script is killed while waiting for readiness,
# and whether or not setsid had to fork.
spawn() {
  local name=$1 log=$2 pidfile="$state/$1.pid"
  shift 2
  rm -f "$pidfile"
  setsid bash -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$pidfile" "$@" \
    </dev/null >>"$log" 2>&1 &
  local i
  for i in $(seq 1 100); do
    [ -s "$pidfile" ] && break
    sleep 0.05
  done
  [ -s "$pidfile" ] || die "$name did not start (no $pidfile)"
  SPAWNED_PID=$(cat "$pidfile")
}

fail_with_log() { # fail_with_log NAME LOG MESSAGE
  say "ERROR: $3"
  say "----- last lines of $2"
  tail -n 40 "$2" >&2 || true
  stop_service "$1"
  exit 1
}

# One run per log file, so the tail that .ci/run prints is this run's; the previous run's log is
# kept as .1 (not matched by .ci/run's logs/*.log).
rotate_log() { [ -f "$1" ] && mv -f "$1" "$1.1" || true; }

write_log4j2() { # write_log4j2 FILE LOGFILE
  cat >"$1" <<EOF
# Everything at INFO to one file per service; kept after stop for post-mortems.
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $2
appender.file.append = true
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.reflections.name = org.reflections
logger.reflections.level = ERROR
EOF
}

java_cmd() { # java_cmd LIBS LOG4J2 -> the common JVM command line, in JAVA_CMD
  JAVA_CMD=(java -server "$JAVA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$2" -cp "$1/*")
}

# --- kafka ----------------------------------------------------------------------------------------

start_kafka() {
  command -v java >/dev/null || die "java not found (install openjdk-17-jdk-headless)"
  command -v kcat >/dev/null || die "kcat not found (install kcat)"
  local libs t0
  libs=$("$here/fetch_kafka.sh") || die "fetching the Kafka jars failed"
  # A broker left over from an interrupted run would hold its data dir and confuse tests.
  stop_service connect
  stop_service kafka
  env_update KAFKA_BOOTSTRAP KAFKA_PID KAFKA_CLUSTER_ID CONNECT_URL CONNECT_PID CONNECT_GROUP

  local dir="$state/kafka" log="$state/logs/kafka.log"
  rm -rf "$dir"
  rotate_log "$log"
  # A new run begins: a connect.log left from the last one would mislead whoever reads the tails.
  rotate_log "$state/logs/connect.log"
  mkdir -p "$dir/data"
  local ports broker_port controller_port cluster_id
  ports=$(free_ports 2)
  broker_port=${ports% *}
  controller_port=${ports#* }
  # A Kafka Uuid is 16 random bytes in URL-safe base64 without padding; Kafka refuses ids that
  # start with '-' (they would read as a command-line flag).
  cluster_id=$(python3 -c '
import base64, uuid
while True:
    s = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    if not s.startswith("-"):
        print(s)
        break')

  cat >"$dir/server.properties" <<EOF
# Single-node KRaft: one process is both broker and controller (static quorum of one voter).
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$broker_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$broker_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
# A deleted topic's files go at once (Apache's default waits 60 s): the benchmark deletes each run's
# topic so that the next runs do not write into ever more fresh page cache.
log.segment.delete.delay.ms=1000
EOF
  write_log4j2 "$dir/log4j2.properties" "$log"
  java_cmd "$libs" "$dir/log4j2.properties"

  t0=$(now_ms)
  # Static voters: format with the cluster id only (--standalone is for the dynamic-quorum style).
  if ! "${JAVA_CMD[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
    >>"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "kafka-storage format failed"
  fi
  local t_format=$(($(now_ms) - t0))

  spawn kafka "$log" "${JAVA_CMD[@]}" kafka.Kafka "$dir/server.properties"
  local pid=$SPAWNED_PID
  local bootstrap="127.0.0.1:$broker_port"
  local deadline=$(($(date +%s) + KAFKA_READY_TIMEOUT))
  until kcat -b "$bootstrap" -L -m 2 -q >/dev/null 2>&1 && broker_ready "$bootstrap"; do
    alive "$pid" || fail_with_log kafka "$log" "the broker exited during start-up"
    [ "$(date +%s)" -lt "$deadline" ] ||
      fail_with_log kafka "$log" "the broker at $bootstrap was not ready within ${KAFKA_READY_TIMEOUT}s"
    sleep 0.2
  done
  env_update "KAFKA_BOOTSTRAP=$bootstrap" "KAFKA_PID=$pid" "KAFKA_CLUSTER_ID=$cluster_id"
  say "kafka ready at $bootstrap (pid $pid): format $((t_format))ms, start-to-ready $(($(now_ms) - t0 - t_format))ms"
}

# The metadata answer must list broker 1 itself, not only a bootstrap placeholder.
broker_ready() { kcat -b "$1" -L -m 2 2>/dev/null | grep -q 'broker 1 at 127.0.0.1'; }

# --- connect --------------------------------------------------------------------------------------

start_connect() {
  command -v curl >/dev/null || die "curl not found"
  local bootstrap
  bootstrap=$(env_get KAFKA_BOOTSTRAP)
  [ -n "$bootstrap" ] || die "no KAFKA_BOOTSTRAP in $env_file: start-kafka first"
  local libs t0
  libs=$("$here/fetch_kafka.sh") || die "fetching the Kafka jars failed"
  stop_service connect
  env_update CONNECT_URL CONNECT_PID CONNECT_GROUP

  local dir="$state/connect" log="$state/logs/connect.log"
  rm -rf "$dir"
  rotate_log "$log"
  mkdir -p "$dir/plugins"
  local port group
  port=$(free_ports 1)
  # Unique per start so a re-run on the same broker never meets old internal topics' state.
  group="connectdesk-ref-$(date +%s)-$$"
  cat >"$dir/connect-distributed.properties" <<EOF
bootstrap.servers=$bootstrap
group.id=$group
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=true
value.converter.schemas.enable=true
config.storage.topic=$group-configs
offset.storage.topic=$group-offsets
status.storage.topic=$group-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
offset.storage.partitions=5
status.storage.partitions=1
offset.flush.interval.ms=1000
listeners=http://127.0.0.1:$port
rest.advertised.host.name=127.0.0.1
rest.advertised.port=$port
rest.advertised.listener=http
# The Apache connectors (connect-file, transforms) are on the classpath; an empty plugin dir
# keeps isolation configured without scanning anything else.
plugin.path=$dir/plugins
# Every Apache plugin jar carries ServiceLoader manifests (Connect itself says so in its log), so
# the reflection scan (about 4 s here) is skipped; the plugin list is the same.
plugin.discovery=service_load
scheduled.rebalance.max.delay.ms=0
EOF
  write_log4j2 "$dir/log4j2.properties" "$log"
  java_cmd "$libs" "$dir/log4j2.properties"

  t0=$(now_ms)
  spawn connect "$log" "${JAVA_CMD[@]}" org.apache.kafka.connect.cli.ConnectDistributed \
    "$dir/connect-distributed.properties"
  local pid=$SPAWNED_PID url="http://127.0.0.1:$port"
  local deadline=$(($(date +%s) + CONNECT_READY_TIMEOUT))
  # GET / answers as soon as the REST server is up; GET /connectors answers 200 only once the
  # herder has joined the group and read the config topic.
  until [ "$(http_code "$url/")" = 200 ] && [ "$(http_code "$url/connectors")" = 200 ]; do
    alive "$pid" || fail_with_log connect "$log" "Connect exited during start-up"
    [ "$(date +%s)" -lt "$deadline" ] ||
      fail_with_log connect "$log" "Connect at $url was not ready within ${CONNECT_READY_TIMEOUT}s"
    sleep 0.3
  done
  env_update "CONNECT_URL=$url" "CONNECT_PID=$pid" "CONNECT_GROUP=$group"
  say "connect ready at $url (pid $pid, group $group): start-to-ready $(($(now_ms) - t0))ms"
}

http_code() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true; }

# --- stop -----------------------------------------------------------------------------------------

stop_kafka() {
  stop_service connect # Connect without its broker only spins; never leave it behind.
  stop_service kafka
  env_update KAFKA_BOOTSTRAP KAFKA_PID KAFKA_CLUSTER_ID CONNECT_URL CONNECT_PID CONNECT_GROUP
  rm -rf "$state/kafka" "$state/connect"
}

stop_connect() {
  stop_service connect
  env_update CONNECT_URL CONNECT_PID CONNECT_GROUP
  rm -rf "$state/connect"
}

case "$cmd" in
start-kafka) start_kafka ;;
stop-kafka) stop_kafka ;;
start-connect) start_connect ;;
stop-connect) stop_connect ;;
*) usage ;;
esac
