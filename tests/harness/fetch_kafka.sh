#!/usr/bin/env bash
# Puts the Apache Kafka jars pinned in tests/harness/pom.xml (broker, tools, Connect runtime, file
# connector, JSON converter, transforms, log4j2) into a per-user cache and prints that libs dir.
#
#   tests/harness/fetch_kafka.sh          -> prints e.g. ~/.cache/connectdesk/kafka-4.1.1/libs
#   java -cp "$(tests/harness/fetch_kafka.sh)/*" ...
#
# Warm path: a stamp inside the libs dir records the sha256 of the pom it was made from; when it
# matches, nothing is downloaded and Maven is not started (a few milliseconds).
# Cold path: Maven copies the jars into a temporary sibling dir which is renamed into place only
# when complete, so a killed download never leaves a half cache. A lock serialises concurrent
# callers (ctest -j2, other helpers) so only one of them downloads.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pom="$here/pom.xml"

version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom")
if [ -z "$version" ]; then
  echo "fetch_kafka.sh: no <kafka.version> in $pom" >&2
  exit 1
fi
base="${XDG_CACHE_HOME:-$HOME/.cache}/connectdesk/kafka-$version"
libs="$base/libs"
stamp_name=".connectdesk-complete"
want=$(sha256sum "$pom" | cut -d' ' -f1)

cache_ok() { [ -f "$libs/$stamp_name" ] && [ "$(cat "$libs/$stamp_name")" = "$want" ]; }

if cache_ok; then
  printf '%s\n' "$libs"
  exit 0
fi

mkdir -p "$base"
exec 9>"$base/.lock"
if ! flock -w 900 9; then
  echo "fetch_kafka.sh: another fetch holds $base/.lock for more than 900 s" >&2
  exit 1
fi
# Someone else may have finished while we waited for the lock.
if cache_ok; then
  printf '%s\n' "$libs"
  exit 0
fi

for tool in mvn java; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fetch_kafka.sh: '$tool' not found; install openjdk-17-jdk-headless and maven (.ci/dev test does)" >&2
    exit 1
  fi
done

# Leftovers of killed runs are only ever partial: drop them.
rm -rf "$base"/libs.tmp.* "$base"/libs.old.*
tmp=$(mktemp -d "$base/libs.tmp.XXXXXX")
mvn_pid=""
cleanup() {
  [ -n "$mvn_pid" ] && kill "$mvn_pid" 2>/dev/null
  rm -rf "$tmp" "$tmp.log"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

echo "fetch_kafka.sh: downloading Apache Kafka $version jars from Maven Central into $libs" >&2
start=$(date +%s)
# Maven's output goes to a log shown only on failure, so stdout stays the libs dir alone.
mvn_log="$tmp.log"
# Maven runs as a background job so a TERM to this script is handled at once (a foreground child
# would delay the trap) and the cleanup stops Maven instead of leaving it writing.
mvn -B -q -Dstyle.color=never -f "$pom" dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$tmp" >"$mvn_log" 2>&1 &
mvn_pid=$!
if ! wait "$mvn_pid"; then
  mvn_pid=""
  cat "$mvn_log" >&2
  rm -f "$mvn_log"
  echo "fetch_kafka.sh: Maven failed to copy the Kafka $version jars (network? see above)" >&2
  exit 1
fi
mvn_pid=""
rm -f "$mvn_log"
count=$(find "$tmp" -maxdepth 1 -name '*.jar' | wc -l)
for needed in "kafka_2.13-$version.jar" "connect-runtime-$version.jar" "connect-file-$version.jar" \
  "connect-json-$version.jar" "kafka-tools-$version.jar"; do
  if [ ! -f "$tmp/$needed" ]; then
    echo "fetch_kafka.sh: $needed missing after the download ($count jars)" >&2
    exit 1
  fi
done
printf '%s\n' "$want" >"$tmp/$stamp_name"

# Swap in: a stale libs dir (other pom hash) is moved aside first, then the new one renamed in.
if [ -e "$libs" ]; then
  old="$base/libs.old.$$"
  mv "$libs" "$old"
  rm -rf "$old"
fi
mv "$tmp" "$libs"
trap - EXIT
echo "fetch_kafka.sh: $count jars in $(($(date +%s) - start)) s" >&2
printf '%s\n' "$libs"
