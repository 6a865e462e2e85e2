#!/usr/bin/env bash
# Validates docker-compose.yml and every Kubernetes overlay against their schemas, with real tools
# and no daemon: kubectl's built-in kustomize renders the overlays; deploy/validate/validate.mjs
# checks compose against the Compose Specification schema and each resource against the schema of
# its kind (Kubernetes, KEDA, Strimzi, CloudNativePG); docker-compose's config parses the compose
# file where it is installed. CI runs it, and runs it again on broken copies that it must refuse.
#   deploy/validate.sh [TREE]   TREE: another checkout's root (default: this one)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "${1:-$HERE/..}" && pwd)
cd "$HERE/validate"
command -v kubectl >/dev/null || { echo "validate: kubectl (with its built-in kustomize) is needed" >&2; exit 1; }
npm ci --silent --no-audit --no-fund >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rendered=()
for overlay in "$ROOT"/deploy/k8s/overlays/*/; do
  name=$(basename "$overlay")
  kubectl kustomize "$overlay" >"$out/$name.yaml"
  rendered+=("$out/$name.yaml")
done
node validate.mjs "$ROOT/docker-compose.yml" "${rendered[@]}"
if command -v docker-compose >/dev/null; then # Compose's own parser; it needs no daemon for config
  sed 's/^POSTGRES_PASSWORD=$/POSTGRES_PASSWORD=validate/' "$ROOT/deploy/compose.env.example" >"$out/.env"
  for profile in cpu gpu; do
    docker-compose --env-file "$out/.env" -f "$ROOT/docker-compose.yml" --profile "$profile" config -q
  done
  echo "docker-compose $(docker-compose version --short): config parses with profiles cpu and gpu"
fi
