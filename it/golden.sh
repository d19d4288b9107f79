#!/usr/bin/env bash
# Usage: it/golden.sh PLUGIN_DIR OUT_DIR
# Runs one build of netpol-guard (PLUGIN_DIR = postrenderer/target/netpol-guard, or a copy of it) over the
# corpus streams (../shared/corpus), the test applications and the np-guard conformance cases, in the modes
# users run, and writes each run's stdout, stderr, exit code and report into OUT_DIR. Two builds give the same
# behaviour when `diff -r OUT_A OUT_B` prints nothing: the check that a refactoring changes no output.
set -uo pipefail
plugin=$(cd "$1" && pwd); out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared
bin=$plugin/bin/netpol-guard
mkdir -p "$out"; out=$(cd "$out" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

run() { # name input args...
    local name=$1 input=$2; shift 2
    (cd "$work" && rm -rf report.json export && "$bin" "$@" < "$input" > "$out/$name.out" 2> "$out/$name.err"
     echo $? > "$out/$name.exit"
     [ -f report.json ] && cp report.json "$out/$name.report.json"
     [ -d export ] && (cd export && find . -type f | sort | xargs cat) > "$out/$name.export"
     true)
}

streams=()
for f in "$shared"/corpus/*.yaml; do streams+=("$f"); done
for f in "$root"/postrenderer/src/test/resources/segregation/*.yaml \
         "$root"/postrenderer/src/test/resources/robust/webshop.helm4.yaml; do streams+=("$f"); done
for f in "${streams[@]}"; do
    n=$(basename "$f" .yaml)
    # the corpus: release = chart name in team-a (../shared/corpus/README.md); the test applications say theirs
    release=$(sed -n 's/.*release "\([a-z0-9-]*\)" in namespace.*/\1/p' "$f" | head -1)
    rel=(--release="${release:-${n%%.*}}" --namespace=team-a)
    run "$n.default" "$f" "${rel[@]}"
    run "$n.explain" "$f" "${rel[@]}" --explain --report=report.json
    run "$n.segregate" "$f" "${rel[@]}" --segregate --explain --report=report.json
    run "$n.check-only" "$f" "${rel[@]}" --check-only
    run "$n.no-labels" "$f" "${rel[@]}" --no-inject-labels --strict
    run "$n.export" "$f" export --output=export --segregate "${rel[@]}"
    run "$n.analyze" "$f" analyze --exposure
    for m in default segregate; do  # what the output allows, in each format
        for format in txt json md dot; do
            run "$n.$m.analyze.$format" "$out/$n.$m.out" analyze --exposure --format=$format
        done
    done
done
for d in "$shared"/conformance/np-guard/*/; do
    n=$(basename "$d")
    (cd "$work" && "$bin" analyze --exposure "$d/input" > "$out/np-guard.$n.out" 2> "$out/np-guard.$n.err"
     echo $? > "$out/np-guard.$n.exit")
done
echo "golden: $(ls "$out" | wc -l) files in $out"
