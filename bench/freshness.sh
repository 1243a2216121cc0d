#!/usr/bin/env bash
# How fresh the lake is while mirror-service listens: per size, generated visible posts spread over 35 days (one
# group each) are mirrored once; then, while ops-api ingests 500 posts every 10 s in the background (fresh engagement
# on the newest posts, new posts from the journey's allowlisted account), moderation actions go through the API one
# after another (hides, publishes, unhides, unpublishes), each followed until the newest version of its gold table
# shows it: seconds from the API's 2xx answer to that version's commit (Delta Kernel reads every new version).
# Prints p50, p95 and max; CPU seconds of the mirror process and of PostgreSQL's backends per action, and the same
# for one scheduled sweep (every group fingerprinted); then a quiet spell with ops-api probed as Kubernetes does
# (readiness and liveness every 5 s), nothing changing: statements and new connections the database sees from each
# service.
# Targets: p95 <= 5 s at every size, and the cost of an action not growing with the table; a quiet database sees
# no statement and no new connection between sweeps.
# Usage: bench/freshness.sh      SIZES="1000000 5000000" ACTIONS=100 QUIET=10m (the defaults) to change them;
#        MIRROR_EVERY=30m (the sweep interval while actions run and while quiet), BASELINE=30 (seconds of
#        ingestion alone, measured to tell its CPU from the actions'), PORT=18100, DETAILS=1 (every action).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1000000 5000000"}
actions=${ACTIONS:-100}
quiet=${QUIET:-10m}
mirror_every=${MIRROR_EVERY:-30m}
baseline=${BASELINE:-30}
port=${PORT:-18100}
java_opts=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}
db=summit_freshness_bench
api=http://127.0.0.1:$port
management=http://127.0.0.1:$((port + 1))
work=$(mktemp -d)
psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"; }
case $quiet in
    *m) quiet_seconds=$(( ${quiet%m} * 60 )) ;;
    *s) quiet_seconds=${quiet%s} ;;
    *) quiet_seconds=$quiet ;;
esac
export CLK_TCK=$(getconf CLK_TCK)

pids=()
api_pid=
mirror_pid=
feed_pid=
cleanup() {
    local status=$?
    kill $feed_pid $mirror_pid $api_pid 2> /dev/null || true
    wait 2> /dev/null || true
    if [ $status -ne 0 ]; then
        for log in "$work"/*.log; do
            [ -f "$log" ] && { echo "--- $log (last lines)" >&2; tail -15 "$log" >&2; }
        done
    fi
    rm -rf "$work"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2> /dev/null || true
}
trap cleanup EXIT

deploy/local/postgres.sh
[ -f ops-api/target/quarkus-app/quarkus-run.jar ] && [ -f mirror-service/target/quarkus-app/quarkus-run.jar ] \
    || ./mvnw -B -q -pl ops-api,mirror-service -am -DskipTests package
# The measuring program runs on the mirror's own class path (Delta Kernel, Hadoop, the JDBC driver).
class_path="$(pwd)/mirror-service/target/quarkus-app/lib/main/*"
javac -d "$work/classes" -cp "$class_path" bench/freshness/*.java bench/common/*.java
# Kernel logs through SLF4J; the mirror's JBoss binding needs its log manager, so the program logs nothing.
freshness=(java -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -Dslf4j.internal.verbosity=WARN
           -cp "$work/classes:$class_path" bench.freshness.Freshness)
ingest_token=$(deploy/local/dev-jwt.sh "$work/keys" ingest)
moderator_token=$(deploy/local/dev-jwt.sh "$work/keys" moderator)

start_api() {
    lakebase_db=$db jwt_public_key="$(cat "$work/keys/jwt-public.pem")" QUARKUS_HTTP_PORT=$port \
        QUARKUS_MANAGEMENT_PORT=$((port + 1)) java -Dops.posts.allowlist=instagram/@summitjourney \
        -Dops.questions.rate-limit.per-minute=1000000000 -jar ops-api/target/quarkus-app/quarkus-run.jar \
        > "$work/ops-api.log" 2>&1 &
    api_pid=$!
    for _ in $(seq 1 600); do
        curl -sf "$management/q/health/ready" > /dev/null && return
        sleep 0.1
    done
    echo "ops-api did not become ready" >&2
    exit 1
}
# A listening mirror with the given sweep interval; returns once its first run (at start-up) has finished.
start_mirror() { # every
    java $java_opts -Dlakebase_db=$db -Dmirror.warehouse="$work/warehouse" -Dmirror.every="$1" \
        -Dquarkus.http.port=$((port + 2)) -jar mirror-service/target/quarkus-app/quarkus-run.jar \
        > "$work/mirror.log" 2>&1 &
    mirror_pid=$!
    until [ "$(grep -c 'mirror social_posts: .* rows=' "$work/mirror.log")" -ge 1 ] \
            && [ "$(grep -c 'mirror qa_published: .* rows=' "$work/mirror.log")" -ge 1 ]; do
        kill -0 $mirror_pid 2> /dev/null || { echo "mirror-service stopped" >&2; exit 1; }
        sleep 0.2
    done
}
stop() { # pid
    kill "$1" 2> /dev/null || true
    wait "$1" 2> /dev/null || true
}

for n in $sizes; do
    echo "== $n visible posts"
    psql -h 127.0.0.1 -U postgres -d postgres -q -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
    rm -rf "$work/warehouse"
    start_api  # migrates the new database
    # Posts evenly over the 35 days before t0 (one group a day), post 1 the newest; the feed regenerates the same
    # columns from i (see bench/freshness/GeneratedPosts.java), so that its upserts change only the counters. 2,000
    # published questions.
    t0=$(date +%s)
    step_us=$(( 35 * 86400 * 1000000 / n ))
    psql_db <<SQL
INSERT INTO social_posts (platform, external_id, author_handle, caption, permalink, media_url, hashtags, posted_at,
                          like_count, comment_count, share_count, is_visible)
SELECT (ARRAY['instagram','tiktok','x','facebook','youtube','threads'])[1 + i % 6], 'bench-' || i,
       '@traveller' || (i % 500), 'Day ' || (i % 35 + 1) || ' of the journey, mile ' || (i % 9000),
       'https://social.example.com/p/' || i, 'https://cdn.example.com/m/' || i || '.jpg',
       ARRAY['summitroadtrip', 'city' || (i % 25)], to_timestamp($t0) - (i::bigint * $step_us) * interval '1 microsecond',
       (i * 37) % 5000, (i * 11) % 300, (i * 7) % 100, true
  FROM generate_series(1, $n) AS i;
INSERT INTO qa_questions (asker_name, question_text, status, answer_text, submitted_at, answered_at, published_at)
SELECT 'Visitor ' || i, 'Question number ' || i || ' about the route?', 'published', 'Answer number ' || i,
       now() - make_interval(secs => i * 1500), now() - make_interval(secs => i * 1400),
       now() - make_interval(secs => i * 1300)
  FROM generate_series(1, 2000) AS i;
VACUUM ANALYZE social_posts;
VACUUM ANALYZE qa_questions;
SQL
    started=$(date +%s%N)
    start_mirror "$mirror_every"
    echo "initial mirror: $(( ($(date +%s%N) - started) / 1000000 )) ms to the end of its first run, JVM start included"
    grep -oE "mirror [a-z_]+: .* rows=[0-9]+ version=[0-9]+ duration=[0-9]+ms" "$work/mirror.log" | sed 's/^/  /'

    # Started directly (not in a subshell), so that $! is the program itself and stopping it stops the feed.
    "${freshness[@]}" feed "$api" "$ingest_token" "$t0" "$step_us" > "$work/feed.out" 2> "$work/feed.log" &
    feed_pid=$!
    "${freshness[@]}" actions "$api" "$moderator_token" "$work/warehouse" "$db" "$mirror_pid" "$n" "$t0" "$step_us" \
        "$actions" "$baseline"
    stop $feed_pid
    feed_pid=
    cat "$work/feed.out"
    echo "notified runs: $(grep -c 'mirror social_posts: .* rows=' "$work/mirror.log") of social_posts," \
        "$(grep -c 'mirror qa_published: .* rows=' "$work/mirror.log") of qa_published (start-up run included)"

    # One scheduled sweep: a mirror restarted with a short interval; its second run is measured.
    stop $mirror_pid
    java $java_opts -Dlakebase_db=$db -Dmirror.warehouse="$work/warehouse" -Dmirror.every=20s \
        -Dquarkus.http.port=$((port + 2)) -jar mirror-service/target/quarkus-app/quarkus-run.jar \
        > "$work/mirror.log" 2>&1 &
    mirror_pid=$!
    "${freshness[@]}" sweep "$db" "$mirror_pid" "$work/mirror.log"
    stop $mirror_pid

    # Quiet: the mirror listening (its start-up run, then nothing), ops-api probed, no changes.
    start_mirror "$mirror_every"
    "${freshness[@]}" quiet "$db" "$management" "$quiet_seconds"
    stop $mirror_pid
    mirror_pid=
    stop $api_pid
    api_pid=
done
