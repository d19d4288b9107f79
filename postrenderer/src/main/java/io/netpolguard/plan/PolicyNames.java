package io.netpolguard.plan;

import io.netpolguard.model.Workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.Locale;

/** Deterministic names for generated policies, valid as Kubernetes object names and short enough to read. */
final class PolicyNames {

    /** Kubernetes allows 253 characters; 63 keeps names readable and usable as label values too. */
    static final int MAX = 63;
    private static final Pattern NOT_IN_NAME = Pattern.compile("[^a-z0-9.-]");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[-.]+$");

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

    /**
     * The policies with names unique per namespace: a name that two of them would share (a workload named like
     * another's policy suffix, say "web-allow") gets a suffix made from what the policy covers, the same on every run.
     */
    static List<PolicySpec> unique(List<PolicySpec> policies) {
        Set<String> taken = new HashSet<>();
        List<PolicySpec> result = new ArrayList<>(policies.size());
        for (PolicySpec p : policies) {
            String name = p.name();
            if (!taken.add(p.namespace() + "/" + name)) {
                name = fit(name + "-" + sha256(String.join(",", p.covers()) + "\n" + p.hookEvents()).substring(0, 8));
                taken.add(p.namespace() + "/" + name);
                p = new PolicySpec(name, p.namespace(), p.hookEvents(), p.hookWeight(), p.podSelector(), p.ingress(),
                        p.egress(), p.ingressRules(), p.egressRules(), p.covers());
            }
            result.add(p);
        }
        return result;
    }

    /** Lower-cases, replaces what a DNS name cannot hold, and shortens with a hash suffix when too long. */
    static String fit(String name) {
        String clean = NOT_IN_NAME.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
        if (clean.length() <= MAX) {
            return clean;
        }
        String hash = sha256(clean).substring(0, 8);
        String head = TRAILING_PUNCTUATION.matcher(clean.substring(0, MAX - hash.length() - 1)).replaceAll("");
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
