package io.netpolguard.model;

import java.util.List;

/**
 * What a workload's pods are given that can name other components: their containers' environment, command and
 * arguments, the ConfigMaps and Secrets they read, and a StatefulSet's governing Service. Read only when the release
 * is segregated.
 *
 * @param containers  the containers and init containers, in order
 * @param volumes     the ConfigMaps and Secrets mounted as volumes (directly or projected)
 * @param serviceName a StatefulSet's {@code spec.serviceName}, through which its pods reach each other; else null
 * @param replicas    {@code spec.replicas} as written; 1 when not written (as Kubernetes defaults it)
 */
public record PodInputs(List<Container> containers, List<ConfigRef> volumes, String serviceName, int replicas) {

    public static final PodInputs NONE = new PodInputs(List.of(), List.of(), null, 1);

    /**
     * One container.
     *
     * @param name    its name
     * @param env     its {@code env}, in order
     * @param envFrom the ConfigMaps and Secrets whose every key it gets as a variable
     * @param command its {@code command}
     * @param args    its {@code args}
     */
    public record Container(String name, List<EnvVar> env, List<ConfigRef> envFrom, List<String> command,
                            List<String> args) {
    }

    /**
     * One {@code env} entry.
     *
     * @param name  the variable
     * @param value its literal value, or null
     * @param ref   the ConfigMap or Secret key it is taken from ({@code configMapKeyRef}, {@code secretKeyRef}), or null
     * @param field the pod field it is taken from ({@code fieldRef.fieldPath}: "metadata.namespace"), or null
     */
    public record EnvVar(String name, String value, ConfigRef ref, String field) {
    }

    /**
     * A ConfigMap or Secret a pod reads.
     *
     * @param secret true for a Secret, false for a ConfigMap
     * @param name   its name
     * @param key    the one key read, or null for every key
     * @param via    how the pod reads it, for messages: "envFrom", "volume config"
     * @param prefix what {@code envFrom} puts before each key to name its variable ({@code prefix}); "" elsewhere
     */
    public record ConfigRef(boolean secret, String name, String key, String via, String prefix) {

        public ConfigRef(boolean secret, String name, String key, String via) {
            this(secret, name, key, via, "");
        }

        /** "ConfigMap shop-config" or "Secret shop-db". */
        public String describe() {
            return (secret ? "Secret " : "ConfigMap ") + name;
        }
    }
}
