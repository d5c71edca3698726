#!/usr/bin/env bash
# A local PostgreSQL for the server tests (tests/server). Idempotent: installs PostgreSQL only when
# missing, starts a throwaway cluster only when none answers, creates the test role and database only
# when absent. The tests find it through CSEC_TEST_POSTGRES_URL, whose default matches this script:
#   postgresql+psycopg://csec:csec@127.0.0.1:55432/csec_test
# The cluster lives in a folder of its own under /tmp on its own port, so it never touches a
# PostgreSQL the machine already runs. It is for tests only: fsync is off.
set -euo pipefail

PORT="${CSEC_PG_PORT:-55432}"
DATA_DIR="${CSEC_PG_DIR:-/tmp/csec-test-postgres}"
LOCK_FILE="/tmp/csec-test-postgres.lock"

find_bin_dir() {
  local initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$initdb" ]; then dirname "$initdb"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; fi
}

BIN_DIR="$(find_bin_dir)"
if [ -z "$BIN_DIR" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "postgres.sh: PostgreSQL is not installed; install it (apt-get install postgresql) or run as root" >&2
    exit 1
  fi
  echo "postgres.sh: installing PostgreSQL"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  BIN_DIR="$(find_bin_dir)"
fi

# initdb and the server refuse to run as root: use the postgres account when we are root.
if [ "$(id -u)" = 0 ]; then
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi

# Two test runs starting at once must not both initdb the same folder.
exec 9>"$LOCK_FILE"
flock 9

if ! "$BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if [ ! -s "$DATA_DIR/PG_VERSION" ]; then
    rm -rf "$DATA_DIR"
    mkdir -p "$DATA_DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$DATA_DIR"
    as_owner "$BIN_DIR/initdb" -D "$DATA_DIR" -U postgres --auth-local=trust \
      --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  # 9>&-: the server must not inherit (and so hold forever) the lock taken above.
  as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 start 9>&- \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA_DIR -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
fi

psql_admin() { as_owner "$BIN_DIR/psql" -X -q -h "$DATA_DIR" -p "$PORT" -U postgres -d postgres "$@"; }

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'csec'")" != 1 ]; then
  psql_admin -c "CREATE ROLE csec LOGIN CREATEDB PASSWORD 'csec'"
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = 'csec_test'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE csec_test OWNER csec"
fi
echo "postgres.sh: PostgreSQL ready on 127.0.0.1:$PORT (database csec_test, role csec)"
