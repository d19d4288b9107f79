#!/bin/sh
# Build-time extras of the Helm plugin folder, run by Maven (postrenderer/pom.xml,
# package phase, before the assembly). Not part of the plugin itself.
#
#   plugin-extras.sh OUT JDK CLASSPATH TRAINING_STREAM BUNDLE_JRE MODULES JRE_JDK
#
# OUT/cds/training.yaml
#     TRAINING_STREAM, a small rendered release. On its first run with a Java
#     that has an AOT cache (JDK 25 and newer, JEP 483/514/515), the launcher
#     runs netpol-guard once over it to make that cache (classes loaded and
#     linked, lambda forms, method profiles).
# OUT/cds/netpol-guard.classlist
#     The classes (and lambda forms) one run of JDK over TRAINING_STREAM loads.
#     With an older Java, the launcher turns it into an AppCDS archive on first
#     use (java -Xshare:dump). Both kinds of archive are bound to the exact JVM
#     build and to the jars' paths, so they cannot be made here. About 70 KB.
# OUT/jre/  (only when BUNDLE_JRE is true: the build machine is linux x86-64)
#     A jlink runtime of MODULES (comma-separated) from JRE_JDK, plus a default
#     CDS archive (lib/server/classes.jsa) of the JDK classes a training run
#     loads. That archive is tied only to this runtime image, so it stays valid
#     wherever Helm unpacks the plugin. JRE_JDK "auto" takes the newest JDK of
#     JDK and the JDKs under /usr/lib/jvm (by the feature version in their
#     release file), since a runtime of 25 or newer starts netpol-guard about
#     30% faster with its AOT cache (docs/PERFORMANCE.md). The code itself is
#     Java 17 and runs on any Java from 17 on. The jlink output is cached under
#     ${XDG_CACHE_HOME:-$HOME/.cache}/netpol-guard/jlink/ (keyed by the JDK
#     release file, the modules and the options), so a clean build costs about
#     3 s instead of about 15 s.
set -eu

me=plugin-extras.sh
die() {
    printf '%s: error: %s\n' "$me" "$*" >&2
    exit 1
}

[ $# -eq 7 ] || die "usage: $me OUT JDK CLASSPATH TRAINING_STREAM BUNDLE_JRE MODULES JRE_JDK"
out=$1 jdk=$2 classpath=$3 training=$4 bundle=$5 modules=$6 jre_jdk=$7
java=$jdk/bin/java
[ -x "$java" ] || die "no java in $jdk"
[ -f "$training" ] || die "no training stream $training"

rm -rf "$out"
mkdir -p "$out/cds"
cp "$training" "$out/cds/training.yaml"

# The classes one run over the training stream loads. The run's output is not
# needed; its exit code is (a stream the code refuses would list the wrong classes).
classlist() { # JAVA LIST
    "$1" -Xshare:auto -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:DumpLoadedClassList="$2" \
        -cp "$classpath" io.netpolguard.cli.Training \
        <"$training" >/dev/null 2>"$out/training.err" ||
        die "the training run of $1 failed: $(cat "$out/training.err")"
    rm -f "$out/training.err"
}
classlist "$java" "$out/cds/netpol-guard.classlist"

case $bundle in
    true) ;;
    *) exit 0 ;;
esac

# The feature version of a JDK (17 for "17.0.15"), from its release file; 0 when unknown.
feature() {
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null) || v=
    echo "${v:-0}"
}

# 1. Which JDK links the runtime.
if [ "$jre_jdk" = auto ]; then
    jre_jdk=$jdk
    best=$(feature "$jdk")
    for candidate in /usr/lib/jvm/*; do
        [ -x "$candidate/bin/jlink" ] && [ -f "$candidate/release" ] || continue
        f=$(feature "$candidate")
        if [ "$f" -gt "$best" ]; then
            best=$f jre_jdk=$candidate
        fi
    done
fi
jlink=$jre_jdk/bin/jlink
[ -x "$jlink" ] || die "no jlink in $jre_jdk (a JRE cannot bundle a runtime; build with a full JDK, set -Dnetpolguard.jre.jdk=/path/to/jdk, or leave the runtime out with -Dnetpolguard.noJre)"

# 2. The jlink runtime, from the cache when the same JDK built it before.
if [ "$(feature "$jre_jdk")" -ge 21 ]; then
    compress=--compress=zip-6
else
    compress=--compress=2
fi
options="--strip-debug --no-man-pages --no-header-files $compress"
key=$( { cat "$jre_jdk/release"; printf '%s\n' "$modules" "$options"; } | cksum | tr ' ' '-')
cache=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/netpol-guard/jlink
cached=$cache/$key
if [ ! -x "$cached/bin/java" ]; then
    mkdir -p "$cache"
    tmp=$cache/.tmp.$$
    rm -rf "$tmp"
    # shellcheck disable=SC2086 # options are words on purpose
    "$jlink" --add-modules "$modules" $options --output "$tmp" ||
        die "jlink of $jre_jdk failed (a JDK without jmods must have been built with --enable-linkable-runtime); choose another with -Dnetpolguard.jre.jdk=/path/to/jdk or leave the runtime out with -Dnetpolguard.noJre"
    # Another build may have won the race; either copy is fine.
    mv "$tmp" "$cached" 2>/dev/null || rm -rf "$tmp"
fi
cp -R "$cached" "$out/jre"
chmod -R u+w "$out/jre"

# 3. Its default CDS archive: the JDK classes its own training run loads (the
# application's classes are skipped here, not being on the boot class path).
classlist "$out/jre/bin/java" "$out/jre.classlist"
"$out/jre/bin/java" -Xshare:dump -XX:SharedClassListFile="$out/jre.classlist" \
    -Xlog:disable >"$out/jre-dump.log" 2>&1 ||
    die "the CDS dump of the bundled runtime failed: $(cat "$out/jre-dump.log")"
rm -f "$out/jre-dump.log" "$out/jre.classlist"
[ -f "$out/jre/lib/server/classes.jsa" ] || die "no lib/server/classes.jsa after the CDS dump"
