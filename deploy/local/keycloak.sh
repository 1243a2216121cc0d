#!/usr/bin/env bash
# A local Keycloak for trying the console's single sign-on (run.sh --with-sso): Keycloak's own distribution from
# Maven Central, in dev mode on http://localhost:8180, with a realm "summit": users "moderator" (role moderator) and
# "reader" (no role), the console's client and the ingestion job's client. Passwords and secrets are made on the
# first run, printed once, and kept only under target/local (never committed).
# Usage: deploy/local/keycloak.sh prepare <state-dir>   unpacks, makes the realm; prints passwords the first time
#        deploy/local/keycloak.sh start <state-dir>     runs Keycloak in the foreground
set -euo pipefail
cd "$(dirname "$0")/../.."
step=$1
state=$2
version=26.5.6
home=$state/keycloak-$version
port=8180

if [ "$step" = prepare ]; then
    if [ ! -x "$home/bin/kc.sh" ]; then
        echo "Fetching Keycloak $version from Maven Central..."
        ./mvnw -B -q dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$version:zip \
            -DoutputDirectory="$state" -Dmdep.overWriteReleases=false
        unzip -q -o "$state/keycloak-quarkus-dist-$version.zip" -d "$state"
        rm -f "$state/keycloak-quarkus-dist-$version.zip"
    fi
    if [ ! -f "$state/sso.env" ]; then
        secret() { openssl rand -hex 24; }
        moderator_password=$(secret) reader_password=$(secret) admin_password=$(secret)
        console_secret=$(secret) ingest_secret=$(secret)
        umask 077
        cat > "$state/sso.env" <<ENV
admin_password=$admin_password
console_secret=$console_secret
ingest_secret=$ingest_secret
moderator_password=$moderator_password
ENV
        mkdir -p "$home/data/import"
        audience='{"name": "audience ops-api", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                   "config": {"included.custom.audience": "ops-api", "access.token.claim": "true", "id.token.claim": "false"}}'
        cat > "$home/data/import/summit-realm.json" <<REALM
{
  "realm": "summit", "id": "summit", "enabled": true, "sslRequired": "none",
  "roles": {"realm": [{"name": "moderator"}, {"name": "ingest"}]},
  "clients": [
    {"clientId": "ops-console", "publicClient": false, "secret": "$console_secret", "standardFlowEnabled": true,
     "redirectUris": ["http://localhost:8080/console/callback"],
     "attributes": {"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "http://localhost:8080/console/signed-out"},
     "protocolMappers": [$audience]},
    {"clientId": "summit-ingest", "publicClient": false, "secret": "$ingest_secret", "serviceAccountsEnabled": true,
     "standardFlowEnabled": false, "protocolMappers": [$audience]},
    {"clientId": "ops-cli", "publicClient": true, "directAccessGrantsEnabled": true, "standardFlowEnabled": false,
     "protocolMappers": [$audience]}
  ],
  "users": [
    {"username": "moderator", "enabled": true, "firstName": "Morgan", "lastName": "Moderator",
     "email": "moderator@summit-lakehouse.example", "emailVerified": true, "realmRoles": ["moderator"],
     "credentials": [{"type": "password", "value": "$moderator_password", "temporary": false}]},
    {"username": "reader", "enabled": true, "firstName": "Riley", "lastName": "Reader",
     "email": "reader@summit-lakehouse.example", "emailVerified": true, "realmRoles": [],
     "credentials": [{"type": "password", "value": "$reader_password", "temporary": false}]},
    {"username": "service-account-summit-ingest", "enabled": true, "serviceAccountClientId": "summit-ingest",
     "realmRoles": ["ingest"]}
  ]
}
REALM
        cat <<INFO
Local single sign-on: a realm "summit" was created. These passwords are shown once (kept in $state/sso.env
only for the scripts; delete $state/sso.env and $home/data to start over):
  moderator / $moderator_password   (role moderator: the whole console)
  reader    / $reader_password   (no role: the console says "not allowed")
  Keycloak's admin console: http://localhost:$port/admin  admin / $admin_password
INFO
    fi
    exit 0
fi

# shellcheck disable=SC1091
. "$state/sso.env"
export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$admin_password
exec "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=$port --http-management-port=9180 --import-realm
