#!/usr/bin/env bash
# Check the production deployment files without a Docker engine or a real host:
#   yamllint on the compose files; docker compose (or docker-compose) config on both
#   variants; nginx -t on the site with a self-signed certificate made here;
#   systemd-analyze verify on the units. A check whose tool is missing is reported as
#   skipped, and the exit code is 1 if any check that ran failed.
# usage: deploy/production/validate.sh
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failed=0
ran=0

say() { printf 'validate: %s\n' "$*"; }
fail() {
  say "FAILED: $*"
  failed=1
}
have() { command -v "$1" >/dev/null 2>&1; }

# ---------------------------------------------------------------- YAML
if have yamllint; then
  ran=$((ran + 1))
  yamllint -d '{extends: default, rules: {line-length: {max: 110}, document-start: disable,
    truthy: {check-keys: false}, comments: {min-spaces-from-content: 1}}}' \
    "$HERE"/compose*.yml || fail "yamllint"
else
  say "skipped yamllint (not installed)"
fi

# ---------------------------------------------------------------- compose
compose=()
if have docker && docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif have docker-compose; then
  compose=(docker-compose)
fi
if ((${#compose[@]})); then
  cp -r "$HERE"/compose*.yml "$HERE/nginx" "$WORK/"
  cp "$HERE/hoso.env.example" "$WORK/hoso.env"
  for variant in opensearch elasticsearch; do
    ran=$((ran + 1))
    if ! (cd "$WORK" && POSTGRES_PASSWORD=validate "${compose[@]}" -f compose.yml \
      -f "compose.$variant.yml" config >"$WORK/$variant.out" 2>&1); then
      cat "$WORK/$variant.out"
      fail "${compose[*]} config ($variant)"
    elif ! grep -q "search3" "$WORK/$variant.out"; then
      fail "$variant: the merged configuration has no search3 node"
    fi
  done
  ran=$((ran + 1))
  if ! (cd "$WORK" && POSTGRES_PASSWORD=validate HOSO_S3_ACCESS_KEY=validate \
    HOSO_S3_SECRET_KEY=validate "${compose[@]}" -f compose.yml -f compose.opensearch.yml \
    -f compose.seaweedfs.yml config >"$WORK/seaweedfs.out" 2>&1); then
    cat "$WORK/seaweedfs.out"
    fail "${compose[*]} config (object store)"
  elif ! grep -q "HOSO_STORAGE_URL: s3://" "$WORK/seaweedfs.out"; then
    fail "object store: the merged configuration does not point hoso at the bucket"
  fi
else
  say "skipped compose config (no docker compose or docker-compose)"
fi

# ---------------------------------------------------------------- nginx
if have nginx && have openssl; then
  ran=$((ran + 1))
  mkdir -p "$WORK/nginx-root/tls" "$WORK/nginx-root/logs"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=hoso.invalid" \
    -keyout "$WORK/nginx-root/tls/hoso.key" -out "$WORK/nginx-root/tls/hoso.crt" 2>/dev/null
  sed -e "s#/etc/nginx/#$WORK/nginx-root/#g" "$HERE/nginx/hoso.conf" >"$WORK/nginx-root/hoso.conf"
  cp "$HERE/nginx/upstream-local.conf" "$WORK/nginx-root/hoso-upstream.conf"
  cat >"$WORK/nginx-root/nginx.conf" <<EOF
pid $WORK/nginx-root/nginx.pid;
error_log $WORK/nginx-root/logs/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $WORK/nginx-root/tmp;
    include $WORK/nginx-root/hoso.conf;
}
EOF
  nginx -t -q -p "$WORK/nginx-root" -c "$WORK/nginx-root/nginx.conf" || fail "nginx -t"
else
  say "skipped nginx -t (nginx or openssl not installed)"
fi

# ---------------------------------------------------------------- systemd
if have systemd-analyze; then
  ran=$((ran + 1))
  mkdir -p "$WORK/units"
  for unit in "$HERE"/systemd/*.service "$HERE"/systemd/*.target; do
    # The units name /opt/hoso/venv; point them at this interpreter's tools to verify.
    sed "s#/opt/hoso/venv/bin#$(dirname "$(command -v python3)")#g" "$unit" \
      >"$WORK/units/$(basename "$unit")"
  done
  for bin in gunicorn celery; do
    [[ -x $(dirname "$(command -v python3)")/$bin ]] ||
      sed -i "s#$(dirname "$(command -v python3)")/$bin#/bin/true#" "$WORK"/units/*.service
  done
  cp "$WORK/units/hoso-worker@.service" "$WORK/units/hoso-worker@1.service"
  out=$(cd "$WORK/units" && systemd-analyze verify hoso-web.service hoso-beat.service \
    hoso-worker@1.service hoso.target 2>&1)
  # verify exits 0 on many problems; any message at all is one.
  if [[ -n $out ]]; then
    printf '%s\n' "$out"
    fail "systemd-analyze verify"
  fi
else
  say "skipped systemd-analyze verify (not installed)"
fi

if ((failed == 0)); then say "all $ran checks passed"; else say "some checks failed"; fi
exit "$failed"
