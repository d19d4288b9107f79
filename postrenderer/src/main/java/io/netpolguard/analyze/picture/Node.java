package io.netpolguard.analyze.picture;

import java.util.Objects;

/**
 * A workload or a peer.
 *
 * @param id unique among the nodes; what {@link Edge#from()} and {@link Edge#to()} name
 * @param label shown in the node (the id when null)
 * @param groupId the group drawn around it, or null: outside any group
 * @param kind decides the shape and colour
 * @param highlighted part of the release: drawn bold, in the release colour
 */
public record Node(String id, String label, String groupId, Kind kind, boolean highlighted) {

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        label = label == null ? id : label;
    }

    /** What a node stands for. */
    public enum Kind {
        /** A pod-running object: Deployment, StatefulSet, Job, CronJob and the like. */
        WORKLOAD,
        /** An IP range outside the cluster. */
        EXTERNAL,
        /** The ingress controller. */
        INGRESS_CONTROLLER,
        /** Other pods of the cluster, named by what selects them: "any pod of any namespace", "prometheus". */
        CLUSTER_PEER
    }
}
