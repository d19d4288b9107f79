package io.netpolguard.model;

/**
 * A document that sends traffic to a Service: an Ingress or Gateway API route backend, a webhook, an aggregated API.
 *
 * @param from      the referring object
 * @param use       what the reference is for
 * @param namespace the Service's namespace as written; null for the referring object's own namespace
 * @param service   the Service's name
 * @param port      the Service port, by number or name; null when the reference names none
 */
public record ServiceReference(KubeObject from, Use use, String namespace, String service, PortRef port) {

    public enum Use {
        /** {@code networking.k8s.io} Ingress: rules and defaultBackend. */
        INGRESS_BACKEND("Ingress backend"),
        /** {@code gateway.networking.k8s.io} HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute backendRefs. */
        ROUTE_BACKEND("route backend"),
        /** Validating or mutating admission webhook. */
        ADMISSION_WEBHOOK("admission webhook"),
        /** CustomResourceDefinition conversion webhook. */
        CONVERSION_WEBHOOK("conversion webhook"),
        /** APIService (an aggregated API). */
        API_SERVICE("aggregated API");

        private final String description;

        Use(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
