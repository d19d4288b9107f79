package io.netpolguard.testing;

/**
 * Kubernetes objects for tests, written as Helm renders them, so that a test spells out only what it is about:
 * <pre>
 *   HelmStream.of("app",
 *           deployment("api").port("http", 8080),
 *           service("api").port("http", 80, "http"),
 *           policy("deny").selectsAll().types("Ingress"))
 * </pre>
 * Each object's {@code toString()} is its document with the {@code ---} separator, so objects also join with
 * {@code +} into a stream without {@code # Source:} lines. The builders change as they are told: build a fresh one
 * where a test needs a variant, rather than sharing one in a constant.
 */
public final class Manifests {

    private Manifests() {
    }

    public static WorkloadYaml deployment(String name) {
        return new WorkloadYaml("apps/v1", "Deployment", name, true);
    }

    public static WorkloadYaml statefulSet(String name) {
        return new WorkloadYaml("apps/v1", "StatefulSet", name, true);
    }

    public static WorkloadYaml daemonSet(String name) {
        return new WorkloadYaml("apps/v1", "DaemonSet", name, true);
    }

    /** A batch/v1 Job: no selector (the API server gives it one). */
    public static WorkloadYaml job(String name) {
        return new WorkloadYaml("batch/v1", "Job", name, false);
    }

    public static ServiceYaml service(String name) {
        return new ServiceYaml(name);
    }

    public static PolicyYaml policy(String name) {
        return new PolicyYaml(name);
    }

    public static DataYaml configMap(String name) {
        return new DataYaml("ConfigMap", name);
    }

    /** A Secret; its data values are given base64-encoded, as in {@code data}. */
    public static DataYaml secret(String name) {
        return new DataYaml("Secret", name);
    }
}
