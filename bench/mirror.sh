#!/usr/bin/env bash
# mirror-service at scale: mirrors 1,000,000 and 5,000,000 generated visible posts into a Delta table and prints
# the full run (first run into an empty warehouse, then `--once --full`: whole rewrites) beside the time PostgreSQL
# itself takes to COPY the same query to /dev/null, measured in turn with it: the run's own duration, the fresh
# process's wall time (JVM start included), CPU and peak RSS, as ratios to COPY. Then an unchanged re-run, a first
# run as the image runs it (JDK 25 with the AOT cache its build trains, see
# mirror-service/src/main/docker/Dockerfile.jvm), and a warm run inside one long-running process.
# Then incremental runs after 1% of the rows changed, beside the per-hour fingerprint query's own time, and a run that
# hides 20 posts, without and with the purge of their files in the same run (purge.within=0).
# Targets: full run <= 2x COPY, fresh --once <= 3x COPY; RSS at 5M within 20% of 1M; incremental <= 10% of a full
# mirror and <= 2x the fingerprint query.
# A warm line repeats the whole rewrite in one process: what the work costs once the code is loaded and compiled.
# Beside COPY, two lines of PostgreSQL's own: sending the same rows to a client that discards them ("to client":
# psql's \copy, binary, TLS, as the mirror reads them) and the fingerprint query every grouped run starts with.
# Usage: bench/mirror.sh            SIZES="1000000 5000000" JAVA_OPTS="-Xmx512m -XX:+UseParallelGC" (the defaults)
#                                    to change them;
#        FULL_ONLY=1 bench/mirror.sh  only the full runs beside COPY, at each size.
#        WAREHOUSE=s3://warehouse/bench bench/mirror.sh   the gold tables on S3: without AWS_ENDPOINT_URL_S3, on the
#        suites' S3 server (S3Mock) started on loopback here; one local-disk mirror beside it for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1000000 5000000"}
java_opts=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}
db=summit_mirror_bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"; }

deploy/local/postgres.sh
warehouse_root=${WAREHOUSE:-}
s3_opts=()
if [[ $warehouse_root == s3://* || $warehouse_root == s3a://* ]]; then
    mkdir -p "$work/secrets"
    if [ -z "${AWS_ENDPOINT_URL_S3:-}" ]; then
        bucket=${warehouse_root#*://}; bucket=${bucket%%/*}
        s3_pid=$(bench/s3-server.sh 19480 "$work/s3" "$bucket")
        trap 'kill $s3_pid 2> /dev/null; rm -rf "$work"' EXIT
        export AWS_ENDPOINT_URL_S3=http://127.0.0.1:19480
        echo bench > "$work/secrets/s3_access_key_id"
        echo bench > "$work/secrets/s3_secret_access_key"
    fi
    s3_opts=(-Dmirror.object-store.secrets-directory="$work/secrets")
fi
# A new, empty warehouse: a fresh prefix on S3, an emptied directory on disk.
fresh_warehouse() {
    if [ -n "$warehouse_root" ]; then
        warehouse="$warehouse_root/run-$RANDOM$RANDOM"
    else
        rm -rf "$work/warehouse"
        warehouse="$work/warehouse"
    fi
}
[ -f mirror-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -pl mirror-service -am -DskipTests package
psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
for migration in $(ls ops-api/src/main/resources/db/migration/V*.sql | sort -V); do
    # The same placeholders Flyway fills in for ops-api.
    sed -e 's/${api_role}/summit_api/g' -e 's/${mirror_role}/summit_mirror/g' "$migration" | psql_db > /dev/null
done
# The per-hour fingerprint query of a grouped mirror, as mirror-service sends it.
fingerprint_query='SELECT grp, count(*), sum(hash_record_extended(ROW("platform", "external_id", "updated_at"), 0)) FROM (SELECT "platform", "external_id", "updated_at", date_trunc('"'hour'"', "posted_at" AT TIME ZONE '"'UTC'"') AS grp FROM "mirror"."social_posts") AS t GROUP BY grp'
query="SELECT platform, external_id, author_handle, caption, permalink, media_url, hashtags, posted_at, like_count, comment_count, share_count, updated_at FROM mirror.social_posts"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
run_mirror() { # label [warehouse] [more arguments]
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" java $java_opts -Dlakebase_db=$db -Dmirror.warehouse="${2:-$warehouse}" \
        "${s3_opts[@]}" -jar mirror-service/target/quarkus-app/quarkus-run.jar --once ${3:-} > "$work/mirror.log" 2>&1
    read -r wall rss_kb user_s sys_s < "$work/time"
    last_cpu=$(awk -v u="$user_s" -v s="$sys_s" 'BEGIN {print u + s}')
    local line
    line=$(grep -oE "mirror social_posts: .*" "$work/mirror.log")
    printf '%-10s wall %6.2f s   peak RSS %5d MB   %s\n' "$1" "$wall" $((rss_kb / 1024)) "$line"
    last_wall=$wall
    last_rss=$((rss_kb / 1024))
    last_run_ms=$(grep -oE "duration=[0-9]+" <<< "$line" | cut -d= -f2)
}

# As the image runs it: JDK 25 with an AOT cache from one training run without a database, made the way the image's
# build makes it; run from the application directory, since a cache only matches its own class path.
java25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
app=$(pwd)/mirror-service/target/quarkus-app
(cd "$app" && lakebase_port=1 "$java25" -XX:AOTCacheOutput="$work/mirror.aot" -Dmirror.warehouse="$work/training" \
    -jar quarkus-run.jar --once > /dev/null 2>&1) || true
run_mirror_as_image() { # label
    (cd "$app" && /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$java25" -XX:AOTCache="$work/mirror.aot" $java_opts \
        -Dlakebase_db=$db -Dmirror.warehouse="$warehouse" "${s3_opts[@]}" -jar quarkus-run.jar --once \
        > "$work/mirror.log" 2>&1)
    read -r wall rss_kb user_s sys_s < "$work/time"
    local line
    line=$(grep -oE "mirror social_posts: .*" "$work/mirror.log")
    printf '%-10s wall %6.2f s   peak RSS %5d MB   %s\n' "$1" "$wall" $((rss_kb / 1024)) "$line"
    last_wall=$wall
    last_run_ms=$(grep -oE "duration=[0-9]+" <<< "$line" | cut -d= -f2)
}

# The long-running mode (a Deployment): one process mirrors every 5 s; each round changes one row first, so that
# every run writes. The third run's duration is the warm figure (JVM started, code compiled).
mirrored_lines() { grep -c "mirror social_posts: mirrored" "$work/service.log" || true; }
run_service() {
    java $java_opts -Dlakebase_db=$db -Dmirror.warehouse="$warehouse" "${s3_opts[@]}" -Dmirror.every=5s \
        -Dquarkus.http.port=0 -jar mirror-service/target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
    local service=$! round
    for round in 1 2 3; do
        psql_db -c "UPDATE social_posts SET like_count = like_count + 1 WHERE external_id = 'bench-1'" > /dev/null
        until [ "$(mirrored_lines)" -ge "$round" ]; do sleep 0.2; done
    done
    kill $service
    wait $service 2> /dev/null || true
    warm_ms=$(grep -oE "mirror social_posts: mirrored .*" "$work/service.log" | tail -1 | grep -oE "duration=[0-9]+" \
        | cut -d= -f2)
}

# An incremental run beside the full mirror and the fingerprint query: the process's wall time (JVM start
# included) and the run's own duration (what a long-running mirror spends).
incremental_figures() {
    awk -v w="$last_wall" -v f="$wall_of_full" -v r="$last_run_ms" -v rf="$run_of_full" -v q="$fingerprint_ms" 'BEGIN {
        printf "           process: %.0f%% of the full mirror, %.2fx the fingerprint query\n", 100 * w / f, w / (q / 1000)
        printf "           run:     %.0f%% of the full mirror, %.2fx the fingerprint query\n", 100 * r / rf, r / q}'
}

# PostgreSQL's own time for the mirror's query: COPY to /dev/null on the server (no client, no TLS), with the CPU
# its backend spent (from /proc, as the server runs on this machine).
copy_once() {
    psql -h 127.0.0.1 -U postgres -d "$db" -qAt -v ON_ERROR_STOP=1 > "$work/copy" <<SQL
SELECT pg_backend_pid() AS pid \\gset
\\setenv PID :pid
\\! awk '{print "cpu0|" \$14 + \$15}' /proc/\$PID/stat
SELECT clock_timestamp() AS t0 \\gset
COPY ($query) TO '/dev/null';
SELECT 'ms', round(extract(epoch FROM clock_timestamp() - :'t0') * 1000);
\\! awk '{print "cpu1|" \$14 + \$15}' /proc/\$PID/stat
SQL
    local ticks=$(getconf CLK_TCK)
    copy_ms=$(grep '^ms|' "$work/copy" | cut -d'|' -f2)
    copy_cpu=$(awk -F'|' -v t="$ticks" '$1 == "cpu0" {a = $2} $1 == "cpu1" {b = $2} END {print (b - a) / t}' "$work/copy")
}
# PostgreSQL's own time for sending the same rows to a client that discards them: psql's \copy in binary over TLS
# (the mirror's way in: one binary COPY per group on a TLS connection), with its backend's CPU. What any client pays
# the database before doing anything with a row, beside COPY to a file on the server.
client_copy_once() {
    psql "host=127.0.0.1 user=postgres dbname=$db sslmode=require" -qAt -v ON_ERROR_STOP=1 > "$work/copy" <<SQL
SELECT pg_backend_pid() AS pid \\gset
\\setenv PID :pid
\\! awk '{print "cpu0|" \$14 + \$15}' /proc/\$PID/stat
SELECT clock_timestamp() AS t0 \\gset
\\copy ($query) TO '/dev/null' (FORMAT binary)
SELECT 'ms', round(extract(epoch FROM clock_timestamp() - :'t0') * 1000);
\\! awk '{print "cpu1|" \$14 + \$15}' /proc/\$PID/stat
SQL
    local ticks=$(getconf CLK_TCK)
    client_copy_ms=$(grep '^ms|' "$work/copy" | cut -d'|' -f2)
    client_copy_cpu=$(awk -F'|' -v t="$ticks" '$1 == "cpu0" {a = $2} $1 == "cpu1" {b = $2} END {print (b - a) / t}' \
        "$work/copy")
}
# The full run (the first run into an empty warehouse, then --full on the table it made: a whole rewrite either
# way) beside COPY, interleaved so that both see the same machine: COPY, first run, COPY, --full, COPY. Figures:
# the run's own duration (what the mirror spends; JVM start excluded) and the fresh process's wall time, each as a
# ratio to the mean COPY; the process's CPU (user + sys) beside COPY's backend CPU; peak RSS.
full_runs() { # rows
    local copies=() copy_cpus=() label
    copy_once; copies+=("$copy_ms"); copy_cpus+=("$copy_cpu")
    run_mirror "mirror"
    wall_of_full=$last_wall
    run_of_full=$last_run_ms
    rss[$1]=$last_rss
    local first="$last_run_ms $last_wall $last_cpu $last_rss"
    copy_once; copies+=("$copy_ms"); copy_cpus+=("$copy_cpu")
    run_mirror "--full" "$warehouse" --full
    local again="$last_run_ms $last_wall $last_cpu $last_rss"
    copy_once; copies+=("$copy_ms"); copy_cpus+=("$copy_cpu")
    copy_ms=$(( (copies[0] + copies[1] + copies[2]) / 3 ))
    local cpu_of_copy
    cpu_of_copy=$(awk -v a="${copy_cpus[0]}" -v b="${copy_cpus[1]}" -v c="${copy_cpus[2]}" 'BEGIN {print (a + b + c) / 3}')
    printf '%-10s wall %6.2f s   (%s ms; backend CPU %.2f s)\n' "COPY" "$(awk -v m="$copy_ms" 'BEGIN {print m / 1000}')" \
        "${copies[*]}" "$cpu_of_copy"
    client_copy_once
    awk -v m="$client_copy_ms" -v cpu="$client_copy_cpu" -v c="$copy_ms" 'BEGIN {
        printf "%-10s wall %6.2f s   backend CPU %.2f s = %.2fx COPY   (the same rows sent to a client that discards them: psql \\copy, binary, TLS)\n",
            "to client", m / 1000, cpu, m / c}'
    started=$(date +%s%N)
    psql_db -c "$fingerprint_query" > /dev/null
    awk -v m="$(ms "$started")" -v c="$copy_ms" 'BEGIN {
        printf "%-10s wall %6.2f s = %.2fx COPY   (the per-hour fingerprint query every grouped run starts with)\n",
            "fp query", m / 1000, m / c}'
    for label in "first run" "--full"; do
        [ "$label" = "first run" ] && set -- $first || set -- $again
        awk -v l="$label" -v run="$1" -v wall="$2" -v cpu="$3" -v rss="$4" -v c="$copy_ms" -v cc="$cpu_of_copy" 'BEGIN {
            printf "%-10s full run %5.2f s = %.2fx COPY   fresh --once %5.2f s = %.2fx COPY   CPU %5.2f s = %.1fx COPY'"'"'s   peak RSS %d MB\n",
                l, run / 1000, run / c, wall, wall / (c / 1000), cpu, cpu / cc, rss}'
    done
    echo "           targets: full run <= 2x COPY, fresh --once <= 3x COPY"
}

# The same whole rewrite four times in one process (bench/mirror/WarmFullRuns.java, through the calls a grouped mirror
# makes): the first run pays for loading and compiling the code, the last shows the work itself, beside COPY.
warm_full_runs() {
    java $java_opts -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*" bench/mirror/WarmFullRuns.java "$db" \
        "$work/warm" 4 2> /dev/null | grep '^warm-run' > "$work/warm.txt"
    rm -rf "$work/warm"
    awk -v c="$copy_ms" '{for (i = 1; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}; wall[NR] = v["wall_ms"];
        cpu[NR] = v["cpu_ms"]} END {printf "%-10s full run %5.2f s = %.2fx COPY   CPU %5.2f s   (run %d of %d in one process; the first: %.2f s)\n",
        "warm", wall[NR] / 1000, wall[NR] / c, cpu[NR] / 1000, NR, NR, wall[1] / 1000}' "$work/warm.txt"
}

declare -A rss
for n in $sizes; do
    echo "== $n visible posts"
    psql_db <<SQL
TRUNCATE social_posts;
INSERT INTO social_posts (platform, external_id, author_handle, caption, permalink, media_url, hashtags, posted_at,
                          like_count, comment_count, share_count, is_visible)
SELECT (ARRAY['instagram','tiktok','x','facebook','youtube','threads'])[1 + i % 6], 'bench-' || i,
       '@traveller' || (i % 500), 'Day ' || (i % 35 + 1) || ' of the journey, mile ' || (i % 9000),
       'https://social.example.com/p/' || i, 'https://cdn.example.com/m/' || i || '.jpg',
       ARRAY['summitroadtrip', 'city' || (i % 25)], now() - make_interval(secs => i),
       (i * 37) % 5000, (i * 11) % 300, (i * 7) % 100, true
  FROM generate_series(1, $n) AS i;
VACUUM ANALYZE social_posts;
SQL
    fresh_warehouse
    if [ -n "$warehouse_root" ]; then
        rm -rf "$work/local"
        run_mirror "local disk" "$work/local"
        rm -rf "$work/local"
    fi
    full_runs "$n"
    warm_full_runs
    [ -n "${FULL_ONLY:-}" ] && continue
    run_mirror "unchanged"
    # Incremental runs (posts are grouped by the UTC hour of posted_at): first PostgreSQL's own time for the
    # per-hour fingerprint query the mirror starts with, then 1% of the rows changed as engagement changes in
    # practice (the newest posts), then 1% scattered evenly over every day (which touches every group).
    started=$(date +%s%N)
    psql_db -c "$fingerprint_query" > /dev/null
    fingerprint_ms=$(ms "$started")
    printf '%-10s wall %6.2f s\n' "fp query" "$(awk -v m="$fingerprint_ms" 'BEGIN {print m / 1000}')"
    psql_db -c "UPDATE social_posts SET like_count = like_count + 1 WHERE id IN
        (SELECT id FROM social_posts ORDER BY posted_at DESC LIMIT $n / 100)" > /dev/null
    run_mirror "newest 1%"
    incremental_figures
    psql_db -c "UPDATE social_posts SET like_count = like_count + 1 WHERE id % 100 = 0" > /dev/null
    run_mirror "spread 1%"
    incremental_figures
    # Moderation: 20 visible posts hidden, half a day apart over the newest ten days. Without a purge in the run
    # (purge.within=1h) beside the same with purge.within=0, where the run itself deletes the files that held them:
    # when it ends they are unreadable in every version (the summary counts the files purged).
    slot=7  # not id 1: bench-1 is the post the long-running round below changes
    for purge in 1h 0s; do
        psql_db -c "UPDATE social_posts SET is_visible = false WHERE id IN (SELECT id FROM social_posts
            WHERE is_visible AND id % 43200 = $slot ORDER BY id LIMIT 20)" > /dev/null
        slot=$((slot + 1))
        saved_opts=$java_opts
        java_opts="$java_opts -Dmirror.purge.within=$purge"
        run_mirror "hide 20"
        java_opts=$saved_opts
        echo "           purge.within=$purge: hidden posts unreadable in every version $( [ "$purge" = 0s ] \
            && echo "when the run ends, ${last_run_ms} ms after it started" || echo "only after $purge")"
    done
    fresh_warehouse
    run_mirror_as_image "as image"
    awk -v n="$n" -v w="$last_wall" -v c="$copy_ms" \
        'BEGIN {printf "           %.0f rows/s   mirror/COPY %.2fx   (as the image runs it)\n", n / w, w / (c / 1000)}'
    wall_of_full=$last_wall
    run_of_full=$last_run_ms
    psql_db -c "UPDATE social_posts SET like_count = like_count + 1 WHERE id IN
        (SELECT id FROM social_posts ORDER BY posted_at DESC LIMIT $n / 100)" > /dev/null
    run_mirror_as_image "newest 1%"
    incremental_figures
    run_service
    awk -v n="$n" -v w="$warm_ms" -v c="$copy_ms" 'BEGIN {
        printf "%-10s run  %6.2f s   %.0f rows/s   mirror/COPY %.2fx   (3rd run in one long-running process)\n",
            "warm", w / 1000, n / (w / 1000), w / c}'
done
set -- $sizes
if [ $# -ge 2 ]; then
    awk -v a="${rss[$1]}" -v b="${rss[$2]}" -v x="$1" -v y="$2" \
        'BEGIN {printf "peak RSS at %d rows is %.0f%% of that at %d rows\n", y, 100 * b / a, x}'
fi
