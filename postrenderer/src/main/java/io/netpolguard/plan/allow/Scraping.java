package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.config.ClusterPeer;
import io.netpolguard.model.Backends;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.Direction;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Monitor;
import io.netpolguard.model.NamedPorts;
import io.netpolguard.model.Namespace;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.PortRef;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Service;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prometheus ({@code monitoring}: pods labelled app.kubernetes.io/name=prometheus in any namespace by default) may
 * scrape the ports that the release's ServiceMonitors and PodMonitors name, and those of Services and pods
 * annotated {@code prometheus.io/scrape: "true"} ({@code prometheus.io/port}, or every port).
 */
final class Scraping implements AllowanceRule {

    private static final String SCRAPE = "prometheus.io/scrape";
    private static final String PORT = "prometheus.io/port";

    @Override
    public Allowance kind() {
        return Allowance.MONITORING;
    }

    @Override
    public void derive(Release release, Consumer<Opening> out) {
        List<NetworkPolicy.Peer> prometheus = Peers.of(release.config().monitoring());
        Emitter emit = (w, port, why, cause) -> out.accept(opening(w, Direction.INGRESS, prometheus, List.of(port), why,
                cause));
        targets(release, emit);
        List<Workload> scrapers = scrapers(release);
        if (!scrapers.isEmpty()) {
            for (Monitor m : release.manifest().monitors()) {
                beyondRelease(release, m, scrapers.get(0));
            }
        }
    }

    /** Every scraped port of the release's pods, and why, in the order of the documents that show them. */
    static void targets(Release release, Emitter emit) {
        for (Monitor m : release.manifest().monitors()) {
            if (m.target() == Monitor.Target.SERVICES) {
                serviceMonitor(release, m, emit);
            } else {
                podMonitor(release, m, emit);
            }
        }
        for (Service s : release.manifest().services()) {
            if ("true".equals(s.annotations().get(SCRAPE))) {
                annotatedService(release, s, emit);
            }
        }
        for (Workload w : release.workloads()) {
            if ("true".equals(w.pod().annotations().get(SCRAPE))) {
                annotatedPods(release, w, emit);
            }
        }
    }

    /** Receives a scraped container port of a workload's pods, why it is scraped, and the document that says so. */
    interface Emitter {
        void emit(Workload w, PortRange port, String why, KubeObject cause);
    }

    /**
     * The release's own Prometheus (or agent): its workloads whose pods are the configured {@code monitoring} pods
     * (by labels; in its namespace when one is configured).
     */
    static List<Workload> scrapers(Release release) {
        ClusterPeer m = release.config().monitoring();
        List<Workload> result = new ArrayList<>();
        if (!m.cidrs().isEmpty()) {
            return result;
        }
        for (Workload w : release.workloads()) {
            if (LabelSelector.matchesAll(m.podLabels(), w.podLabels()) && (m.namespace() == null
                    || release.scope().of(m.namespace()).equals(release.namespaceOf(w.object())))) {
                result.add(w);
            }
        }
        return result;
    }

    /**
     * A monitor that scrapes in namespaces beyond the release's, where the release's own Prometheus is isolated: a
     * warning, since nothing shows which pods it finds there.
     */
    private static void beyondRelease(Release release, Monitor m, Workload scraper) {
        List<String> outside = new ArrayList<>();
        for (String ns : m.namespaces()) {
            if (!releaseNamespace(release, release.scope().of(ns))) {
                outside.add(ns);
            }
        }
        if (!m.anyNamespace() && outside.isEmpty()) {
            return;
        }
        String where = m.anyNamespace() ? "in any namespace" : "in namespace" + (outside.size() == 1 ? " " : "s ")
                + String.join(", ", outside);
        String to = m.anyNamespace() ? "{namespaceLabels: {}}" : String.join(", ", outside.stream()
                .map(ns -> "{namespace: " + ns + "}").toList());
        release.warnings().accept(release.where(m.object()) + " scrapes pods " + where + ", outside the release,"
                + " and " + scraper.kind() + " " + release.scope().qualify(scraper.object()) + " of the release is a"
                + " Prometheus (monitoring: "
                + release.config().monitoring().describe() + "): isolated, it reaches none of them. If it scrapes"
                + " them, declare the flow with their ports: `flows: [{workload: {kind: " + scraper.kind() + ", name: "
                + scraper.name() + "}, to: [" + to + "], ports: [PORT]}]`.");
    }

    /** Whether a workload of the release is in this namespace. */
    private static boolean releaseNamespace(Release release, Namespace ns) {
        for (Workload w : release.workloads()) {
            if (release.scope().same(ns, release.namespaceOf(w.object()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean inScope(Release release, Monitor m, KubeObject o) {
        if (m.anyNamespace()) {
            return true;
        }
        if (m.namespaces().isEmpty()) {
            return release.scope().same(release.namespaceOf(m.object()), release.namespaceOf(o));
        }
        for (String ns : m.namespaces()) {
            if (release.scope().same(release.scope().of(ns), release.namespaceOf(o))) {
                return true;
            }
        }
        return false;
    }

    private static void serviceMonitor(Release release, Monitor m, Emitter emit) {
        List<Service> selected = new ArrayList<>();
        for (Service s : release.manifest().services()) {
            if (inScope(release, m, s.object()) && m.selector().matches(s.object().labels())) {
                selected.add(s);
            }
        }
        for (Monitor.Endpoint e : m.endpoints()) {
            if (e.port() != null) {
                // prometheus-operator scrapes the Services that have a port of that name, and skips the others.
                boolean any = false;
                for (Service s : selected) {
                    Service.Port port = s.port(e.port());
                    if (port != null) {
                        any = true;
                        for (Release.Backend b : release.backends(s, port, m.object())) {
                            emit.emit(b.workload(), b.port(), "ServiceMonitor " + m.object().name() + " scrapes"
                                    + " Service " + s.object().name() + " port " + e.port(), m.object());
                        }
                    }
                }
                if (!any && !selected.isEmpty()) {
                    release.warnings().accept(release.where(m.object()) + " scrapes the port named " + e.port()
                            + ", which none of the Services it selects has (" + String.join(", ", selected.stream()
                            .map(s -> s.object().name()).toList()) + "); netpol-guard opens nothing for it. Fix the"
                            + " port name in the chart.");
                }
            } else if (e.targetPort() != null) {
                for (Service s : selected) {
                    Service.Port target = toPods(s, e.targetPort());
                    if (target != null) {
                        for (Release.Backend b : release.backends(s, target, m.object())) {
                            emit.emit(b.workload(), b.port(), "ServiceMonitor " + m.object().name() + " scrapes"
                                    + " Service " + s.object().name() + " on target port " + e.targetPort(),
                                    m.object());
                        }
                    }
                }
            }
        }
    }

    /**
     * A Service's first port sent to a TCP port of its pods: a port the pods are scraped on directly, whichever
     * Service port it is, since any port of the Service finds the pods it sends to; null when it has no port.
     */
    private static Service.Port toPods(Service s, PortRef podPort) {
        if (s.ports().isEmpty()) {
            return null;
        }
        Service.Port first = s.ports().get(0);
        return new Service.Port(first.name(), Protocol.TCP, first.port(), podPort, 0);
    }

    private static void podMonitor(Release release, Monitor m, Emitter emit) {
        for (Workload w : release.workloads()) {
            if (!inScope(release, m, w.object()) || !m.selector().matches(w.podLabels())) {
                continue;
            }
            for (Monitor.Endpoint e : m.endpoints()) {
                PortRef ref = e.port() != null ? e.port() : e.targetPort();
                if (ref == null) {
                    continue;
                }
                int number = Backends.port(ref, Protocol.TCP, w.pod(), NamedPorts.KUBERNETES);
                if (number == 0) {
                    release.warnings().accept(release.where(m.object()) + " scrapes the port named " + ref + " of "
                            + w.describe() + ", which declares no such TCP container port; netpol-guard opens"
                            + " nothing for it. Name the container port in the chart.");
                    continue;
                }
                emit.emit(w, PortRange.tcp(number), "PodMonitor " + m.object().name() + " scrapes its port " + ref,
                        m.object());
            }
        }
    }

    private static void annotatedService(Release release, Service s, Emitter emit) {
        String port = s.annotations().get(PORT);
        String why = "Service " + s.object().name() + " is annotated " + SCRAPE + ": \"true\"";
        if (port != null) {
            int number = portNumber(release, port, s.object());
            if (number == 0) {
                return;
            }
            Service.Port target = toPods(s, PortRef.number(number));
            if (target != null) {
                for (Release.Backend b : release.backends(s, target, s.object())) {
                    emit.emit(b.workload(), b.port(), why + " with " + PORT + ": \"" + port + "\"", s.object());
                }
            }
            return;
        }
        for (Service.Port p : s.ports()) {
            for (Release.Backend b : release.backends(s, p, s.object())) {
                emit.emit(b.workload(), b.port(), why + " (port " + p.port() + ")", s.object());
            }
        }
    }

    private static void annotatedPods(Release release, Workload w, Emitter emit) {
        String port = w.pod().annotations().get(PORT);
        String why = "its pods are annotated " + SCRAPE + ": \"true\"";
        if (port != null) {
            int number = portNumber(release, port, w.object());
            if (number != 0) {
                emit.emit(w, PortRange.tcp(number), why + " with " + PORT + ": \"" + port + "\"", w.object());
            }
            return;
        }
        boolean anyTcp = false;
        for (ContainerPort p : w.pod().ports()) {
            if (p.protocol() == Protocol.TCP) {
                anyTcp = true;
                emit.emit(w, PortRange.tcp(p.port()), why + " (container port " + p.port() + ")", w.object());
            }
        }
        if (!anyTcp) {
            release.warnings().accept(release.where(w.object()) + " has pods annotated " + SCRAPE + ": \"true\" but"
                    + " names no " + PORT + " and declares no TCP port; netpol-guard opens nothing for Prometheus."
                    + " Add the " + PORT + " annotation.");
        }
    }

    private static int portNumber(Release release, String text, KubeObject o) {
        PortRef ref = PortRef.parse(text);
        if (!ref.isNamed() && ref.number() >= 1 && ref.number() <= 65535) {
            return ref.number();
        }
        release.warnings().accept(release.where(o) + " has " + PORT + ": \"" + text + "\", which is not a port"
                + " number; netpol-guard opens nothing for Prometheus.");
        return 0;
    }
}
