#!/usr/bin/env bash
# Whether the listening mirror costs the same late in a table's life as early on.
# 1. The listening drive, on local disk and then on S3 (S3Mock on loopback, bench/s3-server.sh): a fresh database
#    (ops-api's migrations applied with psql) with 35,000 visible posts spread over 35 days (one group a day) and
#    mirror-service listening (sweep every 30m); then one small change every 0.5 s for MINUTES, as plain UPDATEs on an
#    autocommit connection (V12's triggers notify): a hide of a random post older than a week, a counter update of one
#    of the newest day, the unhide, a caption update of one of the newest day, and again. From the mirror's log, per
#    decile of its commits: median and p95 run duration and the median requests to the store by kind (the store[...]
#    at the end of each run's summary); the least-squares slope of run duration on commit number and its projection
#    to 60,000 commits. Lone hides (nothing else changing) before the drive and after it: from the UPDATE's commit to
#    the commit of the first gold version without the post. The _delta_log's file count at the end.
# 2. A week of commits through the library (delta-table's GoldTable, driven as CommitCostTest drives it): COMMITS
#    commits on local disk, each rewriting one day of 35, with the mirror's upkeep settings (purge within 15m, log
#    retention 2h, file retention 1h, full vacuum hourly, a checkpoint every 10 versions) on a simulated clock that
#    moves 10 s per commit (60,000 commits: a week; on local disk each new file gets the simulated time as its
#    modification time, so that log cleanup and vacuum see the ages a week would give). Every 10%: requests, wall and
#    CPU time per 100 commits and the _delta_log's file count; then the table as a restarted mirror meets it: a new
#    GoldTable instance's cold start, and ten commits at the end against ten after commit 100. Then COMMITS_S3 on S3,
#    where the store stamps its own time, which a simulated clock would take for long past: there the clock is real
#    and each commit purges what it removed at once (purge.within=0), so that the log grows for the whole run.
# Targets: the last decile's median requests equal the first's (runs that rewrote one group: two changes within one
# debounce make a run of two groups, which costs more) and run duration flat (last/first decile about 1x, the
# projection at 60,000 commits within 2x of the fitted mean); a lone hide as fast at the end as at the start; a log
# bounded by its retention; at commit 60,000 the lists, reads and writes of a commit and a cold start's requests
# equal those at commit 100.
# With the defaults this takes about 75 minutes on an idle 2-core machine: the drive about 12 minutes per store, the
# 60,000 commits about 40 (each writes a Parquet file and a commit: some 30 ms of CPU), the 5,000 on S3 about 10.
# Usage: bench/endurance.sh     MINUTES=10 COMMITS=60000 COMMITS_S3=5000 (the defaults) to change them;
#        STORES="local s3" (the drive's warehouses), POSTS=35000, INTERVAL_MS=500, LONE_HIDES=3 (at each end),
#        COMMIT_EVERY=10 (simulated seconds per library commit), S3_PORT=19490, JAVA_OPTS (the mirror's),
#        KEEP_WORK=1 (keep the work directory: the mirror's log, the tables).
#        A quick check: MINUTES=1 COMMITS=2000 COMMITS_S3=500 bench/endurance.sh
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${MINUTES:-10}
commits=${COMMITS:-60000}
commits_s3=${COMMITS_S3:-5000}
stores=${STORES:-"local s3"}
posts=${POSTS:-35000}
interval_ms=${INTERVAL_MS:-500}
lone_hides=${LONE_HIDES:-3}
commit_every=${COMMIT_EVERY:-10}
s3_port=${S3_PORT:-19490}
java_opts=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}
db=summit_endurance_bench
bucket=endurance
work=$(mktemp -d)
psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"; }

mirror_pid=
s3_pid=
cleanup() {
    local status=$?
    kill $mirror_pid $s3_pid 2> /dev/null || true
    wait 2> /dev/null || true
    if [ $status -ne 0 ]; then
        for log in "$work"/*.log; do
            [ -f "$log" ] && { echo "--- $log (last lines)" >&2; tail -15 "$log" >&2; }
        done
    fi
    [ -n "${KEEP_WORK:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2> /dev/null || true
}
trap cleanup EXIT

deploy/local/postgres.sh
[ -f mirror-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -pl mirror-service -am -DskipTests package
# The measuring program runs on the mirror's own class path (delta-table, the JDBC driver, the AWS SDK); the
# library logs through JBoss Logging, which the application keeps beside its boot loader.
app=$(pwd)/mirror-service/target/quarkus-app
class_path="$app/lib/main/*:$(ls "$app"/lib/boot/org.jboss.logging.jboss-logging-*.jar)"
javac -d "$work/classes" -cp "$class_path" bench/endurance/*.java bench/common/*.java
endurance=(java -Xmx512m -XX:+UseParallelGC -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider
           -Dslf4j.internal.verbosity=WARN -Dorg.jboss.logging.provider=jdk -cp "$work/classes:$class_path"
           bench.endurance.Endurance)

# S3: S3Mock on loopback, its endpoint in the environment and any keys in secret files, as mirror.sh does.
if [[ " $stores " == *" s3 "* ]] || [ "$commits_s3" -gt 0 ]; then
    s3_pid=$(bench/s3-server.sh "$s3_port" "$work/s3" "$bucket")
    export AWS_ENDPOINT_URL_S3=http://127.0.0.1:$s3_port
    mkdir -p "$work/secrets"
    echo bench > "$work/secrets/s3_access_key_id"
    echo bench > "$work/secrets/s3_secret_access_key"
fi

fresh_database() {
    psql -h 127.0.0.1 -U postgres -d postgres -q -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
    for migration in $(ls ops-api/src/main/resources/db/migration/V*.sql | sort -V); do
        # The same placeholders Flyway fills in for ops-api.
        sed -e 's/${api_role}/summit_api/g' -e 's/${mirror_role}/summit_mirror/g' "$migration" | psql_db > /dev/null
    done
    # Posts evenly over the 35 days before t0 (one group a day), post 1 the newest (bench/endurance relies on it);
    # 200 published questions, so that the other mirror has a table too.
    t0=$(date +%s)
    step_us=$(( 35 * 86400 * 1000000 / posts ))
    psql_db <<SQL
INSERT INTO social_posts (platform, external_id, author_handle, caption, permalink, media_url, hashtags, posted_at,
                          like_count, comment_count, share_count, is_visible)
SELECT (ARRAY['instagram','tiktok','x','facebook','youtube','threads'])[1 + i % 6], 'bench-' || i,
       '@traveller' || (i % 500), 'Day ' || (i % 35 + 1) || ' of the journey, mile ' || (i % 9000),
       'https://social.example.com/p/' || i, 'https://cdn.example.com/m/' || i || '.jpg',
       ARRAY['summitroadtrip', 'city' || (i % 25)], to_timestamp($t0) - (i::bigint * $step_us) * interval '1 microsecond',
       (i * 37) % 5000, (i * 11) % 300, (i * 7) % 100, true
  FROM generate_series(1, $posts) AS i;
INSERT INTO qa_questions (asker_name, question_text, status, answer_text, submitted_at, answered_at, published_at)
SELECT 'Visitor ' || i, 'Question number ' || i || ' about the route?', 'published', 'Answer number ' || i,
       now() - make_interval(secs => i * 1500), now() - make_interval(secs => i * 1400),
       now() - make_interval(secs => i * 1300)
  FROM generate_series(1, 200) AS i;
VACUUM ANALYZE social_posts;
VACUUM ANALYZE qa_questions;
SQL
}

# A listening mirror (the sweep every 30 minutes); returns once its start-up run has finished.
start_mirror() { # warehouse [java options]
    java $java_opts -Dlakebase_db=$db -Dmirror.warehouse="$1" -Dmirror.every=30m -Dquarkus.http.port=0 "${@:2}" \
        -jar mirror-service/target/quarkus-app/quarkus-run.jar > "$work/mirror.log" 2>&1 &
    mirror_pid=$!
    until [ "$(grep -c 'mirror social_posts: .* rows=' "$work/mirror.log")" -ge 1 ] \
            && [ "$(grep -c 'mirror qa_published: .* rows=' "$work/mirror.log")" -ge 1 ]; do
        kill -0 $mirror_pid 2> /dev/null || { echo "mirror-service stopped" >&2; exit 1; }
        sleep 0.2
    done
}
stop_mirror() {
    kill $mirror_pid 2> /dev/null || true
    wait $mirror_pid 2> /dev/null || true
    mirror_pid=
}

for store in $stores; do
    case $store in
        local) warehouse=$work/warehouse; label="local disk"; store_opts=() ;;
        s3) warehouse=s3://$bucket/drive-$RANDOM$RANDOM; label="S3 (S3Mock)"
            store_opts=(-Dmirror.object-store.secrets-directory="$work/secrets") ;;
        *) echo "unknown store $store (local, s3)" >&2; exit 2 ;;
    esac
    echo "== listening drive on $label: $posts visible posts over 35 days," \
        "a change every $interval_ms ms for $minutes min"
    fresh_database
    start_mirror "$warehouse" "${store_opts[@]}"
    grep -oE "mirror social_posts: .* rows=[0-9]+ version=[0-9]+ duration=[0-9]+ms" "$work/mirror.log" \
        | sed 's/^/  start-up run: /'
    SECRETS_DIR=$work/secrets "${endurance[@]}" drive "$db" "$warehouse/gold/social_posts" "$work/mirror.log" \
        "$minutes" "$interval_ms" "$posts" "$lone_hides"
    stop_mirror
    "${endurance[@]}" runs "$work/mirror.log" "$label" 60000
done

"${endurance[@]}" commits "$work/week" "$commits" "$commit_every" "local disk"
rm -rf "$work/week"
if [ "$commits_s3" -gt 0 ]; then
    SECRETS_DIR=$work/secrets "${endurance[@]}" commits "s3://$bucket/week-$RANDOM$RANDOM" "$commits_s3" \
        "$commit_every" "S3 (S3Mock)"
fi
