#!/usr/bin/env bash
# Applies the catalog's grants file (deploy/catalog/grants.json) to Unity Catalog, idempotently:
#  - refuses a file with a wildcard or ALL PRIVILEGES anywhere (exit 2), before changing anything;
#  - creates what the file declares and the catalog lacks: principals (SCIM users), the catalog, its schemas, and
#    its volumes (EXTERNAL, at the location the environment variable named by storage_location_from gives);
#  - on every securable the file manages (the catalog, its declared schemas and volumes, every table in those
#    schemas), grants what the file declares and revokes what it does not (drift), principal by principal;
#  - prints each change it makes, one line each, and "no changes" when there were none.
# A table the file names that is not registered yet (its job registers it on its first run) is reported as pending.
# Usage: apply-grants.sh [--dry-run] [grants.json]   (--dry-run prints the changes and makes none)
# The catalog's URL and an admin's token come from UC_URL / UC_TOKEN, else the secret files uc_url / uc_token in
# $SECRETS_DIR (default /run/secrets/summit). The token never reaches the command line or the output.
set -euo pipefail

dry_run=false
if [ "${1:-}" = "--dry-run" ]; then dry_run=true; shift; fi
file=${1:-$(dirname "$0")/grants.json}
secrets=${SECRETS_DIR:-/run/secrets/summit}
url=${UC_URL:-$(cat "$secrets/uc_url" 2> /dev/null || true)}
token=${UC_TOKEN:-$(cat "$secrets/uc_token" 2> /dev/null || true)}
fail() { echo "apply-grants: $1" >&2; exit "${2:-1}"; }
[ -r "$file" ] || fail "cannot read $file"
[ -n "$url" ] || fail "no catalog URL: set UC_URL or the secret file $secrets/uc_url"
[ -n "$token" ] || fail "no catalog token: set UC_TOKEN or the secret file $secrets/uc_token"
url=${url%/}
api=$url/api/2.1/unity-catalog
scim=$url/api/1.0/unity-control/scim2/Users

# --- The file itself: well-formed, explicit, nothing granted by pattern or wholesale. ---------------------------
jq -e . "$file" > /dev/null 2>&1 || fail "$file is not valid JSON" 2
refused=$(jq -r '
  .grants[] | . as $g
  | select(($g.principal | test("[*?]")) or ($g.on | test("[*?]"))
           or any($g.privileges[]; ascii_upcase | gsub("_"; " ") | test("^ALL( PRIVILEGES)?$") or test("[*?]")))
  | "\($g.principal) on \($g.on): \($g.privileges | join(", "))"' "$file")
[ -z "$refused" ] || fail "refused: wildcards and ALL PRIVILEGES are not allowed; grant each privilege on each
securable by name. Offending entries:
$refused" 2
unknown=$(jq -r '(.principals) as $p | .grants[] | select(.principal as $x | $p | index($x) | not) | .principal' "$file" \
  | sort -u)
[ -z "$unknown" ] || fail "grants name principals the file does not declare in principals: $unknown" 2

# --- HTTP, with the token in a header file so that it never shows in a process list. ---------------------------
auth=$(mktemp)
trap 'rm -f "$auth"' EXIT
chmod 600 "$auth"
printf 'Authorization: Bearer %s\n' "$token" > "$auth"
# call METHOD URL [BODY] -> prints the body; answers with its HTTP status in $status
call() {
  local out
  out=$(curl -sS -X "$1" -H @"$auth" ${3:+-H "Content-Type: application/json" --data "$3"} -w '\n%{http_code}' "$2") \
    || fail "Unity Catalog at $url cannot be reached"
  status=${out##*$'\n'}
  body=${out%$'\n'*}
}
must() { # like call, but anything other than 2xx stops the run
  call "$@"
  case "$status" in 2*) ;; *) fail "$1 ${2#"$url"} answered $status: $(jq -r '.message // .' <<< "$body" 2> /dev/null)";; esac
}
enc() { jq -rn --arg v "$1" '$v | @uri'; }

changes=0
change() { # description, then the call that makes it
  local what=$1; shift
  changes=$((changes + 1))
  if $dry_run; then echo "would $what"; else "$@"; echo "$what"; fi
}

# --- Principals -----------------------------------------------------------------------------------------------
must GET "$scim?count=1000"
known=$(jq -r '.Resources[]?.emails[]?.value' <<< "$body")
for principal in $(jq -r '.principals[]' "$file"); do
  grep -qxF "$principal" <<< "$known" || change "create principal $principal" \
    must POST "$scim" "$(jq -cn --arg e "$principal" '{displayName: $e, emails: [{value: $e, primary: true}]}')"
done

# --- The tree: catalog, schemas, volumes ------------------------------------------------------------------------
catalog=$(jq -r '.catalog.name' "$file")
call GET "$api/catalogs/$(enc "$catalog")"
[ "$status" = 200 ] || change "create catalog $catalog" \
  must POST "$api/catalogs" "$(jq -c '.catalog | {name, comment}' "$file")"
for schema in $(jq -r '.schemas | keys[]' "$file"); do
  call GET "$api/schemas/$(enc "$catalog.$schema")"
  [ "$status" = 200 ] || change "create schema $catalog.$schema" must POST "$api/schemas" \
    "$(jq -c --arg c "$catalog" --arg s "$schema" '{name: $s, catalog_name: $c, comment: .schemas[$s].comment}' "$file")"
done
for volume in $(jq -r '.volumes | keys[]' "$file"); do
  schema=${volume%%.*} name=${volume#*.}
  call GET "$api/volumes?catalog_name=$(enc "$catalog")&schema_name=$(enc "$schema")&max_results=1000"
  if [ "$status" = 200 ] && jq -e --arg n "$name" '.volumes[]? | select(.name == $n)' <<< "$body" > /dev/null; then
    continue
  fi
  from=$(jq -r --arg v "$volume" '.volumes[$v].storage_location_from' "$file")
  location=${!from:-}
  [ -n "$location" ] || fail "volume $catalog.$volume is missing and $from (its storage location) is not set"
  change "create volume $catalog.$volume at $location" must POST "$api/volumes" "$(jq -c --arg c "$catalog" \
    --arg s "$schema" --arg n "$name" --arg l "$location" --arg v "$volume" \
    '{catalog_name: $c, schema_name: $s, name: $n, volume_type: "EXTERNAL", storage_location: $l,
      comment: .volumes[$v].comment}' "$file")"
done

# --- Grants: every managed securable gets exactly what the file declares -----------------------------------------
securables=$( {
  echo "catalog $catalog"
  jq -r --arg c "$catalog" '.schemas | keys[] | "schema \($c).\(.)"' "$file"
  jq -r --arg c "$catalog" '.volumes | keys[] | "volume \($c).\(.)"' "$file"
  for schema in $(jq -r '.schemas | keys[]' "$file"); do
    call GET "$api/tables?catalog_name=$(enc "$catalog")&schema_name=$(enc "$schema")&max_results=1000"
    [ "$status" = 200 ] && jq -r --arg c "$catalog" --arg s "$schema" '.tables[]? | "table \($c).\($s).\(.name)"' <<< "$body"
  done
  jq -r '.grants[].on' "$file"
} | sort -u)

while read -r type name; do
  [ -n "$type" ] || continue
  call GET "$api/permissions/$type/$(enc "$name")"
  if [ "$status" != 200 ]; then
    if [ "$type" = table ]; then
      echo "pending: table $name is not registered yet (its job registers it on its first run); apply again then"
    else
      echo "pending: $type $name does not exist yet; apply again once it does"
    fi
    continue
  fi
  current=$(jq -c '[.privilege_assignments[]? | {principal, privileges}]' <<< "$body")
  wanted=$(jq -c --arg on "$type $name" '[.grants[] | select(.on == $on) | {principal, privileges}]
    | group_by(.principal) | map({principal: .[0].principal, privileges: ([.[].privileges[]] | unique)})' "$file")
  plan=$(jq -c -n --argjson have "$current" --argjson want "$wanted" '
    ([$have[].principal] + [$want[].principal] | unique)[] as $p
    | (([$have[] | select(.principal == $p) | .privileges[]]) | unique) as $h
    | (([$want[] | select(.principal == $p) | .privileges[]]) | unique) as $w
    | {principal: $p, add: ($w - $h), remove: ($h - $w)}
    | select((.add | length) > 0 or (.remove | length) > 0)')
  while read -r step; do
    [ -n "$step" ] || continue
    principal=$(jq -r .principal <<< "$step")
    for privilege in $(jq -r '.add[] | @base64' <<< "$step"); do
      privilege=$(base64 -d <<< "$privilege")
      change "grant $privilege on $type $name to $principal" must PATCH "$api/permissions/$type/$(enc "$name")" \
        "$(jq -cn --arg p "$principal" --arg v "$privilege" '{changes: [{principal: $p, add: [$v], remove: []}]}')"
    done
    for privilege in $(jq -r '.remove[] | @base64' <<< "$step"); do
      privilege=$(base64 -d <<< "$privilege")
      change "revoke $privilege on $type $name from $principal" must PATCH "$api/permissions/$type/$(enc "$name")" \
        "$(jq -cn --arg p "$principal" --arg v "$privilege" '{changes: [{principal: $p, add: [], remove: [$v]}]}')"
    done
  done <<< "$plan"
done <<< "$securables"

if [ "$changes" = 0 ]; then
  echo "no changes"
elif $dry_run; then
  echo "dry run: $changes changes planned, none made"
else
  echo "$changes changes made"
fi
