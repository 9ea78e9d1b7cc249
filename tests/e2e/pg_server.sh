#!/bin/sh
# A throw-away PostgreSQL server for tests: `pg_server.sh start DIR` runs initdb and pg_ctl into
# DIR (as the postgres user when run as root, since initdb refuses root), listening on a Unix
# socket in DIR and on a free port of 127.0.0.1; it writes DIR/port and DIR/url. Local socket
# connections are trusted; TCP asks for a password (the role dondoc_pw, password mat-khau-dung),
# so tests can check a wrong password. `pg_server.sh stop DIR` stops it and removes DIR.
# `pg_server.sh pause DIR` stops it (fast shutdown: sessions are ended) and keeps its data;
# `pg_server.sh resume DIR` starts it again on the same port, as after a restart of the server.
set -eu
usage="usage: pg_server.sh start|stop|pause|resume DIR"
cmd=${1:?$usage}
dir=${2:?$usage}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
run_server() {  # port
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 60 -o \
    "-p $1 -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/pg.log" >&2; exit 1; }
}
stop_server() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}
case "$cmd" in
  start)
    if [ ! -x "$PGBIN/initdb" ]; then
      echo "pg_server.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
      exit 1
    fi
    stop_server  # a leftover of an interrupted run in the same folder
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    py=python3
    [ -x /usr/bin/python3 ] && py=/usr/bin/python3
    port=$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    run_server "$port"
    as_pg "$PGBIN/psql" -h "$dir" -p "$port" -U postgres -d postgres -qc \
      "CREATE ROLE dondoc_pw LOGIN PASSWORD 'mat-khau-dung'" >/dev/null
    echo "$port" >"$dir/port"
    echo "postgresql://postgres@/postgres?host=$dir&port=$port" >"$dir/url"
    ;;
  stop)
    stop_server
    rm -rf "$dir"
    ;;
  pause)
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    run_server "$(cat "$dir/port")"
    ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac
