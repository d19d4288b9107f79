package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.model.KubeObject;

/**
 * Why a generated rule is there.
 *
 * @param kind     what opened it: an allowance, declared flows, segregation's uses, or the isolation itself
 *                 ({@link Allowance#RELEASE}, {@link Allowance#DNS})
 * @param why      one sentence, e.g. "its service account cert-manager is bound by ClusterRoleBinding ..."
 * @param cause    the document that caused it; null when the configuration or the isolation itself did
 * @param allPorts whether it opens every port of a Service because the address that shows it gives none (its why
 *                 says {@link #ALL_PORTS}): the widest guesses, which {@code --explain} shows first
 */
public record Reason(Allowance kind, String why, KubeObject cause, boolean allPorts) {

    /** How a reason says that the address gives no port, so that every port of the Service is open. */
    public static final String ALL_PORTS = "all ports (no port given)";

    public Reason(Allowance kind, String why, KubeObject cause) {
        this(kind, why, cause, false);
    }

    /** The template file of the cause, from Helm's {@code # Source:} comment; null when unknown. */
    public String source() {
        return cause == null ? null : cause.source();
    }

    /** "apiServer: its service account ... (cert-manager/templates/rbac.yaml)". */
    public String describe() {
        String source = source();
        return kind.key() + ": " + why + (source == null ? "" : " (" + source + ")");
    }
}
