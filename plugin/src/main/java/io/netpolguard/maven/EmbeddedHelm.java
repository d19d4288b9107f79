package io.netpolguard.maven;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Helm 3 embedded through helm-java (a Go shared library loaded with JNA): no helm binary needed.
 * Like `helm template --skip-crds` without hooks: helm-java leaves out hook resources and the chart's crds/ folder.
 * The chart is copied under the work folder first, since Helm's dependency update writes into the chart.
 */
public final class EmbeddedHelm implements ChartRenderer {

    /** One render at a time per class loader: Helm keeps process-wide state (environment, caches). */
    private static final Object LOCK = new Object();

    @Override
    public String render(Request request) {
        Path copy = request.workDir().resolve("chart");
        try {
            Files2.copyTree(request.chart(), copy);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the chart " + request.chart() + " to " + copy, e);
        }
        synchronized (LOCK) {
            try {
                TemplateCommand template = new Helm(copy).template().withName(request.release());
                if (request.namespace() != null) {
                    template.withNamespace(request.namespace());
                }
                if (request.kubeVersion() != null) {
                    template.withKubeVersion(request.kubeVersion());
                }
                for (Path values : request.valuesFiles()) {
                    template.withValuesFile(values.toAbsolutePath());
                }
                for (Map.Entry<String, String> e : request.values().entrySet()) {
                    template.set(e.getKey(), e.getValue());
                }
                if (hasDependencies(copy)) {
                    template.dependencyUpdate();
                }
                return template.skipCrds().call();
            } catch (IllegalStateException e) {
                // helm-java reports Helm's errors as IllegalStateException with Helm's message.
                throw new RenderException(e.getMessage(), e);
            }
        }
    }

    private static boolean hasDependencies(Path chart) {
        try {
            return Files.readString(chart.resolve("Chart.yaml")).lines()
                    .anyMatch(l -> l.startsWith("dependencies:"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "embedded Helm 3 (helm-java; hooks and crds/ are not rendered)";
    }
}
