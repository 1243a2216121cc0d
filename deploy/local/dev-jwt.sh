#!/usr/bin/env bash
# Development tokens for the admin API, signed with a local key pair (made on first use, never committed).
# Usage: deploy/local/dev-jwt.sh <keys-dir> <role> [<role>...]   prints a bearer token valid for 12 hours.
set -euo pipefail
keys=$1
shift
mkdir -p "$keys"
if [ ! -f "$keys/jwt-private.pem" ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/jwt-private.pem" 2>/dev/null
    openssl pkey -in "$keys/jwt-private.pem" -pubout -out "$keys/jwt-public.pem"
    chmod 600 "$keys/jwt-private.pem"
fi
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
groups=$(printf '"%s",' "$@")
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"https://auth.summit-lakehouse.example","aud":"ops-api","sub":"local-developer","groups":[%s],"iat":%d,"exp":%d}' \
    "${groups%,}" "$now" $((now + 43200)) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$keys/jwt-private.pem" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
