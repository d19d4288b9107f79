#!/bin/sh
# netpol-guard's main job on the example chart, with real Helm 4 and no cluster:
# renders examples/webshop once plainly and once through the netpol-guard plugin,
# shows what netpol-guard added, then shows a refusal (--check-only on a chart without policies).
# Build first: ./mvnw -q -B package -DskipTests
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
plugin=$root/postrenderer/target/netpol-guard
if [ ! -x "$plugin/bin/netpol-guard" ]; then
    echo "demo.sh: build netpol-guard first: ./mvnw -q -B package -DskipTests" >&2
    exit 2
fi
helm=$("$root/it/helm/fetch-helm.sh" helm4 | sed -n 's/^helm4=//p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HELM_DATA_HOME="$work/data" HELM_CONFIG_HOME="$work/config" HELM_CACHE_HOME="$work/cache"
"$helm" plugin install "$plugin" >/dev/null

echo "== helm template shop examples/webshop --post-renderer netpol-guard: what netpol-guard added =="
"$helm" template shop "$root/examples/webshop" --namespace team-a > "$work/before.yaml"
"$helm" template shop "$root/examples/webshop" --namespace team-a \
    --post-renderer netpol-guard --post-renderer-args=--release=shop > "$work/after.yaml"
diff -u "$work/before.yaml" "$work/after.yaml" | sed -n '3,$p' | grep -E '^[+@]' || true

echo
echo "== the same chart with --check-only (no policies added): the refusal a user sees =="
if "$helm" template shop "$root/examples/webshop" --namespace team-a \
    --post-renderer netpol-guard --post-renderer-args=--check-only >/dev/null; then
    echo "demo.sh: expected a refusal" >&2
    exit 1
fi
