#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store's tests, listening on 127.0.0.1 only.
#
#   scripts/ci-postgres.sh [start]   install if missing, init, start, create the test
#                                    database; print its URL on stdout (all else: stderr)
#   scripts/ci-postgres.sh url       print the URL only
#   scripts/ci-postgres.sh stop      stop the server and delete its directory
#
#   export STORYLENS_TEST_PG_URL="$(scripts/ci-postgres.sh)"
#
# Idempotent: `start` on a running server only checks it and prints the URL again.
# As root (CI) the server runs as the `postgres` user: PostgreSQL refuses to run as root.
# Settings: STORYLENS_PG_PORT (55432), STORYLENS_PG_DIR (/tmp/storylens-pg-<port>).
set -euo pipefail

PORT=${STORYLENS_PG_PORT:-55432}
DIR=${STORYLENS_PG_DIR:-/tmp/storylens-pg-$PORT}
DATA=$DIR/data
MARKER=$DIR/.storylens-ci-postgres # `stop` deletes only a directory this script made
HOST=127.0.0.1
DB=storylens_test
ROLE=storylens
PASSWORD=storylens # a test-only cluster on loopback: the password guards nothing
URL="postgresql://$ROLE:$PASSWORD@$HOST:$PORT/$DB"
PATH=$PATH:/usr/sbin:/sbin # runuser, for root shells whose PATH lacks them

log() { echo "ci-postgres: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# Run a server binary as the cluster's owner: `postgres` when we are root, else ourselves.
# From /: the `postgres` user may not be allowed into the caller's directory.
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Debian keeps server binaries off PATH, in /usr/lib/postgresql/<major>/bin: take the newest.
find_bindir() {
  local dirs dir
  mapfile -t dirs < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r)
  for dir in "${dirs[@]}"; do
    [[ -x $dir/initdb ]] && echo "$dir" && return 0
  done
  dir=$(command -v initdb) && dirname "$dir"
}

install_postgres() {
  [[ $EUID -eq 0 ]] || die "PostgreSQL is not installed and only root can apt-get it"
  command -v apt-get >/dev/null || die "PostgreSQL is not installed and apt-get is missing"
  log "installing PostgreSQL (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
}

make_dir() {
  mkdir -p "$DIR"
  touch "$MARKER"
  chmod 700 "$DIR"
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' user to run the server as"
    chown -R postgres: "$DIR"
  fi
  as_owner test -w "$DIR" || die "$DIR is not writable by the server's user"
}

init_cluster() {
  [[ -f $DATA/PG_VERSION ]] && return 0
  log "initialising a cluster in $DATA"
  local pwfile=$DIR/pwfile
  echo "$PASSWORD" >"$pwfile"
  if [[ $EUID -eq 0 ]]; then chown postgres: "$pwfile"; fi
  # Password over TCP (as a real deployment), trust on the socket in $DIR (mode 700).
  as_owner "$BINDIR/initdb" -D "$DATA" -U "$ROLE" --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  # Throwaway data: durability settings off, for speed.
  cat >>"$DATA/postgresql.conf" <<EOF
listen_addresses = '$HOST'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

start_server() {
  if as_owner "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    log "server already running"
    return 0
  fi
  log "starting the server on $HOST:$PORT"
  if ! as_owner "$BINDIR/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 start >&2; then
    tail -n 20 "$DIR/server.log" >&2 || true
    die "the server did not start (log: $DIR/server.log)"
  fi
}

wait_ready() {
  local tries
  for tries in $(seq 60); do
    "$BINDIR/pg_isready" -q -h "$HOST" -p "$PORT" && return 0
    sleep 1
  done
  die "the server is not accepting connections on $HOST:$PORT after ${tries}s"
}

# psql through the socket as the superuser: no password needed.
psql_local() {
  as_owner "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U "$ROLE" "$@"
}

create_database() {
  local found
  found=$(psql_local -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")
  [[ $found == 1 ]] || psql_local -d postgres -c "CREATE DATABASE $DB" >&2
  # What the tests will do: log in over TCP with the password (catches another server
  # squatting on the port).
  PGPASSWORD=$PASSWORD "$BINDIR/psql" -X -q -tA -h "$HOST" -p "$PORT" -U "$ROLE" -d "$DB" \
    -c "SELECT 1" >/dev/null || die "cannot log in to $HOST:$PORT/$DB as $ROLE"
}

start() {
  BINDIR=$(find_bindir) || {
    install_postgres
    BINDIR=$(find_bindir) || die "PostgreSQL installed but initdb not found"
  }
  make_dir
  init_cluster
  start_server
  wait_ready
  create_database
  log "ready: ${URL/:$PASSWORD@/:***@}"
  echo "$URL"
}

stop() {
  [[ -d $DIR ]] || return 0
  [[ -f $MARKER ]] || die "$DIR was not made by this script: leaving it alone"
  if [[ -f $DATA/postmaster.pid ]] && BINDIR=$(find_bindir); then
    log "stopping the server"
    as_owner "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
  fi
  rm -rf "$DIR"
}

case ${1:-start} in
start) start ;;
url) echo "$URL" ;;
stop) stop ;;
*) die "usage: $0 [start|url|stop]" ;;
esac
