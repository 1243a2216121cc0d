# shellcheck shell=bash disable=SC2154
# Sourced by the ops-api benchmarks: stopping the server under test, and waiting until its database backends are
# gone, so that the next server's (or pgbench's) backend CPU is read from its own backends alone.
# Needs $db (the bench database), psql_admin and api_pid from the script.

wait_backends_gone() {
    local _
    for _ in $(seq 1 500); do
        [ "$(psql_admin -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db'
                              AND backend_type = 'client backend' AND pid <> pg_backend_pid()")" = 0 ] && return
        sleep 0.02
    done
}

stop_api() {
    kill "$api_pid"
    wait "$api_pid" 2> /dev/null || true
    api_pid=
    wait_backends_gone
}
