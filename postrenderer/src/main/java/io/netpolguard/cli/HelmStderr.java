package io.netpolguard.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Helm 4 discards a plugin's stderr and reports only "plugin exited with error". When netpol-guard runs as a
 * Helm 4 plugin (Helm sets HELM_PLUGIN_NAME), its messages are also written to Helm's own stderr, so the
 * user sees why in a terminal and in a CI log alike.
 */
final class HelmStderr {

    private HelmStderr() {
    }

    static void copyForHelm4(String message, Map<String, String> env) {
        if (env.get("HELM_PLUGIN_NAME") == null) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            return;
        }
        try (FileOutputStream helm = new FileOutputStream("/proc/" + parent.get().pid() + "/fd/2", true)) {
            helm.write(message.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            // Not Linux, or not allowed: stderr is all there is.
        }
    }
}
