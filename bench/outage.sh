#!/usr/bin/env bash
# ops-api while the database goes away: 60 s of mixed reads and writes at 64 connections through a TCP proxy in
# front of PostgreSQL, with a 10 s reset-mode cut (every connection RST, new ones refused: a failover or restart)
# and a 10 s silent cut (bytes stop, nothing closes: a half-open network) in the middle. Prints, per phase, answers
# by status, median and max latency and seconds to recover; then acknowledged writes lost (must be 0) and the log
# lines ops-api wrote during the run.
# Usage: bench/outage.sh            CONNECTIONS=64 PORT=18090 to change the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${CONNECTIONS:-64}
port=${PORT:-18090}
proxy_port=${PROXY_PORT:-15433}
db=summit_outage_bench
api=http://127.0.0.1:$port
work=$(mktemp -d)
psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"; }

deploy/local/postgres.sh
[ -f ops-api/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -pl ops-api -am -DskipTests package
psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

echo flowing > "$work/mode"
java bench/OutageLoad.java proxy "$proxy_port" 127.0.0.1 5432 "$work/mode" > "$work/proxy.log" 2>&1 &
pids+=($!)
until (exec 3<>/dev/tcp/127.0.0.1/"$proxy_port") 2> /dev/null; do sleep 0.1; done

lakebase_db=$db lakebase_port=$proxy_port java -Dquarkus.http.port="$port" -Dquarkus.management.port=$((port + 1)) \
    -Dops.questions.rate-limit.per-minute=1000000000 \
    -Dquarkus.oidc.tenant-enabled=false -jar ops-api/target/quarkus-app/quarkus-run.jar \
    > "$work/ops-api.log" 2>&1 &
pids+=($!)
until curl -sf "http://127.0.0.1:$((port + 1))/q/health/ready" > /dev/null; do sleep 0.1; done

psql_db <<'SQL'
INSERT INTO social_posts (platform, external_id, author_handle, caption, hashtags, posted_at, like_count, is_visible)
SELECT 'instagram', 'outage-' || i, '@traveller' || (i % 500), 'Day ' || (i % 35 + 1) || ' of the journey',
       ARRAY['summitroadtrip'], now() - make_interval(secs => i * 30), i % 5000, true
  FROM generate_series(1, 10000) AS i;
SQL

log_before=$(wc -l < "$work/ops-api.log")
echo "64 connections (a quarter writing questions with an Idempotency-Key), 60 s; database faults through a proxy:"
java bench/OutageLoad.java load "$api" "$connections" "$work/mode" "$work/acknowledged" \
    before=15 reset=10 after=10 silent=10 after=15
log_after=$(wc -l < "$work/ops-api.log")

acknowledged=$(wc -l < "$work/acknowledged")
stored=0
if [ "$acknowledged" -gt 0 ]; then
    stored=$(psql_db -c "SELECT count(*) FROM qa_questions
                          WHERE id = ANY(string_to_array('$(paste -sd, "$work/acknowledged")', ',')::bigint[])")
fi
echo "acknowledged writes: $acknowledged, stored: $stored, lost: $(( acknowledged - stored ))"
echo "ops-api log lines during the run: $(( log_after - log_before ))"
sed -n "$(( log_before + 1 )),\$p" "$work/ops-api.log" | cut -c1-200 | head -20
