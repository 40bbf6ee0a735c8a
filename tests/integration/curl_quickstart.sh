#!/usr/bin/env bash
# The Kafka Connect quickstart of the Apache Kafka documentation, against connectdesk-worker:
# the worker started connect-standalone style with Apache's connect-file-source.properties, then
# the REST section's curl command for the FileStreamSink on topic connect-test, run verbatim (only
# the port is changed when 8083 is taken on this machine). The lines of test.txt must arrive in
# test.sink.txt, and the REST listing must show both connectors.
#   curl_quickstart.sh <connectdesk-worker> <plugin dir>
set -euo pipefail
worker=$1
plugins=$2
bootstrap=$(sed -n 's/^KAFKA_BOOTSTRAP=//p' "${CONNECTDESK_HARNESS_ENV:?harness env file}" | tail -n 1)
[ -n "$bootstrap" ] || { echo "no KAFKA_BOOTSTRAP in $CONNECTDESK_HARNESS_ENV" >&2; exit 1; }
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

port=8083
if python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", 8083))' 2>/dev/null; then
  :
else
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "port 8083 is taken here: using $port" >&2
fi
topic="connect-test-$$-$RANDOM" # the broker outlives this test; the docs' topic name plus a suffix

# config/connect-standalone.properties and config/connect-file-source.properties as shipped
# (comments cut), with this broker, port and topic.
cat > connect-standalone.properties <<PROPS
bootstrap.servers=$bootstrap
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=true
value.converter.schemas.enable=true
offset.storage.file.filename=$work/connect.offsets
offset.flush.interval.ms=10000
listeners=http://localhost:$port
plugin.path=$plugins
PROPS
cat > connect-file-source.properties <<PROPS
name=local-file-source
connector.class=FileStreamSource
tasks.max=1
file=test.txt
topic=$topic
PROPS
printf 'foo\nbar\n' > test.txt

"$worker" connect-standalone.properties connect-file-source.properties > worker.log 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://localhost:$port/" > /dev/null && break
  sleep 0.2
done

# The REST API section's example, verbatim but for port and topic.
answer=$(curl -X POST -H "Content-Type: application/json" --data '{"name": "local-file-sink", "config": {"connector.class":"FileStreamSinkConnector", "tasks.max":"1", "file":"test.sink.txt", "topics":"'"$topic"'" }}' http://localhost:$port/connectors -s -w ' %{http_code}')
case "$answer" in
  *'"name":"local-file-sink"'*' 201') ;;
  *) echo "create answered: $answer" >&2; tail -n 40 worker.log >&2; exit 1 ;;
esac

for _ in $(seq 1 150); do
  [ -f test.sink.txt ] && cmp -s test.txt test.sink.txt && break
  sleep 0.2
done
cmp test.txt test.sink.txt || { tail -n 40 worker.log >&2; exit 1; }
echo 'Another line' >> test.txt
for _ in $(seq 1 150); do
  cmp -s test.txt test.sink.txt && break
  sleep 0.2
done
cmp test.txt test.sink.txt || { tail -n 40 worker.log >&2; exit 1; }

listing=$(curl -s "http://localhost:$port/connectors")
[ "$listing" = '["local-file-sink","local-file-source"]' ] || { echo "listing: $listing" >&2; exit 1; }
status=$(curl -s "http://localhost:$port/connectors/local-file-sink/status")
case "$status" in
  *'"state":"RUNNING"'*) ;;
  *) echo "status: $status" >&2; exit 1 ;;
esac
[ "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "http://localhost:$port/connectors/local-file-sink")" = 204 ]
echo "quickstart ok on port $port: $(wc -l < test.sink.txt) lines from test.txt to test.sink.txt through $topic"
