package io.netpolguard.verify;

import io.netpolguard.model.PortRange;
import io.netpolguard.model.Workload;

import java.util.List;

/**
 * A flow the release's documents show and the policies close: an address outside the release that a workload's
 * pods are given, or (segregated) a Service of the release that nothing reaches. Never opened on its own: a warning
 * names it, with the declared flow that would open it.
 *
 * @param kind     what is closed
 * @param workload the workload concerned: the one given the address, or the one behind the Service
 * @param target   the address as written ("https://api.stripe.com"), or the Service's name
 * @param ports    the ports concerned (of the peer for an address, of the pods for a Service); empty when unknown
 * @param where    where the address is written ("env STRIPE_URL of container orders"); for a Service, its ports
 * @param source   the template of the document that shows it, or null
 * @param advice   what it is, and what the user must fill in: one sentence
 * @param declare  the declared flow that would open it, as entries of the configuration's {@code flows:}
 */
public record ClosedFlow(Kind kind, Workload workload, String target, List<PortRange> ports, String where,
                         String source, String advice, String declare) {

    /** What is closed. */
    public enum Kind {
        /** A Service of another namespace or release. */
        SERVICE("service"),
        /** A host outside the cluster. */
        HOST("host"),
        /** An IP address. */
        ADDRESS("address"),
        /** Segregated, a Service of the release that nothing reaches. */
        UNREACHED("unreachedService");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** How the report names it. */
        public String key() {
            return key;
        }

        /** Whether it is an address outside the release (not a Service nothing reaches). */
        public boolean outside() {
            return this != UNREACHED;
        }
    }
}
