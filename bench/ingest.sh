#!/usr/bin/env bash
# schedule-ingest end to end (JVM start included): wall time and peak RSS for the sample workbook and for a
# generated 50,000-row workbook, each into a fresh table and then again (unchanged), launched two ways: plain
# `java -jar`, and as the container image launches it (a class-data-sharing archive from one training run on the
# sample, C1 only, serial GC; see schedule-ingest/src/main/docker/Dockerfile.jvm). Target: sample < 3 s.
# Usage: bench/ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp_file=$work/classpath
# One reactor build, so that delta-table resolves from this checkout; schedule-ingest, built last, writes the file.
./mvnw -B -q -pl schedule-ingest -am -DskipTests test-compile package dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" > /dev/null
# The large workbook comes from the same generator code the tests use.
java -cp "schedule-ingest/target/test-classes:schedule-ingest/target/classes:$(cat "$cp_file")" \
    com.summitlakehouse.schedule.LargeScheduleWorkbook "$work/large.xlsx" 50000 2>/dev/null

app=$(pwd)/schedule-ingest/target/quarkus-app
sample=$(pwd)/schedule-ingest/src/test/resources/journey-schedule.xlsx
jvm_opts=()
run() { # label workbook table
    # From the application directory: a class-data-sharing archive only matches the class path it was made with.
    (cd "$app" && /usr/bin/time -f "%e %M" -o "$work/time" java "${jvm_opts[@]}" -jar quarkus-run.jar \
        --source "$2" --table "$3" > "$work/out" 2> "$work/err") || { cat "$work/err" >&2; exit 1; }
    read -r wall rss_kb < "$work/time"
    printf '%-22s wall %5.2f s   peak RSS %4d MB   %s\n' "$1" "$wall" $((rss_kb / 1024)) "$(cat "$work/out")"
}
echo "plain java -jar:"
run "sample (42 rows)" "$sample" "$work/t1"
run "sample again" "$sample" "$work/t1"
run "50,000 rows" "$work/large.xlsx" "$work/t2"
run "50,000 rows again" "$work/large.xlsx" "$work/t2"

echo "as the image launches it:"
(cd "$app" && java -XX:ArchiveClassesAtExit="$work/app-cds.jsa" -jar quarkus-run.jar --source "$sample" \
    --table "$work/training" > /dev/null 2>&1)
jvm_opts=(-XX:SharedArchiveFile="$work/app-cds.jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
run "sample (42 rows)" "$sample" "$work/t3"
run "sample again" "$sample" "$work/t3"
run "50,000 rows" "$work/large.xlsx" "$work/t4"
run "50,000 rows again" "$work/large.xlsx" "$work/t4"
