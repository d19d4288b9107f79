package io.netpolguard.analyze;

import io.netpolguard.model.Direction;

import java.util.List;

/**
 * Which workloads can be reached from, or can reach, peers that are not in the input: any pod of the cluster
 * ("entire-cluster"), addresses outside it, or pods a rule selects that no input pod matches. A workload selected by
 * no policy in a direction is exposed to everything in that direction ("not protected").
 *
 * @param egress      what workloads can reach, sorted by workload and target
 * @param ingress     what can reach workloads, sorted by workload and source
 * @param unprotected the workloads selected by no policy in a direction, sorted by their text
 */
public record Exposure(List<Line> egress, List<Line> ingress, List<Unprotected> unprotected) {

    public Exposure {
        egress = List.copyOf(egress);
        ingress = List.copyOf(ingress);
        unprotected = List.copyOf(unprotected);
    }

    /**
     * One exposure of a workload.
     *
     * @param workload    the workload
     * @param direction   egress: the workload reaches {@code other}; ingress: {@code other} reaches the workload
     * @param other       the peer outside the input
     * @param connections what is allowed, np-guard's text (named ports that cannot be resolved stay names)
     */
    public record Line(Peer workload, Direction direction, Other other, String connections) {
    }

    /**
     * A peer outside the input.
     *
     * @param kind          what it is
     * @param name          as np-guard prints it: "entire-cluster", "0.0.0.0-255.255.255.255[External]",
     *                      "[all namespaces]/[pod with {k8s-app=kube-dns}]", "hello-world/[all pods]"
     * @param namespacePart for a representative: its namespaces ("[all namespaces]", "hello-world"); null otherwise
     * @param podPart       for a representative: its pods ("[all pods]", "[pod with {app=x}]"); null otherwise
     */
    public record Other(Kind kind, String name, String namespacePart, String podPart) {

        public enum Kind { ENTIRE_CLUSTER, EXTERNAL, REPRESENTATIVE }
    }

    /**
     * @param workload  a workload that no policy selects in this direction
     * @param direction the direction
     */
    public record Unprotected(Peer workload, Direction direction) {

        /** "ns/web[Deployment] is not protected on Ingress". */
        public String line() {
            return workload.name() + " is not protected on " + direction.wireName();
        }
    }
}
