#!/usr/bin/env bash
# Runs bench_worker_vs_reference against a fresh real broker started with the harness scripts, then
# stops the broker again. Builds nothing: build the bench first, e.g.
#   cmake --build <build> --target bench_worker_vs_reference -j2
#
#   run_bench.sh [--build <build-dir>] [bench options...]   e.g. run_bench.sh --lines 200000 --repeat 3
#
# The broker's state and every run's files (worker/connector properties, logs, a sink file that
# differs from the input) stay in the work dir printed at the start, so a surprising figure can be
# looked into afterwards; the inputs and the sink files that matched them are removed (100 MB each
# per million lines: a --repeat 5 run at 1,000,000 lines used to leave 3.4 GB behind).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
build="$root/build"
if [ "${1:-}" = "--build" ]; then
  build=$(cd "$2" && pwd)
  shift 2
fi
bench="$build/tests/bench/worker/bench_worker_vs_reference"
[ -x "$bench" ] || {
  echo "run_bench.sh: $bench not found; build the target bench_worker_vs_reference first" >&2
  exit 2
}
for tool in java kcat python3; do
  command -v "$tool" >/dev/null || {
    echo "run_bench.sh: $tool not found" >&2
    exit 2
  }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/connectdesk-bench.XXXXXX")
state="$work/harness"
echo "run_bench.sh: work dir $work" >&2
stop() { "$root/tests/harness/kafka_harness.sh" stop-kafka "$state" || true; }
trap stop EXIT

libs=$("$root/tests/harness/fetch_kafka.sh")
"$root/tests/harness/kafka_harness.sh" start-kafka "$state"
bootstrap=$(sed -n 's/^KAFKA_BOOTSTRAP=//p' "$state/env" | tail -n 1)
[ -n "$bootstrap" ] || {
  echo "run_bench.sh: the harness wrote no KAFKA_BOOTSTRAP" >&2
  exit 1
}
echo "run_bench.sh: java $(java -version 2>&1 | head -n 1), $(kcat -V 2>&1 | sed -n 's/^Version //p')" >&2
# The broker's pid lets each run wait until the broker is idle again (bench_worker_vs_reference.cpp,
# settleBroker).
broker_pid=$(cat "$state/kafka.pid" 2>/dev/null || echo 0)
"$bench" --bootstrap "$bootstrap" --kafka-libs "$libs" --work-dir "$work/runs" --broker-pid "$broker_pid" "$@"
