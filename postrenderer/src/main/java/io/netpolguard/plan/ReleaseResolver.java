package io.netpolguard.plan;

import io.netpolguard.error.InputException;
import io.netpolguard.config.Words;
import io.netpolguard.model.Labels;
import io.netpolguard.model.Workload;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Finds the release name: the one given, else the one all labelled workloads agree on. */
public final class ReleaseResolver {

    /** Helm's rule (ValidateReleaseName): a DNS subdomain of at most 53 characters. */
    private static final Pattern NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private ReleaseResolver() {
    }

    /** In the post-renderer's words. */
    public static String resolve(String given, List<Workload> workloads) {
        return resolve(given, workloads, Words.POST_RENDERER);
    }

    public static String resolve(String given, List<Workload> workloads, Words words) {
        if (given != null) {
            return validated(given, "The release name \"" + given + "\"", words.releaseInvalid());
        }
        String inferred = infer(workloads, words);
        return validated(inferred, "The release name \"" + inferred + "\" inferred from the label "
                + Labels.INSTANCE, words.releaseUnknown());
    }

    private static String validated(String name, String what, String suggestion) {
        if (!NAME.matcher(name).matches() || name.length() > 53) {
            throw new InputException(what + " is not a valid Helm release name (lower-case"
                    + " letters, digits, '-' and '.', at most 53 characters).", suggestion);
        }
        return name;
    }

    private static String infer(List<Workload> workloads, Words words) {
        Map<String, TreeSet<String>> byValue = new TreeMap<>();
        for (Workload w : workloads) {
            String value = w.podLabels().getOrDefault(Labels.INSTANCE, w.object().labels().get(Labels.INSTANCE));
            if (value != null && !value.isEmpty()) {
                byValue.computeIfAbsent(value, v -> new TreeSet<>()).add(w.describe());
            }
        }
        if (byValue.size() == 1) {
            return byValue.keySet().iterator().next();
        }
        String reason = byValue.isEmpty()
                ? "no workload carries the label " + Labels.INSTANCE
                : "the workloads disagree on the label " + Labels.INSTANCE + ": " + byValue;
        throw new InputException("netpol-guard cannot tell the release name: " + reason + ".", words.releaseUnknown());
    }
}
