package io.netpolguard.plan;

import io.netpolguard.model.Workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Deterministic names for generated policies, valid as Kubernetes object names and short enough to read. */
final class PolicyNames {

    /** Kubernetes allows 253 characters; 63 keeps names readable and usable as label values too. */
    static final int MAX = 63;

    private PolicyNames() {
    }

    static String forWorkload(Workload w) {
        return fit("netpol-guard-" + workloadLabel(w));
    }

    /** The value of {@code netpol-guard.io/workload}: kind and name, a valid label value of at most 63 characters. */
    static String workloadLabel(Workload w) {
        return fit(w.kind().toLowerCase(Locale.ROOT) + "-" + w.name());
    }

    /** The policy that holds one workload's openings, where a release-wide policy isolates it. */
    static String allowances(Workload w) {
        return fit("netpol-guard-" + workloadLabel(w) + "-allow");
    }

    static String hook(String base) {
        return fit(base + "-hooks");
    }

    /** Lower-cases, replaces what a DNS name cannot hold, and shortens with a hash suffix when too long. */
    static String fit(String name) {
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        if (clean.length() <= MAX) {
            return clean;
        }
        String hash = sha256(clean).substring(0, 8);
        String head = clean.substring(0, MAX - hash.length() - 1).replaceAll("[-.]+$", "");
        return head + "-" + hash;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
