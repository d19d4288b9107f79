package io.netpolguard.model;

import java.util.Map;

/**
 * An object that creates pods, with the labels its pods will carry.
 *
 * @param object      the object
 * @param podLabels   the pod template's labels (a Pod's own labels)
 * @param labelsPath  where those labels are, e.g. {@code spec.template.metadata.labels}
 * @param slot        where a label can be added, or null when the labels cannot be edited in place
 * @param whyNoSlot   why there is no slot (e.g. the labels are a YAML alias); null when there is one
 * @param selector    the workload's own {@code spec.selector}, or null when its kind has none
 * @param pod         what its pod template says about traffic: ports, service account, host network
 * @param owner       for a Pod, its controlling owner ({@code metadata.ownerReferences} with controller: true); null
 *                    otherwise
 * @param guessedKind where its kind is neither built in nor configured, the kind as netpol-guard made it out from
 *                    the object's pod template ({@link WorkloadKind#guessed}); null otherwise
 */
public record Workload(KubeObject object, Map<String, String> podLabels, String labelsPath, LabelSlot slot,
                       String whyNoSlot, LabelSelector selector, PodSpec pod, Owner owner, WorkloadKind guessedKind) {

    /** A workload of a built-in or configured kind. */
    public Workload(KubeObject object, Map<String, String> podLabels, String labelsPath, LabelSlot slot,
                    String whyNoSlot, LabelSelector selector, PodSpec pod, Owner owner) {
        this(object, podLabels, labelsPath, slot, whyNoSlot, selector, pod, owner, null);
    }

    /**
     * A Pod's controlling owner, as written.
     *
     * @param kind its kind, or null when the reference names none
     * @param name its name
     */
    public record Owner(String kind, String name) {
    }

    // Identity, not the record's generated field-by-field equality: each instance is one place in the stream,
    // and the generated methods would be bootstrapped through invokedynamic on every start.
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** Its pods use the node's network ({@code hostNetwork: true}): NetworkPolicies do not apply to them. */
    public boolean hostNetwork() {
        return pod.hostNetwork();
    }

    public String kind() {
        return object.kind();
    }

    public String name() {
        return object.name();
    }

    public String namespace() {
        return object.namespace();
    }

    public String describe() {
        return object.describe();
    }
}
