#!/bin/sh
# netpol-guard's main job on the examples, with no cluster:
#  1. real Helm 4 renders examples/webshop once plainly and once through the netpol-guard plugin;
#     shows what netpol-guard added, then a refusal (--check-only on a chart without policies);
#  2. the Maven plugin isolates examples/app's chart in `mvn verify` (embedded Helm, no helm binary).
# Build and install first: ./mvnw -q -B install -DskipTests
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
plugin=$root/postrenderer/target/netpol-guard
if [ ! -x "$plugin/bin/netpol-guard" ]; then
    echo "demo.sh: build netpol-guard first: ./mvnw -q -B install -DskipTests" >&2
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

echo
echo "== examples/app: ./mvnw -B -f examples/app/pom.xml verify (the Maven plugin, embedded Helm) =="
"$root/mvnw" -B -q -f "$root/examples/app/pom.xml" verify
out=$root/examples/app/target/netpol-guard
echo "-- $out/greeter.yaml: the pod template's labels and the added policy"
grep -n -e 'netpol-guard.io/release: "' -e 'kind: NetworkPolicy' -e 'name: greeter-netpol-guard' "$out/greeter.yaml"
echo "-- $out/greeter-report.json (start)"
head -n 12 "$out/greeter-report.json"
