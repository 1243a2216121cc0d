#!/usr/bin/env bash
# Runs the whole system locally on its embedded defaults: the local PostgreSQL (database "summit"), Delta tables
# under ./warehouse, sample data. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
state=$root/target/local
keys=$state/keys
mkdir -p "$state"

deploy/local/postgres.sh
psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'summit'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE summit"
deploy/local/dev-jwt.sh "$keys" moderator > "$state/moderator.jwt"
deploy/local/dev-jwt.sh "$keys" ingest > "$state/ingest.jwt"

echo "Building..."
./mvnw -B -q -DskipTests package

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

# ops-api migrates the schema at start-up.
jwt_public_key="$(cat "$keys/jwt-public.pem")" java -Dvertx.disableURIValidation=true \
    -jar ops-api/target/quarkus-app/quarkus-run.jar \
    > "$state/ops-api.log" 2>&1 &
pids+=($!)
api=http://localhost:8080
for _ in $(seq 1 60); do
    curl -sf "$api/q/health/ready" > /dev/null && break
    sleep 0.5
done
curl -sf "$api/q/health/ready" > /dev/null || { echo "ops-api did not become ready; see $state/ops-api.log" >&2; exit 1; }

deploy/local/sample-data.sh "$api" "$keys"

# The journey schedule workbook (the generated sample) becomes the gold journey_schedule table.
java -jar schedule-ingest/target/quarkus-app/quarkus-run.jar \
    --source schedule-ingest/src/test/resources/journey-schedule.xlsx --table "$root/warehouse/gold/journey_schedule" \
    2> "$state/schedule-ingest.log"

# The mirror copies what is public into ./warehouse/gold on start, then every 30 minutes.
java -Dmirror.warehouse="$root/warehouse" -jar mirror-service/target/quarkus-app/quarkus-run.jar \
    > "$state/mirror-service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
    [ "$(grep -cE "mirror [a-z_]+: " "$state/mirror-service.log" 2>/dev/null)" -ge 2 ] && break
    sleep 0.5
done
grep -E "mirror [a-z_]+:" "$state/mirror-service.log" | sed -E 's/^.*(mirror [a-z_]+:)/\1/'

cat <<INFO

ops-api:   $api/api/v1/posts   (OpenAPI: $api/q/openapi, health: $api/q/health)
gold:      Delta tables in $root/warehouse/gold: social_posts, qa_published (mirror-service, health on
           http://localhost:8081/q/health) and journey_schedule (schedule-ingest)
admin:     Authorization: Bearer \$(cat $state/moderator.jwt)
logs:      $state/*.log
Ctrl-C stops everything.
INFO
wait
