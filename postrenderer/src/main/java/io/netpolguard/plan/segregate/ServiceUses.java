package io.netpolguard.plan.segregate;

import io.netpolguard.model.Namespace;
import io.netpolguard.model.PortRef;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Service;
import io.netpolguard.model.Workload;
import io.netpolguard.plan.allow.Release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which Services of the release a workload uses: every address in what its pods are given ({@link PodValues}) that
 * names one, as cluster DNS resolves it from the workload's namespace: {@code name}, {@code name.namespace},
 * {@code name.namespace.svc[.cluster.local]}, a StatefulSet pod's {@code pod.name[.namespace[.svc...]]}, and the
 * {@code NAME_SERVICE_HOST} variables Kubernetes gives pods for the Services of their namespace that have a cluster
 * IP. Names match exactly, case included. A port in the address (or given beside it: {@code REDIS_HOST} with
 * {@code REDIS_PORT}) picks that Service port (a headless Service's: the pods' own); without one, the workload uses
 * all of them, which the reason says ("all ports (no port given)").
 *
 * <p>What names a Service the tool cannot resolve (a cluster address of a Service not in the release, a port the
 * Service does not have, a host it cannot read) is a warning naming the workload, the address and the document.
 */
final class ServiceUses {

    private final Release release;
    private final Scope scope;
    private final PodValues values;
    private final Set<String> said = new HashSet<>();
    /** The names of the release's Services, to pass over the words of a text that name none at once. */
    private final Set<String> names = new HashSet<>();
    /**
     * Per text, and per way of reading it ({@link Value#reading}), its {@link #addresses}: a ConfigMap that many
     * workloads mount is read once.
     */
    private final Map<String, Map<String, List<Address>>> scanned = new HashMap<>();

    ServiceUses(Release release) {
        this.release = release;
        this.scope = release.scope();
        this.values = new PodValues(release.manifest().configData(), scope);
        for (Service s : release.manifest().services()) {
            if (s.object().name() != null) {
                names.add(s.object().name());
            }
        }
    }

    List<ServiceUse> of(Workload w) {
        List<ServiceUse> uses = new ArrayList<>();
        Namespace ns = scope.of(w.object());
        for (Value value : values.of(w)) {
            unreadable(w, value);
            for (Address a : addresses(value)) {
                ServiceUse use = resolve(w, ns, a, value);
                if (use != null) {
                    uses.add(use);
                }
            }
        }
        return uses;
    }

    private ServiceUse resolve(Workload w, Namespace ns, Address a, Value value) {
        String host = a.host();
        if (host.endsWith(Address.SERVICE_HOST)) {
            String name = host.substring(0, host.length() - Address.SERVICE_HOST.length()).replace('_', '-')
                    .toLowerCase(Locale.ROOT);
            Service linked = release.findService(ns, name);
            // Kubernetes sets these for the Services of the pod's namespace that have a cluster IP.
            return linked == null || linked.headless() ? null : use(w, linked, null, a, value);
        }
        String[] parts = host.split("\\.", -1);
        int svc = Address.svcLabel(parts);
        if (svc >= 0) { // a cluster address: [pod.]service.namespace.svc[.cluster-domain]
            if (svc < 2 || svc > 3) {
                warn(w, a, value, "which is not an address netpol-guard can read (a Service's cluster address is"
                        + " SERVICE.NAMESPACE.svc.cluster.local)");
                return null;
            }
            String service = parts[svc - 2];
            String namespace = parts[svc - 1];
            if (Address.isApiServer(service, namespace)) {
                return null; // the API server: the apiServer allowance's
            }
            Service s = release.findService(scope.of(namespace), service);
            if (s == null) {
                return null; // outside the release: a closed flow where the policies close it (OutsideAddresses)
            }
            if (svc == 3 && !s.headless()) {
                return null; // pods have names of their own only under a headless Service: this one resolves to none
            }
            return use(w, s, svc == 3 ? parts[0] : null, a, value);
        }
        return switch (parts.length) {
            case 1 -> use(w, release.findService(ns, host), null, a, value);
            case 2 -> { // as the pod's resolver tries it (ndots 5): a StatefulSet pod (pod.service), then service.namespace
                Service governing = release.findService(ns, parts[1]);
                if (governing != null && governing.headless()) {
                    yield use(w, governing, parts[0], a, value);
                }
                Service s = inNamespace(parts[1], parts[0]);
                if (s != null) {
                    yield use(w, s, null, a, value);
                }
                namespaceNotGiven(w, a, value, parts[1], parts[0], false);
                yield null;
            }
            case 3 -> { // pod.service.namespace
                Service governing = inNamespace(parts[2], parts[1]);
                if (governing != null && governing.headless()) {
                    yield use(w, governing, parts[0], a, value);
                }
                namespaceNotGiven(w, a, value, parts[2], parts[1], true);
                yield null;
            }
            default -> null; // a name outside the cluster
        };
    }

    /**
     * The addresses in a value that may name a Service of the release, each once (the same address again in the
     * same value shows nothing more), in the order written; hosts without a port with the port another setting
     * gives them ({@link Value#port}).
     */
    private List<Address> addresses(Value value) {
        Map<String, List<Address>> readings = scanned.get(value.text());
        if (readings == null) {
            readings = new HashMap<>(2);
            scanned.put(value.text(), readings);
        }
        String reading = value.reading();
        List<Address> known = readings.get(reading);
        if (known == null) {
            // The same host, port and text is the same address.
            Set<String> seen = new HashSet<>();
            List<Address> all = new ArrayList<>();
            value.read(all);
            List<Address> found = new ArrayList<>();
            for (Address a : all) {
                if (mayName(a.host()) && seen.add(a.host() + ":" + a.port() + " " + a.text())) {
                    found.add(a);
                }
            }
            known = List.copyOf(found);
            readings.put(reading, known);
        }
        if (value.port() == 0) {
            return known;
        }
        List<Address> paired = new ArrayList<>(known.size());
        for (Address a : known) {
            paired.add(a.port() == 0 ? a.withPort(value.port(), value.portFrom()) : a);
        }
        return paired;
    }

    /**
     * Whether {@link #resolve} can make anything of a host: one of its labels is the name of a Service of the
     * release or {@code svc} (a cluster address, said to be unreadable or not the release's), or it is a
     * {@code NAME_SERVICE_HOST} variable.
     */
    private boolean mayName(String host) {
        if (host.endsWith(Address.SERVICE_HOST)) {
            return true;
        }
        int from = 0;
        while (true) {
            int dot = host.indexOf('.', from);
            String label = host.substring(from, dot < 0 ? host.length() : dot);
            if (label.equals("svc") || names.contains(label)) {
                return true;
            }
            if (dot < 0) {
                return false;
            }
            from = dot + 1;
        }
    }

    /**
     * The release's Service of that name in the namespace written, where that is known to be its namespace: a
     * dotted word ({@code redis.conf}) is read as {@code service.namespace} only where the namespace is the
     * release's (given with --namespace) or written on the Service itself, not where it only may be.
     */
    private Service inNamespace(String namespace, String name) {
        Namespace ns = scope.of(namespace);
        Service s = release.findService(ns, name);
        return s != null && scope.of(s.object()).equals(ns) ? s : null;
    }

    /**
     * Where the release namespace was not given, a dotted word whose first part names a Service in it may be that
     * Service's address ({@code api.team-a}; one pod's, {@code db-0.db-headless.team-a}, of a headless one) or not
     * ({@code redis.conf}): nothing is opened, and that is said.
     */
    private void namespaceNotGiven(Workload w, Address a, Value value, String namespace, String name,
                                   boolean headless) {
        if (scope.releaseNamespace() != null) {
            return;
        }
        Service s = release.findService(Namespace.RELEASE, name);
        if (s != null && scope.of(s.object()).isRelease() && (s.headless() || !headless)) {
            warn(w, a, value, "Service " + name + " of namespace " + namespace + ", if that is the release namespace,"
                    + " which netpol-guard was not given (" + release.words().namespaceGiven(namespace) + ")");
        }
    }

    /** The use of a Service, on the port the address names (all of them without one); null with a warning. */
    private ServiceUse use(Workload w, Service s, String pod, Address a, Value value) {
        if (s == null) {
            return null;
        }
        if (s.isExternalName()) {
            warn(w, a, value, "Service " + s.object().name() + ", an ExternalName Service: its name stands for a host"
                    + " outside the release");
            return null;
        }
        if (a.port() == 0) {
            return new ServiceUse(w, s, s.ports(), pod, a, value);
        }
        List<Service.Port> named = new ArrayList<>();
        for (Service.Port p : s.ports()) {
            if (p.port() == a.port()) {
                named.add(s.headless() ? new Service.Port(p.name(), p.protocol(), a.port(), PortRef.number(a.port()), 0)
                        : p); // one port number may be served on TCP and UDP (DNS)
            }
        }
        if (!named.isEmpty()) {
            return new ServiceUse(w, s, named, pod, a, value);
        }
        if (s.headless()) { // its name resolves to the pods: the port is theirs, not translated to a targetPort
            Service.Port direct = new Service.Port(null, Protocol.TCP, a.port(),
                    PortRef.number(a.port()), 0);
            return new ServiceUse(w, s, List.of(direct), pod, a, value);
        }
        List<String> ports = s.portNames();
        warn(w, a, value, "port " + a.port() + " of Service " + s.object().name() + ", which has no such port (it"
                + " has " + (ports.isEmpty() ? "none" : String.join(", ", ports)) + ")");
        return null;
    }

    /** A {@code $(VAR)} left in a host, where the container defines no such variable. */
    private void unreadable(Workload w, Value value) {
        String text = value.text();
        if (value.defined()) {
            return; // a variable of the pod's own (its name, its IP): the host around it is still read
        }
        int at = text.indexOf("$(");
        while (at >= 0) {
            int close = text.indexOf(')', at);
            if (close < 0) {
                return;
            }
            String variable = text.substring(at + 2, close);
            boolean inHost = (at >= 3 && text.startsWith("://", at - 3)) || (at >= 1 && text.charAt(at - 1) == '@')
                    || (close + 2 < text.length() && text.charAt(close + 1) == ':'
                    && Character.isDigit(text.charAt(close + 2)));
            if (inHost && !variable.contains("_SERVICE_") && !variable.contains("_PORT_")) {
                warn(w, new Address(variable, 0, "$(" + variable + ")"), value, "a variable the container"
                        + " does not define, so netpol-guard cannot read the address");
            }
            at = text.indexOf("$(", close);
        }
    }

    private void warn(Workload w, Address a, Value value, String what) {
        String message = release.where(w.object()) + " names " + a.text() + " in " + value.where()
                + (value.document() == w.object() ? "" : " (" + release.where(value.document()) + ")") + ": " + what
                + ", so netpol-guard opens nothing for it " + release.words().segregated() + ". If the workload needs"
                + " it, declare the flow in the configuration (flows:).";
        if (said.add(message)) {
            release.warnings().accept(message);
        }
    }

}
