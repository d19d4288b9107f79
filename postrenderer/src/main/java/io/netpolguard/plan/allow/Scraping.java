package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Monitor;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.PortRef;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Service;
import io.netpolguard.model.Workload;

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
        Emitter emit = (w, port, why, cause) -> out.accept(new Opening(kind(), w, true, prometheus, List.of(port),
                new Reason(kind().key(), why, cause)));
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

    private interface Emitter {
        void emit(Workload w, PortRange port, String why, KubeObject cause);
    }

    private static boolean inScope(Release release, Monitor m, KubeObject o) {
        if (m.anyNamespace()) {
            return true;
        }
        if (m.namespaces().isEmpty()) {
            return release.scope().same(release.key(m.object()), release.key(o));
        }
        return m.namespaces().stream().anyMatch(ns -> release.scope().same(release.scope().key(ns), release.key(o)));
    }

    private static void serviceMonitor(Release release, Monitor m, Emitter emit) {
        List<Service> selected = release.manifest().services().stream()
                .filter(s -> inScope(release, m, s.object()) && m.selector().matches(s.object().labels())).toList();
        for (Monitor.Endpoint e : m.endpoints()) {
            if (e.port() != null) {
                // prometheus-operator scrapes the Services that have a port of that name, and skips the others.
                boolean any = false;
                for (Service s : selected) {
                    Service.Port port = s.port(e.port());
                    if (port != null) {
                        any = true;
                        release.backends(s, port, m.object()).forEach(b -> emit.emit(b.workload(), b.port(),
                                "ServiceMonitor " + m.object().name() + " scrapes Service " + s.object().name()
                                        + " port " + e.port(), m.object()));
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
                    // The target port is the pods' own: any port of the Service finds the pods it sends to.
                    Service.Port any = s.ports().isEmpty() ? null : s.ports().get(0);
                    if (any != null) {
                        Service.Port target = new Service.Port(any.name(), Protocol.TCP, any.port(), e.targetPort(), 0);
                        release.backends(s, target, m.object()).forEach(b -> emit.emit(b.workload(), b.port(),
                                "ServiceMonitor " + m.object().name() + " scrapes Service " + s.object().name()
                                        + " on target port " + e.targetPort(), m.object()));
                    }
                }
            }
        }
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
                int number = w.pod().resolve(ref, Protocol.TCP);
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
            for (Service.Port p : s.ports().isEmpty() ? List.<Service.Port>of() : s.ports().subList(0, 1)) {
                Service.Port target = new Service.Port(p.name(), Protocol.TCP, p.port(), PortRef.number(number), 0);
                release.backends(s, target, s.object()).forEach(b -> emit.emit(b.workload(), b.port(),
                        why + " with " + PORT + ": \"" + port + "\"", s.object()));
            }
            return;
        }
        for (Service.Port p : s.ports()) {
            release.backends(s, p, s.object()).forEach(b -> emit.emit(b.workload(), b.port(),
                    why + " (port " + p.port() + ")", s.object()));
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
        List<ContainerPort> tcp = w.pod().ports().stream().filter(p -> p.protocol() == Protocol.TCP).toList();
        if (tcp.isEmpty()) {
            release.warnings().accept(release.where(w.object()) + " has pods annotated " + SCRAPE + ": \"true\" but"
                    + " names no " + PORT + " and declares no TCP port; netpol-guard opens nothing for Prometheus."
                    + " Add the " + PORT + " annotation.");
        }
        tcp.forEach(p -> emit.emit(w, PortRange.tcp(p.port()), why + " (container port " + p.port() + ")", w.object()));
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
