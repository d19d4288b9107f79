#!/bin/sh
# netpol-guard's main job on the examples, with no cluster:
#  1. real Helm 4 renders examples/webshop through the netpol-guard plugin; shows what the policies open
#     and why (--explain), the label lines added to the chart's documents, the added policies, then a
#     refusal (--check-only on a chart without policies);
#     and `netpol-guard analyze` lists and draws who may reach whom (examples/target/demo/*.svg);
#     then the same chart segregated (--segregate): each component reaches only what it uses;
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

echo "== helm template shop examples/webshop --post-renderer netpol-guard --post-renderer-args=--explain =="
echo "-- what the policies open beyond the release and DNS, and why (netpol-guard's --explain, on stderr):"
# Helm's stderr through a pipe (| cat), as a CI runner reads a job's output: netpol-guard's notes land there in order,
# also when this script's output goes to a file (demo.sh > demo.log 2>&1; see README, CI logs).
"$helm" template shop "$root/examples/webshop" --namespace team-a \
    --post-renderer netpol-guard --post-renderer-args=--release=shop --post-renderer-args=--explain \
    2>&1 >"$work/after.yaml" | cat
grep -q 'kind: NetworkPolicy' "$work/after.yaml" || { echo "demo.sh: helm template failed (above)" >&2; exit 1; }
echo
echo "-- the lines netpol-guard added to the chart's documents (everything else in them is unchanged):"
# Helm 4 sorts documents by template file, so a plain diff would show moved documents as changes:
# print, per document, only the label lines netpol-guard inserts.
awk '/^---/ { source = ""; name = ""; next }
     /^# Source: / { source = $3; next }
     /^kind: / { kind = $2 }
     /^  name: / && name == "" { name = $2 }
     /netpol-guard\.io\/(release|workload): "/ && source !~ /^netpol-guard\// {
         sub(/^ +/, ""); printf "  %-45s %s %s:  + %s\n", source, kind, name, $0 }' "$work/after.yaml"
echo
echo "-- the NetworkPolicies netpol-guard added:"
awk '/^---/ { keep = 0 } /^# Source: netpol-guard\// { keep = 1; print "---" } keep' "$work/after.yaml"

echo
echo "== netpol-guard analyze: who may reach whom in the isolated release =="
pictures=$root/examples/target/demo
mkdir -p "$pictures"
"$plugin/bin/netpol-guard" analyze --namespace=team-a --release=shop --exposure "$work/after.yaml"
"$plugin/bin/netpol-guard" analyze --namespace=team-a --release=shop --exposure --format=svg \
    --output="$pictures/shop-connectivity.svg" "$work/after.yaml"
"$plugin/bin/netpol-guard" analyze --namespace=team-a --release=shop --exposure --format=html \
    --output="$pictures/shop-connectivity.html" "$work/after.yaml"
echo "-- the picture: $pictures/shop-connectivity.svg (and .html, with a table of every connection)"

echo
echo "== the same chart with --segregate: each component reaches only the Services its manifests name =="
"$helm" template shop "$root/examples/webshop" --namespace team-a \
    --post-renderer netpol-guard --post-renderer-args=--release=shop --post-renderer-args=--segregate \
    --post-renderer-args=--explain 2>&1 >"$work/segregated.yaml" | cat
grep -q 'kind: NetworkPolicy' "$work/segregated.yaml" || { echo "demo.sh: helm template failed (above)" >&2; exit 1; }
echo
echo "-- who may reach whom now (netpol-guard analyze), and what changed (analyze diff):"
"$plugin/bin/netpol-guard" analyze --namespace=team-a --release=shop "$work/segregated.yaml"
"$plugin/bin/netpol-guard" analyze diff --namespace=team-a "$work/after.yaml" "$work/segregated.yaml" | head -8
echo "   ..."
"$plugin/bin/netpol-guard" analyze --namespace=team-a --release=shop --exposure --format=svg \
    --output="$pictures/shop-segregated.svg" "$work/segregated.yaml"
echo "-- the picture: $pictures/shop-segregated.svg"

echo
echo "== the same chart with --check-only (no policies added): the refusal a user sees =="
# Helm's stderr through a pipe again: netpol-guard's message lands before Helm's own error.
{ "$helm" template shop "$root/examples/webshop" --namespace team-a \
    --post-renderer netpol-guard --post-renderer-args=--check-only 2>&1 >/dev/null && : >"$work/accepted"; } | cat
if [ -e "$work/accepted" ]; then
    echo "demo.sh: expected a refusal" >&2
    exit 1
fi

echo
echo "== examples/app: ./mvnw -B -f examples/app/pom.xml verify (the Maven plugin, embedded Helm) =="
"$root/mvnw" -B -q -f "$root/examples/app/pom.xml" verify
out=$root/examples/app/target/netpol-guard
echo "-- $out/greeter.yaml: the pod template's labels and the added policy"
grep -n -e 'netpol-guard.io/release: "' -e 'kind: NetworkPolicy' -e 'name: greeter-netpol-guard' "$out/greeter.yaml"
echo "-- $out/greeter-report.json: the workload, the policies that select it, each rule and why"
cat "$out/greeter-report.json"
echo "-- $out/greeter-connectivity.md: who may reach whom (the picture: $out/greeter-connectivity.svg)"
# A table without rows is left out: greeter is the release's only workload, so no connection joins two of its
# peers; its exposure table says what it may reach outside the release.
awk 'function flush() {
         if (n > 2) { for (i = 1; i <= n; i++) print buf[i] }
         else if (n > 0) print "(no connection between two peers of the release)"
         n = 0
     }
     /^\|/ { buf[++n] = $0; next }
     { flush(); print }
     END { flush() }' "$out/greeter-connectivity.md"
