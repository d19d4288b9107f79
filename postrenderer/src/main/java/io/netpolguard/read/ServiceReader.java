package io.netpolguard.read;

import io.netpolguard.model.Binding;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Monitor;
import io.netpolguard.model.PortRef;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Service;
import io.netpolguard.model.ServiceReference;
import io.netpolguard.model.ServiceReference.Use;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Services and the objects that send traffic to pods or Services: Ingresses, Gateway API routes, webhook
 * configurations, conversion webhooks of CustomResourceDefinitions, APIServices, monitors and role bindings.
 */
final class ServiceReader {

    private static final Set<String> ROUTES = Set.of("HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute");
    /** The port the API server calls a webhook or an aggregated API on when the reference names none. */
    private static final PortRef HTTPS = PortRef.number(443);

    private ServiceReader() {
    }

    static Service service(KubeObject object, Node root, Map<String, String> annotations) {
        Node spec = Nodes.get(root, "spec");
        List<Service.Port> ports = new ArrayList<>();
        for (Node port : Nodes.list(Nodes.get(spec, "ports"), "spec.ports")) {
            Integer number = Nodes.integer(Nodes.get(port, "port"), "spec.ports.port");
            if (number == null) {
                throw new ShapeException("is a Service with a port without a number (spec.ports.port)", port);
            }
            Protocol protocol = Nodes.protocol(port, "is a Service with the protocol ");
            PortRef target = Nodes.portRef(Nodes.get(port, "targetPort"), "spec.ports.targetPort");
            Integer nodePort = Nodes.integer(Nodes.get(port, "nodePort"), "spec.ports.nodePort");
            ports.add(new Service.Port(Nodes.string(Nodes.get(port, "name")), protocol, number,
                    target == null ? PortRef.number(number) : target, nodePort == null ? 0 : nodePort));
        }
        Node selector = Nodes.get(spec, "selector");
        String type = Nodes.string(Nodes.get(spec, "type"));
        return new Service(object, type == null ? "ClusterIP" : type,
                Nodes.isNull(selector) ? null : Nodes.stringMap(selector, "spec.selector"), List.copyOf(ports),
                Nodes.strings(Nodes.get(spec, "externalIPs"), "spec.externalIPs"), annotations,
                "None".equals(Nodes.string(Nodes.get(spec, "clusterIP"))));
    }

    /** Adds the Service references of an object, when it is of one of the referring kinds. */
    static void references(KubeObject object, String group, Node root, List<ServiceReference> into) {
        String kind = object.kind();
        switch (group) {
            case "networking.k8s.io", "extensions" -> {
                if ("Ingress".equals(kind)) {
                    ingress(object, Nodes.get(root, "spec"), into);
                }
            }
            case "gateway.networking.k8s.io" -> {
                if (ROUTES.contains(kind)) {
                    route(object, Nodes.get(root, "spec"), into);
                }
            }
            case "admissionregistration.k8s.io" -> {
                if (kind.equals("ValidatingWebhookConfiguration") || kind.equals("MutatingWebhookConfiguration")) {
                    for (Node webhook : Nodes.list(Nodes.get(root, "webhooks"), "webhooks")) {
                        clientService(object, Use.ADMISSION_WEBHOOK, Nodes.at(webhook, "clientConfig.service"), into);
                    }
                }
            }
            case "apiextensions.k8s.io" -> {
                if ("CustomResourceDefinition".equals(kind)) {
                    Node conversion = Nodes.at(root, "spec.conversion");
                    Node service = Nodes.at(conversion, "webhook.clientConfig.service");
                    clientService(object, Use.CONVERSION_WEBHOOK,
                            service != null ? service : Nodes.at(conversion, "webhookClientConfig.service"), into);
                }
            }
            case "apiregistration.k8s.io" -> {
                if ("APIService".equals(kind)) {
                    clientService(object, Use.API_SERVICE, Nodes.at(root, "spec.service"), into);
                }
            }
            default -> { // no other kind refers to a Service
            }
        }
    }

    private static void ingress(KubeObject object, Node spec, List<ServiceReference> into) {
        List<Node> backends = new ArrayList<>();
        Node defaultBackend = Nodes.get(spec, "defaultBackend");
        backends.add(defaultBackend != null ? defaultBackend : Nodes.get(spec, "backend"));
        for (Node rule : Nodes.list(Nodes.get(spec, "rules"), "spec.rules")) {
            for (Node path : Nodes.list(Nodes.at(rule, "http.paths"), "spec.rules.http.paths")) {
                backends.add(Nodes.get(path, "backend"));
            }
        }
        for (Node backend : backends) {
            if (Nodes.isNull(backend)) {
                continue;
            }
            Node service = Nodes.get(backend, "service");
            if (service != null) { // networking.k8s.io/v1
                PortRef port = Nodes.portRef(Nodes.at(service, "port.number"), "backend.service.port.number");
                if (port == null) {
                    port = Nodes.portRef(Nodes.at(service, "port.name"), "backend.service.port.name");
                }
                add(into, object, Use.INGRESS_BACKEND, null, Nodes.string(Nodes.get(service, "name")), port);
            } else if (Nodes.get(backend, "serviceName") != null) { // extensions/v1beta1, networking.k8s.io/v1beta1
                add(into, object, Use.INGRESS_BACKEND, null, Nodes.string(Nodes.get(backend, "serviceName")),
                        Nodes.portRef(Nodes.get(backend, "servicePort"), "backend.servicePort"));
            }
        }
    }

    private static void route(KubeObject object, Node spec, List<ServiceReference> into) {
        for (Node rule : Nodes.list(Nodes.get(spec, "rules"), "spec.rules")) {
            for (Node ref : Nodes.list(Nodes.get(rule, "backendRefs"), "spec.rules.backendRefs")) {
                String group = Nodes.string(Nodes.get(ref, "group"));
                String kind = Nodes.string(Nodes.get(ref, "kind"));
                boolean service = (group == null || group.isEmpty()) && (kind == null || kind.equals("Service"));
                if (service) {
                    add(into, object, Use.ROUTE_BACKEND, Nodes.nonEmptyString(Nodes.get(ref, "namespace")),
                            Nodes.string(Nodes.get(ref, "name")),
                            Nodes.portRef(Nodes.get(ref, "port"), "spec.rules.backendRefs.port"));
                }
            }
        }
    }

    /** A {@code clientConfig.service} (or APIService {@code spec.service}): namespace, name and port (443). */
    private static void clientService(KubeObject object, Use use, Node service, List<ServiceReference> into) {
        if (Nodes.isNull(service)) {
            return; // a webhook called by URL, or an API served locally
        }
        PortRef port = Nodes.portRef(Nodes.get(service, "port"), "service.port");
        add(into, object, use, Nodes.nonEmptyString(Nodes.get(service, "namespace")),
                Nodes.string(Nodes.get(service, "name")), port == null ? HTTPS : port);
    }

    private static void add(List<ServiceReference> into, KubeObject from, Use use, String namespace, String name,
                            PortRef port) {
        if (name != null && !name.isEmpty()) {
            into.add(new ServiceReference(from, use, namespace, name, port));
        }
    }

    /** A ServiceMonitor or PodMonitor, or null for other kinds of the group. */
    static Monitor monitor(KubeObject object, Node root) {
        boolean services = "ServiceMonitor".equals(object.kind());
        if (!services && !"PodMonitor".equals(object.kind())) {
            return null;
        }
        Node spec = Nodes.get(root, "spec");
        LabelSelector selector = Nodes.selector(Nodes.get(spec, "selector"), "spec.selector");
        Node namespaces = Nodes.get(spec, "namespaceSelector");
        List<Monitor.Endpoint> endpoints = new ArrayList<>();
        String list = services ? "endpoints" : "podMetricsEndpoints";
        for (Node e : Nodes.list(Nodes.get(spec, list), "spec." + list)) {
            PortRef port = Nodes.portRef(Nodes.get(e, "port"), "spec." + list + ".port");
            if (port == null && !services) {
                port = Nodes.portRef(Nodes.get(e, "portNumber"), "spec." + list + ".portNumber");
            }
            endpoints.add(new Monitor.Endpoint(port,
                    Nodes.portRef(Nodes.get(e, "targetPort"), "spec." + list + ".targetPort")));
        }
        return new Monitor(object, services ? Monitor.Target.SERVICES : Monitor.Target.PODS,
                selector == null ? LabelSelector.EVERYTHING : selector,
                "true".equals(Nodes.string(Nodes.get(namespaces, "any"))),
                Nodes.strings(Nodes.get(namespaces, "matchNames"), "spec.namespaceSelector.matchNames"),
                List.copyOf(endpoints));
    }

    /** A RoleBinding or ClusterRoleBinding, or null for other kinds of the group. */
    static Binding binding(KubeObject object, Node root) {
        if (!"RoleBinding".equals(object.kind()) && !"ClusterRoleBinding".equals(object.kind())) {
            return null;
        }
        List<Binding.Subject> accounts = new ArrayList<>();
        for (Node subject : Nodes.list(Nodes.get(root, "subjects"), "subjects")) {
            String name = Nodes.string(Nodes.get(subject, "name"));
            if ("ServiceAccount".equals(Nodes.string(Nodes.get(subject, "kind"))) && name != null) {
                accounts.add(new Binding.Subject(Nodes.nonEmptyString(Nodes.get(subject, "namespace")), name));
            }
        }
        Node role = Nodes.get(root, "roleRef");
        return new Binding(object, Nodes.string(Nodes.get(role, "kind")) + " " + Nodes.string(Nodes.get(role, "name")),
                List.copyOf(accounts));
    }
}
