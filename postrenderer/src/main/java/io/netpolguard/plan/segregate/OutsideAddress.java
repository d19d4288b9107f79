package io.netpolguard.plan.segregate;

import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Workload;

/**
 * An address a workload's pods are given that points outside the release: a Service of another namespace or
 * release, a host outside the cluster, or an IP address. Whether the policies close it is judged later.
 *
 * @param workload  the workload whose pods are given it
 * @param kind      what it names
 * @param text      the address as the value writes it, without user, password or path: "https://api.stripe.com"
 * @param host      the host: the Service's name, the host name, or the IP address
 * @param namespace for a Service, its namespace; else null
 * @param port      the port written with it, the port another setting gives it, or its scheme's; 0 when none
 * @param where     where it is written: "env STRIPE_URL of container orders", "key app.yaml of ConfigMap web (...)"
 * @param document  the document it is written in: the workload's, or the ConfigMap's or Secret's
 */
public record OutsideAddress(Workload workload, Kind kind, String text, String host, String namespace, int port,
                            String where, KubeObject document) {

    /** What an address outside the release names. */
    public enum Kind {
        /** A Service of another namespace or release: {@code name.ns}, {@code name.ns.svc[.cluster.local]}. */
        SERVICE,
        /** A host name outside the cluster, whose addresses netpol-guard cannot know. */
        HOST,
        /** An IPv4 address. */
        IP
    }
}
