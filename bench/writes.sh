#!/usr/bin/env bash
# ops-api's writes under load on this machine, against pgbench running the same SQL on the same database, so that
# ops-api's own overhead per write is a known ratio:
#  - PUT /api/v1/admin/posts (role ingest): a batch of 500 posts, as ingestion sends them; every request changes
#    like_count of its 500 posts (the upsert's UPDATE path, and the trigger social_posts_announce_update, do work);
#  - PATCH /api/v1/admin/posts/{platform}/{external_id} (role moderator): a hide or a show that always changes the
#    post (lock, update and audit row, in one statement).
# For each, wrk at 16 and 64 connections prints req/s, p50, p99, non-2xx, the CPU time PostgreSQL's backends for
# ops-api spent per 1,000 writes and transactions per write; then pgbench -M prepared on the statements ops-api sends
# (read from the Java sources) prints tps and backend CPU per 1,000 transactions, then the ratios ops-api / pgbench.
# ops-api is stopped while pgbench runs. Needs wrk and pgbench (Debian: wrk, postgresql-contrib).
# Usage: bench/writes.sh      DURATION=10s WARMUP=15s PORT=18200 (the defaults; durations in seconds) to change them;
# OPS_API_JAR=<path> measures another build. Runs in a database of its own (summit_writes), dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
warmup=${WARMUP:-15s}
port=${PORT:-18200}
secs=${duration%s}
db=summit_writes
api=http://127.0.0.1:$port
management=http://127.0.0.1:$((port + 1))
jar=${OPS_API_JAR:-ops-api/target/quarkus-app/quarkus-run.jar}
sources=ops-api/src/main/java/com/summitlakehouse/ops
# Posts upserted: 128 blocks of 500, each wrk thread or pgbench client cycling over blocks of its own, so that no
# two batches in flight lock the same rows. Posts moderated: 20,000, likewise split.
blocks=128
batch=500
moderated=20000
work=$(mktemp -d)
api_pid=
bench_pid=
psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_admin() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
cleanup() {
    [ -z "$api_pid" ] || kill "$api_pid" 2> /dev/null || true
    [ -z "$bench_pid" ] || kill "$bench_pid" 2> /dev/null || true
    wait 2> /dev/null || true
    rm -rf "$work"
    psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2> /dev/null || true
}
trap cleanup EXIT

command -v wrk > /dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
command -v pgbench > /dev/null || { echo "pgbench is missing (apt-get install postgresql-contrib)" >&2; exit 1; }
# The jar may be under way from another build: wait for it rather than build it here.
for _ in $(seq 1 20); do
    [ -f "$jar" ] && break
    echo "waiting for $jar..." >&2
    sleep 60
done
[ -f "$jar" ] || { echo "$jar is missing" >&2; exit 1; }
deploy/local/postgres.sh
psql_admin -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
    -c "CREATE DATABASE $db"

ingest_token=$(deploy/local/dev-jwt.sh "$work/keys" ingest)
moderator_token=$(deploy/local/dev-jwt.sh "$work/keys" moderator)

# Bearer tokens are checked against the static key (no identity provider): authentication stays on, as in production.
start_api() { # extra java options
    lakebase_db=$db jwt_public_key="$(cat "$work/keys/jwt-public.pem")" java "$@" \
        -Dquarkus.http.port="$port" -Dquarkus.management.port=$((port + 1)) -jar "$jar" > "$work/ops-api.log" 2>&1 &
    api_pid=$!
    until curl -sf "$management/q/health/ready" > /dev/null; do
        kill -0 "$api_pid" 2> /dev/null || { cat "$work/ops-api.log" >&2; echo "ops-api exited" >&2; exit 1; }
        sleep 0.05
    done
}
# shellcheck source=bench/common/backends.sh
source bench/common/backends.sh

# First start migrates the empty database; the measured one starts as production does (migrations beforehand).
start_api -Dquarkus.flyway.migrate-at-start=true
stop_api

# Posts are a minute apart before t0, so a batch of 500 touches about 9 hours (the trigger's notification names them).
# Upserted posts: instagram, 4 in 5 visible (reviewed), the rest waiting in the queue. Moderated posts: X (numeric
# ids), all visible and reviewed.
t0=$(date -u +"%Y-%m-%d %H:00:00+00")
echo "Loading $((blocks * batch)) posts to upsert and $moderated to moderate..."
psql_db -v t0="$t0" -v upserted=$((blocks * batch)) -v moderated=$moderated <<'SQL'
INSERT INTO social_posts (platform, external_id, author_handle, caption, permalink, media_url, hashtags, posted_at,
                          like_count, comment_count, share_count, is_visible, moderated_at)
SELECT 'instagram', 'ig-' || i, '@traveller' || (i % 500),
       'Day ' || (i % 35 + 1) || ' of the journey, mile ' || (i % 9000),
       'https://social.example.com/p/' || i, 'https://cdn.example.com/m/' || i || '.jpg',
       ARRAY['summitroadtrip', 'city' || (i % 25)], :'t0'::timestamptz - i * interval '1 minute',
       (i * 37) % 5000, (i * 11) % 300, (i * 7) % 100, i % 5 <> 0, CASE WHEN i % 5 <> 0 THEN now() END
  FROM generate_series(1, :upserted) AS i;
INSERT INTO social_posts (platform, external_id, author_handle, caption, permalink, media_url, hashtags, posted_at,
                          like_count, comment_count, share_count, is_visible, moderated_at)
SELECT 'x', (1790000000000000000 + i)::text, '@traveller' || (i % 500), 'Mile ' || (i % 9000) || ' of the journey',
       'https://x.example.com/p/' || i, NULL, ARRAY['summitroadtrip'], :'t0'::timestamptz - i * interval '1 minute',
       (i * 13) % 2000, (i * 3) % 100, i % 50, true, now()
  FROM generate_series(1, :moderated) AS i;
-- The batches, as ops-api hands them to PostgreSQL (Vert.x's JSON: no spaces, is_visible null when not sent); the
-- same text is the HTTP body. Stored uncompressed, so that pgbench fetches one at little cost.
CREATE TABLE bench_bodies (id int PRIMARY KEY, body text NOT NULL);
ALTER TABLE bench_bodies ALTER COLUMN body SET STORAGE EXTERNAL;
VACUUM ANALYZE social_posts;
SQL

# Batches of run $1: block b, variant v (id 2b + v) carries like_count + 2 * run + v. A sender alternates the two
# variants of each block, and every run's values are new, so every batch changes all of its 500 rows.
make_bodies() { # run
    psql_db -v t0="$t0" -v run="$1" -v blocks=$blocks -v batch=$batch <<'SQL'
TRUNCATE bench_bodies;
INSERT INTO bench_bodies (id, body)
SELECT 2 * b + v, '[' || string_agg(format(
           '{"platform":"instagram","external_id":"ig-%s","author_handle":"@traveller%s",'
           '"caption":"Day %s of the journey, mile %s","permalink":"https://social.example.com/p/%s",'
           '"media_url":"https://cdn.example.com/m/%s.jpg","hashtags":["summitroadtrip","city%s"],'
           '"posted_at":"%s","like_count":%s,"comment_count":%s,"share_count":%s,"is_visible":null}',
           i, i % 500, i % 35 + 1, i % 9000, i, i, i % 25,
           to_char((:'t0'::timestamptz - i * interval '1 minute') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"'),
           (i * 37) % 5000 + 2 * :run + v, (i * 11) % 300, (i * 7) % 100), ',' ORDER BY i) || ']'
  FROM generate_series(0, :blocks - 1) AS b, generate_series(0, 1) AS v,
       LATERAL generate_series(b * :batch + 1, (b + 1) * :batch) AS i
 GROUP BY b, v;
SQL
}
# Moderated posts all visible again, so that a run's first pass of hides changes every post it reaches.
reset_moderated() {
    psql_db -c "UPDATE social_posts SET is_visible = true WHERE platform = 'x' AND NOT is_visible"
}
# Between points: dead rows of the last one cleaned up, so that every point starts from a comparable table.
tidy() {
    psql_db -c "VACUUM ANALYZE social_posts, moderation_audit"
}

start_api -Dquarkus.flyway.migrate-at-start=false

# A request is answered 200 only past authentication, role check and validation: check one of each before loading.
make_bodies 1
psql_db -c "SELECT body FROM bench_bodies WHERE id = 0" > "$work/check.json"
answer=$(curl -s -w ' %{http_code}' -X PUT -H "Authorization: Bearer $ingest_token" \
    -H 'Content-Type: application/json' --data-binary @"$work/check.json" "$api/api/v1/admin/posts")
# All 500 updated and none sent back to review: the batch differs from what is stored in like_count alone.
[[ $answer == *'"updated":500'*'"sent_back_to_review":0'*' 200' ]] \
    || { echo "PUT answered: $answer" >&2; exit 1; }
for change in '{"is_visible":false,"reason":"Spam or advertising"}' \
              '{"is_visible":true,"reason":"Fits the guidelines"}'; do
    answer=$(curl -s -w ' %{http_code}' -X PATCH -H "Authorization: Bearer $moderator_token" \
        -H 'Content-Type: application/json' -d "$change" "$api/api/v1/admin/posts/x/1790000000000000001")
    [[ $answer == *' 200' ]] || { echo "PATCH answered: $answer" >&2; exit 1; }
done

# wrk numbers its threads in setup(); each script takes its thread's share of the work by that id.
numbered_threads='local next_id = 0
function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
end'
# wrk: thread t of n (numbered in setup) takes blocks t, t + n, ...; request k sends block k mod (its blocks) in
# variant floor(k / its blocks) mod 2. Arguments: the batches (one a line, by id), threads, token.
{ printf '%s\n\n' "$numbered_threads"; cat <<'LUA'; } > "$work/upsert.lua"
local bodies, blocks, k = {}, 0, 0
function init(args)
    local threads, line = tonumber(args[2]), 0
    for body in io.lines(args[1]) do
        if math.floor(line / 2) % threads == id then
            bodies[#bodies + 1] = body
        end
        line = line + 1
    end
    blocks = #bodies / 2
    wrk.method = "PUT"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. args[3]
end

function request()
    local block, variant = k % blocks, math.floor(k / blocks) % 2
    k = k + 1
    return wrk.format(nil, nil, nil, bodies[2 * block + variant + 1])
end
LUA
# Thread t of n takes posts t + 1, t + 1 + n, ...: the first pass over them hides each, the second shows it again,
# and so on, so that every request changes its post. Arguments: posts, threads, token.
{ printf '%s\n\n' "$numbered_threads"; cat <<'LUA'; } > "$work/hide.lua"
local hide = '{"is_visible":false,"reason":"Spam or advertising"}'
local show = '{"is_visible":true,"reason":"Fits the guidelines"}'
local posts, threads, k = 0, 1, 0
function init(args)
    threads = tonumber(args[2])
    posts = math.floor(tonumber(args[1]) / threads)
    wrk.method = "PATCH"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. args[3]
end

function request()
    local i, visible = 1 + id + threads * (k % posts), math.floor(k / posts) % 2 == 1
    k = k + 1
    return wrk.format(nil, "/api/v1/admin/posts/x/179" .. string.format("%016d", i), nil, visible and show or hide)
end
LUA

clk_tck=$(getconf CLK_TCK)
# CPU ticks used so far by each of the database's client backends matching a condition on application_name (not
# autovacuum, not the psql sessions that take these figures), as "pid ticks" lines.
backend_ticks() { # condition
    local pid ticks
    for pid in $(psql_admin -c "SELECT pid FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()
                                   AND backend_type = 'client backend' AND $1"); do
        # A backend may exit between the query and the read.
        ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2> /dev/null) && echo "$pid $ticks"
    done
}
# CPU time (ms) the backends of the second sample used since the first (all of it for a backend new since then):
# one that exited in between cannot make the figure negative.
cpu_ms_between() { # before after
    awk -v hz="$clk_tck" 'NR == FNR {before[$1] = $2; next} {ticks += $2 - before[$1]}
        END {printf "%d", ticks * 1000 / hz}' <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}
# Transactions committed, rolled back, rows updated, rows inserted. A backend adds its counts when idle, at most once
# a second, else 10 s later (PGSTAT_IDLE_INTERVAL): they are read once that has passed since the last request.
database_counts() {
    psql_admin -F ' ' -c "SELECT xact_commit, xact_rollback, tup_updated, tup_inserted FROM pg_stat_database
                            WHERE datname = '$db'"
}
stats_settle=11

declare -A rps cpu_per_1000
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b}'
}

run_wrk() { # name connections lua path lua-arguments...
    local name=$1 c=$2 lua=$3 path=$4 out rps_now p50 p99 non2xx
    shift 4
    out=$(wrk -t2 -c"$c" -d"$duration" --latency -s "$lua" "$api$path" -- "$@")
    rps_now=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
    p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
    non2xx=$(awk '/Non-2xx/ {print $5}' <<< "$out")
    rps[$name/$c]=$rps_now
    printf '%-26s c=%-3s %10s req/s   p50 %-9s p99 %-9s non-2xx %s\n' "$name" "$c" "$rps_now" "$p50" "$p99" \
        "${non2xx:-0}"
}

# Writes: batches of 500 rows updated, or audit rows (one per hide or show that changed its post). Requests still in
# flight when wrk stops are included, in the CPU as in the count.
measure_api() { # name connections kind(upsert|hide) lua path lua-arguments...
    local name=$1 c=$2 kind=$3 cpu_before cpu_after ms x0 r0 u0 i0 x1 r1 u1 i1
    shift 3
    sleep 1 # the preparing psql sessions have ended and added their counts
    read -r x0 r0 u0 i0 <<< "$(database_counts)"
    cpu_before=$(backend_ticks "application_name <> 'psql'")
    run_wrk "$name" "$c" "$@"
    sleep 0.5
    cpu_after=$(backend_ticks "application_name <> 'psql'")
    ms=$(cpu_ms_between "$cpu_before" "$cpu_after")
    sleep $stats_settle
    read -r x1 r1 u1 i1 <<< "$(database_counts)"
    local writes
    if [ "$kind" = upsert ]; then
        writes=$(awk -v u=$((u1 - u0)) -v n=$batch 'BEGIN {printf "%.1f", u / n}')
    else
        writes=$((i1 - i0))
    fi
    cpu_per_1000[$name/$c]=$(awk -v ms="$ms" -v n="$writes" \
        'BEGIN {if (n > 0) printf "%.1f", ms * 1000 / n}')
    awk -v ms="$ms" -v n="$writes" -v x=$((x1 + r1 - x0 - r0)) 'BEGIN {
        if (n == 0) {printf "%33s nothing written\n", ""; exit}
        printf "%33s %.1f ms PostgreSQL backend CPU per 1,000 writes, %.2f transactions per write (%s writes)\n",
            "", ms * 1000 / n, x / n, n}'
}

# Waits for pgbench's first progress line at or after a second (a slow start can skip one) and prints its time.
wait_progress() { # file second
    local at
    until at=$(awk -F '[ ,]+' -v t="$2" '/^progress:/ && $2 >= t {print $2; found = 1; exit} END {exit !found}' "$1")
    do
        kill -0 "$bench_pid" 2> /dev/null || { echo "pgbench ended before second $2" >&2; exit 1; }
        sleep 0.01
    done
    echo "$at"
}
# pgbench's backends exit with it: their CPU is sampled while it runs, from second $from to second $to of its
# progress (-P 1), and the transactions of that window summed from the same lines.
run_pgbench() { # name clients script definitions...
    local name=$1 c=$2 script=$3 from=2 to=$((secs - 1)) cpu_before cpu_after ms tps window
    shift 3
    [ "$secs" -ge 5 ] || from=1
    local progress=$work/pgbench.progress x0 r0 u0 i0 x1 r1 u1 i1 processed
    sleep 1 # the preparing psql sessions have ended and added their counts
    read -r x0 r0 u0 i0 <<< "$(database_counts)"
    pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$c" -j 2 -T "$secs" -P 1 "$@" -D clients="$c" \
        -f "$script" "$db" > "$work/pgbench.out" 2> "$progress" &
    bench_pid=$!
    from=$(wait_progress "$progress" "$from")
    cpu_before=$(backend_ticks "application_name = 'pgbench'")
    to=$(wait_progress "$progress" "$to")
    cpu_after=$(backend_ticks "application_name = 'pgbench'")
    ms=$(cpu_ms_between "$cpu_before" "$cpu_after")
    wait "$bench_pid" || { cat "$progress" >&2; echo "pgbench failed" >&2; exit 1; }
    bench_pid=
    # Its backends add their counts as they exit.
    wait_backends_gone
    sleep 0.5
    read -r x1 r1 u1 i1 <<< "$(database_counts)"
    processed=$(awk '/^number of transactions actually processed/ {print $6}' "$work/pgbench.out")
    tps=$(awk '/^tps/ {print $3}' "$work/pgbench.out")
    window=$(awk -F '[ ,]+' -v from="$from" -v to="$to" \
        '/^progress:/ && $2 > from && $2 <= to {n += $4} END {printf "%.0f", n}' "$progress")
    rps[pgbench/$name/$c]=$tps
    cpu_per_1000[pgbench/$name/$c]=$(awk -v ms="$ms" -v n="$window" \
        'BEGIN {if (n > 0) printf "%.1f", ms * 1000 / n}')
    printf '%-26s c=%-3s %10.1f tps     %s ms PostgreSQL backend CPU per 1,000 transactions (s %s-%s: %d)\n' \
        "$name" "$c" "$tps" "${cpu_per_1000[pgbench/$name/$c]:-n/a}" "$from" "$to" "$window"
    # What each pgbench transaction did, to compare with ops-api's writes: 500 rows updated, or 1 audit row. Commits
    # include one per statement prepared on each connection; transactions cut off when pgbench stops roll back.
    awk -v n="$processed" -v x=$((x1 - x0)) -v r=$((r1 - r0)) -v u=$((u1 - u0)) -v i=$((i1 - i0)) 'BEGIN {
        if (n > 0) printf "%33s per pgbench transaction: %.2f commits, %.1f rows updated, %.2f inserted" \
            " (%d rollbacks in all)\n", "", x / n, u / n, i / n, r}'
}

put="PUT /admin/posts (500)"
patch="PATCH /admin/posts/{key}"
upsert_args=("$work/bodies" 2 "$ingest_token")
hide_args=("$moderated" 2 "$moderator_token")
write_bodies() { # run
    make_bodies "$1"
    psql_db -c "SELECT body FROM bench_bodies ORDER BY id" > "$work/bodies"
}

echo
echo "wrk, $duration each (2 threads), after a $warmup warm-up of each route at 64 connections:"
echo "ops-api:"
# JIT warm-up and prepared statements, not reported.
write_bodies 1
wrk -t2 -c64 -d"$warmup" -s "$work/upsert.lua" "$api/api/v1/admin/posts" -- "${upsert_args[@]}" > /dev/null
reset_moderated
wrk -t2 -c64 -d"$warmup" -s "$work/hide.lua" "$api/api/v1/admin/posts" -- "${hide_args[@]}" > /dev/null
sleep $stats_settle
run=2
for c in 16 64; do
    write_bodies $run
    run=$((run + 1))
    tidy
    measure_api "$put" $c upsert "$work/upsert.lua" /api/v1/admin/posts "${upsert_args[@]}"
done
for c in 16 64; do
    reset_moderated
    tidy
    measure_api "$patch" $c hide "$work/hide.lua" /api/v1/admin/posts "${hide_args[@]}"
done
stop_api

# The statements ops-api sends, as its sources hold them: a text block, or literals and other constants joined by +.
java_string() { # file constant
    local file=$1 name=$2 line expr out='' piece
    line=$(grep -m1 -E "static final String $name = " "$file") || { echo "no $name in $file" >&2; return 1; }
    expr=${line#*"$name = "}
    if [[ $expr == '"""'* ]]; then
        awk -v start="static final String $name = \"\"\"" '
            index($0, start) {on = 1; next}
            on && index($0, "\"\"\"") {print substr($0, 1, index($0, "\"\"\"") - 1); exit}
            on {print}' "$file"
        return
    fi
    expr=${expr%;}
    while [ -n "$expr" ]; do
        if [[ $expr =~ ^\"([^\"]*)\"[[:space:]]*\+?[[:space:]]*(.*)$ ]]; then
            out+=${BASH_REMATCH[1]}
            expr=${BASH_REMATCH[2]}
        elif [[ $expr =~ ^([A-Z_][A-Z0-9_]*)[[:space:]]*\+?[[:space:]]*(.*)$ ]]; then
            piece=${BASH_REMATCH[1]}
            expr=${BASH_REMATCH[2]}
            out+=$(java_string "$file" "$piece")
        else
            echo "cannot read $name in $file" >&2
            return 1
        fi
    done
    printf '%s\n' "$out"
}
# A statement with its parameters $1, $2... replaced by the given pgbench variables or SQL, in order.
bind() { # sql replacements...
    local sql=$1 i
    shift
    for ((i = $#; i >= 1; i--)); do
        sql=${sql//"\$$i"/"${!i}"}
    done
    [[ $sql != *'$'[0-9]* ]] || { echo "unbound parameters left in: $sql" >&2; return 1; }
    printf '%s' "$sql"
}

upsert_sql=$(java_string "$sources/posts/PostRepository.java" UPSERT)
decide_sql=$(java_string "$sources/posts/PostModerator.java" DECIDE)

# The upsert, as ops-api sends it: one statement, the batch as one JSON parameter. What differs: pgbench fetches the
# batch from bench_bodies first (one more statement and transaction per batch, whose CPU is counted: a primary-key
# read of 190 KB stored uncompressed, under 5% of the upsert's CPU); $4, the actor's display name, is NULL as a
# literal (ops-api sends NULL: the local tokens carry no name); the subject and the allowlist go twice as parameters.
# Client n of c takes blocks n, n + c, ... and alternates their variants, as the wrk threads do.
cat > "$work/upsert.sql" <<SQL
\\set block :client_id + :clients * (:n % :per_client)
\\set variant (:n / :per_client) % 2
\\set n :n + 1
\\set body_id 2 * :block + :variant
SELECT body FROM bench_bodies WHERE id = :body_id \\gset
$(bind "$upsert_sql" :body :allowlist :subject NULL);
SQL
# The hide (or show), as ops-api sends it: one statement that locks the post, changes it and records the audit row.
# What differs: the actor's display name is NULL as a literal (as ops-api sends it: the local tokens carry no name); a
# hide and a show are two statements (their constants differ), ops-api's one; pgbench runs without a LISTEN session,
# ops-api with one that receives the trigger's notifications.
cat > "$work/hide.sql" <<SQL
\\set post 1 + :client_id + :clients * (:n % :per_client)
\\set visible (:n / :per_client) % 2
\\set n :n + 1
\\set external_id 1790000000000000000 + :post
\\if :visible
$(bind "$decide_sql" :platform :external_id true :subject NULL :show_action :show_reason);
\\else
$(bind "$decide_sql" :platform :external_id false :subject NULL :hide_action :hide_reason);
\\endif
SQL
upsert_defs=(-D n=0 -D allowlist='{}' -D subject=local-developer)
hide_defs=(-D n=0 -D platform=x -D subject=local-developer -D hide_action=post.hide -D show_action=post.show
           -D hide_reason='Spam or advertising' -D show_reason='Fits the guidelines')

echo
echo "pgbench -M prepared, the same statements, $duration each (2 threads):"
for c in 16 64; do
    make_bodies $run
    run=$((run + 1))
    tidy
    run_pgbench "$put" $c "$work/upsert.sql" "${upsert_defs[@]}" -D per_client=$((blocks / c))
done
for c in 16 64; do
    reset_moderated
    tidy
    run_pgbench "$patch" $c "$work/hide.sql" "${hide_defs[@]}" -D per_client=$((moderated / c))
done

echo
echo "ops-api / pgbench:"
for name in "$put" "$patch"; do
    for c in 16 64; do
        printf '%-26s c=%-3s %10s throughput   %s PostgreSQL backend CPU per write\n' "$name" $c \
            "$(ratio "${rps[$name/$c]}" "${rps[pgbench/$name/$c]}")" \
            "$(ratio "${cpu_per_1000[$name/$c]}" "${cpu_per_1000[pgbench/$name/$c]}")"
    done
done
