package io.netpolguard.model;

import java.util.Map;

/**
 * An object that creates pods, with the labels its pods will carry.
 *
 * <p>A workload is one place in the stream, not a value: two are the same only when they are the same instance
 * (the default {@code equals}), however alike their documents.
 */
public final class Workload {

    private final KubeObject object;
    private final Map<String, String> podLabels;
    private final String labelsPath;
    private final LabelSlot slot;
    private final String whyNoSlot;
    private final LabelSelector selector;
    private final PodSpec pod;
    private final Owner owner;
    private final WorkloadKind guessedKind;

    /**
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
    public Workload(KubeObject object, Map<String, String> podLabels, String labelsPath, LabelSlot slot,
                    String whyNoSlot, LabelSelector selector, PodSpec pod, Owner owner, WorkloadKind guessedKind) {
        this.object = object;
        this.podLabels = podLabels;
        this.labelsPath = labelsPath;
        this.slot = slot;
        this.whyNoSlot = whyNoSlot;
        this.selector = selector;
        this.pod = pod;
        this.owner = owner;
        this.guessedKind = guessedKind;
    }

    /** A workload of a built-in or configured kind. */
    public Workload(KubeObject object, Map<String, String> podLabels, String labelsPath, LabelSlot slot,
                    String whyNoSlot, LabelSelector selector, PodSpec pod, Owner owner) {
        this(object, podLabels, labelsPath, slot, whyNoSlot, selector, pod, owner, null);
    }

    public KubeObject object() {
        return object;
    }

    public Map<String, String> podLabels() {
        return podLabels;
    }

    public String labelsPath() {
        return labelsPath;
    }

    public LabelSlot slot() {
        return slot;
    }

    public String whyNoSlot() {
        return whyNoSlot;
    }

    public LabelSelector selector() {
        return selector;
    }

    public PodSpec pod() {
        return pod;
    }

    public Owner owner() {
        return owner;
    }

    public WorkloadKind guessedKind() {
        return guessedKind;
    }

    /**
     * A Pod's controlling owner, as written.
     *
     * @param kind its kind, or null when the reference names none
     * @param name its name
     */
    public record Owner(String kind, String name) {
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
