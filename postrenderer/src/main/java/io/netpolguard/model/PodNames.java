package io.netpolguard.model;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names controllers give their pods: the workload's name, a dash, and a suffix of its kind's ({@code db-0} of the
 * StatefulSet db, {@code web-7d4b9c6f5-x2x9z} of the Deployment web). One rule for every reader of a pod's name: the
 * pods of a flow log, and the one pod an address names ({@code db-0.db-headless}).
 */
public final class PodNames {

    /** The suffix each controller gives its pods' names after "name-". */
    private static final Map<String, Pattern> SUFFIXES = Map.of(
            WorkloadKind.DEPLOYMENT, Pattern.compile("[a-z0-9]{1,10}-[a-z0-9]{5}"),
            WorkloadKind.STATEFUL_SET, Pattern.compile("[0-9]+"),
            WorkloadKind.DAEMON_SET, Pattern.compile("[a-z0-9]{5}"),
            WorkloadKind.REPLICA_SET, Pattern.compile("[a-z0-9]{5}"),
            WorkloadKind.REPLICATION_CONTROLLER, Pattern.compile("[a-z0-9]{5}"),
            WorkloadKind.JOB, Pattern.compile("[a-z0-9]{5}"),
            WorkloadKind.CRON_JOB, Pattern.compile("[0-9]+-[a-z0-9]{5}"));
    /** Any other kind that makes pods (an Argo Rollout, a configured kind): a hash or two. */
    private static final Pattern OTHER = Pattern.compile("[a-z0-9]{1,10}(-[a-z0-9]{5})?");

    private PodNames() {
    }

    /** Whether {@code pod} is a name the workload's controller gives one of its pods: its name and its kind's suffix. */
    public static boolean isPodOf(String pod, Workload w) {
        String name = w.name();
        return pod.length() > name.length() + 1 && pod.startsWith(name) && pod.charAt(name.length()) == '-'
                && SUFFIXES.getOrDefault(w.kind(), OTHER).matcher(pod.substring(name.length() + 1)).matches();
    }
}
