#!/usr/bin/env bash
# What the change notifications (migration V12) cost the writes they announce: PostgreSQL's own latency for the
# ingestion's batch upsert (500 posts, every one changed) and for a moderator's single-row hide, on two databases
# that differ only by V12's triggers, measured with pgbench in alternating rounds (the machine's noise hits both).
# Target: the upsert's latency within 1.5x of the same statement without the triggers.
# Usage: bench/change-triggers.sh        ROUNDS=3 TRANSACTIONS=300 (the defaults) to change them.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
transactions=${TRANSACTIONS:-300}
migrations=ops-api/src/main/resources/db/migration
work=$(mktemp -d)
pg() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
cleanup() {
    for db in summit_triggers_without summit_triggers_with; do
        pg -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2> /dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
deploy/local/postgres.sh

cat > "$work/upsert.sql" <<'SQL'
INSERT INTO social_posts (platform, external_id, author_handle, caption, posted_at, like_count, is_visible)
SELECT 'instagram', 'bench-' || i, '@traveller', 'Day 3 of the journey', now() - make_interval(mins => i),
       (random() * 100000)::int, true
  FROM generate_series(1, 500) AS i
ON CONFLICT (platform, external_id) DO UPDATE SET like_count = EXCLUDED.like_count;
SQL
cat > "$work/hide.sql" <<'SQL'
\set n random(1, 500)
UPDATE social_posts SET is_visible = NOT is_visible, moderated_at = now() WHERE platform = 'instagram'
   AND external_id = 'bench-' || :n;
SQL
for db in summit_triggers_without summit_triggers_with; do
    pg -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
    pg -d $db -f $migrations/V1__social_posts_and_qa_questions.sql -f $migrations/V2__mirror_views.sql
    pg -d $db -f "$work/upsert.sql"
done
pg -d summit_triggers_with -f $migrations/V12__public_change_notifications.sql

latency() { # script database
    pgbench -h 127.0.0.1 -U postgres -n -f "$1" -t "$transactions" "$2" 2>&1 | sed -nE 's/latency average = ([0-9.]+) ms/\1/p'
}
declare -A total
for round in $(seq 1 "$rounds"); do
    for statement in upsert hide; do
        for variant in without with; do
            ms=$(latency "$work/$statement.sql" summit_triggers_$variant)
            printf 'round %d  %-6s %-15s %7.3f ms\n' "$round" "$statement" "$variant triggers" "$ms"
            total[$statement-$variant]=$(awk -v a="${total[$statement-$variant]:-0}" -v b="$ms" 'BEGIN {print a + b}')
        done
    done
done
for statement in upsert hide; do
    awk -v s="$statement" -v w="${total[$statement-without]}" -v t="${total[$statement-with]}" -v r="$rounds" \
        'BEGIN {printf "%-6s mean %.3f ms without, %.3f ms with the triggers: %.2fx\n", s, w / r, t / r, t / w}'
done
