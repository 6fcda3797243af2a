# shellcheck shell=bash
# Process helpers shared by deploy/dev/services.sh and deploy/dev/cluster.sh. Sourced, not
# run. stop_pid waits up to STOP_TIMEOUT seconds (the caller sets it).

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# port_holder PORT: "name pid N" of the listener, when ss can tell.
port_holder() {
  command -v ss >/dev/null || return 0
  ss -ltnpH "( sport = :$1 )" 2>/dev/null |
    sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 pid \2/p' | head -n 1
}

read_pid() { if [[ -s $1 ]]; then head -n 1 "$1"; fi; }

# alive PID PATTERN: the process exists and its command line contains PATTERN (guards against a
# recycled pid).
alive() {
  [[ -n $1 ]] && kill -0 "$1" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# running PID: the process exists and is not a zombie (a child we just started may not have
# exec'd its program yet, so this does not look at the command line).
running() {
  [[ -n $1 ]] && kill -0 "$1" 2>/dev/null &&
    [[ $(sed -n 's/^[0-9]* (.*) \([A-Z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null) != Z ]]
}

# stop_pid NAME PID PATTERN: SIGTERM, wait up to STOP_TIMEOUT s, then SIGKILL.
stop_pid() {
  local name=$1 pid=$2 pattern=$3 waited=0
  alive "$pid" "$pattern" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid" "$pattern" && ((waited < STOP_TIMEOUT * 5)); do
    sleep 0.2
    waited=$((waited + 1))
  done
  if alive "$pid" "$pattern"; then
    hoso_warn "$name (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT} s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
}

rotate_log() { [[ ! -s $1 ]] || mv -f "$1" "$1.1"; }
