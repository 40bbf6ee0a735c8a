#!/usr/bin/env bash
# install_smoke.sh <build-dir>: package, unpack, check the layout, run the installed worker on the
# sandbox and create a FileStream connector through its REST API.
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
worker_pid=
cleanup() {
  [ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$work/worker.log" ] && tail -n 40 "$work/worker.log" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/pkg/*.deb)
echo "package: $(basename "$deb") $(du -h "$deb" | cut -f1)"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for dep in libqt6core6 libqt6widgets6 libqt6httpserver6 librdkafka1 libspdlog1; do
  grep -q "$dep" <<<"$depends" || fail "runtime dependency $dep missing from Depends"
done

root="$work/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/connectdesk usr/bin/connectdesk-worker \
         usr/share/applications/connectdesk.desktop \
         usr/share/metainfo/dev.connectdesk.ConnectDesk.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/connectdesk.svg \
         usr/share/man/man1/connectdesk-worker.1 \
         lib/systemd/system/connectdesk-worker.service \
         usr/share/connectdesk/service/worker.properties \
         usr/share/connectdesk/config/sandbox-worker.properties; do
  [ -e "$root/$f" ] || [ -e "$root/usr/$f" ] || fail "installed file missing: $f"
done
ls "$root"/usr/share/icons/hicolor/*/apps/connectdesk.* | sed "s|$root||"
plugin=$(find "$root/usr/lib" -path '*connectdesk/plugins/*.so' | head -n 1)
[ -n "$plugin" ] || fail "no connector plugin installed"
echo "plugin: ${plugin#$root}"

exe="$root/usr/bin/connectdesk-worker"
"$exe" --version | tee "$work/version.txt"
grep -Eq 'ConnectDesk [0-9.]+ \([0-9a-f]{7,}' "$work/version.txt" || fail "--version lacks the git revision"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cp "$root/usr/share/connectdesk/config/sandbox-worker.properties" "$work/worker.properties"
echo "listeners=http://127.0.0.1:$port" >>"$work/worker.properties"
# The installed worker must find its plugins next to itself, not in the build tree.
env -u CONNECTDESK_PLUGIN_DIR HOME="$work/home" XDG_DATA_HOME="$work/home/data" \
  "$exe" "$work/worker.properties" >"$work/worker.log" 2>&1 &
worker_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -sf "$url/" >/dev/null 2>&1 && break
  kill -0 "$worker_pid" 2>/dev/null || fail "installed worker exited"
  sleep 0.2
done
curl -sf "$url/connector-plugins" >"$work/plugins.json" || fail "REST did not answer"
grep -q 'org.apache.kafka.connect.file.FileStreamSourceConnector' "$work/plugins.json" ||
  fail "installed worker did not load the FileStream plugin: $(cat "$work/plugins.json")"
grep -q "$build" "$work/worker.log" && fail "installed worker looked into the build tree"

seq 1 100 >"$work/in.txt"
curl -sf -X POST -H 'Content-Type: application/json' "$url/connectors" \
  -d "{\"name\":\"installed-source\",\"config\":{\"connector.class\":\"FileStreamSource\",\"file\":\"$work/in.txt\",\"topic\":\"installed-test\"}}" \
  >/dev/null || fail "create connector"
for _ in $(seq 1 100); do
  status=$(curl -sf "$url/connectors/installed-source/status" || true)
  grep -q '"tasks":\[{[^]]*"state":"RUNNING"' <<<"$status" && break
  sleep 0.2
done
echo "status: $status"
grep -q '"tasks":\[{[^]]*"state":"RUNNING"' <<<"$status" || fail "connector task did not reach RUNNING"
echo "installed worker ran a FileStream connector from the unpacked package"
