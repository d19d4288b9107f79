package io.netpolguard.cli;

/** The text of {@code netpol-guard --help}. */
final class Help {

    static final String TEXT = """
            Usage: netpol-guard [options] < rendered-manifests.yaml > isolated-manifests.yaml
                   netpol-guard analyze [options] [PATH ...]    which connections policies allow (analyze --help)
                   netpol-guard export --output=DIR [options]   for GitOps tools (export --help)

            Adds NetworkPolicies that isolate one Helm release (its pods may reach each other and cluster DNS;
            no other tenant gets in or out), opens what the release's own documents say it needs (the API
            server, webhook calls, LoadBalancer and ingress-controller traffic, an ingress controller's own
            backends, Prometheus scrapes, declared flows), labels the release's pod templates (of any kind with
            one) so the policies select them, and refuses when a workload would still be selected by no
            NetworkPolicy.

              helm install shop ./chart --post-renderer netpol-guard --post-renderer-args=--release=shop   (Helm 4)
              helm install shop ./chart --post-renderer /path/to/netpol-guard/bin/netpol-guard \\
                   --post-renderer-args=--release=shop                                                (Helm 3)

            Options (with Helm, pass each as --post-renderer-args=--option=value):
              --release=NAME      the release name (default: the app.kubernetes.io/instance label all workloads share)
              --namespace=NS      the release namespace; needed only when the release spans several namespaces
              --config=FILE       configuration file (see below)
              --check-only        add nothing; only check that every workload is selected by a NetworkPolicy
              --no-inject-labels  select pods by their own labels instead of adding netpol-guard.io/release
              --no-allowance=A,B  turn allowances off: apiServer, webhooks, externalTraffic, ingressRoutes,
                                  ingressProxy, monitoring, or all
              --segregate         segregate the release's components: each workload may reach only the Services
                                  of the release it names (env, args, command, ConfigMaps and Secrets it reads),
                                  and receive only from the workloads that name its Services; not every pod
              --explain           print what each generated policy opens and why (on stderr)
              --report=FILE       write a JSON report: workloads, the policies selecting them, every rule and
                                  why it is there, findings, warnings, the closed flows (closedFlows: each
                                  with the declared flow that opens it), and the refusal as printed (for a log
                                  file that cannot take netpol-guard's messages: see the README, CI logs)
              --strict            refuse when a chart's own NetworkPolicy connects a workload to anything outside
                                  the release (a rule without peers, an ipBlock, any namespace, any pod of the
                                  namespace); without it, these findings are warnings. Closed flows (an
                                  address outside the release that isolation closes) never refuse
              --expect=FILE       refuse when what the output allows (np-guard's connection list and exposure
                                  analysis) differs from FILE, showing the diff
              --update-expect     with --expect: write FILE from this run instead (review it, commit it)
              --findings=F        also write the findings for CI: sarif (SARIF 2.1.0) or junit (JUnit XML),
                                  at each chart template and object; written on refusal too
              --findings-file=FILE  where (default: netpol-guard-findings.sarif or .xml here)
              --observed=FILE     check traffic observed in the cluster (a Hubble, Inspektor Gadget or plain CSV
                                  flow log; docs/observed.md) against the output: each flow its policies would cut
                                  is a warning (with --strict, a refusal), with the declared flows that admit them;
                                  needs --namespace. --observed-format=hubble|gadget|plain (default: told from
                                  the first record)
              --help, --version

            Exit codes: 0 done; 1 refused (a workload is selected by no NetworkPolicy; with --strict, a finding or
                        an observed flow cut; with --expect, a drift), nothing written; 2 usage, configuration or input error (also a
                        missing --expect file), nothing written.

            Configuration file (YAML, every key optional):
              dns: {namespace: kube-system, podLabels: {k8s-app: kube-dns}, port: 53}   # "dns: null": no DNS
              exemptNamespaces: [kube-system, kube-public, kube-node-lease, calico-system]  # + owner=operator ones
              workloadKinds: [{apiVersion: argoproj.io/v1alpha1, kind: Rollout, podTemplatePath: spec.template}]
              coverUnknownKinds: true    # other kinds with a pod template are covered; false: refused
              apiServer: {cidrs: [], ports: [443, 6443], workloads: [{kind: Deployment, name: NAME}]}
              ingressControllers: [{namespace: ingress-nginx, podLabels: {app.kubernetes.io/name: ingress-nginx}}]
              ingressProxy: {namespaces: [], namespaceLabels: {...}, ports: [], workloads: []}  # default: all
              monitoring: {podLabels: {app.kubernetes.io/name: prometheus}}      # any namespace unless named
              allowances: {apiServer: true, webhooks: true, externalTraffic: true, ingressRoutes: true,
                           ingressProxy: true, monitoring: true}
              flows:                     # what no manifest says; from: into the pods, to: out of them
                - workload: {kind: Deployment, name: shop-backend}    # or {podLabels: {...}}; omit: every workload
                  to: [{cidrs: [203.0.113.0/24]}]                     # or {release: R, namespace: NS},
                  ports: [443, {port: 53, protocol: UDP}]             #    {namespace: NS, podLabels: {...}}
              segregate: false           # true: as --segregate
            """;

    private Help() {
    }
}
