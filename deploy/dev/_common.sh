# shellcheck shell=bash disable=SC2034 # the variables are used by the scripts that source this
# Shared settings for deploy/dev/*.sh. Sourced, not run. Callers set HERE (their own folder).

HOSO_ROOT=$(cd "$HERE/../.." && pwd)

: "${HOME:?HOME must be set}"
HOSO_DATA_DIR=${HOSO_DATA_DIR:-$HOME/.local/share/hoso}
HOSO_SERVICES_DIR=${HOSO_SERVICES_DIR:-$HOSO_DATA_DIR/services}
HOSO_SEARCH_PORT=${HOSO_SEARCH_PORT:-9250}
HOSO_SEARCH_HEAP=${HOSO_SEARCH_HEAP:-512m}
HOSO_REDIS_PORT=${HOSO_REDIS_PORT:-6479}
HOSO_PG_PORT=${HOSO_PG_PORT:-5479}
HOSO_PG_USER=${HOSO_PG_USER:-hoso}
HOSO_WITH_POSTGRES=${HOSO_WITH_POSTGRES:-0}
# The S3-compatible object store (SeaweedFS): its S3 port; master, volume and filer use the
# three ports after it (and each of those + 10000 for gRPC).
HOSO_S3_PORT=${HOSO_S3_PORT:-8479}
HOSO_S3_BUCKET=${HOSO_S3_BUCKET:-hoso}
HOSO_S3_ACCESS_KEY=${HOSO_S3_ACCESS_KEY:-hoso-dev}
HOSO_S3_SECRET_KEY=${HOSO_S3_SECRET_KEY:-hoso-dev-secret}
HOSO_WITH_S3=${HOSO_WITH_S3:-0}

# Where setup.sh puts the search node's jars, and the stamp it writes when they are complete.
HOSO_SEARCH_LIB=$HOSO_ROOT/deploy/opensearch/lib
HOSO_SEARCH_LIB_STAMP=$HOSO_SEARCH_LIB/.hoso-complete

# SeaweedFS, built from the Go module proxy by setup.sh and cached per machine and version.
HOSO_WEED_MODULE=github.com/seaweedfs/seaweedfs
HOSO_WEED_VERSION=${HOSO_WEED_VERSION:-v0.0.0-20261109003541-7506e5f91cd6}
HOSO_WEED_BIN=${HOSO_WEED_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/hoso/seaweedfs/$HOSO_WEED_VERSION/weed}

hoso_say() { printf 'hoso: %s\n' "$*"; }
hoso_warn() { printf 'hoso: %s\n' "$*" >&2; }
hoso_die() {
  printf 'hoso: %s\n' "$*" >&2
  exit 1
}

# hoso_check_port VARNAME: the variable holds a TCP port number (normalised), or a clear error.
hoso_check_port() {
  local value=${!1}
  if ! [[ $value =~ ^[0-9]{1,5}$ ]] || ((10#$value < 1 || 10#$value > 65535)); then
    hoso_die "$1 must be a TCP port number, not '$value'"
  fi
  printf -v "$1" '%d' "$((10#$value))"
}

hoso_check_port HOSO_SEARCH_PORT
hoso_check_port HOSO_REDIS_PORT
hoso_check_port HOSO_PG_PORT
hoso_check_port HOSO_S3_PORT

# URLs the Python code uses (see deploy/dev/README.md).
hoso_search_url() { printf 'http://127.0.0.1:%s' "$HOSO_SEARCH_PORT"; }
hoso_redis_url() { printf 'redis://127.0.0.1:%s/%s' "$HOSO_REDIS_PORT" "$1"; }
hoso_s3_endpoint() { printf 'http://127.0.0.1:%s' "$HOSO_S3_PORT"; }
hoso_storage_url() { printf 's3://%s/%s?endpoint=%s' "$HOSO_S3_BUCKET" "$1" "$(hoso_s3_endpoint)"; }
hoso_pg_url() { printf 'postgresql+psycopg://%s@127.0.0.1:%s/%s' "$HOSO_PG_USER" "$HOSO_PG_PORT" "$1"; }
