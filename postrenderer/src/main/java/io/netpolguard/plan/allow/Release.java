package io.netpolguard.plan.allow;

import io.netpolguard.config.Config;
import io.netpolguard.config.Words;
import io.netpolguard.model.Backends;
import io.netpolguard.model.Binding;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NamedPorts;
import io.netpolguard.model.Namespace;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.PortRef;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Service;
import io.netpolguard.model.ServiceReference;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The release as the allowance rules see it: its documents, its workloads whose pods NetworkPolicies govern, and
 * the lookups every rule needs (a reference to its Service, a Service to its pods' ports).
 *
 * @param manifest  what was read
 * @param workloads the workloads netpol-guard isolates, hostNetwork ones left out (no policy governs them)
 * @param scope     namespaces
 * @param config    the configuration
 * @param warnings  receives what cannot be resolved, one sentence each
 * @param words     how the front end names its settings in the advice of warnings
 */
public record Release(Manifest manifest, List<Workload> workloads, Scope scope, Config config,
                      Consumer<String> warnings, Words words) {

    /**
     * A Service port resolved to one workload's container port.
     *
     * @param workload    the workload whose pods receive it
     * @param port        their container port
     * @param servicePort the Service's own port number
     */
    public record Backend(Workload workload, PortRange port, int servicePort) {
    }

    public Namespace namespaceOf(KubeObject o) {
        return scope.of(o);
    }

    /** "Deployment team-a/web (chart/templates/web.yaml)" for messages. */
    public String where(KubeObject o) {
        String source = o.source();
        return o.kind() + " " + scope.qualify(o) + (source == null ? "" : " (" + source + ")");
    }

    /** The release's Service a reference names, or null (with a warning) when the release has none such. */
    public Service service(ServiceReference ref) {
        Namespace ns = ref.namespace() == null ? scope.of(ref.from()) : scope.of(ref.namespace());
        Service loose = findService(ns, ref.service());
        if (loose == null) {
            warnings.accept(where(ref.from()) + " sends its " + ref.use().description() + " traffic to Service "
                    + scope.qualify(ns, ref.service()) + ", which is not in the release, so netpol-guard"
                    + " opens nothing for it. If that Service belongs to another release, declare the flow there"
                    + " (flows: in its configuration).");
        }
        return loose;
    }

    /**
     * The release's Service of that name in that namespace (or, where the release namespace is not
     * known, in the namespace that may be it); null when there is none.
     */
    public Service findService(Namespace namespace, String name) {
        Service loose = null;
        for (Service s : manifest.services()) {
            if (name.equals(s.object().name())) {
                Namespace serviceNs = scope.of(s.object());
                if (namespace.equals(serviceNs)) {
                    return s;
                }
                if (loose == null && scope.same(namespace, serviceNs)) {
                    loose = s;
                }
            }
        }
        return loose;
    }

    /** The Service port a reference names (by number or name), or null with a warning. */
    public Service.Port port(Service s, PortRef ref, KubeObject from) {
        Service.Port p = ref == null ? null : s.port(ref);
        if (p == null) {
            warnings.accept(where(from) + " names " + (ref == null ? "no port" : "port " + ref) + " of Service "
                    + s.object().name() + ", which " + (ref == null ? "netpol-guard needs to know which pods' port to"
                    + " open" : "has no such port (it has " + s.portNames() + ")") + "; netpol-guard"
                    + " opens nothing for it. Fix the port in the chart.");
        }
        return p;
    }

    /**
     * The container ports a Service port reaches: on every workload of the release it selects, its targetPort by
     * number, or by name resolved on that workload's pods as Kubernetes resolves it (name and protocol).
     * Warns when the Service selects no pod of the release, or a name resolves on none.
     */
    public List<Backend> backends(Service s, Service.Port port, KubeObject cause) {
        List<Backend> result = new ArrayList<>();
        if (scope.isExempt(scope.of(s.object()))) {
            return result; // netpol-guard isolates nothing there, so nothing needs opening
        }
        List<Workload> unresolved = new ArrayList<>();
        boolean selectsAny = false;
        for (Workload w : manifest.workloads()) {
            if (!s.sendsTo(w, scope)) {
                continue;
            }
            selectsAny = true;
            if (!workloads.contains(w)) {
                continue; // exempt, or on the host network
            }
            int number = Backends.port(port, w.pod(), NamedPorts.KUBERNETES);
            if (number == 0) {
                unresolved.add(w); // not an endpoint of this port, as Kubernetes sees it
            } else {
                result.add(new Backend(w, PortRange.of(port.protocol(), number), port.port()));
            }
        }
        if (!selectsAny) {
            warnings.accept("Service " + scope.qualify(s.object())
                    + ", which " + where(cause) + " relies on, selects no pod of the release"
                    + (s.selector() == null ? " (it has no selector)" : " (selector " + s.selector() + ")")
                    + ", so netpol-guard opens nothing for it. Where its pods are created at run time (by an"
                    + " operator), give them a policy through that operator; otherwise check the selector.");
        } else if (result.isEmpty() && !unresolved.isEmpty()) {
            warnings.accept("Service " + s.object().name() + " sends port " + port.port() + " to the container"
                    + " port named " + port.targetPort() + "/" + port.protocol() + ", which none of its pods declares ("
                    + String.join(", ", unresolved.stream().map(Workload::describe).toList()) + "), so netpol-guard"
                    + " opens nothing there for " + where(cause) + ". Name the container port in the chart.");
        }
        return result;
    }

    /**
     * The container ports a reference to a Service port reaches (an Ingress or route backend, a webhook): the
     * release's Service it names, that Service's port, and its backends; empty, with a warning, where one is missing.
     */
    public List<Backend> backends(ServiceReference ref) {
        Service service = service(ref);
        Service.Port port = service == null ? null : port(service, ref.port(), ref.from());
        return port == null ? List.of() : backends(service, port, ref.from());
    }

    /** The first binding of the release that names a workload's service account, or null. */
    public Binding bindingOf(Workload w) {
        String account = w.pod().serviceAccount();
        Namespace workloadNs = scope.of(w.object());
        for (Binding b : manifest.bindings()) {
            for (Binding.Subject subject : b.serviceAccounts()) {
                Namespace subjectNs = subject.namespace() != null ? scope.of(subject.namespace()) : scope.of(b.object());
                if (subject.name().equals(account) && scope.same(subjectNs, workloadNs)) {
                    return b;
                }
            }
        }
        return null;
    }
}
