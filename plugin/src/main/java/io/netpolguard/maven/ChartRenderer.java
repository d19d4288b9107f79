package io.netpolguard.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Turns a Helm chart into the manifest stream `helm template` would print. */
public interface ChartRenderer {

    /**
     * @throws RenderException when Helm cannot render the chart
     */
    String render(Request request);

    /** A short description for the log and the report, e.g. "embedded Helm 3 (helm-java)". */
    String describe();

    /**
     * @param chart       the chart directory
     * @param release     the release name
     * @param namespace   the release namespace, or null for Helm's default
     * @param valuesFiles values files, in order (later ones win)
     * @param values      --set values, in order (they win over the files)
     * @param kubeVersion the Kubernetes version templates see (.Capabilities.KubeVersion), or null
     * @param workDir     a folder this renderer may write into (a copy of the chart, dependency downloads)
     */
    record Request(Path chart, String release, String namespace, List<Path> valuesFiles, Map<String, String> values,
                   String kubeVersion, Path workDir) {
    }

    /** Helm could not render the chart; the message is Helm's own. */
    final class RenderException extends RuntimeException {
        private final String suggestion;

        public RenderException(String message, Throwable cause) {
            this(message, cause, null);
        }

        /** @param suggestion what to do when the fault is not the chart's (a helm that cannot run); else null */
        public RenderException(String message, Throwable cause, String suggestion) {
            super(message, cause);
            this.suggestion = suggestion;
        }

        /** What to do when the fault is not the chart's; null when it is. */
        public String suggestion() {
            return suggestion;
        }
    }
}
