#!/bin/sh
# Build-time extras of the Helm plugin folder, run by Maven (postrenderer/pom.xml,
# package phase, before the assembly). Not part of the plugin itself.
#
#   plugin-extras.sh OUT JDK CLASSPATH TRAINING_STREAM BUNDLE_JRE MODULES
#
# OUT/cds/netpol-guard.classlist
#     The classes (and lambda forms) one run over TRAINING_STREAM loads. The
#     launcher turns it into an AppCDS archive on first use (java -Xshare:dump),
#     at the plugin's final location and for the Java that runs it: a CDS
#     archive is bound to the exact JVM build and the absolute jar paths, so it
#     cannot be made here. Plain text, about 70 KB.
# OUT/jre/  (only when BUNDLE_JRE is true: the build machine is linux x86-64)
#     A jlink runtime of MODULES (comma-separated) from JDK, plus a default CDS
#     archive (lib/server/classes.jsa) of the JDK classes in the class list.
#     That archive is tied only to this runtime image, so it stays valid
#     wherever Helm unpacks the plugin. The jlink output is cached under
#     ${XDG_CACHE_HOME:-$HOME/.cache}/netpol-guard/jlink/ (keyed by the JDK
#     release file, the modules and the options), so a clean build costs about
#     3 s instead of about 15 s.
set -eu

me=plugin-extras.sh
die() {
    printf '%s: error: %s\n' "$me" "$*" >&2
    exit 1
}

[ $# -eq 6 ] || die "usage: $me OUT JDK CLASSPATH TRAINING_STREAM BUNDLE_JRE MODULES"
out=$1 jdk=$2 classpath=$3 training=$4 bundle=$5 modules=$6
java=$jdk/bin/java
[ -x "$java" ] || die "no java in $jdk"
[ -f "$training" ] || die "no training stream $training"

rm -rf "$out"
mkdir -p "$out/cds"

# 1. The class list. The run's output is not needed; its exit code is (a
# training stream the code refuses would list the wrong classes).
"$java" -Xshare:auto -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -XX:DumpLoadedClassList="$out/cds/netpol-guard.classlist" \
    -cp "$classpath" io.netpolguard.cli.Main --release=training \
    <"$training" >/dev/null 2>"$out/cds/training.err" ||
    die "the training run failed: $(cat "$out/cds/training.err")"
rm -f "$out/cds/training.err"

case $bundle in
    true) ;;
    *) exit 0 ;;
esac

# 2. The jlink runtime, from the cache when the same JDK built it before.
jlink=$jdk/bin/jlink
[ -x "$jlink" ] || die "no jlink in $jdk (a JRE cannot bundle a runtime; build with a full JDK or -Dnetpolguard.noJre)"
options="--strip-debug --no-man-pages --no-header-files --compress=2"
key=$( { cat "$jdk/release"; printf '%s\n' "$modules" "$options"; } | cksum | tr ' ' '-')
cache=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/netpol-guard/jlink
cached=$cache/$key
if [ ! -x "$cached/bin/java" ]; then
    mkdir -p "$cache"
    tmp=$cache/.tmp.$$
    rm -rf "$tmp"
    # shellcheck disable=SC2086 # options are words on purpose
    "$jlink" --add-modules "$modules" $options --output "$tmp"
    # Another build may have won the race; either copy is fine.
    mv "$tmp" "$cached" 2>/dev/null || rm -rf "$tmp"
fi
cp -R "$cached" "$out/jre"
chmod -R u+w "$out/jre"

# 3. Its default CDS archive: the JDK classes the class list names (the
# application's own classes are skipped here, not on the class path).
"$out/jre/bin/java" -Xshare:dump -XX:SharedClassListFile="$out/cds/netpol-guard.classlist" \
    -Xlog:disable >"$out/jre-dump.log" 2>&1 ||
    die "the CDS dump of the bundled runtime failed: $(cat "$out/jre-dump.log")"
rm -f "$out/jre-dump.log"
[ -f "$out/jre/lib/server/classes.jsa" ] || die "no lib/server/classes.jsa after the CDS dump"
