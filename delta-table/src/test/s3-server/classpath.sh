#!/usr/bin/env bash
# Prints the run-time class path of one of the S3-protocol servers the tests start (s3mock or s3proxy, see the
# pom.xml beside this script in <kind>/). Resolved once with Maven from Maven Central, then cached under
# ~/.cache/summit-s3-servers, keyed by the pom's content. Used by S3TestServer and by bench/s3-server.sh.
# Usage: delta-table/src/test/s3-server/classpath.sh KIND
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kind=$1
pom=$here/$kind/pom.xml
cache=${XDG_CACHE_HOME:-$HOME/.cache}/summit-s3-servers
classpath=$cache/$kind-$(sha256sum "$pom" | cut -c1-16).classpath
if [ ! -s "$classpath" ]; then
    mkdir -p "$cache"
    (cd "$here/../../../.." && ./mvnw -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$classpath.tmp") \
        > "$cache/$kind-resolve.log" 2>&1 \
        || { echo "resolving the $kind class path failed: see $cache/$kind-resolve.log" >&2; exit 3; }
    mv "$classpath.tmp" "$classpath"
fi
cat "$classpath"
