#!/usr/bin/env bash
# ops-api under load on this machine: loads 100,000 posts and 20,000 questions into a scratch database, runs wrk
# (loopback only, bounded duration) on the three public reads at 16 and 64 connections and on POST /questions,
# then pgbench (-M prepared) on the same SQL, and prints req/s, p50, p99, non-2xx and the API/pgbench ratio.
# Also: start-to-ready time and idle RSS, plain and as the image runs it (JDK 25 with an AOT cache). Needs wrk and pgbench (Debian: wrk, postgresql-contrib).
# POST /questions comes from a random client address per request (X-Forwarded-For), as visitors do; it also prints
# the CPU time PostgreSQL's backends for the API spent per 1,000 submissions (the submission limit is kept there).
# Usage: bench/ops-api.sh            DURATION=10s PORT=18080 to change the defaults; SUBMISSIONS_ONLY=1 for the POST
# figures alone.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
port=${PORT:-18080}
db=summit_bench
api=http://127.0.0.1:$port
management=http://127.0.0.1:$((port + 1))
work=$(mktemp -d)
psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"; }

command -v wrk > /dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
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
        sleep 0.02
    done
    ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}
stop_api() {
    kill $api_pid
    wait $api_pid 2> /dev/null || true
}
trap 'kill $api_pid 2>/dev/null || true; rm -rf "$work"' EXIT

# First start migrates the empty database; the second, measured, starts as production does (migrations run in
# their own Job beforehand).
start_api java -Dquarkus.flyway.migrate-at-start=true
stop_api

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

# CPU time (ms) the database's backends serving the API have used so far: the API's pooled connections.
backend_cpu_ms() {
    local ticks=0 pid
    for pid in $(psql -h 127.0.0.1 -U postgres -d postgres -qtA -c \
            "SELECT pid FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()"); do
        [ -r /proc/$pid/stat ] && ticks=$(( ticks + $(awk '{print $14 + $15}' /proc/$pid/stat) ))
    done
    echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

declare -A api_rps
run_wrk() { # name connections path [script]
    local out
    out=$(wrk -t2 -c"$2" -d"$duration" --latency ${4:+-s "$4"} "$api$3")
    requests=$(awk '/requests in/ {print $1}' <<< "$out")
    local rps p50 p99 non2xx
    rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
    p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
    non2xx=$(awk '/Non-2xx/ {print $5}' <<< "$out")
    api_rps[$1/$2]=$rps
    printf '%-22s c=%-3s %10s req/s   p50 %-9s p99 %-9s non-2xx %s\n' "$1" "$2" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

run_submissions() {
    local before after
    before=$(backend_cpu_ms)
    run_wrk "POST /questions" 64 "/api/v1/questions" "$work/post.lua"
    after=$(backend_cpu_ms)
    awk -v ms=$(( after - before )) -v n="$requests" \
        'BEGIN {printf "%-22s       %10.1f ms PostgreSQL backend CPU per 1,000 submissions (%d submissions)\n", \
                "POST /questions", ms * 1000 / n, n}'
}

if [ -n "${SUBMISSIONS_ONLY:-}" ]; then
    wrk -t2 -c64 -d"$duration" -s "$work/post.lua" "$api/api/v1/questions" > /dev/null
    echo "wrk, $duration (2 threads):"
    run_submissions
    exit 0
fi

# JIT warm-up, not reported.
for path in "/api/v1/posts?limit=50" "/api/v1/posts/top?days=7&limit=10" "/api/v1/questions?limit=50"; do
    wrk -t2 -c64 -d"$duration" "$api$path" > /dev/null
done
wrk -t2 -c64 -d"$duration" -s "$work/post.lua" "$api/api/v1/questions" > /dev/null

echo "wrk, $duration each (2 threads):"
for c in 16 64; do
    run_wrk "GET /posts" $c "/api/v1/posts?limit=50"
    run_wrk "GET /posts/top" $c "/api/v1/posts/top?days=7&limit=10"
    run_wrk "GET /questions" $c "/api/v1/questions?limit=50"
done
run_submissions

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
        printf '%-22s c=%-3s %10.1f tps     API/pgbench %s\n' "$name" "$c" "$tps" "$ratio"
    done
done
