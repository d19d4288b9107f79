package io.netpolguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The real tools the GitOps tests run: kubectl's kustomize (v5.7.1 in kubectl 1.35.2, fetched by fetch-helm.sh), the
 * packaged launcher's {@code export} and {@code analyze}, and the shared corpus.
 */
final class GitOps {

    private static Path kubectl;

    private GitOps() {
    }

    /** The kubectl failsafe names (linked by fetch-helm.sh), else whatever fetch-helm.sh provides now. */
    static synchronized Path kubectl() {
        if (kubectl != null) {
            return kubectl;
        }
        String configured = System.getProperty("netpolguard.kubectl");
        Path binary = configured == null || configured.isBlank() ? null : Paths.get(configured);
        if (binary == null || !Files.isExecutable(binary)) {
            Proc.Result r = Proc.run(List.of(E2e.FETCH_SCRIPT.toString(), "kubectl"), Map.copyOf(System.getenv()),
                    E2e.WORK.getParent(), null);
            String line = r.out().lines().filter(l -> l.startsWith("kubectl=")).findFirst().orElse(null);
            if (r.exit() != 0 || line == null) {
                fail("Could not obtain kubectl with " + E2e.FETCH_SCRIPT + ":\n" + r.describe());
            }
            binary = Paths.get(line.substring("kubectl=".length()));
        }
        kubectl = binary;
        return binary;
    }

    /** {@code kubectl kustomize DIR} (with --enable-helm and the given helm, when not null); asserts exit 0. */
    static String kustomize(Path dir, Path helm) {
        List<String> command = new ArrayList<>(List.of(kubectl().toString(), "kustomize"));
        if (helm != null) {
            command.addAll(List.of("--enable-helm", "--helm-command=" + helm));
        }
        command.add(dir.toString());
        Proc.Result r = Proc.run(command, Proc.baseEnv(E2e.WORK), dir, null);
        assertThat(r.exit()).as("kubectl kustomize:\n%s", r.describe()).isZero();
        return r.out();
    }

    /** The launcher with the arguments, stdin from the file (or empty). */
    static Proc.Result netpolGuard(Path workDir, Path stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(E2e.LAUNCHER.toString()));
        command.addAll(List.of(args));
        return Proc.run(command, Proc.baseEnv(E2e.WORK), workDir, stdin);
    }

    /** {@code netpol-guard analyze --exposure}: the connection list and exposure of the manifests in the file. */
    static String connectivity(Path manifests, String namespace) {
        Proc.Result r = netpolGuard(manifests.getParent(), null, "analyze", "--exposure", "--namespace=" + namespace,
                manifests.toString());
        assertThat(r.exit()).as("analyze:\n%s", r.describe()).isZero();
        return r.out();
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a folder tree. */
    static void copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus streams (../shared/corpus) whose names end so, or a skip when the corpus is not beside the checkout. */
    static List<Path> corpus(String suffix) {
        String dir = System.getProperty("netpolguard.corpus", "");
        Assumptions.assumeTrue(!dir.isBlank() && Files.isDirectory(Paths.get(dir)),
                "the shared corpus (../shared/corpus) is not beside this checkout");
        try (Stream<Path> files = Files.list(Paths.get(dir))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every workload's pod labels (an Argo Rollout's too), by "Kind namespace/name" (namespace as written, or "-"). */
    static Map<String, Object> podLabels(Manifests m) {
        Map<String, Object> labels = new TreeMap<>();
        for (Map<String, Object> w : m.docs()) {
            if (!Manifests.WORKLOAD_KINDS.contains(String.valueOf(w.get("kind"))) && !"Rollout".equals(w.get("kind"))) {
                continue;
            }
            String ns = Manifests.str(w, "metadata", "namespace");
            labels.put(w.get("kind") + " " + (ns == null ? "-" : ns) + "/" + Manifests.str(w, "metadata", "name"),
                    new TreeMap<>(Manifests.podLabels(w)));
        }
        return labels;
    }
}
