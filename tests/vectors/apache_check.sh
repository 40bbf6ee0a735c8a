#!/usr/bin/env bash
# Runs ConnectDesk's vector writer, then the real Apache JsonConverter (ConnectVectors check) on
# its output. Usage: apache_check.sh <json_vectors_write binary> <work dir>
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
writer=$1
work=$2
libs=$("$here/../harness/fetch_kafka.sh")
rm -rf "$work" && mkdir -p "$work/ours" "$work/classes"
javac -d "$work/classes" -cp "$libs/*" "$here/ConnectVectors.java"
"$writer" "$work/ours"
java -cp "$libs/*:$work/classes" ConnectVectors check "$work/ours"
