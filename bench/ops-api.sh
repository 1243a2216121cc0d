#!/usr/bin/env bash
# ops-api under load on this machine: loads 100,000 posts and 20,000 questions into a scratch database, runs wrk
# (loopback only, bounded duration) on the three public reads at 16 and 64 connections and on POST /questions,
# then pgbench (-M prepared) on the same SQL, and prints req/s, p50, p99, non-2xx and the API/pgbench ratio.
# Also: start-to-ready time and idle RSS, plain and as the image runs it (JDK 25 with an AOT cache). Needs wrk and pgbench (Debian: wrk, postgresql-contrib).
# POST /questions comes from a random client address per request (X-Forwarded-For), as visitors do, and then from one
# address (the limit is raised out of the way, but is still taken: one hot row); for each it prints the CPU time
# PostgreSQL's backends for the server spent per 1,000 submissions, transactions per submission, and statements per
# submission when pg_stat_statements is loaded.
# Beside ops-api, a plain peer: Fastify + node-postgres (bench/peers/fastify, installed from npm on first use), the same
# routes and SQL on the same database, run after ops-api (never both at once), then the ratios ops-api / peer.
# Usage: bench/ops-api.sh            DURATION=10s WARMUP=5s PORT=18080 PEER_POOL_MAX=5 to change the defaults;
# SUBMISSIONS_ONLY=1 for the POST figures alone; PEER=0 without the peer.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
warmup=${WARMUP:-5s}
port=${PORT:-18080}
db=summit_bench
api=http://127.0.0.1:$port
management=http://127.0.0.1:$((port + 1))
peer=${PEER:-1}
peer_dir=bench/peers/fastify
peer_url=http://127.0.0.1:$((port + 10))
# ops-api's pool has 5 connections (quarkus.datasource.reactive.max-size).
peer_pool=${PEER_POOL_MAX:-5}
work=$(mktemp -d)
api_pid=
peer_pid=
psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_admin() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

command -v wrk > /dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
if [ "$peer" != 0 ]; then
    command -v npm > /dev/null || { echo "node and npm are missing (PEER=0 runs without the peer)" >&2; exit 1; }
    [ -d "$peer_dir/node_modules" ] || npm ci --prefix "$peer_dir" --no-audit --no-fund --loglevel=error
fi
deploy/local/postgres.sh
# OPS_API_JAR=<path> measures another build (for before/after figures in one sitting).
jar=${OPS_API_JAR:-ops-api/target/quarkus-app/quarkus-run.jar}
[ -n "${OPS_API_JAR:-}" ] || [ -f "$jar" ] || ./mvnw -B -q -pl ops-api -am -DskipTests package
# The image runs ops-api on JDK 25 with an AOT cache (src/main/docker/Dockerfile.jvm); without a JDK 25 here, only
# the plain start is measured and the loads run on the default java.
jdk25=${JDK25_HOME:-$(ls -d /usr/lib/jvm/*-25-* /usr/lib/jvm/*25* 2> /dev/null | head -1)}
image_java=
[ -n "$jdk25" ] && [ -x "$jdk25/bin/java" ] && image_java=$jdk25/bin/java

psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"

start_api() { # java, extra java options
    local started=$(date +%s%N) java=$1
    shift
    lakebase_db=$db "$java" "$@" -Dquarkus.http.port="$port" -Dquarkus.management.port=$((port + 1)) \
        -Dops.questions.rate-limit.per-minute=1000000000 \
        -Dops.questions.rate-limit.client-address-header=X-Forwarded-For \
        -Dquarkus.oidc.tenant-enabled=false \
        -jar "$jar" \
        > "$work/ops-api.log" 2>&1 &
    api_pid=$!
    # Health is on the management port (a build from before it moved answers on the API port).
    until curl -sf "$management/q/health/ready" > /dev/null || curl -sf "$api/q/health/ready" > /dev/null; do
        kill -0 "$api_pid" 2> /dev/null || { cat "$work/ops-api.log" >&2; echo "ops-api exited" >&2; exit 1; }
        sleep 0.02
    done
    ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}
# shellcheck source=bench/common/backends.sh
source bench/common/backends.sh
# ops-api's prod profile connects with TLS without checking the certificate (ssl-mode=require, trust-all): so does
# the peer (no-verify).
start_peer() {
    PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=$db PGSSLMODE=no-verify PEER_POOL_MAX=$peer_pool \
        PORT=$((port + 10)) node "$peer_dir/server.js" > "$work/peer.log" 2>&1 &
    peer_pid=$!
    until curl -sf -o /dev/null "$peer_url/api/v1/questions?limit=1"; do
        kill -0 "$peer_pid" 2> /dev/null || { cat "$work/peer.log" >&2; echo "the peer exited" >&2; exit 1; }
        sleep 0.02
    done
}
stop_peer() {
    kill "$peer_pid"
    wait "$peer_pid" 2> /dev/null || true
    peer_pid=
    wait_backends_gone
}
trap 'kill ${api_pid:-} ${peer_pid:-} 2> /dev/null || true; rm -rf "$work"' EXIT

# First start migrates the empty database; the second, measured, starts as production does (migrations run in
# their own Job beforehand).
start_api java -Dquarkus.flyway.migrate-at-start=true
stop_api

# pg_stat_statements counts only when the server preloads it; CREATE EXTENSION alone succeeds without that.
statements=
if [[ $(psql_admin -c "SHOW shared_preload_libraries") == *pg_stat_statements* ]]; then
    psql_db -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" 2> /dev/null || true
    [ "$(psql_db -c "SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'")" = 1 ] && statements=1
fi

echo "Loading 100,000 posts and 20,000 questions..."
psql_db <<'SQL'
INSERT INTO social_posts (platform, external_id, author_handle, caption, permalink, media_url, hashtags, posted_at,
                          like_count, comment_count, share_count, is_visible)
SELECT (ARRAY['instagram','tiktok','x','facebook','youtube','threads'])[1 + i % 6], 'bench-' || i,
       '@traveller' || (i % 500), 'Day ' || (i % 35 + 1) || ' of the journey, mile ' || (i % 9000),
       'https://social.example.com/p/' || i, 'https://cdn.example.com/m/' || i || '.jpg',
       ARRAY['summitroadtrip', 'city' || (i % 25)], now() - make_interval(secs => i * 30),
       (i * 37) % 5000, (i * 11) % 300, (i * 7) % 100, i % 5 <> 0
  FROM generate_series(1, 100000) AS i;
INSERT INTO qa_questions (asker_name, question_text, status, answer_text, submitted_at, answered_at, published_at)
SELECT 'Visitor ' || i, 'Question number ' || i || ' about the route?',
       CASE WHEN i % 2 = 0 THEN 'published' ELSE 'pending' END,
       CASE WHEN i % 2 = 0 THEN 'Answer number ' || i END,
       now() - make_interval(secs => i * 60),
       CASE WHEN i % 2 = 0 THEN now() - make_interval(secs => i * 50) END,
       CASE WHEN i % 2 = 0 THEN now() - make_interval(secs => i * 40) END
  FROM generate_series(1, 20000) AS i;
VACUUM ANALYZE social_posts;
VACUUM ANALYZE qa_questions;
SQL

idle_rss_mb() {
    sleep 2
    echo $(( $(ps -o rss= -p $api_pid | tr -d ' ') / 1024 ))
}
echo
start_api java -Dquarkus.flyway.migrate-at-start=false
echo "start to ready, plain java -jar ($(java -version 2>&1 | head -1)): ${ready_ms} ms   idle RSS: $(idle_rss_mb) MB"
if [ -n "$image_java" ] && [ -z "${SUBMISSIONS_ONLY:-}" ]; then
    stop_api
    # The image's training run: start, one request per public route, stop; the JVM writes the cache at exit.
    start_api "$image_java" --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput="$work/app.aot" \
        -Dquarkus.flyway.migrate-at-start=false
    for path in /api/v1/posts /api/v1/posts/top /api/v1/questions; do curl -s "$api$path" > /dev/null; done
    stop_api
    start_api "$image_java" --enable-native-access=ALL-UNNAMED -XX:AOTCache="$work/app.aot" \
        -Dquarkus.flyway.migrate-at-start=false
    echo "start to ready, as the image runs it (JDK 25, AOT cache): ${ready_ms} ms   idle RSS: $(idle_rss_mb) MB"
fi
echo

cat > "$work/post.lua" <<'LUA'
-- One random visitor address per submission (10.0.0.0/8: 16 million of them).
local body = '{"question_text": "How far is the next stop?", "asker_name": "bench"}'
request = function()
    local address = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(0, 255)
    return wrk.format("POST", "/api/v1/questions",
        {["Content-Type"] = "application/json", ["X-Forwarded-For"] = address}, body)
end
LUA
cat > "$work/post-one.lua" <<'LUA'
-- Every submission from one address: ops-api's limit then updates one row for all of them.
wrk.method = "POST"
wrk.body = '{"question_text": "How far is the next stop?", "asker_name": "bench"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Forwarded-For"] = "10.1.2.3"
LUA

# CPU time (ms) the database's backends serving the server under test have used so far: its pooled connections
# (not autovacuum, not the psql sessions that take these figures).
backend_cpu_ms() {
    local ticks=0 pid
    for pid in $(psql_admin -c "SELECT pid FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()
                                   AND backend_type = 'client backend' AND application_name <> 'psql'"); do
        [ -r "/proc/$pid/stat" ] && ticks=$(( ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
    done
    echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}
transactions() {
    psql_admin -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$db'"
}
stored_questions() {
    psql_db -c "SELECT coalesce(max(id), 0) FROM qa_questions"
}
# A backend adds its counts to pg_stat_database when idle, at most once a second, else 10 s later
# (PGSTAT_IDLE_INTERVAL): counts are read once that has passed since the last request.
stats_settle=11

declare -A rps cpu_per_1000 api_rps
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b}'
}

run_wrk() { # name connections path [script]
    local out
    out=$(wrk -t2 -c"$2" -d"$duration" --latency ${4:+-s "$4"} "$base$3")
    local rps_now p50 p99 non2xx
    rps_now=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
    p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
    non2xx=$(awk '/Non-2xx/ {print $5}' <<< "$out")
    rps[$server/$1/$2]=$rps_now
    [ "$server" != ops-api ] || api_rps[$1/$2]=$rps_now
    printf '%-30s c=%-3s %10s req/s   p50 %-9s p99 %-9s non-2xx %s\n' "$1" "$2" "$rps_now" "$p50" "$p99" "${non2xx:-0}"
}

# JIT warm-up (and the peer's statements prepared on each connection), not reported.
warm_up() {
    local path
    if [ -z "${SUBMISSIONS_ONLY:-}" ]; then
        for path in "/api/v1/posts?limit=50" "/api/v1/posts/top?days=7&limit=10" "/api/v1/questions?limit=50"; do
            wrk -t2 -c64 -d"$warmup" "$base$path" > /dev/null
        done
    fi
    wrk -t2 -c64 -d"$warmup" -s "$work/post.lua" "$base/api/v1/questions" > /dev/null
}

run_reads() {
    local c
    for c in 16 64; do
        run_wrk "GET /posts" $c "/api/v1/posts?limit=50"
        run_wrk "GET /posts/top" $c "/api/v1/posts/top?days=7&limit=10"
        run_wrk "GET /questions" $c "/api/v1/questions?limit=50"
    done
}

# Per submission stored (new ids in qa_questions, requests still in flight when wrk stops included). psql's own
# statements and transactions in the bench database fall outside each window.
measure_submissions() { # name connections lua
    local first last cpu_before cpu_after xacts_before xacts_after calls=
    first=$(stored_questions)
    [ -z "$statements" ] || psql_db -c "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database
                                        WHERE datname = current_database()), 0)" > /dev/null
    sleep 0.5
    cpu_before=$(backend_cpu_ms)
    xacts_before=$(transactions)
    run_wrk "$1" "$2" /api/v1/questions "$3"
    sleep 0.5
    cpu_after=$(backend_cpu_ms)
    sleep $stats_settle
    xacts_after=$(transactions)
    [ -z "$statements" ] || calls=$(psql_db -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT LIKE '%pg_stat_statements%'")
    last=$(stored_questions)
    local n=$(( last - first )) ms=$(( cpu_after - cpu_before ))
    cpu_per_1000[$server/$1/$2]=$(awk -v ms=$ms -v n=$n 'BEGIN {if (n > 0) printf "%.1f", ms * 1000 / n}')
    awk -v ms=$ms -v n=$n -v x=$(( xacts_after - xacts_before )) -v calls="$calls" 'BEGIN {
        if (n == 0) {printf "%41s nothing stored\n", ""; exit}
        printf "%41s %.1f ms PostgreSQL backend CPU per 1,000 submissions, %.2f transactions", "", ms * 1000 / n, x / n
        if (calls != "") printf " and %.2f statements", calls / n
        printf " per submission (%d stored)\n", n}'
}

run_submissions() {
    local c
    sleep $stats_settle
    for c in 16 64; do
        measure_submissions "POST /questions, distinct" $c "$work/post.lua"
    done
    for c in 16 64; do
        measure_submissions "POST /questions, one address" $c "$work/post-one.lua"
    done
}

echo "wrk, $duration each (2 threads), after a $warmup warm-up of each route:"
[ -n "$statements" ] ||
    echo "(statements per submission need shared_preload_libraries = 'pg_stat_statements' in postgresql.conf)"
echo "ops-api:"
server=ops-api base=$api
warm_up
[ -n "${SUBMISSIONS_ONLY:-}" ] || run_reads
run_submissions
stop_api

if [ "$peer" != 0 ]; then
    # The peer finds the database as ops-api left it, but for the dead rows and statistics of its submissions.
    psql_db -c "VACUUM ANALYZE qa_questions"
    echo
    echo "Fastify + node-postgres peer (one Node process, pool of $peer_pool):"
    server=peer base=$peer_url
    start_peer
    warm_up
    [ -n "${SUBMISSIONS_ONLY:-}" ] || run_reads
    run_submissions
    stop_peer

    echo
    # ops-api serves /posts/top from its cache (ops.posts.top-max-staleness); the peer queries every time.
    echo "ops-api / peer:"
    if [ -z "${SUBMISSIONS_ONLY:-}" ]; then
        for c in 16 64; do
            for name in "GET /posts" "GET /posts/top" "GET /questions"; do
                printf '%-30s c=%-3s %10s req/s\n' "$name" $c \
                    "$(ratio "${rps[ops-api/$name/$c]}" "${rps[peer/$name/$c]}")"
            done
        done
    fi
    for name in "POST /questions, distinct" "POST /questions, one address"; do
        for c in 16 64; do
            printf '%-30s c=%-3s %10s req/s   %s PostgreSQL backend CPU per 1,000 submissions\n' "$name" $c \
                "$(ratio "${rps[ops-api/$name/$c]}" "${rps[peer/$name/$c]}")" \
                "$(ratio "${cpu_per_1000[ops-api/$name/$c]}" "${cpu_per_1000[peer/$name/$c]}")"
        done
    done
fi
[ -z "${SUBMISSIONS_ONLY:-}" ] || exit 0

# The same SQL the API runs for each read, as its repositories send it.
cat > "$work/posts.sql" <<'SQL'
SELECT id, platform, external_id, author_handle, caption, permalink, media_url, hashtags, posted_at, like_count, comment_count, share_count FROM social_posts WHERE is_visible AND (posted_at, id) < ('9999-12-31', 9223372036854775807) ORDER BY posted_at DESC, id DESC LIMIT 51;
SQL
cat > "$work/top.sql" <<'SQL'
SELECT id, platform, external_id, author_handle, caption, permalink, media_url, hashtags, posted_at, like_count, comment_count, share_count FROM social_posts WHERE is_visible AND posted_at > now() - make_interval(days => 7) AND posted_at <= now() ORDER BY like_count + comment_count + share_count DESC, posted_at DESC, id DESC LIMIT 10;
SQL
cat > "$work/questions.sql" <<'SQL'
SELECT id, asker_name, question_text, answer_text, answered_at, published_at FROM qa_questions WHERE status = 'published' AND (published_at, id) < ('9999-12-31', 9223372036854775807) ORDER BY published_at DESC, id DESC LIMIT 51;
SQL

echo
echo "pgbench -M prepared, same SQL, $duration each (2 threads):"
secs=${duration%s}
for c in 16 64; do
    for q in posts top questions; do
        tps=$(pgbench -h 127.0.0.1 -U postgres -n -M prepared -c $c -j 2 -T "$secs" -f "$work/$q.sql" "$db" 2>/dev/null \
            | awk '/^tps/ {print $3}')
        case $q in posts) name="GET /posts";; top) name="GET /posts/top";; questions) name="GET /questions";; esac
        ratio=$(awk -v a="${api_rps[$name/$c]}" -v b="$tps" 'BEGIN {printf "%.2f", a / b}')
        printf '%-30s c=%-3s %10.1f tps     API/pgbench %s\n' "$name" "$c" "$tps" "$ratio"
    done
done
