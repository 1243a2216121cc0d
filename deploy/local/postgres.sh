#!/usr/bin/env bash
# Prepares the machine's PostgreSQL for the local system and the tests, idempotently:
#  - starts the cluster if it is down and waits for 127.0.0.1:5432;
#  - turns TLS on (a self-signed certificate in the data directory when the cluster has none), so that tests can
#    prove the services' connections are encrypted;
#  - makes members of role summit_password_login authenticate with a password (scram-sha-256) on 127.0.0.1, so
#    that tests can prove credential rotation; everything else keeps the machine's own rules.
# Needs to run as root or as the postgres user.
set -euo pipefail

version=$(ls /etc/postgresql | sort -V | tail -n 1)
conf_dir=/etc/postgresql/$version/main
psql_admin() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "PostgreSQL is down; starting cluster $version/main"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 1
    done
    pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2; exit 1; }
fi

reload=false
if [ "$(psql_admin -c 'SHOW ssl')" != "on" ]; then
    data_dir=$(psql_admin -c 'SHOW data_directory')
    cert=$(psql_admin -c 'SHOW ssl_cert_file')
    key=$(psql_admin -c 'SHOW ssl_key_file')
    case "$cert" in /*) ;; *) cert=$data_dir/$cert;; esac
    case "$key" in /*) ;; *) key=$data_dir/$key;; esac
    if [ ! -f "$cert" ] || [ ! -f "$key" ]; then
        cert=$data_dir/server.crt
        key=$data_dir/server.key
        openssl req -new -x509 -nodes -days 3650 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            -keyout "$key" -out "$cert" 2>/dev/null
        chown postgres:postgres "$cert" "$key" 2>/dev/null || true
        chmod 600 "$key"
    fi
    psql_admin -c "ALTER SYSTEM SET ssl_cert_file = '$cert'" -c "ALTER SYSTEM SET ssl_key_file = '$key'" \
        -c "ALTER SYSTEM SET ssl = on"
    reload=true
fi

psql_admin -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'summit_password_login') THEN
               CREATE ROLE summit_password_login NOLOGIN; END IF; END \$\$"
rule="host all +summit_password_login 127.0.0.1/32 scram-sha-256"
if ! grep -qxF "$rule" "$conf_dir/pg_hba.conf"; then
    { echo "# summit-lakehouse: password logins for members of summit_password_login (tests of rotation)"; echo "$rule";
      cat "$conf_dir/pg_hba.conf"; } > "$conf_dir/pg_hba.conf.new"
    chown --reference="$conf_dir/pg_hba.conf" "$conf_dir/pg_hba.conf.new" 2>/dev/null || true
    mv "$conf_dir/pg_hba.conf.new" "$conf_dir/pg_hba.conf"
    reload=true
fi
if $reload; then
    psql_admin -c "SELECT pg_reload_conf()" > /dev/null
    sleep 1
fi
