#!/usr/bin/env bash
# Runs the whole system locally on its embedded defaults: the local PostgreSQL (database "summit"), Delta tables
# under ./warehouse, sample data. Ctrl-C stops it.
# Usage: deploy/local/run.sh [--with-sso]
#   --with-sso  also a local Keycloak (deploy/local/keycloak.sh) that ops-api trusts instead of the development
#               key, so that the console at http://localhost:8080/console can be signed in to.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
state=$root/target/local
keys=$state/keys
mkdir -p "$state"
sso=false
case "${1:-}" in
    --with-sso) sso=true ;;
    "") ;;
    *) echo "usage: deploy/local/run.sh [--with-sso]" >&2; exit 2 ;;
esac

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

# The journey's own account, whose posts the sample data marks as allowlisted (visible without a moderator).
allowlist=instagram/@summitjourney,tiktok/@summitjourney,x/@summitjourney,facebook/@summitjourney,youtube/@summitjourney,threads/@summitjourney
if $sso; then
    deploy/local/keycloak.sh prepare "$state"
    deploy/local/keycloak.sh start "$state" > "$state/keycloak.log" 2>&1 &
    pids+=($!)
    realm=http://localhost:8180/realms/summit
    echo "Starting Keycloak (the first start takes about a minute)..."
    for _ in $(seq 1 240); do
        curl -sf "$realm/.well-known/openid-configuration" > /dev/null && break
        sleep 0.5
    done
    curl -sf "$realm/.well-known/openid-configuration" > /dev/null \
        || { echo "Keycloak did not start; see $state/keycloak.log" >&2; exit 1; }
    # shellcheck disable=SC1091
    . "$state/sso.env"
    export ops_oidc_server_url=$realm ops_oidc_issuer=$realm ops_console_enabled=true \
        ops_console_client_secret=$console_secret
else
    # Development tokens, verified with the local key pair.
    export jwt_public_key="$(cat "$keys/jwt-public.pem")"
fi

# ops-api migrates the schema at start-up.
java -Dops.posts.allowlist="$allowlist" \
    -jar ops-api/target/quarkus-app/quarkus-run.jar \
    > "$state/ops-api.log" 2>&1 &
pids+=($!)
api=http://localhost:8080
management=http://localhost:9000
for _ in $(seq 1 60); do
    curl -sf "$management/q/health/ready" > /dev/null && break
    sleep 0.5
done
curl -sf "$management/q/health/ready" > /dev/null || { echo "ops-api did not become ready; see $state/ops-api.log" >&2; exit 1; }

if $sso; then
    token() { sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
    ingest_token=$(curl -sf "$realm/protocol/openid-connect/token" -d grant_type=client_credentials \
        -d client_id=summit-ingest -d client_secret="$ingest_secret" | token)
    moderator_token=$(curl -sf "$realm/protocol/openid-connect/token" -d grant_type=password -d client_id=ops-cli \
        -d username=moderator --data-urlencode password="$moderator_password" | token)
    deploy/local/sample-data.sh "$api" "$ingest_token" "$moderator_token"
else
    deploy/local/sample-data.sh "$api" "$(cat "$state/ingest.jwt")" "$(cat "$state/moderator.jwt")"
fi

# The journey schedule workbook (the generated sample) becomes the gold journey_schedule table.
java -jar schedule-ingest/target/quarkus-app/quarkus-run.jar \
    --source schedule-ingest/src/test/resources/journey-schedule.xlsx --table "$root/warehouse/gold/journey_schedule" \
    2> "$state/schedule-ingest.log"

# The mirror copies what is public into ./warehouse/gold on start, then each change a second after it is made
# (it listens for the database's change notifications), and sweeps every table every 30 minutes.
java -Dmirror.warehouse="$root/warehouse" -jar mirror-service/target/quarkus-app/quarkus-run.jar \
    > "$state/mirror-service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
    [ "$(grep -cE "mirror [a-z_]+: " "$state/mirror-service.log" 2>/dev/null)" -ge 2 ] && break
    sleep 0.5
done
grep -E "mirror [a-z_]+:" "$state/mirror-service.log" | sed -E 's/^.*(mirror [a-z_]+:)/\1/'

cat <<INFO

ops-api:   $api/api/v1/posts   (OpenAPI: $api/q/openapi, health: $management/q/health)
gold:      Delta tables in $root/warehouse/gold: social_posts, qa_published (mirror-service, health on
           http://localhost:8081/q/health) and journey_schedule (schedule-ingest)
INFO
if $sso; then
    cat <<INFO
console:   $api/console   (sign in as moderator or reader; passwords were printed when the realm was made)
sso:       Keycloak on http://localhost:8180 (realm summit); bearer tokens from it, e.g. the ingest client's
INFO
else
    cat <<INFO
admin:     Authorization: Bearer \$(cat $state/moderator.jwt)
console:   needs an identity provider: deploy/local/run.sh --with-sso
INFO
fi
cat <<INFO
logs:      $state/*.log
Ctrl-C stops everything.
INFO
wait
