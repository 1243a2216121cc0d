#!/usr/bin/env bash
# Starts the S3-protocol server the test suites use (Adobe S3Mock, from Maven Central; it honours If-None-Match) on
# loopback, for benchmarks and local runs. Prints its PID once it answers. Usage: bench/s3-server.sh PORT DIR BUCKET
# The class path is resolved as the tests resolve it (delta-table/src/test/s3-server/classpath.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
port=$1 dir=$2 bucket=$3
classpath=$(delta-table/src/test/s3-server/classpath.sh s3mock)
mkdir -p "$dir"
java -Xmx512m -cp "$classpath" com.adobe.testing.s3mock.S3MockApplication --server.port=0 \
    --com.adobe.testing.s3mock.httpPort="$port" --com.adobe.testing.s3mock.store.root="$dir" \
    --com.adobe.testing.s3mock.store.initial-buckets="$bucket" > "$dir.log" 2>&1 < /dev/null &
pid=$!
for _ in $(seq 1 300); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo $pid; exit 0; fi
    kill -0 $pid 2> /dev/null || break
    sleep 0.2
done
echo "S3Mock did not answer on $port: see $dir.log" >&2
kill $pid 2> /dev/null
exit 1
